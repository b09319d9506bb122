import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Logger } from '../src/kernel/logger.js';
import * as schema from './schema/index.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface OpenOptions {
  /** Milliseconds a statement waits for a lock held by another connection before SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /** Where a warning about the files' permissions goes. */
  log?: Logger;
}

/**
 * Opens (creating if needed) the database at `path`, or in memory for `:memory:`, sets the pragmas
 * Tandem relies on and applies the committed migrations. What Tandem creates is private: the
 * folder 0700, the file 0600 (SQLite gives its -wal and -shm files the file's mode); an existing
 * file others can read is used, with a warning.
 */
export function openDb(path: string, options: OpenOptions = {}): Db {
  if (path !== ':memory:') preparePrivateFile(resolve(path), options.log);
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a committed state change and its outbox row survive power loss, not only a crash.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  const db = drizzle(withStatementCache(sqlite), { schema }) as Db;
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return db;
}

/** Statements kept per connection, by their SQL; the oldest goes first beyond this. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection with its statements kept by their SQL text. Drizzle prepares each query anew,
 * and SQLite compiling the same statement again was a fifth of the scheduler's time. A statement is
 * run at once after it is handed out (the process is single-threaded and the driver synchronous),
 * so sharing one is safe; its row mode is reset each time, since drizzle switches some to arrays.
 */
function withStatementCache(sqlite: Database.Database): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const prepare = (source: string) => {
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = sqlite.prepare(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(source, stmt);
    } else if (stmt.reader) stmt.raw(false);
    return stmt;
  };
  return new Proxy(sqlite, {
    get(target, prop) {
      if (prop === 'prepare') return prepare;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The database's folder and file, created private when missing; a warning when an existing one is not. */
function preparePrivateFile(path: string, log: Logger | undefined): void {
  const dir = dirname(path);
  if (mkdirSync(dir, { recursive: true, mode: 0o700 }) !== undefined) chmodSync(dir, 0o700);
  if (!existsSync(path)) {
    closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
    return;
  }
  const open = [path, `${path}-wal`, `${path}-shm`].filter((f) => existsSync(f) && (statSync(f).mode & 0o066) !== 0);
  if (open.length > 0) {
    const modes = open.map((f) => `${f} (${(statSync(f).mode & 0o777).toString(8)})`).join(', ');
    log?.warn(
      { files: open },
      `the database can be read or written by other users: ${modes}. It holds both organisations' data: ` +
        `chmod 600 the files and 700 their folder, and run Tandem as its own user.`,
    );
  }
}
