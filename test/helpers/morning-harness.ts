import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderText } from '../../adapters/console/render.js';
import { type Db, openDb } from '../../db/client.js';
import { createStore } from '../../db/store.js';
import { createCore } from '../../src/app/create-core.js';
import { localToInstant, parseIsoDate, parseMinuteOfDay } from '../../src/domain/zoned-time.js';
import { ManualClock } from '../../src/kernel/clock.js';
import { silentLogger } from '../../src/kernel/logger.js';
import type { ChatAdapter, PostedMessage } from '../../src/kernel/ports/chat.js';
import type { Store } from '../../src/kernel/ports/store.js';
import type { Reply } from '../../src/kernel/reply.js';
import type { ConversationRef } from '../../src/kernel/types.js';
import { OutboxSender } from '../../src/outbox/sender.js';
import { runUntil } from '../../src/scheduler/run-until.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';

export interface Posted {
  at: Date;
  op: 'post' | 'update';
  text: string;
  reply: Reply;
}

/** The channel's face: keeps every post and update with the time it arrived. */
export class RecordingChat implements ChatAdapter {
  readonly platform = 'console' as const;
  readonly sent: Posted[] = [];
  #next = 1;
  constructor(public now: () => Date) {}

  async post(_c: ConversationRef, reply: Reply): Promise<PostedMessage> {
    this.sent.push({ at: this.now(), op: 'post', text: renderText(reply), reply });
    return { platformMessageId: `m${this.#next++}` };
  }

  async update(_c: ConversationRef, _id: string, reply: Reply): Promise<void> {
    this.sent.push({ at: this.now(), op: 'update', text: renderText(reply), reply });
  }

  /** Posts (not card updates) whose text contains `needle`. */
  posts(needle = ''): Posted[] {
    return this.sent.filter((p) => p.op === 'post' && p.text.includes(needle));
  }
}

const CONVERSATION: ConversationRef = { platform: 'console', channelId: 'c1' };

/**
 * One Tandem process over a database file: the bot, the scheduler and the outbox sender, on a
 * simulated clock. `restart` stops this process and starts another on the same file, as after a
 * crash or a deploy; the face (the channel) stays the same, so posts of both processes are in `chat`.
 */
export function startTandem(options: { at: string; timezone?: string; dir?: string }) {
  const path = join(options.dir ?? mkdtempSync(join(tmpdir(), 'tandem-morning-')), 'tandem.db');
  const timezone = options.timezone ?? 'America/New_York';
  const clock = new ManualClock(new Date(0));
  const chat = new RecordingChat(() => clock.now());
  let process = boot();
  clock.set(local(options.at));

  function boot() {
    const db: Db = openDb(path);
    const store: Store = createStore(db);
    const { bot, jobKinds } = createCore({ store, clock, log: silentLogger });
    const scheduler = new Scheduler({ store, clock, log: silentLogger, kinds: jobKinds });
    const sender = new OutboxSender({
      store,
      clock,
      log: silentLogger,
      adapters: new Map([['console', chat]]),
      random: () => 0.5,
    });
    return { db, store, bot, scheduler, sender };
  }

  /** A local wall time `YYYY-MM-DDTHH:MM` in the channel's timezone. */
  function local(text: string): Date {
    const [d, t] = text.split('T');
    return localToInstant(parseIsoDate(d!)!, parseMinuteOfDay(t!)!, timezone);
  }

  const tandem = {
    clock,
    chat,
    timezone,
    path,
    local,
    get store() {
      return process.store;
    },
    get db() {
      return process.db;
    },
    /** Says a command line as `who`, then delivers what it queued; returns the reply as text. */
    async say(who: string, line: string): Promise<string> {
      const reply = await process.bot.handle({
        conversation: CONVERSATION,
        actor: { platform: 'console', userId: who, name: who },
        text: line,
      });
      await runUntil({ clock, scheduler: process.scheduler, sender: process.sender }, clock.now());
      return renderText(reply);
    },
    async sayReply(who: string, line: string): Promise<Reply> {
      return process.bot.handle({
        conversation: CONVERSATION,
        actor: { platform: 'console', userId: who, name: who },
        text: line,
      });
    },
    /** Moves the clock to a local time, running what falls due on the way (the process is up). */
    async advanceTo(at: string): Promise<void> {
      await runUntil({ clock, scheduler: process.scheduler, sender: process.sender }, local(at));
    },
    /** Sets the clock without running anything: the process is down in between. */
    jumpTo(at: string): void {
      clock.set(local(at));
    },
    /**
     * Stops this process, jumps to `at` (down meanwhile) and starts a new one on the same file, which plans and runs
     * what is due.
     */
    async restartAt(at: string): Promise<void> {
      process.db.$client.close();
      clock.set(local(at));
      process = boot();
      await process.scheduler.planAll();
      await runUntil({ clock, scheduler: process.scheduler, sender: process.sender }, clock.now());
    },
    /** Runs the jobs due now but delivers nothing, as a process that dies right after its jobs committed. */
    async tickWithoutDelivery(): Promise<void> {
      await process.scheduler.tick(clock.now());
    },
    /** Another process on the same database file and the same channel face, for races between two. */
    secondProcess() {
      const other = boot();
      return {
        run: () => runUntil({ clock, scheduler: other.scheduler, sender: other.sender }, clock.now()),
        tick: () => other.scheduler.tick(clock.now()),
        drain: () => other.sender.drain(),
        close: () => other.db.$client.close(),
      };
    },
    /** The morning posts the channel received. */
    morningPosts(): Posted[] {
      return chat.posts('Morning handoff');
    },
    jobs(kind = 'morning-post') {
      return process.db.$client
        .prepare(
          'select occurrence_key as key, state, due_at as dueAt, result from jobs where kind = ? order by due_at, id',
        )
        .all(kind) as { key: string; state: string; dueAt: number; result: string | null }[];
    },
    close(): void {
      process.db.$client.close();
    },
  };
  return tandem;
}

export type Tandem = ReturnType<typeof startTandem>;

/** A set-up channel (Acme / Northwind, the internal team @it-team) with alice as its manager. */
export async function startSetUpTandem(options: { at: string; timezone?: string; dir?: string }): Promise<Tandem> {
  const t = startTandem(options);
  await t.say('alice', `setup org:Acme msp:Northwind tz:${t.timezone} internal:@it-team msp-team:@noc`);
  return t;
}
