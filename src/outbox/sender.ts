import type { Clock } from '../kernel/clock.js';
import { NotSupported, PermanentDeliveryError, RateLimited, StoreBusy } from '../kernel/errors.js';
import { newLeaseOwner } from '../kernel/lease-owner.js';
import type { Logger } from '../kernel/logger.js';
import type { ChatAdapter } from '../kernel/ports/chat.js';
import type { IntegrationClient } from '../kernel/ports/integrations.js';
import type { Delivery, SendRules } from '../kernel/ports/outbox-queue.js';
import { BRIEF_BUSY_TIMEOUT_MS, type Store } from '../kernel/ports/store.js';
import { replySummary } from '../kernel/reply.js';
import type { Platform } from '../kernel/types.js';
import { IntegrationDelivery } from './integration-sender.js';

export interface RetryPolicy {
  /** Delay after the first failure; doubled for each further one, up to maxDelayMs, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures (other than rate limits) before a row is failed. */
  maxAttempts: number;
  /** After this long since it was queued, the next failure fails the row, whatever the cause. */
  maxAgeMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  baseDelayMs: 2_000,
  maxDelayMs: 5 * 60_000,
  maxAttempts: 10,
  maxAgeMs: 60 * 60_000,
};

export interface SenderOptions {
  store: Store;
  clock: Clock;
  log: Logger;
  /** The faces this process delivers through; rows for other platforms are left for a process that has them. */
  adapters: ReadonlyMap<Platform, ChatAdapter>;
  owner?: string;
  /** Uniform in [0, 1): the jitter source. Tests inject a fixed one. */
  random?: () => number;
  /** Overrides of the faces' own pacing (`ChatAdapter.pacingMs`), by platform. */
  pacingMs?: Partial<Record<Platform, number>>;
  retry?: Partial<RetryPolicy>;
  /** How long a row being sent is held; a face's HTTP timeout must be well below it. */
  leaseMs?: number;
  /** How long an update waits for its post before it fails; the retry policy's maxAgeMs by default. */
  maxWaitForPostMs?: number;
  /** Conversations delivered to in parallel per round. */
  batchSize?: number;
  /** The paging tools this process sends to, by integration name: the outbox's second kind of destination. */
  integrations?: ReadonlyMap<string, IntegrationClient>;
}

const MAX_ROUNDS_PER_DRAIN = 10_000;

/**
 * Delivers the outbox through the faces: leased rows, one in flight per conversation, paced per
 * platform, retried with exponential backoff and jitter, Retry-After honoured, failed for good on a
 * permanent error or after the retry limits (and then shown by `status`).
 */
export class OutboxSender {
  readonly owner: string;
  readonly #o: SenderOptions;
  readonly #retry: RetryPolicy;
  readonly #rules: SendRules;
  readonly #random: () => number;
  readonly #integrations: IntegrationDelivery;
  #running: Promise<number> | null = null;
  #again = false;
  #stopped = false;

  constructor(options: SenderOptions) {
    this.#o = options;
    this.owner = options.owner ?? newLeaseOwner();
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
    this.#random = options.random ?? Math.random;
    this.#rules = {
      platforms: [...options.adapters.keys()],
      minIntervalMs: (p) => options.pacingMs?.[p] ?? options.adapters.get(p)?.pacingMs ?? 0,
      maxWaitForPostMs: options.maxWaitForPostMs ?? this.#retry.maxAgeMs,
    };
    this.#integrations = new IntegrationDelivery({
      store: options.store,
      clock: options.clock,
      log: options.log,
      clients: options.integrations ?? new Map(),
      owner: this.owner,
      retry: this.#retry,
      backoffMs: (attempts) => this.backoffMs(attempts),
      leaseMs: options.leaseMs ?? 120_000,
      batchSize: options.batchSize ?? 20,
      isStopped: () => this.#stopped,
    });
  }

  /**
   * Delivers every row that may be sent now, round after round, until none is left that may go now
   * (the rest are paced, backing off or waiting). Concurrent calls share one run. Returns how many were delivered.
   */
  drain(): Promise<number> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    const run = (async () => {
      let delivered = 0;
      try {
        do {
          this.#again = false;
          delivered += await this.rounds();
          delivered += await this.#integrations.drain();
        } while (this.#again && !this.#stopped);
      } finally {
        this.#running = null;
      }
      return delivered;
    })();
    this.#running = run;
    return run;
  }

  /** The earliest instant a row may become sendable; null when nothing waits. */
  async nextWakeAt(): Promise<Date | null> {
    const posts = await this.#o.store.outbox.nextWakeAt(this.#o.clock.now(), this.#rules);
    const events = await this.#integrations.nextWakeAt();
    if (posts === null || events === null) return posts ?? events;
    return posts.getTime() <= events.getTime() ? posts : events;
  }

  /** Stops claiming; a drain in progress finishes the rows it holds. */
  stop(): void {
    this.#stopped = true;
  }

  /** Resolves when no drain is running. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running.catch(() => undefined);
  }

  /** Gives back rows this process holds (graceful shutdown). */
  async release(): Promise<number> {
    const posts = await this.#o.store.transaction((tx) => tx.outbox.release(this.owner));
    return posts + (await this.#integrations.release());
  }

  /** The backoff before the next attempt after `attempts` failures: exponential, capped, with equal jitter. */
  backoffMs(attempts: number): number {
    const exp = Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(exp / 2 + this.#random() * (exp / 2));
  }

  private async rounds(): Promise<number> {
    const { store, clock, log } = this.#o;
    const leaseMs = this.#o.leaseMs ?? 120_000;
    let delivered = 0;
    for (let round = 0; round < MAX_ROUNDS_PER_DRAIN && !this.#stopped; round++) {
      const now = clock.now();
      let claimed: Delivery[];
      try {
        // A claim can wait for the next tick: never hold the event loop on another process's lock.
        const leaseUntil = new Date(now.getTime() + leaseMs);
        claimed = await store.transaction(
          (tx) => tx.outbox.claimSendable(now, this.owner, leaseUntil, this.#rules, this.#o.batchSize ?? 20),
          { busyTimeoutMs: BRIEF_BUSY_TIMEOUT_MS },
        );
      } catch (err) {
        if (!(err instanceof StoreBusy)) throw err;
        log.warn({ err: err.cause }, 'database busy; the outbox is delivered at the next tick');
        break;
      }
      if (claimed.length === 0) break;
      const results = await Promise.all(claimed.map((d) => this.deliver(d)));
      delivered += results.filter(Boolean).length;
    }
    return delivered;
  }

  private async deliver(d: Delivery): Promise<boolean> {
    const { store, clock, log } = this.#o;
    const adapter = this.#o.adapters.get(d.conversation.platform);
    try {
      if (!adapter) throw new PermanentDeliveryError(`no ${d.conversation.platform} face is configured`);
      let platformMessageId: string | null = null;
      const thread = d.threadMessageId ? { platformMessageId: d.threadMessageId, broadcast: d.broadcast } : undefined;
      if (d.op === 'post') platformMessageId = (await adapter.post(d.conversation, d.reply, thread)).platformMessageId;
      else await adapter.update(d.conversation, d.targetMessageId!, d.reply);
      const recorded = await store.transaction((tx) =>
        tx.outbox.markSent(d.id, this.owner, clock.now(), platformMessageId),
      );
      if (!recorded)
        log.warn({ outbox: d.id }, 'delivered after its lease expired; another process may deliver it too');
      return true;
    } catch (err) {
      try {
        await store.transaction((tx) => this.recordFailure(tx, d, err));
      } catch (e) {
        log.error({ err: e, outbox: d.id }, 'could not record a delivery failure; retried when its lease expires');
      }
      return false;
    }
  }

  private async recordFailure(store: Store, d: Delivery, err: unknown): Promise<void> {
    const { clock, log } = this.#o;
    const now = clock.now();
    const age = now.getTime() - d.createdAt.getTime();
    const message = err instanceof Error ? err.message : String(err);
    const what = {
      outbox: d.id,
      op: d.op,
      platform: d.conversation.platform,
      conversation: d.conversation.channelId,
      summary: replySummary(d.reply, 60),
    };
    const fail = async (reason: string) => {
      await store.outbox.markFailed(d.id, this.owner, reason);
      log.error({ ...what, err, attempts: d.attempts }, `delivery failed for good: ${reason}`);
    };
    if (err instanceof RateLimited) {
      if (age >= this.#retry.maxAgeMs) return fail(`still rate limited after ${d.attempts} attempts: ${message}`);
      const at = new Date(now.getTime() + Math.max(0, err.retryAfterMs));
      await store.outbox.retryLater(d.id, this.owner, at, message);
      await store.outbox.holdConversation(d.conversation, at);
      log.warn({ ...what, retryAt: at.toISOString() }, 'rate limited; waiting as the platform asked');
      return;
    }
    if (err instanceof PermanentDeliveryError || err instanceof NotSupported) return fail(message);
    if (d.attempts >= this.#retry.maxAttempts || age >= this.#retry.maxAgeMs) {
      return fail(`gave up after ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}: ${message}`);
    }
    const at = new Date(now.getTime() + this.backoffMs(d.attempts));
    await store.outbox.retryLater(d.id, this.owner, at, `attempt ${d.attempts} failed: ${message}`);
    log.warn({ ...what, err, retryAt: at.toISOString() }, 'delivery failed; will retry');
  }
}
