import type { Store } from './store.js';

/** What the kernel asks of the scheduler when a command changes a channel's times. */
export interface Planner {
  /**
   * Cancels the channel's future pending occurrences of every job kind that plans its own, and
   * plans them again from `now`, in the caller's transaction. Returns how many jobs were (re)created.
   */
  channelTimesChanged(store: Store, channelId: number, now: Date): Promise<number>;
}
