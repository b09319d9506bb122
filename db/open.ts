import { sql } from 'drizzle-orm';
import type { Logger } from '../src/kernel/logger.js';
import type { Store } from '../src/kernel/ports/store.js';
import type { Wakeups } from '../src/kernel/ports/wakeups.js';
import { openDb } from './client.js';
import { isPostgresUrl } from './database-url.js';
import { createStore } from './store.js';

/** Tandem's database as the process uses it, whichever the dialect. */
export interface OpenDatabase {
  readonly dialect: 'sqlite' | 'postgres';
  readonly store: Store;
  /** Between instances on one PostgreSQL database; none on SQLite (one process). */
  readonly wakeups?: Wakeups;
  /** Resolves when the database answers a query; rejects with the reason otherwise (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseSettings {
  /** `postgres://…`: PostgreSQL; otherwise SQLite at `path`. */
  url?: string | undefined;
  path: string;
  log?: Logger;
}

/** Opens the database the settings name and applies its migrations. */
export async function openDatabase(settings: DatabaseSettings): Promise<OpenDatabase> {
  if (settings.url !== undefined && isPostgresUrl(settings.url)) {
    // Loaded only for PostgreSQL: a SQLite Tandem never loads the driver.
    const [{ openPg }, { createPgStore }, { PgWakeups }] = await Promise.all([
      import('./pg/client.js'),
      import('./pg/store.js'),
      import('./pg/wakeups.js'),
    ]);
    const db = await openPg(settings.url);
    let closed: Promise<void> | null = null;
    return {
      dialect: 'postgres',
      store: createPgStore(db),
      wakeups: new PgWakeups(db, settings.url),
      ping: async () => {
        await db.execute(sql`select 1`);
      },
      close: () => {
        closed ??= db.$client.end();
        return closed;
      },
    };
  }
  const db = openDb(settings.path, settings.log ? { log: settings.log } : {});
  return {
    dialect: 'sqlite',
    store: createStore(db),
    ping: async () => {
      db.$client.prepare('select 1').get();
    },
    close: async () => {
      if (db.$client.open) db.$client.close();
    },
  };
}
