import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import { StoreBusy } from '../src/kernel/errors.js';
import type { TransactionOptions } from '../src/kernel/ports/store.js';
import { Lock } from './lock.js';

/** Marks the async context of a transaction; cleared when it ends, so that work it left running is outside it. */
interface Open {
  open: boolean;
}

const BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_BUSY_SNAPSHOT']);

/** A lock error from SQLite, as better-sqlite3 throws it or as drizzle wraps it (DrizzleQueryError's cause). */
function isBusy(err: unknown): boolean {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  return BUSY_CODES.has(e?.code as string) || BUSY_CODES.has(e?.cause?.code as string);
}

/**
 * The transaction rule of the Store on one better-sqlite3 connection. Its own transactions must be
 * synchronous, so they are issued by hand, and one async lock orders every use of the connection:
 * a transaction, or a repository call made outside any (which must neither read another caller's
 * uncommitted writes nor be rolled back with them). Inside a transaction, in its async context,
 * calls use the connection directly and a nested transaction joins it.
 */
export class SqliteTransactions {
  static readonly #byConnection = new WeakMap<Database.Database, SqliteTransactions>();
  readonly #lock = new Lock();
  readonly #current = new AsyncLocalStorage<Open>();
  readonly #pragmas = new Map<string, Database.Statement>();

  private constructor(private readonly sqlite: Database.Database) {}

  /** The one instance of the connection, shared by every Store over it. */
  static of(sqlite: Database.Database): SqliteTransactions {
    const known = SqliteTransactions.#byConnection.get(sqlite);
    if (known) return known;
    const txs = new SqliteTransactions(sqlite);
    SqliteTransactions.#byConnection.set(sqlite, txs);
    return txs;
  }

  /** Runs a repository call: at once inside a transaction, else when the connection is free. */
  call<T>(fn: () => Promise<T>): Promise<T> {
    return this.#inTransaction() ? fn() : this.#lock.run(fn);
  }

  /** Runs `fn` as one immediate write transaction, or as part of the one the caller is in. */
  transaction<T>(fn: () => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (this.#inTransaction()) return fn();
    return this.#lock.run(async () => {
      const current = { open: true };
      try {
        return await this.#current.run(current, () => this.#immediate(fn, options));
      } finally {
        current.open = false;
      }
    });
  }

  #inTransaction(): boolean {
    return this.#current.getStore()?.open === true;
  }

  async #immediate<T>(fn: () => Promise<T>, options: TransactionOptions): Promise<T> {
    const { sqlite } = this;
    const brief = options.busyTimeoutMs;
    const usual = brief === undefined ? null : (this.#pragma('busy_timeout') as number);
    if (brief !== undefined) this.#pragma(`busy_timeout = ${Math.max(0, Math.round(brief))}`);
    // NORMAL in WAL mode: the commit is written to the log but not synced; a later sync (the next
    // durable commit, a checkpoint) takes it along. FULL (1 is NORMAL, 0 OFF) syncs every commit.
    const level = options.durable === false ? (this.#pragma('synchronous') as number) : null;
    const relaxed = level !== null && level > 1;
    if (relaxed) this.#pragma('synchronous = NORMAL');
    try {
      sqlite.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn();
        sqlite.exec('COMMIT');
        return result;
      } catch (err) {
        // A failed COMMIT leaves the transaction open; some errors make SQLite roll back by itself.
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
        throw err;
      }
    } catch (err) {
      throw isBusy(err) ? new StoreBusy(err) : err;
    } finally {
      if (usual !== null) this.#pragma(`busy_timeout = ${usual}`);
      if (relaxed) this.#pragma(`synchronous = ${level}`);
    }
  }

  /**
   * Runs a pragma through a statement prepared once per text (better-sqlite3's `pragma()` compiles
   * it again at every call, three times a transaction); its value, when it gives one.
   */
  #pragma(source: string): unknown {
    let stmt = this.#pragmas.get(source);
    if (!stmt) {
      stmt = this.sqlite.prepare(`PRAGMA ${source}`);
      if (stmt.reader) stmt.pluck();
      this.#pragmas.set(source, stmt);
    }
    return stmt.reader ? stmt.get() : stmt.run();
  }
}
