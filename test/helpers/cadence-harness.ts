import { renderText } from '../../adapters/console/render.js';
import { openDb } from '../../db/client.js';
import { createStore } from '../../db/store.js';
import { createCore } from '../../src/app/create-core.js';
import { ManualClock } from '../../src/kernel/clock.js';
import { silentLogger } from '../../src/kernel/logger.js';
import type { ChatAdapter, PostedMessage } from '../../src/kernel/ports/chat.js';
import type { Reply } from '../../src/kernel/reply.js';
import type { ConversationRef } from '../../src/kernel/types.js';
import { OutboxSender } from '../../src/outbox/sender.js';
import { runUntil } from '../../src/scheduler/run-until.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';

/** What the channel saw: each post as the console prints it, with the simulated time it arrived. */
export class PostLog implements ChatAdapter {
  readonly platform = 'console' as const;
  readonly posts: { at: Date; text: string }[] = [];
  #next = 1;
  constructor(public now: () => Date) {}

  async post(_c: ConversationRef, reply: Reply): Promise<PostedMessage> {
    this.posts.push({ at: this.now(), text: renderText(reply) });
    return { platformMessageId: `m${this.#next++}` };
  }

  async update(): Promise<void> {}

  /** Posts whose first line names a sync reminder, e.g. `Monthly operational review — in 1 day`. */
  reminders(): { at: Date; text: string }[] {
    return this.posts.filter((p) =>
      /^== (Weekly tactical sync|Monthly operational review|Quarterly strategic review) — in /.test(p.text),
    );
  }
}

export const SETUP = 'setup org:Acme msp:Northwind tz:America/New_York internal:@it-team msp-team:@noc';

/**
 * One process of Tandem on simulated time: commands through the bot, reminders through the real
 * scheduler and outbox. Give `dbPath` to restart on the same database (and `log` to keep what the
 * channel saw across the restart).
 */
export function startTandem(options: { start: string; dbPath?: string; log?: PostLog }) {
  const db = openDb(options.dbPath ?? ':memory:');
  const store = createStore(db);
  const clock = new ManualClock(new Date(options.start));
  const { bot, jobKinds } = createCore({ store, clock, log: silentLogger });
  const log = options.log ?? new PostLog(() => clock.now());
  log.now = () => clock.now();
  const scheduler = new Scheduler({ store, clock, log: silentLogger, kinds: jobKinds });
  const sender = new OutboxSender({
    store,
    clock,
    log: silentLogger,
    adapters: new Map([['console', log]]),
    random: () => 0.5,
    pacingMs: { console: 0 },
  });
  const conversation: ConversationRef = { platform: 'console', channelId: 'C1' };
  const advanceTo = (to: Date | string) =>
    runUntil({ clock, scheduler, sender }, typeof to === 'string' ? new Date(to) : to);
  const say = async (who: string, text: string): Promise<string> => {
    const reply = await bot.handle({ conversation, actor: { platform: 'console', userId: who, name: who }, text });
    await advanceTo(clock.now());
    return renderText(reply);
  };
  const channel = async () => (await store.channels.find(conversation))!;
  /** The cadence reminder jobs of the channel: key, state and result. */
  const reminderJobs = () =>
    db.$client
      .prepare(
        "select occurrence_key as key, state, result, due_at as dueAt from jobs where kind = 'cadence-reminder' " +
          'order by due_at, id',
      )
      .all() as { key: string; state: string; result: string | null; dueAt: number }[];
  const close = () => {
    scheduler.stop();
    sender.stop();
    db.$client.close();
  };
  return {
    db,
    store,
    clock,
    bot,
    log,
    scheduler,
    sender,
    say,
    advanceTo,
    channel,
    reminderJobs,
    close,
    planAll: () => scheduler.planAll(),
  };
}

export type Tandem = ReturnType<typeof startTandem>;
