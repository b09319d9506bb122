import type { Logger } from './logger.js';
import type { Store } from './ports/store.js';
import { BRIEF_BUSY_TIMEOUT_MS } from './ports/store.js';

/** How long a delivery id waits here for others to be recorded with it, by default. */
export const DELIVERY_BATCH_DELAY_MS = 100;
/** Recorded at once when this many wait. */
const BATCH = 500;
/** Held at most while the database cannot take them; the oldest are forgotten first. */
const MAX_WAITING = 10_000;

/**
 * The delivery ids of commands that changed nothing (a lookup, a mistake), recorded together: a
 * lookup is then a pure read, which takes no write lock and writes nothing to the disk, and one
 * commit records a batch of ids. A repeat of a delivery is recognised while its id waits here and,
 * once recorded, by the database. What a crash, or a database that stays busy, loses is only that
 * a repeat could be answered again, which changes nothing: a command that changed something records
 * its delivery id in its own transaction instead.
 */
export class DeliveryBatch {
  readonly #waiting = new Map<string, Date>();
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> | null = null;
  #closed = false;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    private readonly delayMs = DELIVERY_BATCH_DELAY_MS,
  ) {}

  /** Whether this delivery was answered and its id is still waiting to be recorded. */
  has(key: string): boolean {
    return this.#waiting.has(key);
  }

  add(key: string, at: Date): void {
    this.#waiting.set(key, at);
    if (this.#waiting.size > MAX_WAITING) this.#waiting.delete(this.#waiting.keys().next().value as string);
    if (this.#closed) return;
    if (this.#waiting.size >= BATCH) this.#soon(0);
    else this.#soon(this.delayMs);
  }

  /** A delivery that was not answered after all (its transaction failed): a repeat may run it. */
  forget(key: string): void {
    this.#waiting.delete(key);
  }

  /** Records every id waiting now; resolves when that commit is done (or failed, which is logged). */
  async flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    while (this.#writing) await this.#writing;
    if (this.#waiting.size === 0) return;
    const batch = [...this.#waiting].map(([key, at]) => ({ key, at }));
    this.#writing = this.#write(batch).finally(() => {
      this.#writing = null;
    });
    await this.#writing;
  }

  /** Records what waits and stops scheduling: for shutdown, before the database closes. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.flush();
  }

  async #write(batch: { key: string; at: Date }[]): Promise<void> {
    try {
      await this.store.transaction((tx) => tx.deliveries.markAllSeen(batch), {
        busyTimeoutMs: BRIEF_BUSY_TIMEOUT_MS,
        durable: false,
      });
      // Ids added while this was written stay for the next batch (an id answered again is added again).
      for (const { key, at } of batch) if (this.#waiting.get(key) === at) this.#waiting.delete(key);
    } catch (err) {
      this.log.warn({ err, waiting: this.#waiting.size }, 'could not record answered deliveries; trying again');
      if (!this.#closed) this.#soon(Math.max(this.delayMs, 1_000));
    }
  }

  #soon(ms: number): void {
    if (this.#timer && ms > 0) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, ms);
    this.#timer.unref();
  }
}
