import type { Store } from '../../src/kernel/ports/store.js';
import type { SqlContext } from '../sql-context.js';
import { assembleStore } from '../store.js';
import type { PgDb } from './client.js';
import * as pgSchema from './schema/index.js';
import { PgTransactions } from './transactions.js';

/**
 * The Store over a PostgreSQL pool: the repositories of the SQLite Store, handed the PostgreSQL schema
 * (same tables and columns) and the connection of the caller's transaction, read anew for each query.
 */
export function createPgStore(db: PgDb): Store {
  const txs = new PgTransactions(db);
  const ctx = {
    get db() {
      return txs.db;
    },
    t: pgSchema,
    dialect: 'postgres',
  } as unknown as SqlContext;
  return assembleStore(ctx, txs);
}
