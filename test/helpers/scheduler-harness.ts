import { renderText } from '../../adapters/console/render.js';
import { openDb } from '../../db/client.js';
import { createStore } from '../../db/store.js';
import { type Channel, DEFAULT_ACK_TIMEOUTS } from '../../src/domain/model.js';
import { type Clock, ManualClock } from '../../src/kernel/clock.js';
import { type AnyJobKind, JobKindRegistry } from '../../src/kernel/job-kind.js';
import { silentLogger } from '../../src/kernel/logger.js';
import type { ChatAdapter, PostedMessage } from '../../src/kernel/ports/chat.js';
import type { Store } from '../../src/kernel/ports/store.js';
import type { Reply } from '../../src/kernel/reply.js';
import type { ConversationRef, Platform } from '../../src/kernel/types.js';
import { OutboxSender, type SenderOptions } from '../../src/outbox/sender.js';
import { runUntil } from '../../src/scheduler/run-until.js';
import { Scheduler, type SchedulerOptions } from '../../src/scheduler/scheduler.js';

export interface Delivered {
  op: 'post' | 'update';
  conversation: ConversationRef;
  text: string;
  /** The platform message id posted, or updated. */
  id: string;
  at: Date;
}

const PACING_MS: Readonly<Record<string, number>> = { slack: 1_000, teams: Math.ceil(1_000 / 7) };

/** A platform's own rate, as its face declares it (`pacingMs` of SlackChat and TeamsChat); none for others. */
export function platformPacingMs(platform: Platform): number {
  return PACING_MS[platform] ?? 0;
}

/**
 * A face that records what it was asked to send, at the clock's time; failures can be scripted.
 * It is paced like the platform it stands in for.
 */
export class FakeChat implements ChatAdapter {
  readonly pacingMs: number;
  readonly delivered: Delivered[] = [];
  /** Every call, successful or not, with the clock's time. */
  readonly tried: { op: 'post' | 'update'; text: string; at: Date }[] = [];
  /** Thrown, in order, by the next calls (then calls succeed). */
  readonly failures: unknown[] = [];
  /** Called before each delivery; may throw or block. */
  before: ((op: 'post' | 'update', text: string) => Promise<void> | void) | null = null;
  #next = 1;

  constructor(
    readonly platform: Platform,
    private readonly clock: Clock,
  ) {
    this.pacingMs = platformPacingMs(platform);
  }

  async post(conversation: ConversationRef, reply: Reply): Promise<PostedMessage> {
    await this.attempt('post', reply);
    const id = `msg-${this.#next++}`;
    this.delivered.push({ op: 'post', conversation, text: renderText(reply), id, at: this.clock.now() });
    return { platformMessageId: id };
  }

  async update(conversation: ConversationRef, platformMessageId: string, reply: Reply): Promise<void> {
    await this.attempt('update', reply);
    this.delivered.push({
      op: 'update',
      conversation,
      text: renderText(reply),
      id: platformMessageId,
      at: this.clock.now(),
    });
  }

  texts(): string[] {
    return this.delivered.map((d) => d.text);
  }

  private async attempt(op: 'post' | 'update', reply: Reply): Promise<void> {
    this.tried.push({ op, text: renderText(reply), at: this.clock.now() });
    await this.before?.(op, renderText(reply));
    if (this.failures.length) throw this.failures.shift();
  }
}

export interface HarnessOptions {
  start?: string;
  platform?: Platform;
  timezone?: string;
  kinds?: readonly AnyJobKind[];
  scheduler?: Partial<SchedulerOptions>;
  sender?: Partial<SenderOptions>;
}

/** A channel on a fresh in-memory database, a ManualClock, a scheduler and a sender over a FakeChat. */
export async function makeSchedulerHarness(options: HarnessOptions = {}) {
  const db = openDb(':memory:');
  const store = createStore(db);
  const clock = new ManualClock(new Date(options.start ?? '2026-11-30T12:00:00Z'));
  const platform = options.platform ?? 'slack';
  const channel = await addChannel(store, clock, platform, 'C1', options.timezone ?? 'America/New_York');
  const kinds = new JobKindRegistry(options.kinds ?? []);
  const chat = new FakeChat(platform, clock);
  const scheduler = new Scheduler({
    store,
    clock,
    log: silentLogger,
    kinds,
    owner: 'test-scheduler',
    ...options.scheduler,
  });
  const sender = new OutboxSender({
    store,
    clock,
    log: silentLogger,
    adapters: new Map([[platform, chat]]),
    owner: 'test-sender',
    random: () => 0.5,
    ...options.sender,
  });
  const advance = (to: string | Date) =>
    runUntil({ clock, scheduler, sender }, typeof to === 'string' ? new Date(to) : to);
  const jobByKey = (key: string) =>
    db.$client.prepare('select * from jobs where occurrence_key = ?').get(key) as JobRow | undefined;
  return { db, store, clock, channel, kinds, chat, scheduler, sender, advance, jobByKey };
}

export interface JobRow {
  id: number;
  state: string;
  attempts: number;
  result: string | null;
  due_at: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
}

export function addChannel(
  store: Store,
  clock: Clock,
  platform: Platform,
  externalId: string,
  timezone = 'America/New_York',
): Promise<Channel> {
  return store.channels.create({
    platform,
    externalId,
    orgName: 'Acme',
    mspName: 'Northwind',
    timezone,
    workDays: [1, 2, 3, 4, 5],
    dayStart: 8 * 60,
    dayEnd: 17 * 60,
    internalHandle: null,
    mspHandle: null,
    morningOffsetMinutes: 0,
    ackTimeouts: DEFAULT_ACK_TIMEOUTS,
    createdAt: clock.now(),
  });
}
