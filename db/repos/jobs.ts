import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { JobOutcome, JobQueue } from '../../src/kernel/ports/job-queue.js';
import type { Job, JobRepo, NewJob } from '../../src/kernel/ports/jobs.js';
import { fixedLimit, given, prepared } from '../prepared.js';
import { greatest, type Tables } from '../sql-context.js';
import { held, jobQueries } from './job-queries.js';
import { JobScheduling } from './job-scheduling.js';
import { SqlRepo } from './repo.js';

type Row = Tables['jobs']['$inferSelect'];

function toJob(r: Row): Job {
  return {
    id: r.id,
    kind: r.kind,
    channelId: r.channelId,
    dueAt: new Date(r.dueAt),
    payload: r.payload,
    occurrenceKey: r.occurrenceKey,
    state: r.state,
    attempts: r.attempts,
    result: r.result,
    createdAt: new Date(r.createdAt),
    finishedAt: r.finishedAt === null ? null : new Date(r.finishedAt),
  };
}

/** Jobs: the features' JobRepo and the scheduler's JobQueue over the `jobs` table. */
export class SqlJobRepo extends SqlRepo implements JobRepo, JobQueue {
  private readonly q = jobQueries(this.ctx);

  async schedule(job: NewJob, now: Date): Promise<boolean> {
    return (await this.scheduleMany([job], now)).size > 0;
  }

  private readonly scheduling = new JobScheduling(this.ctx);

  scheduleMany(batch: readonly NewJob[], now: Date): Promise<Set<string>> {
    return this.scheduling.scheduleMany(batch, now);
  }

  pendingAmong(keys: readonly string[]): Promise<Set<string>> {
    return this.scheduling.pendingAmong(keys);
  }

  async cancelPending(prefix: string, now: Date): Promise<number> {
    const { jobs } = this.t;
    const cancelled = await this.db
      .update(jobs)
      .set({ state: 'cancelled', finishedAt: now.getTime(), leaseExpiresAt: null })
      .where(and(eq(jobs.state, 'pending'), sql`substr(${jobs.occurrenceKey}, 1, ${prefix.length}) = ${prefix}`))
      .returning({ id: jobs.id });
    return cancelled.length;
  }

  async cancelChannel(channelId: number, now: Date): Promise<number> {
    const { jobs } = this.t;
    const cancelled = await this.db
      .update(jobs)
      .set({ state: 'cancelled', finishedAt: now.getTime(), leaseExpiresAt: null })
      .where(and(eq(jobs.state, 'pending'), eq(jobs.channelId, channelId)))
      .returning({ id: jobs.id });
    return cancelled.length;
  }

  async pendingFor(channelId: number, kind?: string): Promise<Job[]> {
    const rows = kind ? await this.q.pendingOfKind({ channelId, kind }) : await this.q.pendingOfChannel({ channelId });
    return rows.map(toJob);
  }

  // ---- the scheduler's side -------------------------------------------------------------------

  async claimDue(now: Date, owner: string, leaseUntil: Date, limit: number): Promise<Job[]> {
    const values = { now: now.getTime(), owner, leaseUntil: leaseUntil.getTime() };
    const rows = await this.q.claimingTakenOver(limit, values);
    if (rows.length < limit) rows.push(...(await this.q.claimingDue(limit - rows.length, values)));
    return rows.sort((a, b) => a.dueAt - b.dueAt || a.id - b.id).map(toJob);
  }

  private readonly holding = prepared(this.ctx, (db, { jobs }) =>
    db.select({ id: jobs.id }).from(jobs).where(held(this.t)).limit(fixedLimit(1)),
  );

  async holds(id: number, owner: string): Promise<boolean> {
    return (await this.holding({ id, owner })).length > 0;
  }

  private readonly finishing = prepared(this.ctx, (db, { jobs }) =>
    db
      .update(jobs)
      .set({
        state: given('outcome'),
        result: given('result'),
        finishedAt: given('now'),
        leaseOwner: null,
        leaseExpiresAt: null,
      })
      .where(held(this.t))
      .returning({ id: jobs.id }),
  );

  async finish(id: number, owner: string, outcome: JobOutcome, result: string, now: Date): Promise<boolean> {
    return (await this.finishing({ id, owner, outcome, result, now: now.getTime() })).length > 0;
  }

  private readonly retrying = prepared(this.ctx, (db, { jobs }) =>
    db
      .update(jobs)
      .set({ state: 'pending', result: given('error'), leaseOwner: null, leaseExpiresAt: given('at') })
      .where(held(this.t))
      .returning({ id: jobs.id }),
  );

  async retryLater(id: number, owner: string, at: Date, error: string): Promise<boolean> {
    return (await this.retrying({ id, owner, error, at: at.getTime() })).length > 0;
  }

  async release(owner: string): Promise<number> {
    const { jobs } = this.t;
    // The claim counted an attempt that never ran: give it back.
    const attempts = greatest(this.ctx, sql`${jobs.attempts} - 1`, 0);
    const released = await this.db
      .update(jobs)
      .set({ state: 'pending', leaseOwner: null, leaseExpiresAt: null, attempts })
      .where(and(eq(jobs.state, 'running'), eq(jobs.leaseOwner, owner)))
      .returning({ id: jobs.id });
    return released.length;
  }

  async cancelPendingOf(channelId: number, kind: string, after: Date, now: Date): Promise<number> {
    const { jobs } = this.t;
    const cancelled = await this.db
      .update(jobs)
      .set({ state: 'cancelled', finishedAt: now.getTime(), leaseExpiresAt: null })
      .where(
        and(
          eq(jobs.channelId, channelId),
          eq(jobs.kind, kind),
          eq(jobs.state, 'pending'),
          gt(jobs.dueAt, after.getTime()),
        ),
      )
      .returning({ id: jobs.id });
    return cancelled.length;
  }

  async nextWakeAt(): Promise<Date | null> {
    const { jobs } = this.t;
    // Three index seeks on jobs_state_lease_due rather than a scan of every pending job: the
    // earliest pending job without a hold; the pending ones with a retry hold (kept in the
    // lease-expiry column: due at the later of the two; few); the earliest lease of a running job.
    const [free] = await this.db
      .select({ at: jobs.dueAt })
      .from(jobs)
      .where(and(eq(jobs.state, 'pending'), isNull(jobs.leaseExpiresAt)))
      .orderBy(asc(jobs.dueAt))
      .limit(fixedLimit(1));
    const [held] = await this.db
      .select({ at: sql<number | null>`min(${greatest(this.ctx, jobs.dueAt, jobs.leaseExpiresAt)})`.mapWith(Number) })
      .from(jobs)
      .where(and(eq(jobs.state, 'pending'), isNotNull(jobs.leaseExpiresAt)));
    const [running] = await this.db
      .select({ at: jobs.leaseExpiresAt })
      .from(jobs)
      .where(and(eq(jobs.state, 'running'), isNotNull(jobs.leaseExpiresAt)))
      .orderBy(asc(jobs.leaseExpiresAt))
      .limit(fixedLimit(1));
    const at = [free?.at, held?.at, running?.at].filter((t): t is number => t != null && !Number.isNaN(t));
    return at.length === 0 ? null : new Date(Math.min(...at));
  }

  async recentProblems(channelId: number, limit: number): Promise<Job[]> {
    const { jobs } = this.t;
    const rows = await this.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.channelId, channelId), inArray(jobs.state, ['failed', 'dropped'])))
      .orderBy(desc(jobs.finishedAt), desc(jobs.id))
      .limit(fixedLimit(limit));
    return rows.map(toJob);
  }

  async pruneFinished(before: Date, limit: number): Promise<number> {
    const { jobs } = this.t;
    // By due time, through jobs_state_due: a finished job was due before it finished.
    const old = await this.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(inArray(jobs.state, ['done', 'dropped', 'failed', 'cancelled']), lt(jobs.dueAt, before.getTime())))
      .limit(fixedLimit(limit));
    if (old.length > 0)
      await this.db.delete(jobs).where(
        inArray(
          jobs.id,
          old.map((r) => r.id),
        ),
      );
    return old.length;
  }
}
