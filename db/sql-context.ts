import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type * as schema from './schema/index.js';

/** The schema's tables. A PostgreSQL schema for these repositories has the same names and shapes. */
export type Tables = typeof schema;

/**
 * What the repositories run their queries on. They are written once in drizzle's portable style
 * (awaited builders, `returning` for counts, `greatest` below) and typed against the SQLite schema,
 * so that a PostgreSQL backend reuses them by handing them its own context.
 */
export interface SqlContext {
  /**
   * The database (on PostgreSQL the transaction open in the caller's async context): read it for each query,
   * never keep it. Typed without `$client`: repositories never touch the connection itself.
   */
  readonly db: BetterSQLite3Database<Tables>;
  readonly t: Tables;
  readonly dialect: 'sqlite' | 'postgres';
}

/*
 * What differs between the dialects is kept here, and only here.
 */

/** The larger of two values: SQLite spells it `max(a, b)` (two arguments, not the aggregate), PostgreSQL `greatest`. */
export function greatest(ctx: SqlContext, a: SQLWrapper | number, b: SQLWrapper | number): SQL {
  return ctx.dialect === 'postgres' ? sql`greatest(${a}, ${b})` : sql`max(${a}, ${b})`;
}

/** The smaller of two values: SQLite `min(a, b)`, PostgreSQL `least`. A null argument is ignored by neither. */
export function least(ctx: SqlContext, a: SQLWrapper | number, b: SQLWrapper | number): SQL {
  return ctx.dialect === 'postgres' ? sql`least(${a}, ${b})` : sql`min(${a}, ${b})`;
}

/**
 * The select of a claim. On PostgreSQL it locks the rows it returns and skips rows another
 * instance's claim holds (`FOR UPDATE SKIP LOCKED`), so that concurrent claims share the work; on
 * SQLite the claim's immediate transaction already holds the whole database.
 */
export function forClaim<Q>(ctx: SqlContext, query: Q): Q {
  if (ctx.dialect !== 'postgres') return query;
  const lockable = query as unknown as { for(strength: 'update', config: { skipLocked: boolean }): Q };
  return lockable.for('update', { skipLocked: true });
}
