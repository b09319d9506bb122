import { AsyncLocalStorage } from 'node:async_hooks';

/** A transaction's mark on its async context; cleared when it ends, so that work it left running is outside it. */
interface Open {
  open: boolean;
}

/**
 * Finds a store used inside its own transaction where the transaction's `tx` belongs: on SQLite that
 * call would wait for the transaction it is part of, for ever. Off in production: it needs an async
 * context, which on Node 20 puts a hook on every promise of the process. The tests turn it on.
 */
export class NestingCheck {
  readonly #current = new AsyncLocalStorage<Open>();

  /** Runs `fn` as a transaction's body: the store called from it is refused. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const open = { open: true };
    try {
      return await this.#current.run(open, fn);
    } finally {
      open.open = false;
    }
  }

  /** The error for a call made now, if it comes from inside a transaction's body. */
  misuse(what: string): Error | null {
    if (this.#current.getStore()?.open !== true) return null;
    return new Error(
      `${what} of the store called inside a transaction: use the transaction's own store (the \`tx\` it is handed)`,
    );
  }
}

let active: NestingCheck | null = null;

/** The check, when turned on. */
export const nestingCheck = (): NestingCheck | null => active;

/** Turns the check on for this process (the test setup does). */
export function checkNesting(): void {
  active ??= new NestingCheck();
}
