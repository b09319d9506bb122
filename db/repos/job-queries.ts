import { and, asc, eq, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { given, p, prepared, preparedPerLimit } from '../prepared.js';
import { forClaim, type SqlContext, type Tables } from '../sql-context.js';

/**
 * The fixed-shape queries of the jobs table that run for every due job (the claim, the next
 * occurrence's planning): prepared once on SQLite (db/prepared.ts).
 */
export function jobQueries(ctx: SqlContext) {
  return {
    pendingOfKind: prepared(ctx, (db, { jobs }) =>
      db
        .select()
        .from(jobs)
        .where(and(eq(jobs.channelId, p('channelId')), eq(jobs.state, 'pending'), eq(jobs.kind, p('kind'))))
        .orderBy(asc(jobs.dueAt), asc(jobs.id)),
    ),

    pendingOfChannel: prepared(ctx, (db, { jobs }) =>
      db
        .select()
        .from(jobs)
        .where(and(eq(jobs.channelId, p('channelId')), eq(jobs.state, 'pending')))
        .orderBy(asc(jobs.dueAt), asc(jobs.id)),
    ),

    /**
     * The claim, in two statements, each read in due order from its own index: jobs due, and jobs whose
     * holder's lease ran out (its process died). One statement with both conditions joined by OR sorted
     * every due job to return the first few: with 10,000 due it took milliseconds each time, a burst of
     * claims quadratic. Placeholders `now`, `owner`, `leaseUntil`; the limit is the statement's own.
     */
    claimingDue: preparedPerLimit(ctx, (db, t, limit) =>
      claim(ctx, db, t, limit, (now) =>
        and(
          eq(t.jobs.state, 'pending'),
          lte(t.jobs.dueAt, now),
          or(isNull(t.jobs.leaseExpiresAt), lte(t.jobs.leaseExpiresAt, now)),
        ),
      ),
    ),
    claimingTakenOver: preparedPerLimit(ctx, (db, t, limit) =>
      claim(ctx, db, t, limit, (now) => and(eq(t.jobs.state, 'running'), lte(t.jobs.leaseExpiresAt, now))),
    ),
  };
}

/** Claims the first `limit` jobs, in due order, that `which` selects at `now`. */
function claim(
  ctx: SqlContext,
  db: SqlContext['db'],
  { jobs }: Tables,
  limit: number,
  which: (now: ReturnType<typeof p>) => SQL | undefined,
) {
  // On PostgreSQL the rows are locked and rows another instance's claim holds are skipped.
  const ids = forClaim(
    ctx,
    db
      .select({ id: jobs.id })
      .from(jobs)
      .where(which(p('now')))
      .orderBy(asc(jobs.dueAt), asc(jobs.id))
      .limit(limit),
  );
  return db
    .update(jobs)
    .set({
      state: 'running',
      leaseOwner: given('owner'),
      leaseExpiresAt: given('leaseUntil'),
      attempts: sql`${jobs.attempts} + 1`,
    })
    .where(inArray(jobs.id, ids))
    .returning();
}

/** The job `id` while `owner`'s lease holds it: placeholders `id` and `owner`. */
export function held({ jobs }: Tables) {
  return and(eq(jobs.id, p('id')), eq(jobs.state, 'running'), eq(jobs.leaseOwner, p('owner')));
}
