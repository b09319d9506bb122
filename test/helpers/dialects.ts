/**
 * The storage tests run against both dialects: SQLite (in memory, or a file for a second connection)
 * and PostgreSQL (a database of this test file's own on the server of test/setup/postgres.ts, emptied
 * for each fresh store). `describe.each(DIALECTS)` runs a block on each.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { type Db, openDb } from '../../db/client.js';
import { openPg, type PgDb } from '../../db/pg/client.js';
import { createPgStore } from '../../db/pg/store.js';
import { createStore } from '../../db/store.js';
import type { Store } from '../../src/kernel/ports/store.js';
import { TEST_DATABASE_PREFIX } from '../setup/postgres.js';

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type Dialect = (typeof DIALECTS)[number];

/** One connection (one process's) to a test database, whichever the dialect. */
export interface TestDb {
  readonly dialect: Dialect;
  readonly store: Store;
  /** Where another connection opens the same database: a SQLite file or `:memory:`, or a PostgreSQL URL. */
  readonly location: string;
  /** The SQLite database, for tests that reach into it; on PostgreSQL, using it throws. */
  readonly sqlite: Db;
  /** Raw SQL with `?` placeholders, on either dialect; integers come back as numbers. */
  rows<T = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<T[]>;
  /** Another connection to the same database, as a second process has. */
  another(): Promise<TestDb>;
  close(): Promise<void>;
}

let fileDatabase: Promise<string> | null = null;
/** The PostgreSQL connections this test file opened: closed before a fresh database, and at the end. */
const openPools = new Set<PgDb>();
let current: Dialect = 'sqlite';

async function closePools(): Promise<void> {
  const pools = [...openPools];
  openPools.clear();
  await Promise.all(pools.map((db) => db.$client.end().catch(() => {})));
}

/** The dialect of the `describeEachDialect` block running now (SQLite outside any): the harness's default. */
export function currentDialect(): Dialect {
  return current;
}

/** `describe` once per dialect; inside, `makeHarness` uses that dialect unless told otherwise. */
export function describeEachDialect(name: string, fn: (dialect: Dialect) => void): void {
  describe.each(DIALECTS)(`${name} [%s]`, (dialect) => {
    beforeAll(() => {
      current = dialect;
    });
    afterAll(async () => {
      current = 'sqlite';
      await closePools();
    });
    fn(dialect);
  });
}

/** A new, empty PostgreSQL database on the test server (dropped when the run ends); its URL. */
export async function createPgDatabase(): Promise<string> {
  const server = inject('testDatabaseUrl');
  if (!server) throw new Error('no PostgreSQL server: vitest must run with test/setup/postgres.ts');
  const name = `${TEST_DATABASE_PREFIX}${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** This test file's PostgreSQL database (created on first use). */
function pgDatabase(): Promise<string> {
  fileDatabase ??= createPgDatabase();
  return fileDatabase;
}

/** Empties every table of the database and restarts its ids, as a fresh database has them. */
async function emptyPg(db: PgDb): Promise<void> {
  const { rows } = await db.$client.query<{ t: string }>(
    "select quote_ident(tablename) as t from pg_tables where schemaname = 'public'",
  );
  if (rows.length > 0) await db.$client.query(`truncate ${rows.map((r) => r.t).join(', ')} restart identity cascade`);
}

function positional(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

async function connectPg(url: string, empty = false): Promise<TestDb> {
  if (empty) await closePools();
  const db = await openPg(url, { max: 4 });
  openPools.add(db);
  if (empty) await emptyPg(db);
  let closed: Promise<void> | null = null;
  const t: TestDb = {
    dialect: 'postgres',
    store: createPgStore(db),
    location: url,
    // Throws when used, not when read: `{ ...harness }` reads every property.
    sqlite: new Proxy({} as Db, {
      get: () => {
        throw new Error('this test database is PostgreSQL: use rows()');
      },
    }),
    rows: async <T>(text: string, ...params: unknown[]) =>
      (await db.$client.query(positional(text), params)).rows as T[],
    another: () => connectPg(url),
    close: () => {
      openPools.delete(db);
      closed ??= db.$client.end();
      return closed;
    },
  };
  return t;
}

/** A TestDb over a SQLite database: the one at `path`, or `db` already open on it. */
export function connectSqlite(path: string, db: Db = openDb(path)): TestDb {
  return {
    dialect: 'sqlite',
    store: createStore(db),
    location: path,
    sqlite: db,
    rows: async <T>(text: string, ...params: unknown[]) => db.$client.prepare(text).all(...params) as T[],
    another: async () => {
      if (path === ':memory:') throw new Error('open the SQLite test database with `file: true` for a second one');
      return connectSqlite(path);
    },
    close: async () => {
      if (db.$client.open) db.$client.close();
    },
  };
}

/**
 * A fresh, empty, migrated test database of the dialect. SQLite is in memory unless `file` (needed
 * for `another()`); PostgreSQL is this file's database, emptied.
 */
export async function openTestDb(dialect: Dialect, options: { file?: boolean } = {}): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const path = options.file ? join(mkdtempSync(join(tmpdir(), 'tandem-')), 'tandem.db') : ':memory:';
    return connectSqlite(path);
  }
  return connectPg(await pgDatabase(), true);
}

/** Opens the same database at `location` again (another process), whichever the dialect. */
export function reopenTestDb(dialect: Dialect, location: string): Promise<TestDb> {
  return dialect === 'sqlite' ? Promise.resolve(connectSqlite(location)) : connectPg(location);
}

/** The database of a test harness: a fresh one at first, then the same one again (restart, another process). */
export function harnessDatabase(o: { db?: Db; dialect?: Dialect }, location: string, fresh: boolean): Promise<TestDb> {
  if (o.db) return Promise.resolve(connectSqlite(location, o.db));
  const dialect = o.dialect ?? currentDialect();
  return fresh && dialect === 'postgres' ? openTestDb(dialect) : reopenTestDb(dialect, location);
}
