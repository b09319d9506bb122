import type Database from 'better-sqlite3';
import { StoreBusy } from '../src/kernel/errors.js';
import type { TransactionOptions } from '../src/kernel/ports/store.js';
import { Lock } from './lock.js';
import { nestingCheck } from './nesting-check.js';

/** SQLite's synchronous levels: NORMAL is 1, FULL 2. */
const NORMAL = 1;

/** A connection's busy timeout (ms) and synchronous level. */
interface Levels {
  busy: number;
  sync: number;
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
 * uncommitted writes nor be rolled back with them).
 *
 * A transaction is handed its own store (`tx`), whose calls use the connection directly while the
 * transaction is open and take the lock like any other once it has ended. No async context is
 * needed to tell the two apart: on Node 20 one would put a hook on every promise of the process.
 * The store outside (`store`) always takes the lock, so calling it inside one's own transaction
 * waits for that transaction: `checkNesting` (on in the tests) turns that mistake into an error.
 */
export class SqliteTransactions {
  static readonly #byConnection = new WeakMap<Database.Database, SqliteTransactions>();
  readonly #lock = new Lock();
  /** The transaction holding the connection, if any: its `tx` store's calls run at once. */
  #open: object | null = null;
  readonly #statements = new Map<string, Database.Statement>();
  #opened: Levels | undefined;
  #now: Levels | undefined;

  private constructor(private readonly sqlite: Database.Database) {}

  /** The one instance of the connection, shared by every Store over it. */
  static of(sqlite: Database.Database): SqliteTransactions {
    const known = SqliteTransactions.#byConnection.get(sqlite);
    if (known) return known;
    const txs = new SqliteTransactions(sqlite);
    SqliteTransactions.#byConnection.set(sqlite, txs);
    return txs;
  }

  /** Runs a call of the store outside transactions: when the connection is free. */
  call<T>(fn: () => Promise<T>): Promise<T> {
    const misuse = nestingCheck()?.misuse('A repository');
    if (misuse) return Promise.reject(misuse);
    return this.#lock.run(() => {
      this.#settle(this.#usual().busy, this.#usual().sync);
      return fn();
    });
  }

  /** Runs a call of transaction `owner`'s store: at once while it is open, else as `call` does. */
  within<T>(owner: object, fn: () => Promise<T>): Promise<T> {
    return this.#open === owner ? fn() : this.call(fn);
  }

  /** Runs `fn` as one transaction, owned by `owner` (its store); joins it when `owner`'s is open already. */
  transaction<T>(owner: object, fn: () => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (this.#open === owner) return fn();
    const nesting = nestingCheck();
    const misuse = nesting?.misuse('The transaction');
    if (misuse) return Promise.reject(misuse);
    return this.#lock.run(async () => {
      this.#open = owner;
      try {
        return await (nesting ? nesting.run(() => this.#run(fn, options)) : this.#run(fn, options));
      } finally {
        this.#open = null;
      }
    });
  }

  async #run<T>(fn: () => Promise<T>, options: TransactionOptions): Promise<T> {
    const { sqlite } = this;
    const usual = this.#usual();
    // NORMAL in WAL mode: the commit is written to the log but not synced; a later sync (the next
    // durable commit, a checkpoint) takes it along. FULL (1 is NORMAL, 0 OFF) syncs every commit.
    // A transaction that mostly reads keeps the level it finds: it rarely writes, and then either level will do.
    const relaxed = options.durable === false ? Math.min(usual.sync, NORMAL) : usual.sync;
    const sync = options.mostlyReads && options.durable === false ? (this.#now?.sync ?? usual.sync) : relaxed;
    const busy = options.busyTimeoutMs === undefined ? usual.busy : Math.max(0, Math.round(options.busyTimeoutMs));
    this.#settle(busy, sync);
    try {
      // Deferred: the write lock is taken by the first write, if any; reads never wait for another process's writer.
      this.#exec(options.mostlyReads ? 'BEGIN' : 'BEGIN IMMEDIATE');
      try {
        const result = await fn();
        this.#exec('COMMIT');
        return result;
      } catch (err) {
        // A failed COMMIT leaves the transaction open; some errors make SQLite roll back by itself.
        if (sqlite.inTransaction) this.#exec('ROLLBACK');
        throw err;
      }
    } catch (err) {
      throw isBusy(err) ? new StoreBusy(err) : err;
    }
  }

  /**
   * The connection's busy timeout and synchronous level as opened (db/client.ts), read once: a
   * transaction that asks for others changes them, and the next use that wants these sets them back.
   * Only this class sets them once the connection is open: a pragma issued beside it would not be seen.
   */
  #usual(): Levels {
    this.#opened ??= {
      busy: this.sqlite.pragma('busy_timeout', { simple: true }) as number,
      sync: this.sqlite.pragma('synchronous', { simple: true }) as number,
    };
    return this.#opened;
  }

  /**
   * Sets the busy timeout and synchronous level for what runs next, issuing a pragma only for the one
   * that differs from what this process last set: a stream of lookups, or of scheduler slices, runs none.
   */
  #settle(busy: number, sync: number): void {
    this.#now ??= { ...this.#usual() };
    const now = this.#now;
    if (now.busy !== busy) {
      this.#exec(`PRAGMA busy_timeout = ${busy}`);
      now.busy = busy;
    }
    if (now.sync !== sync) {
      this.#exec(`PRAGMA synchronous = ${sync}`);
      now.sync = sync;
    }
  }

  /** Runs a statement prepared once per text: `exec` and `pragma()` compile theirs again at every call. */
  #exec(source: string): void {
    let stmt = this.#statements.get(source);
    if (!stmt) {
      stmt = this.sqlite.prepare(source);
      this.#statements.set(source, stmt);
    }
    if (stmt.reader) stmt.get();
    else stmt.run();
  }
}
