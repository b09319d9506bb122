import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Job, JobRepo, NewJob } from '../../src/kernel/ports/jobs.js';
import type { JobOutcome, JobQueue } from '../../src/kernel/ports/job-queue.js';
import type { Db } from '../client.js';
import { jobs } from '../schema.js';

type Row = typeof jobs.$inferSelect;

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
export class SqliteJobRepo implements JobRepo, JobQueue {
  constructor(private readonly db: Db) {}

  schedule(job: NewJob, now: Date): boolean {
    const values = {
      kind: job.kind,
      channelId: job.channelId,
      dueAt: job.dueAt.getTime(),
      payload: job.payload,
      occurrenceKey: job.occurrenceKey,
      state: 'pending' as const,
      createdAt: now.getTime(),
    };
    // An occurrence that exists is left alone, unless it was cancelled: a replan that puts the
    // same occurrence back (at the same or a new time) revives it.
    const r = this.db
      .insert(jobs)
      .values(values)
      .onConflictDoUpdate({
        target: jobs.occurrenceKey,
        set: {
          kind: values.kind,
          channelId: values.channelId,
          dueAt: values.dueAt,
          payload: sql`excluded.payload`,
          state: 'pending',
          attempts: 0,
          leaseOwner: null,
          leaseExpiresAt: null,
          result: null,
          finishedAt: null,
        },
        setWhere: eq(jobs.state, 'cancelled'),
      })
      .run();
    return r.changes > 0;
  }

  cancelPending(prefix: string, now: Date): number {
    const r = this.db
      .update(jobs)
      .set({ state: 'cancelled', finishedAt: now.getTime(), leaseExpiresAt: null })
      .where(and(eq(jobs.state, 'pending'), sql`substr(${jobs.occurrenceKey}, 1, ${prefix.length}) = ${prefix}`))
      .run();
    return r.changes;
  }

  pendingFor(channelId: number, kind?: string): Job[] {
    const where = kind
      ? and(eq(jobs.channelId, channelId), eq(jobs.state, 'pending'), eq(jobs.kind, kind))
      : and(eq(jobs.channelId, channelId), eq(jobs.state, 'pending'));
    return this.db.select().from(jobs).where(where).orderBy(asc(jobs.dueAt), asc(jobs.id)).all().map(toJob);
  }

  // ---- the scheduler's side -------------------------------------------------------------------

  claimDue(now: Date, owner: string, leaseUntil: Date, limit: number): Job[] {
    const t = now.getTime();
    const due = or(
      and(eq(jobs.state, 'pending'), lte(jobs.dueAt, t), or(isNull(jobs.leaseExpiresAt), lte(jobs.leaseExpiresAt, t))),
      and(eq(jobs.state, 'running'), lte(jobs.leaseExpiresAt, t)),
    );
    const ids = this.db.select({ id: jobs.id }).from(jobs).where(due).orderBy(asc(jobs.dueAt), asc(jobs.id)).limit(limit);
    const rows = this.db
      .update(jobs)
      .set({ state: 'running', leaseOwner: owner, leaseExpiresAt: leaseUntil.getTime(), attempts: sql`${jobs.attempts} + 1` })
      .where(inArray(jobs.id, ids))
      .returning()
      .all();
    return rows.sort((a, b) => a.dueAt - b.dueAt || a.id - b.id).map(toJob);
  }

  holds(id: number, owner: string): boolean {
    const r = this.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.id, id), eq(jobs.state, 'running'), eq(jobs.leaseOwner, owner)))
      .get();
    return r !== undefined;
  }

  finish(id: number, owner: string, outcome: JobOutcome, result: string, now: Date): boolean {
    const r = this.db
      .update(jobs)
      .set({ state: outcome, result, finishedAt: now.getTime(), leaseOwner: null, leaseExpiresAt: null })
      .where(this.held(id, owner))
      .run();
    return r.changes > 0;
  }

  retryLater(id: number, owner: string, at: Date, error: string): boolean {
    const r = this.db
      .update(jobs)
      .set({ state: 'pending', result: error, leaseOwner: null, leaseExpiresAt: at.getTime() })
      .where(this.held(id, owner))
      .run();
    return r.changes > 0;
  }

  release(owner: string): number {
    // The claim counted an attempt that never ran: give it back.
    const r = this.db
      .update(jobs)
      .set({ state: 'pending', leaseOwner: null, leaseExpiresAt: null, attempts: sql`max(${jobs.attempts} - 1, 0)` })
      .where(and(eq(jobs.state, 'running'), eq(jobs.leaseOwner, owner)))
      .run();
    return r.changes;
  }

  cancelPendingOf(channelId: number, kind: string, after: Date, now: Date): number {
    const r = this.db
      .update(jobs)
      .set({ state: 'cancelled', finishedAt: now.getTime(), leaseExpiresAt: null })
      .where(and(eq(jobs.channelId, channelId), eq(jobs.kind, kind), eq(jobs.state, 'pending'), gt(jobs.dueAt, after.getTime())))
      .run();
    return r.changes;
  }

  nextWakeAt(): Date | null {
    const r = this.db
      .select({
        at: sql<number | null>`min(case when ${jobs.state} = 'pending' then max(${jobs.dueAt}, coalesce(${jobs.leaseExpiresAt}, 0)) else ${jobs.leaseExpiresAt} end)`,
      })
      .from(jobs)
      .where(inArray(jobs.state, ['pending', 'running']))
      .get();
    return r?.at == null ? null : new Date(r.at);
  }

  recentProblems(channelId: number, limit: number): Job[] {
    return this.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.channelId, channelId), inArray(jobs.state, ['failed', 'dropped'])))
      .orderBy(desc(jobs.finishedAt), desc(jobs.id))
      .limit(limit)
      .all()
      .map(toJob);
  }

  private held(id: number, owner: string) {
    return and(eq(jobs.id, id), eq(jobs.state, 'running'), eq(jobs.leaseOwner, owner));
  }
}
