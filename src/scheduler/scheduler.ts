import type { Channel } from '../domain/model.js';
import type { Clock } from '../kernel/clock.js';
import { JobKindError, StoreBusy } from '../kernel/errors.js';
import type { AnyJobKind, JobKindRegistry } from '../kernel/job-kind.js';
import { newLeaseOwner } from '../kernel/lease-owner.js';
import type { Logger } from '../kernel/logger.js';
import type { Job } from '../kernel/ports/jobs.js';
import { BRIEF_BUSY_TIMEOUT_MS, type Store } from '../kernel/ports/store.js';
import { jobContext } from './job-context.js';
import { decideMisfire } from './misfire.js';
import { planAfresh, planAll, planKind, replanChannel } from './planning.js';
import { DEFAULT_RETENTION, Retention, type RetentionPolicy } from './retention.js';
import { sliceReads } from './slice-reads.js';
import { READ_AHEAD, SLICE_BUDGET_MS, SLICE_MAX, turn, UNSENT } from './slices.js';

export interface SchedulerOptions {
  store: Store;
  clock: Clock;
  log: Logger;
  kinds: JobKindRegistry;
  /** Tandem's public address (TANDEM_PUBLIC_URL, no trailing slash): links to its pages; none when unset. */
  publicUrl?: string | undefined;
  /** Lease holder id; unique per process by default. */
  owner?: string;
  /** How long a claim is held before another process may take the job over (the holder died). */
  leaseMs?: number;
  /** Jobs claimed per transaction. */
  batchSize?: number;
  /** Claims per tick; what is left waits for the next tick (bounds how long one tick holds the event loop). */
  maxBatchesPerTick?: number;
  /** Attempts (runs that threw, or claims whose process died) before a job is failed. */
  maxAttempts?: number;
  /** Delay before the first retry; doubled for each further one. */
  retryBaseMs?: number;
  /** How long what is no longer needed is kept; pruned after ticks (DEFAULT_RETENTION by default). */
  retention?: Partial<RetentionPolicy>;
}

/** What one tick did. */
export interface TickReport {
  done: number;
  /** Of `done`, the runs that were late. */
  late: number;
  dropped: number;
  failed: number;
  retried: number;
  /** Claimed here but taken over by another process before they ran (lease expired). */
  lost: number;
}

type Outcome = 'done' | 'late' | 'dropped' | 'failed' | 'retried' | 'lost' | 'busy';

/**
 * Runs durable jobs. The database is the only truth: each tick claims the jobs due at `now` under
 * a lease, runs each in its own transaction (which re-checks the lease, so two processes never run
 * one occurrence), applies the kind's misfire policy, and records the outcome.
 */
export class Scheduler {
  readonly owner: string;
  readonly #o: Required<Omit<SchedulerOptions, 'owner' | 'retention' | 'publicUrl'>>;
  readonly #retention: Retention;
  readonly #publicUrl: string | null;
  #stopped = false;

  constructor(options: SchedulerOptions) {
    this.owner = options.owner ?? newLeaseOwner();
    this.#o = {
      leaseMs: 60_000,
      batchSize: 40,
      maxBatchesPerTick: 1000,
      maxAttempts: 3,
      retryBaseMs: 60_000,
      ...options,
    };
    this.#retention = new Retention(options.store, options.log, { ...DEFAULT_RETENTION, ...options.retention });
    this.#publicUrl = options.publicUrl ?? null;
  }

  /** Runs every job due at `now`. */
  async tick(now: Date = this.#o.clock.now()): Promise<TickReport> {
    const report: TickReport = { done: 0, late: 0, dropped: 0, failed: 0, retried: 0, lost: 0 };
    const { store, batchSize, leaseMs, log, maxBatchesPerTick } = this.#o;
    let busy = false;
    for (let batch = 0; batch < maxBatchesPerTick && !this.#stopped; batch++) {
      let claimed: Job[];
      try {
        // A claim can wait for the next tick: never hold the event loop on another process's lock.
        const leaseUntil = new Date(now.getTime() + leaseMs);
        claimed = await store.transaction((tx) => tx.jobs.claimDue(now, this.owner, leaseUntil, batchSize), {
          ...UNSENT,
          busyTimeoutMs: BRIEF_BUSY_TIMEOUT_MS,
        });
      } catch (err) {
        if (!(err instanceof StoreBusy)) throw err;
        log.warn({ err: err.cause }, 'database busy; jobs will be claimed at the next tick');
        busy = true;
        break;
      }
      // Requests get a turn between the claim and the first slice.
      if (claimed.length > 0) await turn();
      for (let from = 0; from < claimed.length && !this.#stopped; ) {
        const outcomes = await this.processSlice(claimed, from, now);
        from += outcomes.length;
        for (const outcome of outcomes) {
          if (outcome === 'late') report.late++;
          if (outcome === 'done' || outcome === 'late') report.done++;
          else if (outcome !== 'busy') report[outcome]++;
        }
        // A burst of due jobs never holds the event loop longer than a slice: requests get their turn.
        await turn();
      }
      if (claimed.length < batchSize) break;
    }
    // Idle work: what the retention policy no longer keeps, a small batch at a time; not while another holds the lock.
    if (!this.#stopped && !busy) await this.#retention.maybePrune(now);
    return report;
  }

  /** The earliest instant a job becomes due (or claimable again); null when nothing is scheduled. */
  nextDueAt(): Promise<Date | null> {
    return this.#o.store.jobs.nextWakeAt();
  }

  /** Plans every planned kind for every channel: call at startup. */
  planAll(now: Date = this.#o.clock.now()): Promise<number> {
    return planAll(this.#o.store, this.#o.kinds, now, this.#o.log, { stopped: () => this.#stopped });
  }

  /** Plans every channel again from `now`, dropping what was planned before a clock jump. */
  planAfresh(now: Date = this.#o.clock.now()): Promise<number> {
    return planAfresh(this.#o.store, this.#o.kinds, now, this.#o.log);
  }

  /** Cancels a channel's future pending jobs of every planned kind and plans them again. */
  replan(channelId: number): Promise<number> {
    return replanChannel(this.#o.store, this.#o.kinds, channelId, this.#o.clock.now());
  }

  /** Stops claiming: later ticks do nothing. */
  stop(): void {
    this.#stopped = true;
  }

  /** Gives back the jobs this process holds, for another process or the next start. */
  release(): Promise<number> {
    return this.#o.store.transaction((tx) => tx.jobs.release(this.owner));
  }

  /**
   * Runs claimed jobs from `from` in one transaction (one commit for all of them),
   * as many as SLICE_BUDGET_MS allows (one at least); returns the outcome of each. When one of them
   * throws, the slice rolls back and each job run so far runs again in a transaction of its own, so
   * that only the one that threw is retried or failed.
   */
  private async processSlice(claimed: readonly Job[], from: number, now: Date): Promise<Outcome[]> {
    const { store, log } = this.#o;
    const started = performance.now();
    let next = from;
    const upcoming = () =>
      claimed.slice(next, next + READ_AHEAD).flatMap((j) => (j.channelId === null ? [] : [j.channelId]));
    try {
      return await store.transaction(async (tx) => {
        const reads = sliceReads(tx, upcoming);
        const outcomes: Outcome[] = [];
        do {
          outcomes.push(await this.runHeld(reads, claimed[next]!, now));
          next++;
        } while (
          next < claimed.length &&
          next - from < SLICE_MAX &&
          performance.now() - started < SLICE_BUDGET_MS &&
          !this.#stopped
        );
        return outcomes;
      }, UNSENT);
    } catch (err) {
      if (err instanceof StoreBusy) {
        log.warn({ err: err.cause }, 'database busy; these jobs run again when their leases expire');
        return claimed.slice(from, Math.max(next, from + 1)).map((): Outcome => 'busy');
      }
    }
    const outcomes: Outcome[] = [];
    for (const job of claimed.slice(from, next + 1)) outcomes.push(await this.process(job, now));
    return outcomes;
  }

  private async process(job: Job, now: Date): Promise<Outcome> {
    const { store, log } = this.#o;
    try {
      return await store.transaction((tx) => this.runHeld(tx, job, now), UNSENT);
    } catch (err) {
      if (err instanceof StoreBusy) {
        log.warn({ err: err.cause, job: job.id }, 'database busy; the job runs again when its lease expires');
        return 'busy';
      }
      try {
        return await store.transaction((tx) => this.recordFailure(tx, job, now, err));
      } catch (e) {
        log.error({ err: e, job: job.id }, 'could not record a job failure; it runs again when its lease expires');
        return 'busy';
      }
    }
  }

  /** Inside the job's transaction: everything it writes commits with its outcome. */
  private async runHeld(store: Store, job: Job, now: Date): Promise<Outcome> {
    const { kinds, maxAttempts, log } = this.#o;
    if (!(await store.jobs.holds(job.id, this.owner))) return 'lost';
    const fail = async (reason: string): Promise<Outcome> => {
      await store.jobs.finish(job.id, this.owner, 'failed', reason, now);
      log.error({ job: job.id, kind: job.kind, occurrence: job.occurrenceKey, reason }, 'job failed');
      return 'failed';
    };
    if (job.attempts > maxAttempts) {
      return fail(`gave up after ${maxAttempts} attempts: a process stopped while running it`);
    }
    const kind = kinds.get(job.kind);
    if (!kind) return fail(`unknown job kind "${job.kind}"`);
    const parsed = kind.payload.safeParse(job.payload);
    if (!parsed.success) {
      return fail(
        `payload does not fit the ${job.kind} schema: ` +
          `${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`,
      );
    }
    const channel = await this.channelOf(store, job);
    if (!channel)
      return fail(job.channelId === null ? 'the job has no channel' : `channel ${job.channelId} no longer exists`);

    const scheduled = { ...job, payload: parsed.data as unknown };
    const decision = await decideMisfire(kind.misfire, scheduled, { now, channel, store });
    if (decision.action === 'drop') {
      await store.jobs.finish(job.id, this.owner, 'dropped', decision.reason, now);
      log.info({ job: job.id, kind: job.kind, occurrence: job.occurrenceKey, reason: decision.reason }, 'job dropped');
      await this.planNext(store, kind, channel, now);
      return 'dropped';
    }
    const ctx = jobContext(
      scheduled,
      channel,
      store,
      now,
      decision.late,
      log.child({ job: job.id, kind: job.kind }),
      this.#publicUrl,
    );
    const result: unknown = await kind.run(ctx, parsed.data);
    const recorded = typeof result === 'string' && result ? result : 'done';
    await store.jobs.finish(job.id, this.owner, 'done', decision.late ? `${recorded} (late)` : recorded, now);
    await this.planNext(store, kind, channel, now);
    return decision.late ? 'late' : 'done';
  }

  /** The run threw and rolled back: retry with backoff, or fail it once out of attempts. */
  private async recordFailure(store: Store, job: Job, now: Date, err: unknown): Promise<Outcome> {
    const { kinds, maxAttempts, retryBaseMs, log } = this.#o;
    if (!(await store.jobs.holds(job.id, this.owner))) return 'lost';
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof JobKindError || job.attempts >= maxAttempts) {
      const attempts = `${job.attempts} attempt${job.attempts === 1 ? '' : 's'}`;
      await store.jobs.finish(job.id, this.owner, 'failed', `failed after ${attempts}: ${message}`, now);
      log.error({ err, job: job.id, kind: job.kind, occurrence: job.occurrenceKey }, 'job failed');
      const kind = kinds.get(job.kind);
      const channel = await this.channelOf(store, job);
      if (kind && channel) await this.planNext(store, kind, channel, now);
      return 'failed';
    }
    const at = new Date(now.getTime() + retryBaseMs * 2 ** (job.attempts - 1));
    await store.jobs.retryLater(job.id, this.owner, at, `attempt ${job.attempts} failed: ${message}`);
    log.warn({ err, job: job.id, kind: job.kind, retryAt: at.toISOString() }, 'job failed; will retry');
    return 'retried';
  }

  private async channelOf(store: Store, job: Job): Promise<Channel | null> {
    if (job.channelId === null) return null;
    try {
      return await store.channels.get(job.channelId);
    } catch {
      return null;
    }
  }

  /** Keeps the kind's next occurrence scheduled; a planning error is logged, never undoes the run. */
  private async planNext(store: Store, kind: AnyJobKind, channel: Channel, now: Date): Promise<void> {
    try {
      await planKind(store, kind, channel, now, now);
    } catch (err) {
      this.#o.log.error({ err, kind: kind.kind, channel: channel.id }, 'planning the next occurrence failed');
    }
  }
}
