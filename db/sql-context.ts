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
   * The database, or the transaction open in the caller's async context: read it for each query,
   * never keep it. Typed without `$client`: repositories never touch the connection itself.
   */
  readonly db: BetterSQLite3Database<Tables>;
  readonly t: Tables;
  readonly dialect: 'sqlite' | 'postgres';
}

/** The larger of two values: SQLite spells it `max(a, b)` (two arguments, not the aggregate), PostgreSQL `greatest`. */
export function greatest(ctx: SqlContext, a: SQLWrapper | number, b: SQLWrapper | number): SQL {
  return ctx.dialect === 'postgres' ? sql`greatest(${a}, ${b})` : sql`max(${a}, ${b})`;
}
