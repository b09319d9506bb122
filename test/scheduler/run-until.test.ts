import { describe, expect, it } from 'vitest';
import { CONSOLE_CONVERSATION, ConsoleChat } from '../../adapters/console/index.js';
import { ConsoleSession } from '../../adapters/console/session.js';
import { openDb } from '../../db/client.js';
import { createStore } from '../../db/store.js';
import { formatLocal } from '../../src/domain/zoned-time.js';
import { createRegistry } from '../../src/features/index.js';
import { argInput } from '../../src/kernel/args.js';
import { Bot } from '../../src/kernel/bot.js';
import { ManualClock } from '../../src/kernel/clock.js';
import { defineCommand } from '../../src/kernel/command.js';
import { JobKindRegistry } from '../../src/kernel/job-kind.js';
import { silentLogger } from '../../src/kernel/logger.js';
import { CommandRegistry } from '../../src/kernel/registry.js';
import { ephemeral, inChannel, paragraph } from '../../src/kernel/reply.js';
import { createSimulatedBackground } from '../../src/scheduler/background.js';
import { plannerFor } from '../../src/scheduler/planning.js';
import { notePost, TEST_KINDS } from '../fixtures/scheduler-kinds.js';
import { addChannel } from '../helpers/scheduler-harness.js';

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

async function consoleWith(start: string) {
  const store = createStore(openDb(':memory:'));
  const clock = new ManualClock(new Date(start));
  await addChannel(store, clock, 'console', CONSOLE_CONVERSATION.channelId);
  const lines: string[] = [];
  const out = (t: string) => lines.push(t);
  const kinds = new JobKindRegistry(TEST_KINDS);
  const chat = new ConsoleChat(out, async () => formatLocal(clock.now(), 'America/New_York'));
  const background = await createSimulatedBackground({
    store,
    clock,
    log: silentLogger,
    adapters: new Map([['console', chat]]),
    kinds,
  });
  const registry = new CommandRegistry([...createRegistry().all, open]);
  const bot = new Bot({ store, clock, log: silentLogger, registry, jobKinds: kinds, planner: plannerFor(kinds) });
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

describe('console: simulated time runs the scheduler', () => {
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
