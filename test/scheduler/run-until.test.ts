import { expect, it } from 'vitest';
import { CONSOLE_CONVERSATION, ConsoleChat } from '../../adapters/console/index.js';
import { ConsoleSession } from '../../adapters/console/session.js';
import { formatLocal } from '../../src/domain/zoned-time.js';
import { createRegistry } from '../../src/features/index.js';
import { argInput } from '../../src/kernel/args.js';
import { defineCommand } from '../../src/kernel/command.js';
import { silentLogger } from '../../src/kernel/logger.js';
import { ephemeral, inChannel, paragraph } from '../../src/kernel/reply.js';
import { createSimulatedBackground } from '../../src/scheduler/background.js';
import { notePost, TEST_KINDS } from '../fixtures/scheduler-kinds.js';
import { makeHarness } from '../harness.js';
import { describeEachDialect } from '../helpers/dialects.js';

/** A stand-in for `escalate`: replies to the asker, posts a card, and schedules a one-off re-notification. */
const open = defineCommand({
  id: 'test.open',
  path: ['open'],
  usage: 'open <text>',
  summary: 'test',
  permission: 'anyone',
  requiresSetup: true,
  args: argInput.transform((input) => ({ text: input.rest })),
  async run(ctx, { text }) {
    await ctx.post(inChannel(paragraph(`Card: ${text}`)), { idempotencyKey: `open:${text}` });
    await ctx.store.jobs.schedule(
      notePost.newJob(ctx.channel.id, {
        dueAt: new Date(ctx.now.getTime() + 60 * 60_000),
        payload: { text: `${text} is still open` },
        occurrenceKey: `open:${text}:1`,
      }),
      ctx.now,
    );
    return ephemeral(paragraph(`Opened ${text}`));
  },
});

/** The console face as `npm start` wires it, on simulated time, over the harness's store, clock and bot. */
async function consoleWith(start: string) {
  const h = await makeHarness({
    start,
    channelId: CONSOLE_CONVERSATION.channelId,
    seed: true,
    kinds: TEST_KINDS,
    commands: [...createRegistry().all, open],
  });
  const { store, clock, bot } = h;
  const lines: string[] = [];
  const out = (t: string) => lines.push(t);
  const chat = new ConsoleChat(out, async () => formatLocal(clock.now(), 'America/New_York'));
  const background = await createSimulatedBackground({
    store,
    clock,
    log: silentLogger,
    adapters: new Map([['console', chat]]),
    kinds: h.jobKinds,
  });
  const session = new ConsoleSession(
    {
      bot,
      clock,
      store,
      conversation: CONSOLE_CONVERSATION,
      out,
      advanceTo: background.runUntil,
      afterCommand: background.flush,
    },
    'alice',
  );
  return { session, lines };
}

describeEachDialect('console: simulated time runs the scheduler', () => {
  it(
    'prints a command’s post right after its reply, and each scheduled post at its own time during ' + ':advance',
    async () => {
      const c = await consoleWith('2026-11-27T21:00:00Z'); // Fri 16:00 EST
      await c.session.handleLine('open ESC-1');
      await c.session.handleLine(':advance 3d');
      expect(c.lines).toEqual([
        'Tandem (only you see this):\n  Opened ESC-1',
        '[Fri 27 Nov 2026 16:00 EST] Tandem posted:\n  Card: ESC-1',
        '[Fri 27 Nov 2026 17:00 EST] Tandem posted:\n  ESC-1 is still open',
        '[Mon 30 Nov 2026 08:00 EST] Tandem posted:\n  Good morning: daily post for 2026-11-30',
        '(the time is now Mon 30 Nov 2026 16:00 EST)',
      ]);
    },
  );

  it('status lists what comes next in the channel’s local time', async () => {
    const c = await consoleWith('2026-11-27T21:00:00Z');
    await c.session.handleLine('open ESC-2');
    c.lines.length = 0;
    await c.session.handleLine('status');
    expect(c.lines[0]).toContain(
      'Next scheduled: Fri 27 Nov 2026 17:00 EST — note\n      Mon 30 Nov 2026 08:00 EST — daily post',
    );
    expect(c.lines[0]).toContain('Outbox: every post has been delivered');
  });
});
