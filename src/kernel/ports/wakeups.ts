/**
 * Wake-ups between the instances on one database: an instance that committed work for the outbox
 * tells the others, which deliver at once instead of at their next tick. Best effort: a lost wake-up
 * only delays the work to the tick. With one process (SQLite) there is nobody to tell.
 */
export interface Wakeups {
  /** Tells the other instances that work was queued. */
  notify(): void;
  /** Calls `onWake` when another instance queued work; resolves with the function that stops listening. */
  listen(onWake: () => void): Promise<() => Promise<void>>;
}
