import { beforeAll, describe, expect, it } from 'vitest';
import type { SlackFaceHarness } from '../helpers/hardening-faces.js';
import { slackEndpoint } from '../helpers/slack-endpoint.js';

/**
 * Only Slack may talk to /slack/events: a request must be signed with the signing secret over its
 * exact body, and stamped within five minutes of now, either way. Anything else is refused with
 * 401 before a command runs.
 */
describe('Slack request signatures', () => {
  const BOB = { id: 'UBOB', name: 'bob' };
  const now = () => Math.floor(Date.now() / 1000);
  const endpoint = slackEndpoint();
  let h: SlackFaceHarness;
  beforeAll(() => {
    h = endpoint.h;
  });

  /** Sends an escalation in a way that must be refused; nothing may change. */
  const refused = async (send: (body: string) => Promise<Response>) => (await endpoint.refused(send)).status;

  const form = 'application/x-www-form-urlencoded';

  it('refuses a request signed with another secret', async () => {
    expect(await refused((body) => h.post(body, form, { secret: 'not-the-signing-secret' }))).toBe(401);
  });

  it('refuses a body changed after signing', async () => {
    expect(
      await refused((body) => {
        const ts = now();
        return fetch(`${h.baseUrl}/slack/events`, {
          method: 'POST',
          headers: {
            'content-type': form,
            'x-slack-request-timestamp': String(ts),
            'x-slack-signature': `v0=${'0'.repeat(64)}`,
          },
          body,
        });
      }),
    ).toBe(401);
  });

  it('refuses a request without a signature or a timestamp', async () => {
    expect(
      await refused((body) =>
        fetch(`${h.baseUrl}/slack/events`, { method: 'POST', headers: { 'content-type': form }, body }),
      ),
    ).toBe(401);
  });

  it('refuses a correctly signed request stamped more than five minutes ago (a replay)', async () => {
    expect(await refused((body) => h.post(body, form, { timestamp: now() - 5 * 60 - 30 }))).toBe(401);
  });

  it('refuses a correctly signed request stamped more than five minutes ahead', async () => {
    expect(await refused((body) => h.post(body, form, { timestamp: now() + 5 * 60 + 30 }))).toBe(401);
    expect(await refused((body) => h.post(body, form, { timestamp: now() + 24 * 60 * 60 }))).toBe(401);
  });

  it('accepts a correctly signed request stamped four minutes either side of now', async () => {
    for (const skew of [-240, 240]) {
      const handled = h.handled.length;
      const { body } = h.slashPayload(BOB, 'who owns backups');
      expect((await h.post(body, form, { timestamp: now() + skew })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 50));
      await expect.poll(() => h.handled.length).toBe(handled + 1);
    }
  });
});
