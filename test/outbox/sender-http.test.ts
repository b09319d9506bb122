import { afterEach, expect, it } from 'vitest';
import { renderText } from '../../adapters/console/render.js';
import { inChannel, paragraph } from '../../src/kernel/reply.js';
import { conversationOf } from '../../src/kernel/types.js';
import type { RetryPolicy } from '../../src/outbox/sender.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeSchedulerChannel } from '../helpers/scheduler-channel.js';
import { FakePlatformServer, LoopbackChat } from '../helpers/scheduler-fake-platform.js';

const T0 = Date.parse('2026-12-01T15:00:00Z');
const servers: FakePlatformServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function setup(retry: Partial<RetryPolicy> = {}) {
  const server = new FakePlatformServer();
  servers.push(server);
  const url = await server.start();
  const h = await makeSchedulerChannel({
    start: new Date(T0).toISOString(),
    face: new LoopbackChat('slack', url),
    sender: { retry },
  });
  const { sender } = h;
  const conversation = conversationOf(h.seeded);
  const advanceTo = (ms: number) => h.advanceTo(new Date(T0 + ms));
  const status = async () =>
    renderText(
      await h.bot.handle({ conversation, actor: { platform: 'slack', userId: 'U1', name: 'alice' }, text: 'status' }),
    );
  return { ...h, server, sender, conversation, advanceTo, status };
}

describeEachDialect('outbox against a fake platform on loopback', () => {
  it(
    'waits out a 429 Retry-After, retries a 500 with backoff, delivers, and later updates the ' + 'message it posted',
    async () => {
      const h = await setup({ baseDelayMs: 2_000 });
      h.server.script.push(
        { status: 429, headers: { 'retry-after': '20' }, body: { ok: false, error: 'ratelimited' } },
        { status: 500 },
      );
      await h.store.transaction((tx) =>
        tx.outbox.enqueuePost(
          {
            conversation: h.conversation,
            reply: inChannel(paragraph('ESC-3 opened')),
            idempotencyKey: 'esc:3',
            messageKey: 'escalation:3',
          },
          h.clock.now(),
        ),
      );

      await h.advanceTo(19_999);
      expect(h.server.requests).toHaveLength(1);
      await h.advanceTo(20_000);
      expect(h.server.requests).toHaveLength(2); // the 500
      await h.advanceTo(60_000);
      expect(h.server.requests.map((r) => r.path)).toEqual(['/post', '/post', '/post']);
      expect(h.server.requests.every((r) => r.body.text === 'ESC-3 opened')).toBe(true);

      await h.store.transaction((tx) =>
        tx.outbox.enqueueUpdate(
          'escalation:3',
          h.conversation,
          inChannel(paragraph('ESC-3 acknowledged')),
          h.clock.now(),
        ),
      );
      await h.advanceTo(120_000);
      expect(h.server.requests.at(-1)).toEqual({
        path: '/update',
        body: { conversation: 'C1', id: 'P1', text: 'ESC-3 acknowledged' },
      });
      expect(await h.status()).toContain('Failed posts: none');
    },
  );

  it('marks a post failed after its limit when the platform keeps answering 500, and status says so', async () => {
    const h = await setup({ maxAttempts: 4 });
    h.server.fallback = { status: 500 };
    await h.store.transaction((tx) =>
      tx.outbox.enqueuePost(
        {
          conversation: h.conversation,
          reply: inChannel(paragraph('Weekly sync in 15 minutes')),
          idempotencyKey: 'r1',
        },
        h.clock.now(),
      ),
    );
    await h.advanceTo(3_600_000);
    expect(h.server.requests).toHaveLength(4);
    const status = await h.status();
    expect(status).toContain(
      '“Weekly sync in 15 minutes” (queued Tue 1 Dec 2026 10:00 EST, 4 attempts) — gave up after 4 attempts: HTTP ' +
        '500 from the platform',
    );
  });

  it('a 4xx the platform will not accept fails at once, without retries', async () => {
    const h = await setup();
    h.server.fallback = { status: 404, body: { ok: false, error: 'channel_not_found' } };
    await h.store.transaction((tx) =>
      tx.outbox.enqueuePost(
        { conversation: h.conversation, reply: inChannel(paragraph('hi')), idempotencyKey: 'h' },
        h.clock.now(),
      ),
    );
    await h.advanceTo(3_600_000);
    expect(h.server.requests).toHaveLength(1);
    expect(await h.status()).toContain('— HTTP 404: channel_not_found');
  });
});
