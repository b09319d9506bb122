import type { Job } from './jobs.js';

/** How a claimed job ended. */
export type JobOutcome = 'done' | 'dropped' | 'failed';

/**
 * The scheduler's side of the job store: claiming due jobs under a lease and recording outcomes.
 * Features use `JobRepo` (src/kernel/ports/jobs.ts); only the scheduler and `status` use this.
 *
 * A pending job whose earlier attempt threw carries a retry hold (kept in the lease-expiry column
 * with no owner): it is not due again before then.
 */
export interface JobQueue {
  /**
   * Marks up to `limit` due jobs running under `owner`'s lease until `leaseUntil`, attempts + 1,
   * and returns them soonest first. Due: pending with dueAt ≤ now (and no retry hold after now), or
   * running whose lease expired (its process died). Call inside an immediate transaction.
   */
  claimDue(now: Date, owner: string, leaseUntil: Date, limit: number): Promise<Job[]>;
  /** Is the job still running under `owner`'s lease? False once another process took it over. */
  holds(id: number, owner: string): Promise<boolean>;
  /** Records the outcome of a job `owner` holds; false when the lease was lost. */
  finish(id: number, owner: string, outcome: JobOutcome, result: string, now: Date): Promise<boolean>;
  /** Puts a job `owner` holds back to pending, not due before `at`, with the error as its result. */
  retryLater(id: number, owner: string, at: Date, error: string): Promise<boolean>;
  /** Gives back every job `owner` holds (graceful shutdown); returns how many. */
  release(owner: string): Promise<number>;
  /** Cancels a channel's pending jobs of one kind due after `after`; returns how many. */
  cancelPendingOf(channelId: number, kind: string, after: Date, now: Date): Promise<number>;
  /** The earliest instant some job becomes claimable (due, retry hold over, or lease expired). */
  nextWakeAt(): Promise<Date | null>;
  /** Jobs of a channel that failed or were dropped, newest first. */
  recentProblems(channelId: number, limit: number): Promise<Job[]>;
  /** Forgets up to `limit` finished jobs (done, dropped, failed, cancelled) due before `before`; returns how many. */
  pruneFinished(before: Date, limit: number): Promise<number>;
}
