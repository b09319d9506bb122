/**
 * The one test harness: Tandem on simulated time, as a test needs it. An SQLite database with the
 * real migrations (in memory, or a file to restart on), a ManualClock, the core (every feature's
 * commands and job kinds, or the ones a test brings), the real Scheduler, and the real OutboxSender
 * delivering into a recording face of the chosen platform. Commands are said as a person; simulated
 * time runs the jobs and deliveries due on the way. Every test that needs the core starts here.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderText } from '../adapters/console/render.js';
import type { Db } from '../db/client.js';
import { createCore } from '../src/app/create-core.js';
import type { Channel } from '../src/domain/model.js';
import { localToInstant, parseIsoDate, parseMinuteOfDay } from '../src/domain/zoned-time.js';
import { CoreHookInbox, createJobKinds, createRegistry } from '../src/features/index.js';
import { Bot } from '../src/kernel/bot.js';
import { ManualClock } from '../src/kernel/clock.js';
import type { AnyCommandSpec } from '../src/kernel/command.js';
import { type AnyJobKind, JobKindRegistry } from '../src/kernel/job-kind.js';
import { type Logger, silentLogger } from '../src/kernel/logger.js';
import type { ChatAdapter } from '../src/kernel/ports/chat.js';
import type { IntegrationClient, IntegrationDirectory } from '../src/kernel/ports/integrations.js';
import type { Store } from '../src/kernel/ports/store.js';
import type { PostingLimits } from '../src/kernel/posting-limits.js';
import { CommandRegistry } from '../src/kernel/registry.js';
import type { Reply } from '../src/kernel/reply.js';
import type { ConversationRef, Platform } from '../src/kernel/types.js';
import { OutboxSender, type SenderOptions } from '../src/outbox/sender.js';
import { plannerFor } from '../src/scheduler/planning.js';
import { runUntil } from '../src/scheduler/run-until.js';
import { Scheduler, type SchedulerOptions } from '../src/scheduler/scheduler.js';
import { type Dialect, harnessDatabase, type TestDb } from './helpers/dialects.js';
import type { JobRow } from './helpers/job-row.js';
import { faceText, platformPacingMs, RecordingChat } from './helpers/recording-chat.js';

export type { JobRow };

import { addChannel } from './helpers/add-channel.js';

export { addChannel };

/** The set-up line most tests start from: Acme and its MSP Northwind, with both team handles. */
export function setupLine(timezone = 'America/New_York'): string {
  return `setup org:Acme msp:Northwind tz:${timezone} internal:@it-team msp-team:@noc`;
}

/** The usual set-up, in New York. */
export const SETUP = setupLine();

export interface HarnessOptions {
  /** An instant (`…Z`) or a local time `YYYY-MM-DDTHH:MM` in `timezone`; Mon 30 Nov 2026 10:00 EST by default. */
  start?: string | Date;
  /** The zone local times given to the harness are read in; New York by default. */
  timezone?: string;
  /** The face commands come from and posts go to; the console by default. */
  platform?: Platform;
  /** The conversation's id on that platform; `C1` by default. */
  channelId?: string;
  /** A database file (to restart on), `temp` for one in a fresh directory; in memory by default. */
  dbPath?: string;
  /** An open database to use instead (the test closes it). */
  db?: Db;
  /**
   * The database's dialect: that of the describeEachDialect block, else SQLite. PostgreSQL is this test file's
   * database, emptied first.
   */
  dialect?: Dialect;
  /** The clock of another harness: a second process on the same machine. */
  clock?: ManualClock;
  /** The face of another harness: what the channel saw stays in one place across processes. */
  chat?: RecordingChat;
  /** A face to deliver through instead of the recording one (which then receives nothing). */
  face?: ChatAdapter;
  log?: Logger;
  /** Commands instead of every feature's (the registry a test brings). */
  commands?: readonly AnyCommandSpec[];
  /** Job kinds instead of every feature's. */
  kinds?: readonly AnyJobKind[];
  /** Whether the sender keeps the platform's pace (1 s a message on Slack); off by default. */
  pacing?: boolean;
  scheduler?: Partial<SchedulerOptions>;
  sender?: Partial<SenderOptions>;
  busyPatienceMs?: number;
  postingLimits?: PostingLimits /** the product's defaults when absent */;
  /** A channel row for the conversation, made directly (no setup command); `seeded` returns it. */
  seed?: boolean | { timezone?: string };
  /** A line alice says first, e.g. SETUP. */
  setup?: string;
  /** Whether saying something also runs the jobs and deliveries due by then; on by default. */
  runAfterCommand?: boolean;
  /** Tandem's administrators (TANDEM_ADMINS), as `platform:userId`. */
  admins?: readonly string[];
  /** Configured integrations: what commands see, and the clients the sender delivers their events through. */
  integrations?: { directory: IntegrationDirectory; clients: ReadonlyMap<string, IntegrationClient> };
  /** TANDEM_PUBLIC_URL, for page links and the charts of reminders; none by default. */
  publicUrl?: string;
}

/** One Tandem process over one database: the parts a restart replaces. */
function boot(o: HarnessOptions, conn: TestDb, clock: ManualClock, chat: RecordingChat) {
  const { store } = conn;
  const log = o.log ?? silentLogger;
  const patience = {
    ...(o.busyPatienceMs === undefined ? {} : { busyPatienceMs: o.busyPatienceMs }),
    ...(o.admins ? { admins: new Set(o.admins) } : {}),
    ...(o.postingLimits ? { postingLimits: o.postingLimits } : {}),
    pacingMs: () => (o.pacing ? platformPacingMs(chat.platform) : 0),
    ...(o.integrations ? { integrations: o.integrations.directory } : {}),
    ...(o.publicUrl ? { publicUrl: o.publicUrl } : {}),
  };
  let core: ReturnType<typeof createCore>;
  if (o.commands || o.kinds) {
    const registry = o.commands ? new CommandRegistry(o.commands) : createRegistry();
    const jobKinds = o.kinds ? new JobKindRegistry(o.kinds) : createJobKinds();
    const bot = new Bot({ store, clock, log, registry, jobKinds, planner: plannerFor(jobKinds), ...patience });
    core = { registry, jobKinds, bot, hooks: new CoreHookInbox({ store, clock, log }) };
  } else core = createCore({ store, clock, log, ...patience });
  const scheduler = new Scheduler({ store, clock, log, kinds: core.jobKinds, publicUrl: o.publicUrl, ...o.scheduler });
  const face = o.face ?? chat;
  const sender = new OutboxSender({
    store,
    clock,
    log,
    adapters: new Map([[face.platform, face]]),
    random: () => 0.5,
    ...(o.integrations ? { integrations: o.integrations.clients } : {}),
    ...o.sender,
  });
  return { conn, store, ...core, scheduler, sender };
}

/** Tandem on simulated time, as the options ask; see HarnessOptions. Close it when done. */
export async function makeHarness(options: HarnessOptions = {}) {
  const o = options;
  const platform = o.chat?.platform ?? o.platform ?? 'console';
  const timezone = o.timezone ?? 'America/New_York';
  let path = o.dbPath === 'temp' ? join(mkdtempSync(join(tmpdir(), 'tandem-')), 'tandem.db') : (o.dbPath ?? ':memory:');
  /** An instant from `…Z` (or an offset), or from a local `YYYY-MM-DDTHH:MM` in the harness's zone. */
  const instant = (at: string | Date): Date => {
    if (at instanceof Date) return at;
    if (/(Z|[+-]\d\d:\d\d)$/.test(at)) return new Date(at);
    const [d, t] = at.split('T');
    return localToInstant(parseIsoDate(d!)!, parseMinuteOfDay(t!)!, timezone);
  };
  const clock = o.clock ?? new ManualClock(instant(o.start ?? '2026-11-30T15:00:00Z'));
  const chat = o.chat ?? new RecordingChat(platform, clock, o.pacing ? platformPacingMs(platform) : 0);
  chat.clock = clock;
  const conversation: ConversationRef = { platform, channelId: o.channelId ?? 'C1' };
  const log = o.log ?? silentLogger;
  // A PostgreSQL URL as dbPath: another process on that database (otherProcess), not a fresh one.
  const first = await harnessDatabase(o, path, !path.startsWith('postgres'));
  path = first.location;
  let p = boot(o, first, clock, chat);
  const runDue = () => runUntil({ clock, scheduler: p.scheduler, sender: p.sender }, clock.now());
  const handle = (who: string, text: string): Promise<Reply> =>
    p.bot.handle({ conversation, actor: { platform, userId: who, name: who }, text });
  const findChannel = () => p.store.channels.find(conversation);
  let seeded: Channel | null = null;

  const h = {
    clock,
    chat,
    platform,
    conversation,
    timezone,
    /** The database file, or `:memory:`, or the PostgreSQL database's URL. */
    path,
    dialect: first.dialect,
    instant,
    /** The SQLite database (throws on PostgreSQL: use `rows`). */
    get db(): Db {
      return p.conn.sqlite;
    },
    /** Raw SQL with `?` placeholders, on either dialect. */
    rows: <T = Record<string, unknown>>(text: string, ...params: unknown[]) => p.conn.rows<T>(text, ...params),
    get store(): Store {
      return p.store;
    },
    get bot(): Bot {
      return p.bot;
    },
    /** Inbound hooks into the core (what POST /hooks/<name> calls after its checks). */
    get hooks(): CoreHookInbox {
      return p.hooks;
    },
    get registry(): CommandRegistry {
      return p.registry;
    },
    get jobKinds(): JobKindRegistry {
      return p.jobKinds;
    },
    get scheduler(): Scheduler {
      return p.scheduler;
    },
    get sender(): OutboxSender {
      return p.sender;
    },
    /** The channel made by `seed`. */
    get seeded(): Channel {
      if (!seeded) throw new Error('this harness seeded no channel');
      return seeded;
    },
    /** Sends a line as `who`, then (unless turned off) runs and delivers what is due; returns the asker's reply. */
    async say(who: string, text: string): Promise<Reply> {
      const reply = await handle(who, text);
      if (o.runAfterCommand !== false) await runDue();
      return reply;
    },
    /** `say`, with the reply as the console prints it. */
    async sayText(who: string, text: string): Promise<string> {
      return renderText(await h.say(who, text));
    },
    /** Sends a line as `who` and runs nothing after it. */
    handle,
    /** Moves simulated time to `to`, running the jobs and deliveries due on the way. */
    advanceTo: (to: string | Date) => runUntil({ clock, scheduler: p.scheduler, sender: p.sender }, instant(to)),
    advance: (minutes: number) => h.advanceTo(new Date(clock.now().getTime() + minutes * 60_000)),
    /** Runs the jobs and deliveries due now. */
    runDue,
    /** Sets the clock and runs nothing: the process is down in between. */
    jumpTo(at: string | Date): void {
      clock.set(instant(at));
    },
    /** Runs the jobs due now but delivers nothing, as a process that dies right after its jobs committed. */
    tick: () => p.scheduler.tick(clock.now()),
    /** Delivers what may go now, running no job. */
    drain: () => p.sender.drain(),
    planAll: () => p.scheduler.planAll(),
    /** A second sender over this store, delivering through `face` (a real platform's chat, another process's). */
    senderThrough: (face: ChatAdapter, overrides: Partial<SenderOptions> = {}) =>
      new OutboxSender({ store: p.store, clock, log, adapters: new Map([[face.platform, face]]), ...overrides }),
    /** The conversation's channel as stored now. */
    async channel(): Promise<Channel> {
      const c = await findChannel();
      if (!c) throw new Error('the channel is not set up');
      return c;
    },
    /** The conversation's channel, or null before setup. */
    findChannel,
    /** A channel row made directly, as setup would leave it (Acme / Northwind, Mon–Fri 08:00–17:00). */
    addChannel: (externalId = conversation.channelId, tz = timezone) =>
      addChannel(p.store, clock, platform, externalId, tz),
    /** Posts (not updates) delivered so far, in order; with `match`, those whose text has it. */
    posts: (match?: string | RegExp) => chat.posts(match),
    /** The card of ESC-seq as it stands in the channel now, and how often it was updated. */
    card(seq: number) {
      const post = chat.posts().find((d) => {
        const first = d.reply.blocks[0];
        return first?.kind === 'header' && first.text.startsWith(`ESC-${seq} ·`);
      });
      if (!post) return null;
      const updates = chat.delivered.filter((d) => d.op === 'update' && d.id === post.id).length;
      return { id: post.id, reply: chat.messages.get(post.id)!, updates };
    },
    /** The card of ESC-seq as the face shows it, flattened to one string. */
    cardText(seq: number): string | null {
      const c = h.card(seq);
      return c ? faceText(platform, c.reply) : null;
    },
    /** The jobs of a kind, soonest first. */
    jobs: (kind: string) =>
      p.conn.rows<{ key: string; state: string; dueAt: number; result: string | null }>(
        'select occurrence_key as key, state, due_at as "dueAt", result from jobs where kind = ? order by due_at, id',
        kind,
      ),
    jobByKey: async (key: string) => (await p.conn.rows<JobRow>('select * from jobs where occurrence_key = ?', key))[0],
    /** Another process on the same database file, clock and channel face, for races between two. */
    otherProcess: () => makeHarness({ ...o, dbPath: path, db: undefined, clock, chat, seed: false, setup: undefined }),
    /** Stops this process and starts another on the same file (at `at`, down meanwhile), which plans and runs. */
    async restart(at?: string | Date): Promise<void> {
      await h.close();
      if (at !== undefined) clock.set(instant(at));
      p = boot({ ...o, db: undefined }, await harnessDatabase({ ...o, db: undefined }, path, false), clock, chat);
      await p.scheduler.planAll();
      await runDue();
    },
    /** Stops this process; its database connection is closed (synchronously on SQLite) unless the test's own. */
    async close(): Promise<void> {
      p.scheduler.stop();
      p.sender.stop();
      await p.bot.close();
      if (!o.db) await p.conn.close();
    },
  };
  if (o.seed) {
    const tz = typeof o.seed === 'object' ? o.seed.timezone : undefined;
    seeded = await h.addChannel(conversation.channelId, tz);
  }
  if (o.setup) await h.say('alice', o.setup);
  return h;
}

export type Harness = Awaited<ReturnType<typeof makeHarness>>;
