import type { RunResult } from 'better-sqlite3';
import { eq, inArray, sql } from 'drizzle-orm';
import type { SQLiteInsertBase } from 'drizzle-orm/sqlite-core';
import type { NewJob } from '../../src/kernel/ports/jobs.js';
import { p, prepared } from '../prepared.js';
import type { SqlContext, Tables } from '../sql-context.js';

/** Rows per insert when scheduling many on PostgreSQL: 7 parameters a row stays far below the driver's limit. */
const SCHEDULE_CHUNK = 500;
/** Occurrence keys per `in (…)` list. */
const KEYS_CHUNK = 900;

/**
 * The writes that put occurrences in the jobs table, and the check of which are pending: what
 * planning runs for every channel at startup. On SQLite one prepared single-row upsert in a loop
 * (no round trips; drizzle building a 500-row statement cost more than SQLite running it); on
 * PostgreSQL multi-row inserts, since there each statement is a round trip.
 */
export class JobScheduling {
  private readonly upsertOne;

  constructor(private readonly ctx: SqlContext) {
    this.upsertOne = upsertOneJob(ctx);
  }

  /** Schedules each job unless its occurrence exists (a cancelled one is revived); the keys created or revived. */
  async scheduleMany(batch: readonly NewJob[], now: Date): Promise<Set<string>> {
    const created = new Set<string>();
    if (this.ctx.dialect === 'sqlite') {
      const createdAt = now.getTime();
      for (const job of batch) {
        const written = await this.upsertOne({
          kind: job.kind,
          channelId: job.channelId,
          dueAt: job.dueAt.getTime(),
          payload: job.payload,
          key: job.occurrenceKey,
          createdAt,
        });
        if (written.changes > 0) created.add(job.occurrenceKey);
      }
      return created;
    }
    for (let from = 0; from < batch.length; from += SCHEDULE_CHUNK) {
      const values = batch.slice(from, from + SCHEDULE_CHUNK).map((job) => ({
        kind: job.kind,
        channelId: job.channelId,
        dueAt: job.dueAt.getTime(),
        payload: job.payload,
        occurrenceKey: job.occurrenceKey,
        state: 'pending' as const,
        createdAt: now.getTime(),
      }));
      const { jobs } = this.ctx.t;
      const written = await upserting(this.ctx.db.insert(jobs).values(values), jobs).returning({
        key: jobs.occurrenceKey,
      });
      for (const r of written) created.add(r.key);
    }
    return created;
  }

  /** Of these occurrence keys, the ones whose job is pending. */
  async pendingAmong(keys: readonly string[]): Promise<Set<string>> {
    const { jobs } = this.ctx.t;
    const pending = new Set<string>();
    for (let from = 0; from < keys.length; from += KEYS_CHUNK) {
      // By the occurrence key's unique index, the state compared here: with `state = 'pending'` in the
      // condition SQLite picked the state index and read every pending job for each list.
      const rows = await this.ctx.db
        .select({ key: jobs.occurrenceKey, state: jobs.state })
        .from(jobs)
        .where(inArray(jobs.occurrenceKey, keys.slice(from, from + KEYS_CHUNK)));
      for (const r of rows) if (r.state === 'pending') pending.add(r.key);
    }
    return pending;
  }
}

/**
 * One job, by placeholders; prepared on first use (a store on PostgreSQL never builds it). Without
 * `returning`: the driver's count of changed rows says whether it was created, without a row to map.
 */
function upsertOneJob(ctx: SqlContext) {
  return prepared(ctx, (db, { jobs }) =>
    upserting(
      db.insert(jobs).values({
        kind: p('kind'),
        channelId: p('channelId'),
        dueAt: p('dueAt'),
        payload: p('payload'),
        occurrenceKey: p('key'),
        state: 'pending',
        createdAt: p('createdAt'),
      }),
      jobs,
    ),
  );
}

/**
 * The insert made an upsert: an occurrence that exists is left alone, unless it was cancelled: a
 * replan that puts the same occurrence back (at the same or a new time) revives it. A row
 * inserted or revived is changed; one left alone is not.
 */
function upserting(insert: SQLiteInsertBase<Tables['jobs'], 'sync', RunResult>, jobs: Tables['jobs']) {
  return insert.onConflictDoUpdate({
    target: jobs.occurrenceKey,
    set: {
      kind: sql`excluded.kind`,
      channelId: sql`excluded.channel_id`,
      dueAt: sql`excluded.due_at`,
      payload: sql`excluded.payload`,
      state: 'pending',
      attempts: 0,
      leaseOwner: null,
      leaseExpiresAt: null,
      result: null,
      finishedAt: null,
    },
    setWhere: eq(jobs.state, 'cancelled'),
  });
}
