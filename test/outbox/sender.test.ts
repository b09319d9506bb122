import { expect, it } from 'vitest';
import { renderText } from '../../adapters/console/render.js';
import { createRegistry } from '../../src/features/index.js';
import { argInput } from '../../src/kernel/args.js';
import { defineCommand } from '../../src/kernel/command.js';
import { PermanentDeliveryError, RateLimited, UserError } from '../../src/kernel/errors.js';
import { ephemeral, inChannel, paragraph } from '../../src/kernel/reply.js';
import { conversationOf } from '../../src/kernel/types.js';
import type { HarnessOptions } from '../harness.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeSchedulerChannel } from '../helpers/scheduler-channel.js';

const T0 = '2026-12-01T15:00:00.000Z';
const plus = (ms: number) => new Date(Date.parse(T0) + ms);
const iso = (ms: number) => plus(ms).toISOString();

/** A stand-in for `escalate` / `ack`: posts a card under a message key, or updates it in place. */
const card = defineCommand({
  id: 'test.card',
  path: ['card'],
  usage: 'card <post|update> <n> <text…> [fail]',
  summary: 'test',
  permission: 'anyone',
  requiresSetup: true,
  args: argInput.transform((input) => {
    const [op, n, ...rest] = input.words.map((w) => w.text);
    return { op: op!, n: n!, text: rest.filter((w) => w !== 'fail').join(' '), fail: rest.includes('fail') };
  }),
  async run(ctx, a) {
    if (a.op === 'post')
      await ctx.post(inChannel(paragraph(a.text)), { idempotencyKey: `card:${a.n}`, messageKey: `card:${a.n}` });
    else await ctx.updatePost(`card:${a.n}`, inChannel(paragraph(a.text)));
    if (a.fail) throw new UserError('no');
    return ephemeral(paragraph('ok'));
  },
});

async function harness(options: HarnessOptions = {}) {
  const h = await makeSchedulerChannel({ start: T0, commands: [...createRegistry().all, card], ...options });
  const conversation = conversationOf(h.seeded);
  const say = async (text: string) =>
    renderText(
      await h.bot.handle({
        conversation,
        actor: { platform: conversation.platform, userId: 'U1', name: 'alice' },
        text,
      }),
    );
  const queue = (text: string, key = text, to = conversation) =>
    h.store.transaction((tx) =>
      tx.outbox.enqueuePost(
        { conversation: to, reply: inChannel(paragraph(text)), idempotencyKey: key },
        h.clock.now(),
      ),
    );
  const row = async (key: string) =>
    (await h.rows('select state, attempts, last_error as "lastError" from outbox where idempotency_key = ?', key))[0];
  const times = () => h.chat.delivered.map((d) => `${d.at.toISOString()} ${d.op} ${d.text}`);
  return { ...h, conversation, say, queue, row, times };
}

describeEachDialect('outbox: posts written with the change, delivered after it', () => {
  it(
    'a command’s post is delivered after its reply; a failed command queues nothing; a reused idempotency key ' +
      'posts once',
    async () => {
      const h = await harness();
      expect(await h.say('card post 1 ESC-1 opened')).toBe('ok');
      expect(h.chat.delivered).toEqual([]); // nothing is sent inside the transaction
      await h.say('card post 2 ESC-2 opened fail');
      await h.say('card post 1 ESC-1 opened again');
      await h.sender.drain();
      expect(h.chat.texts()).toEqual(['ESC-1 opened']);
    },
  );

  it('retries a failing delivery with exponential backoff and the injected jitter, then delivers', async () => {
    const draws = [0, 0.75];
    const h = await harness({ sender: { random: () => draws.shift() ?? 0, retry: { baseDelayMs: 2_000 } } });
    await h.queue('hello');
    h.chat.failures.push(new Error('HTTP 500'), new Error('HTTP 502'));
    await h.advanceTo(plus(60_000));
    // 1st retry: 2 s × (½ + ½·0) = 1 s later; 2nd: 4 s × (½ + ½·0.75) = 3.5 s after that.
    expect(h.chat.tried.map((t) => t.at.toISOString())).toEqual([iso(0), iso(1_000), iso(4_500)]);
    expect(h.times()).toEqual([`${iso(4_500)} post hello`]);
    expect(await h.row('hello')).toEqual({ state: 'sent', attempts: 3, lastError: null });
  });

  it('honours Retry-After: neither that post nor the next one to the conversation goes before it', async () => {
    const h = await harness();
    await h.queue('first');
    await h.queue('second');
    h.chat.failures.push(new RateLimited(30_000));
    await h.advanceTo(plus(29_999));
    expect(h.chat.tried.map((t) => t.text)).toEqual(['first']);
    await h.advanceTo(plus(60_000));
    expect(h.times()).toEqual([`${iso(30_000)} post first`, `${iso(31_000)} post second`]);
  });

  it('a permanent error fails the post at once; it shows in status with its error', async () => {
    const h = await harness();
    await h.queue('Morning handoff for Tue');
    h.chat.failures.push(new PermanentDeliveryError('channel_not_found'));
    await h.advanceTo(plus(3_600_000));
    expect(h.chat.tried).toHaveLength(1);
    expect(await h.row('Morning handoff for Tue')).toMatchObject({ state: 'failed', lastError: 'channel_not_found' });
    expect(await h.say('status')).toContain(
      'Failed posts: “Morning handoff for Tue” (queued Tue 1 Dec 2026 10:00 EST, 1 attempt) — channel_not_found',
    );
  });

  it('after its attempt limit a post is failed, shown by status, and the rest of the channel flows on', async () => {
    const h = await harness({ sender: { retry: { maxAttempts: 3 } } });
    await h.queue('doomed');
    h.chat.failures.push(new Error('HTTP 500'), new Error('HTTP 500'), new Error('HTTP 500'));
    await h.advanceTo(plus(60_000));
    expect(h.chat.tried).toHaveLength(3);
    expect(await h.row('doomed')).toMatchObject({ state: 'failed', lastError: 'gave up after 3 attempts: HTTP 500' });
    const status = await h.say('status');
    expect(status).toContain('Outbox: every post has been delivered');
    expect(status).toContain(
      '“doomed” (queued Tue 1 Dec 2026 10:00 EST, 3 attempts) — gave up after 3 attempts: HTTP 500',
    );
    await h.queue('next');
    await h.advanceTo(plus(120_000));
    expect(h.chat.texts()).toEqual(['next']);
  });

  it('after its time limit a post is failed even if attempts remain', async () => {
    const h = await harness({ sender: { retry: { maxAttempts: 100, maxAgeMs: 60_000, baseDelayMs: 20_000 } } });
    await h.queue('slow');
    for (let i = 0; i < 10; i++) h.chat.failures.push(new Error('HTTP 503'));
    await h.advanceTo(plus(10 * 60_000));
    // Delays 15 s, 30 s, 60 s (jitter ½): the failure at 105 s is past the one-minute limit.
    expect(h.chat.tried.map((t) => t.at.getTime() - Date.parse(T0))).toEqual([0, 15_000, 45_000, 105_000]);
    expect(await h.row('slow')).toMatchObject({
      state: 'failed',
      attempts: 4,
      lastError: 'gave up after 4 attempts: HTTP 503',
    });
  });

  it(
    'an update waits until its post is delivered, then replaces that message; only the newest pending update is ' +
      'sent',
    async () => {
      const h = await harness();
      await h.say('card post 7 ESC-7 open');
      await h.say('card update 7 ESC-7 acknowledged by bob');
      await h.say('card update 7 ESC-7 resolved by bob');
      h.chat.failures.push(new Error('HTTP 500')); // the post fails once
      await h.advanceTo(plus(60_000));
      expect(h.chat.tried.map((t) => `${t.op} ${t.text}`)).toEqual([
        'post ESC-7 open',
        'post ESC-7 open',
        'update ESC-7 resolved by bob',
      ]);
      const [post, update] = h.chat.delivered;
      expect(update).toMatchObject({ op: 'update', id: post!.id });
    },
  );

  it('an update whose post could not be delivered fails too, saying why', async () => {
    const h = await harness();
    await h.say('card post 8 ESC-8 open');
    await h.say('card update 8 ESC-8 acknowledged');
    h.chat.failures.push(new PermanentDeliveryError('not_in_channel'));
    await h.advanceTo(plus(60_000));
    expect(h.chat.delivered).toEqual([]);
    const rows = await h.rows('select op, state, last_error as "lastError" from outbox order by id');
    expect(rows).toEqual([
      { op: 'post', state: 'failed', lastError: 'not_in_channel' },
      { op: 'update', state: 'failed', lastError: 'the post it updates could not be delivered' },
    ]);
  });

  it('paces each Slack channel to one message a second, channels independently', async () => {
    const h = await harness();
    const other = { platform: 'slack' as const, channelId: 'C2' };
    await h.queue('a1');
    await h.queue('a2');
    await h.queue('b1', 'b1', other);
    await h.queue('a3');
    await h.advanceTo(plus(10_000));
    expect(
      h.chat.delivered.map((d) => `${d.conversation.channelId} ${d.text} +${d.at.getTime() - Date.parse(T0)}ms`),
    ).toEqual(['C1 a1 +0ms', 'C2 b1 +0ms', 'C1 a2 +1000ms', 'C1 a3 +2000ms']);
  });

  it('paces Teams at seven a second per conversation; the pace is a per-platform setting', async () => {
    const teams = await harness({ platform: 'teams' });
    for (const t of ['t1', 't2', 't3']) await teams.queue(t);
    await teams.advanceTo(plus(5_000));
    expect(teams.chat.delivered.map((d) => d.at.getTime() - Date.parse(T0))).toEqual([0, 143, 286]);

    const fast = await harness({ sender: { pacingMs: { slack: 250 } } });
    for (const t of ['s1', 's2']) await fast.queue(t);
    await fast.advanceTo(plus(5_000));
    expect(fast.chat.delivered.map((d) => d.at.getTime() - Date.parse(T0))).toEqual([0, 250]);
  });

  it('two senders on one database never send the same row, nor two rows to one conversation at once', async () => {
    const h = await harness();
    await h.queue('x');
    await h.queue('y');
    let unblock!: () => void;
    const blocked = new Promise<void>((r) => (unblock = r));
    h.chat.before = (_op, text) => (text === 'x' ? blocked : undefined);
    const other = h.senderThrough(h.chat, { owner: 'other', random: Math.random });
    const first = h.sender.drain();
    // x is now being sent by the first sender
    while (h.chat.tried.length === 0) await new Promise((r) => setImmediate(r));
    expect(await other.drain()).toBe(0);
    unblock();
    await first;
    h.clock.advance(5_000);
    await other.drain();
    await h.sender.drain();
    expect(h.chat.texts()).toEqual(['x', 'y']);
  });
});
