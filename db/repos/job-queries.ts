import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { given, p, prepared } from '../prepared.js';
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

    /** The claim: placeholders `now`, `owner`, `leaseUntil`, `limit`. */
    claiming: prepared(ctx, (db, { jobs }) => {
      const now = p('now');
      const due = or(
        and(
          eq(jobs.state, 'pending'),
          lte(jobs.dueAt, now),
          or(isNull(jobs.leaseExpiresAt), lte(jobs.leaseExpiresAt, now)),
        ),
        and(eq(jobs.state, 'running'), lte(jobs.leaseExpiresAt, now)),
      );
      // On PostgreSQL the rows are locked and rows another instance's claim holds are skipped.
      const ids = forClaim(
        ctx,
        db.select({ id: jobs.id }).from(jobs).where(due).orderBy(asc(jobs.dueAt), asc(jobs.id)).limit(p('limit')),
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
    }),
  };
}

/** The job `id` while `owner`'s lease holds it: placeholders `id` and `owner`. */
export function held({ jobs }: Tables) {
  return and(eq(jobs.id, p('id')), eq(jobs.state, 'running'), eq(jobs.leaseOwner, p('owner')));
}
