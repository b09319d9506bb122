import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_ID, fixture, startTeamsFace, type TeamsHarness } from '../../helpers/teams-face.js';

const FIXTURE_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TENANT = '0d5c1f2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
const APP = { MICROSOFT_APP_ID: '0b0b0b0b-1111-2222-3333-444444444444', MICROSOFT_APP_PASSWORD: 'not-a-real-secret' };

let h: TeamsHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** POSTs a raw body to the messaging endpoint; returns the status and the body as text. */
async function post(base: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** What an error answer must never show: a stack, a file path, the parser's or botbuilder's own words. */
function expectShortJson(answer: { type: string; text: string }) {
  expect(answer.type).toMatch(/^application\/json/);
  expect(answer.text.length).toBeLessThan(80);
  expect(answer.text).not.toMatch(/ at |\/work\/|node_modules|SyntaxError|<html|botframework|ENOTFOUND/i);
}

describe('the Teams messaging endpoint answers errors briefly', () => {
  it('a malformed JSON body gets 400 and a too-large one 413, as short JSON before anything else', async () => {
    h = await startTeamsFace(APP);
    const bad = await post(h.base, '{"type": "message", oops');
    expect(bad.status).toBe(400);
    expectShortJson(bad);
    const large = await post(h.base, JSON.stringify({ type: 'message', text: 'x'.repeat(2_000_000) }));
    expect(large.status).toBe(413);
    expectShortJson(large);
  });

  it('a token that cannot be verified gets a short answer; what failed goes to the log', async () => {
    // The Bot Framework's OpenID metadata, on loopback, failing as an outage would.
    const metadata = createServer((req, res) => {
      const port = (metadata.address() as AddressInfo).port;
      if (req.url === '/openid') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `http://127.0.0.1:${port}/keys` }));
      } else res.writeHead(500).end('upstream exploded at /srv/keys');
    });
    await new Promise<void>((r) => metadata.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}/openid`;
    try {
      h = await startTeamsFace(APP, { authEndpoints: { ToBotFromChannelOpenIdMetadataUrl: url } });
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const token = `${b64({ alg: 'RS256', kid: 'k1', typ: 'JWT' })}.${b64({
        iss: 'https://api.botframework.com',
        aud: APP.MICROSOFT_APP_ID,
        exp: Math.floor(Date.now() / 1000) + 600,
      })}.c2lnbmF0dXJl`;
      const answer = await post(h.base, JSON.stringify(fixture('channel-message')), {
        authorization: `Bearer ${token}`,
      });
      expect(answer.status).toBe(401);
      expectShortJson(answer);
      expect(answer.text).not.toContain('upstream');
      expect(h.log.lines.some((l) => l.level === 'warn' && /Teams request refused/.test(l.msg ?? ''))).toBe(true);
      expect(h.connector.calls).toEqual([]);
    } finally {
      await new Promise((r) => metadata.close(r));
    }
  });
});

describe('Teams tenants', () => {
  it('refuses, and logs, an activity from a tenant that is not allowed; nothing is stored or answered', async () => {
    h = await startTeamsFace({ TEAMS_ALLOW_UNAUTHENTICATED: '1', TEAMS_ALLOWED_TENANTS: OTHER_TENANT });
    expect(
      await h.say({ id: '29:1eve', name: 'Eve', aadObjectId: 'e0e0e0e0-0000-4000-8000-000000000000' }, 'help'),
    ).toBe(403);
    expect(h.connector.calls).toEqual([]);
    expect(await h.store.conversations.find({ platform: 'teams', channelId: CHANNEL_ID })).toBeNull();
    const warning = h.log.lines.find((l) => l.level === 'warn' && /tenant that is not allowed/.test(l.msg ?? ''));
    expect(warning?.obj).toMatchObject({ tenants: [FIXTURE_TENANT, FIXTURE_TENANT] });
  });

  it('answers the allowed tenants: the app’s own and those listed, in any case', async () => {
    h = await startTeamsFace({
      TEAMS_ALLOW_UNAUTHENTICATED: '1',
      TEAMS_ALLOWED_TENANTS: `${OTHER_TENANT}, ${FIXTURE_TENANT.toUpperCase()}`,
    });
    expect(await h.deliver(fixture('channel-message', { text: '<at>Tandem</at> help' }))).toBe(200);
    expect(h.connector.calls.length).toBeGreaterThan(0);
  });

  it('an activity that names no tenant is refused when tenants are configured', async () => {
    h = await startTeamsFace({ TEAMS_ALLOW_UNAUTHENTICATED: '1', TEAMS_ALLOWED_TENANTS: FIXTURE_TENANT });
    const activity = fixture('channel-message');
    const conversation = { ...(activity.conversation as object), tenantId: undefined };
    expect(await h.deliver({ ...activity, conversation, channelData: {} })).toBe(403);
  });

  it('a tenant id that is not a GUID stops startup, naming the variable', async () => {
    await expect(
      startTeamsFace({ TEAMS_ALLOW_UNAUTHENTICATED: '1', TEAMS_ALLOWED_TENANTS: 'contoso' }),
    ).rejects.toThrow(/GUID/);
  });
});
