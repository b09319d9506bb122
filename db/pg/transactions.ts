import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import { StoreBusy } from '../../src/kernel/errors.js';
import type { TransactionOptions } from '../../src/kernel/ports/store.js';
import { Lock } from '../lock.js';
import type { PgDb } from './client.js';

type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0];

/** The transaction of an async context; `open` is cleared when it ends, so work it left running is outside it. */
interface Open {
  open: boolean;
  tx: PgTx;
}

/**
 * What PostgreSQL reports when a transaction lost to another: a serialization failure, a deadlock, a
 * lock it waited for beyond lock_timeout. Nothing was written; the caller may try again.
 */
const BUSY_CODES = new Set(['40001', '40P01', '55P03']);

function isBusy(err: unknown): boolean {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  return BUSY_CODES.has(e?.code as string) || BUSY_CODES.has(e?.cause?.code as string);
}

/** The error to give the core: StoreBusy for a lost lock, else the error itself. */
export function asStoreError(err: unknown): unknown {
  return isBusy(err) ? new StoreBusy(err) : err;
}

/**
 * The transaction rule of the Store over a PostgreSQL pool. A transaction holds one pooled connection;
 * in its async context every repository call goes to that connection and a nested transaction joins
 * it. The transactions of one process run one at a time (the Store's rule, as on SQLite); a call
 * outside any transaction takes a connection of its own, so it never sees another caller's
 * uncommitted writes. Between processes, row locks and FOR UPDATE SKIP LOCKED share the work.
 */
export class PgTransactions {
  readonly #lock = new Lock();
  readonly #current = new AsyncLocalStorage<Open>();

  constructor(private readonly pool: PgDb) {}

  /** Where a query goes now: the caller's transaction, or the pool. */
  get db(): PgDb | PgTx {
    const open = this.#current.getStore();
    return open?.open ? open.tx : this.pool;
  }

  /** Runs a repository call, with a lost lock reported as StoreBusy. */
  async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw asStoreError(err);
    }
  }

  /** A call of a transaction's store: the async context routes it, as any call. */
  within<T>(_owner: object, fn: () => Promise<T>): Promise<T> {
    return this.call(fn);
  }

  /** Runs `fn` as one transaction, or as part of the one the caller is in (the async context tells). */
  transaction<T>(_owner: object, fn: () => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (this.#current.getStore()?.open) return fn();
    return this.#lock.run(async () => {
      try {
        return await this.pool.transaction(async (tx) => {
          if (options.busyTimeoutMs !== undefined) {
            const ms = Math.max(0, Math.round(options.busyTimeoutMs));
            await tx.execute(sql.raw(`set local lock_timeout = ${ms}`));
          }
          // The commit answers before its log record is flushed: a crash of the server may lose it.
          if (options.durable === false) await tx.execute(sql.raw('set local synchronous_commit = off'));
          const current: Open = { open: true, tx };
          try {
            return await this.#current.run(current, fn);
          } finally {
            current.open = false;
          }
        });
      } catch (err) {
        throw asStoreError(err);
      }
    });
  }
}
