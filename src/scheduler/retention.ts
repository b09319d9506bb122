import { StoreBusy } from '../kernel/errors.js';
import type { Logger } from '../kernel/logger.js';
import { BRIEF_BUSY_TIMEOUT_MS, type Store } from '../kernel/ports/store.js';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/** How long what Tandem no longer needs is kept. */
export interface RetentionPolicy {
  /** Sent and failed posts, and finished scheduled jobs. */
  sentMs: number;
  /** Platform delivery ids (Slack retries, Teams redeliveries arrive within minutes). */
  deliveryIdsMs: number;
  /** Uses of the commands that post, counted for the posting limits (the longest window is an hour). */
  commandUsesMs: number;
  /**
   * Resolved escalations with their history, and handoff notes; null keeps them forever. The audit
   * log is always kept, and so is where each card was posted (one short row per escalation).
   */
  historyMs: number | null;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  sentMs: 30 * DAY,
  deliveryIdsMs: DAY,
  commandUsesMs: DAY,
  historyMs: null,
};

/** Rows deleted per table in one transaction: the write lock is held for a few milliseconds. */
export const PRUNE_BATCH = 500;
/** How often pruning runs when the last run left nothing behind. */
const PRUNE_EVERY_MS = 10 * 60_000;

export type PruneReport = Record<string, number>;

/**
 * Deletes, in small batches off the commands' path, what the retention policy no longer keeps.
 * The scheduler calls it after its ticks; a batch that was full makes the next tick prune again.
 */
export class Retention {
  #nextAt = 0;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    readonly policy: RetentionPolicy = DEFAULT_RETENTION,
  ) {}

  /** Prunes one batch of each kind if it is time to; null when it was not. */
  async maybePrune(now: Date): Promise<PruneReport | null> {
    if (now.getTime() < this.#nextAt) return null;
    const report = await this.pruneOnce(now);
    const more = Object.values(report).some((n) => n >= PRUNE_BATCH);
    this.#nextAt = now.getTime() + (more ? 0 : PRUNE_EVERY_MS);
    return report;
  }

  /** One batch of each kind, each in its own short transaction. */
  async pruneOnce(now: Date): Promise<PruneReport> {
    const p = this.policy;
    const before = (ms: number) => new Date(now.getTime() - ms);
    const steps: [string, (tx: Store) => Promise<number>][] = [
      ['posts', (tx) => tx.outbox.pruneSent(before(p.sentMs), PRUNE_BATCH)],
      ['jobs', (tx) => tx.jobs.pruneFinished(before(p.sentMs), PRUNE_BATCH)],
      ['deliveryIds', (tx) => tx.deliveries.prune(before(p.deliveryIdsMs), PRUNE_BATCH)],
      ['commandUses', (tx) => tx.commandUses.prune(before(p.commandUsesMs), PRUNE_BATCH)],
    ];
    if (p.historyMs !== null) {
      const history = before(p.historyMs);
      steps.push(
        ['escalations', (tx) => tx.escalations.pruneResolved(history, PRUNE_BATCH)],
        ['handoffNotes', (tx) => tx.handoffNotes.prune(history, PRUNE_BATCH)],
      );
    }
    const report: PruneReport = {};
    for (const [name, step] of steps) {
      try {
        report[name] = await this.store.transaction(step, { busyTimeoutMs: BRIEF_BUSY_TIMEOUT_MS });
      } catch (err) {
        // Another process holds the lock, or something failed: the next run tries again.
        report[name] = 0;
        if (err instanceof StoreBusy) break; // the lock is taken: the rest waits too, without a wait each
        this.log.error({ err, what: name }, 'pruning failed');
      }
    }
    const deleted = Object.values(report).reduce((a, b) => a + b, 0);
    if (deleted > 0) this.log.info({ pruned: report }, 'pruned what the retention policy no longer keeps');
    return report;
  }
}
