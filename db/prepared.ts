import { sql } from 'drizzle-orm';
import type { SqlContext, Tables } from './sql-context.js';

/** A drizzle query builder that can be prepared (select, insert, update, delete). */
interface Preparable extends PromiseLike<unknown> {
  prepare(): { execute(values?: Record<string, unknown>): unknown };
}

/** What awaiting the builder gives: its rows, or the driver's run result. */
type ResultOf<B> = B extends PromiseLike<infer R> ? R : never;

/** A value given at each call of a prepared query, by `name`: `sql.placeholder`, shorter. */
export const p = (name: string) => sql.placeholder(name);

/** The same, where drizzle's types take SQL but no placeholder (an update's `set`); passed to the driver as given. */
export const given = (name: string) => sql`${sql.placeholder(name)}`;

/**
 * A query of one shape whose values are given at each call, by name (`p('now')` in the builder,
 * `{ now }` at the call). On SQLite, where a repository's connection is always the same object (a
 * transaction is open on it, not on one of its own), it is built and prepared once: drizzle
 * building the same SQL again at every call was over half of a due job's time. On PostgreSQL it is
 * built at each call on the connection of the moment (the pool, or the open transaction's client),
 * since a statement belongs to one connection.
 *
 * Only for queries whose SQL never changes between calls: an `in (…)` list of varying length, or
 * a condition added when a value is present, stays an ordinary builder.
 */
export function prepared<B extends Preparable>(
  ctx: SqlContext,
  build: (db: SqlContext['db'], t: Tables) => B,
): (values?: Record<string, unknown>) => Promise<ResultOf<B>> {
  if (ctx.dialect === 'postgres') {
    return async (values = {}) => {
      const query = build(ctx.db, ctx.t) as unknown as {
        execute(values: Record<string, unknown>): Promise<ResultOf<B>>;
      };
      return query.execute(values);
    };
  }
  let statement: ReturnType<B['prepare']> | undefined;
  return async (values = {}) => {
    statement ??= build(ctx.db, ctx.t).prepare() as ReturnType<B['prepare']>;
    return statement.execute(values) as ResultOf<B>;
  };
}

/**
 * A LIMIT written into the statement's text instead of bound as a value. better-sqlite3's SQLite is
 * built with STAT4, whose planner reads a LIMIT's bound value: binding one expires the statement, and
 * every run compiled it again (a primary-key lookup with `limit ?` took three to four times as long as
 * with `limit 1`). Only for counts the code chooses; typed as the number drizzle's `limit` takes.
 */
export function fixedLimit(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`a LIMIT is a whole number from 0, not ${n}`);
  return sql.raw(String(n)) as unknown as number;
}

/**
 * `prepared` for a query whose LIMIT varies between calls: one statement per limit, written into its
 * text (fixedLimit). The limits are the code's own (a batch and what remains of it), so they are few.
 */
export function preparedPerLimit<B extends Preparable>(
  ctx: SqlContext,
  build: (db: SqlContext['db'], t: Tables, limit: number) => B,
): (limit: number, values?: Record<string, unknown>) => Promise<ResultOf<B>> {
  const byLimit = new Map<number, (values?: Record<string, unknown>) => Promise<ResultOf<B>>>();
  return (limit, values) => {
    let query = byLimit.get(limit);
    if (!query) {
      query = prepared(ctx, (db, t) => build(db, t, fixedLimit(limit)));
      byLimit.set(limit, query);
    }
    return query(values);
  };
}

/** How many values an `in (…)` list of `preparedIn` holds: more go in several runs, fewer are padded. */
export const IN_LIST = 32;

/**
 * `prepared` for a query over a list of ids: one statement whose `in (…)` holds IN_LIST placeholders,
 * run once for every IN_LIST ids, a shorter list padded with its last id (a repeated value in `in (…)`
 * matches no row twice). Drizzle built an `in (…)` query anew for each length, three for every slice of
 * due jobs. The rows of each run come together in the order of the runs: group them by id, as the
 * callers do, and an order within one id holds.
 */
export function preparedIn<B extends Preparable>(
  ctx: SqlContext,
  build: (db: SqlContext['db'], t: Tables, ids: ReturnType<typeof p>[]) => B,
): (ids: readonly number[]) => Promise<ResultOf<B>> {
  const slots = Array.from({ length: IN_LIST }, (_, i) => `in${i}`);
  const query = prepared(ctx, (db, t) => build(db, t, slots.map(p)));
  return async (ids) => {
    const rows: unknown[] = [];
    for (let from = 0; from < ids.length; from += IN_LIST) {
      const run = ids.slice(from, from + IN_LIST);
      const values = Object.fromEntries(slots.map((slot, i) => [slot, run[Math.min(i, run.length - 1)]]));
      rows.push(...((await query(values)) as unknown[]));
    }
    return rows as ResultOf<B>;
  };
}
