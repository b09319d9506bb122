import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema/index.js';

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export const PG_MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Any number that names Tandem's migration lock: instances starting together migrate one after the other. */
const MIGRATION_LOCK = 0x7a4d3e1;

// Instants and counts are 64-bit integers in PostgreSQL (`bigint`, `count(*)`, `sum`): read them as numbers,
// as SQLite gives them. Milliseconds since the epoch stay far below 2^53. drizzle reads pg's global parsers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export interface PgOpenOptions {
  /** Milliseconds a statement waits for a row lock another connection holds before StoreBusy. */
  lockTimeoutMs?: number;
  /** Connections in the pool. */
  max?: number;
}

/** True for `postgres://…` and `postgresql://…` addresses. */
/**
 * Connects a pool to the database at `url` and applies the committed migrations, under an advisory
 * lock so that instances starting together migrate once (the others find them applied). Fails with
 * the server's reason when the database cannot be reached.
 */
export async function openPg(url: string, options: PgOpenOptions = {}): Promise<PgDb> {
  const lockTimeout = Math.max(0, Math.round(options.lockTimeoutMs ?? 5000));
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    // The server's own default applies to the session; Tandem's is that of SQLite's busy timeout.
    options: `-c lock_timeout=${lockTimeout}`,
  });
  // An idle connection the server dropped (restart, failover) is an event, not a crash: the pool replaces it.
  pool.on('error', () => {});
  try {
    await migrateOnce(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return drizzle(pool, { schema }) as PgDb;
}

async function migrateOnce(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client), { migrationsFolder: PG_MIGRATIONS_FOLDER });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
