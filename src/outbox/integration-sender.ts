import type { Clock } from '../kernel/clock.js';
import { PermanentDeliveryError, RateLimited, StoreBusy } from '../kernel/errors.js';
import type { Logger } from '../kernel/logger.js';
import type { Dispatch } from '../kernel/ports/integration-outbox.js';
import type { IntegrationClient } from '../kernel/ports/integrations.js';
import { BRIEF_BUSY_TIMEOUT_MS, type Store } from '../kernel/ports/store.js';
import type { RetryPolicy } from './sender.js';

export interface IntegrationDeliveryOptions {
  store: Store;
  clock: Clock;
  log: Logger;
  /** The clients of the integrations this process sends to, by name. */
  clients: ReadonlyMap<string, IntegrationClient>;
  owner: string;
  retry: RetryPolicy;
  /** The delay before the next attempt after `attempts` failures. */
  backoffMs(attempts: number): number;
  leaseMs: number;
  batchSize: number;
  isStopped(): boolean;
}

const MAX_ROUNDS = 1_000;

/**
 * The outbox's second destination: delivers queued integration events through their clients,
 * with the chat outbox's retry policy (backoff with jitter, Retry-After honoured, failed for good
 * after the limits, and then shown by `status`).
 */
export class IntegrationDelivery {
  readonly #o: IntegrationDeliveryOptions;
  readonly #names: string[];

  constructor(options: IntegrationDeliveryOptions) {
    this.#o = options;
    this.#names = [...options.clients.keys()];
  }

  nextWakeAt(): Promise<Date | null> {
    return this.#o.store.integrationOutbox.nextWakeAt(this.#o.clock.now(), this.#names);
  }

  release(): Promise<number> {
    return this.#o.store.transaction((tx) => tx.integrationOutbox.release(this.#o.owner));
  }

  /** Delivers every event that may go now; returns how many were delivered. */
  async drain(): Promise<number> {
    const { store, clock, log } = this.#o;
    if (this.#names.length === 0) return 0;
    let delivered = 0;
    for (let round = 0; round < MAX_ROUNDS && !this.#o.isStopped(); round++) {
      const now = clock.now();
      let claimed: Dispatch[];
      try {
        const leaseUntil = new Date(now.getTime() + this.#o.leaseMs);
        claimed = await store.transaction(
          (tx) => tx.integrationOutbox.claim(now, this.#o.owner, leaseUntil, this.#names, this.#o.batchSize),
          { busyTimeoutMs: BRIEF_BUSY_TIMEOUT_MS },
        );
      } catch (err) {
        if (!(err instanceof StoreBusy)) throw err;
        log.warn({ err: err.cause }, 'database busy; integration events are delivered at the next tick');
        break;
      }
      if (claimed.length === 0) break;
      const results = await Promise.all(claimed.map((d) => this.deliver(d)));
      delivered += results.filter(Boolean).length;
    }
    return delivered;
  }

  private async deliver(d: Dispatch): Promise<boolean> {
    const { store, clock, log, owner } = this.#o;
    try {
      const client = this.#o.clients.get(d.integration);
      if (!client) throw new PermanentDeliveryError(`no integration named ${d.integration} is configured`);
      await client.send(d.message);
      await store.transaction((tx) => tx.integrationOutbox.markSent(d.id, owner, clock.now()));
      return true;
    } catch (err) {
      try {
        await store.transaction((tx) => this.recordFailure(tx, d, err));
      } catch (e) {
        log.error(
          { err: e, dispatch: d.id },
          'could not record an integration failure; retried when its lease expires',
        );
      }
      return false;
    }
  }

  private async recordFailure(store: Store, d: Dispatch, err: unknown): Promise<void> {
    const { clock, log, owner, retry } = this.#o;
    const now = clock.now();
    const age = now.getTime() - d.createdAt.getTime();
    const message = err instanceof Error ? err.message : String(err);
    const what = { dispatch: d.id, integration: d.integration, event: d.event, escalation: d.message.escalation.id };
    const fail = async (reason: string) => {
      await store.integrationOutbox.markFailed(d.id, owner, reason);
      log.error({ ...what, attempts: d.attempts, reason }, 'integration event failed for good');
    };
    if (err instanceof RateLimited) {
      if (age >= retry.maxAgeMs) return fail(`still rate limited after ${d.attempts} attempts: ${message}`);
      const at = new Date(now.getTime() + Math.max(0, err.retryAfterMs));
      await store.integrationOutbox.retryLater(d.id, owner, at, message);
      log.warn({ ...what, retryAt: at.toISOString() }, 'integration rate limited; waiting as it asked');
      return;
    }
    if (err instanceof PermanentDeliveryError) return fail(message);
    if (d.attempts >= retry.maxAttempts || age >= retry.maxAgeMs)
      return fail(`gave up after ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}: ${message}`);
    const at = new Date(now.getTime() + this.#o.backoffMs(d.attempts));
    await store.integrationOutbox.retryLater(d.id, owner, at, `attempt ${d.attempts} failed: ${message}`);
    log.warn({ ...what, retryAt: at.toISOString(), reason: message }, 'integration event failed; will retry');
  }
}
