/**
 * A first-come first-served async mutex. A waiter is handed the lock in a later turn of the event
 * loop (setImmediate), not in the same chain of promises: with the database synchronous, a queue of
 * transactions would otherwise run back to back without letting I/O in, and hold every Slack ack.
 */
export class Lock {
  #held = false;
  readonly #waiting: (() => void)[] = [];

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#held) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#held = true;
    try {
      return await fn();
    } finally {
      const next = this.#waiting.shift();
      if (next) setImmediate(next);
      else this.#held = false;
    }
  }
}
