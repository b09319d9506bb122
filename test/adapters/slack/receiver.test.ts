import { request } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { SLACK_BODY_LIMIT } from '../../../adapters/slack/http-receiver.js';
import { SIGNING_SECRET, type SlackFaceHarness } from '../../helpers/hardening-faces.js';
import { slackEndpoint } from '../../helpers/slack-endpoint.js';
import { signature } from '../../helpers/slack-requests.js';

/**
 * What Slack's endpoint answers besides a command, through the real Bolt stack on the shared server:
 * Slack's own checks (url_verification, ssl_check) are answered; what Slack never sends (another method,
 * another content type, a body over the limit, a forged signature) is refused, and no command runs.
 */
describe('the Slack endpoint /slack/events', () => {
  const BOB = { id: 'UBOB', name: 'bob' };
  const form = 'application/x-www-form-urlencoded';
  const endpoint = slackEndpoint();
  let h: SlackFaceHarness;
  beforeAll(() => {
    h = endpoint.h;
  });

  /** Sends what must be refused; no command may run and nothing may change. Its status and body. */
  async function refused(send: (body: string) => Promise<Response>): Promise<[number, unknown]> {
    const { status, text } = await endpoint.refused(send);
    return [status, text ? JSON.parse(text) : text];
  }

  it('answers a command with 200 and its reply, also with a query string on the path', async () => {
    const handled = h.handled.length;
    const { body } = h.slashPayload(BOB, 'who owns backups');
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`${h.baseUrl}/slack/events?from=slack`, {
      method: 'POST',
      headers: {
        'content-type': form,
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': signature(SIGNING_SECRET, ts, body),
      },
      body,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('backup') });
    expect(h.handled.length).toBe(handled + 1);
  });

  it('refuses another method with 405 and says POST is allowed; another path is not found', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await fetch(`${h.baseUrl}/slack/events`, { method });
      expect([res.status, res.headers.get('allow'), await res.json()]).toEqual([
        405,
        'POST',
        { error: 'method not allowed' },
      ]);
    }
    const other = await fetch(`${h.baseUrl}/slack/events/extra`, { method: 'POST', body: 'x' });
    expect([other.status, await other.json()]).toEqual([404, { error: 'not found' }]);
  });

  it('refuses a forged signature with 401, saying no more than that', async () => {
    expect(await refused((body) => h.post(body, form, { secret: 'not-the-signing-secret' }))).toEqual([
      401,
      { error: 'unauthorized' },
    ]);
  });

  it('refuses a content type Slack never sends with 415, even correctly signed', async () => {
    expect(await refused((body) => h.post(body, 'text/plain'))).toEqual([415, { error: 'unsupported content type' }]);
    expect(await refused((body) => h.post(body, 'multipart/form-data; boundary=x'))).toEqual([
      415,
      { error: 'unsupported content type' },
    ]);
  });

  it('refuses a signed body that is not what its content type says with 400', async () => {
    expect(await refused(() => h.post('refused request', 'application/json'))).toEqual([
      400,
      { error: 'the request could not be read' },
    ]);
  });

  it('refuses a body over the limit with 413 before reading it, and keeps answering', async () => {
    const big = `${h.slashPayload(BOB, 'who owns backups').body}&pad=${'x'.repeat(SLACK_BODY_LIMIT)}`;
    expect(await refused(() => h.post(big, form))).toEqual([413, { error: 'the request body is too large' }]);
    expect((await h.ask(BOB, 'who owns backups')).reply).not.toBeNull();
  });

  it('refuses a body streamed without a length once it passes the limit, with 413', async () => {
    const handled = h.handled.length;
    let answered = false;
    const status = await new Promise<number>((resolve, reject) => {
      const ts = Math.floor(Date.now() / 1000);
      const req = request(`${h.baseUrl}/slack/events`, {
        method: 'POST',
        headers: {
          'content-type': form,
          'transfer-encoding': 'chunked',
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': `v0=${'0'.repeat(64)}`,
        },
      });
      req.on('response', (res) => {
        answered = true;
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      // The server may close the connection while the client is still sending.
      req.on('error', (err) => (answered ? undefined : reject(err)));
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      const more = () => {
        while (sent <= SLACK_BODY_LIMIT + chunk.length) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', more);
        }
        req.end();
      };
      more();
    });
    expect(status).toBe(413);
    expect(h.handled.length).toBe(handled);
    expect((await h.ask(BOB, 'who owns backups')).reply).not.toBeNull();
  });

  it('answers Slack’s url_verification challenge when signed, and refuses it unsigned', async () => {
    const body = JSON.stringify({ token: 'legacy', challenge: 'c-3po', type: 'url_verification' });
    const res = await h.post(body, 'application/json');
    expect([res.status, await res.json()]).toEqual([200, { challenge: 'c-3po' }]);
    const forged = await h.post(body, 'application/json', { secret: 'not-the-signing-secret' });
    expect(forged.status).toBe(401);
  });

  it('answers Slack’s ssl_check without a signature, and runs nothing smuggled in with it', async () => {
    const smuggled = new URLSearchParams({ ssl_check: '1', token: 'legacy' }).toString();
    const plain = await fetch(`${h.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': form },
      body: smuggled,
    });
    expect([plain.status, await plain.text()]).toEqual([200, '']);
    const [status] = await refused((body) =>
      fetch(`${h.baseUrl}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': form },
        body: `ssl_check=1&${body}`,
      }),
    );
    expect(status).toBe(200);
  });

  it('logs why a request was refused, never the signing secret or what a refused request carried', async () => {
    const logged = JSON.stringify(h.log.records);
    expect(logged).toContain('signature mismatch');
    expect(logged).not.toContain(SIGNING_SECRET);
    expect(logged).not.toContain('refused request');
  });

  // Last: stopping is for good.
  it('refuses every request once the face has stopped, with 503, and /healthz says it waits for Slack', async () => {
    await h.face.stop();
    expect(await refused((body) => h.post(body, form))).toEqual([503, { error: 'not ready' }]);
    const health = await fetch(`${h.baseUrl}/healthz`);
    expect([health.status, await health.json()]).toEqual([503, { ok: false, waiting_for: ['slack'] }]);
  });
});
