/** How the scheduler runs a burst of due jobs: in slices, each one transaction, with turns between. */

/**
 * Claimed jobs run in slices of one transaction each: a slice takes jobs until it has run this long
 * (elapsed time, not the Clock), then commits and lets the event loop turn.
 */
export const SLICE_BUDGET_MS = 8;
/** Jobs in one slice at most; channels whose holidays and cadences a slice reads at once. */
export const SLICE_MAX = 200;
export const READ_AHEAD = 32;

export const turn = () => new Promise<void>((resolve) => setImmediate(resolve)); // lets I/O and timers in

/**
 * Claims and runs commit without waiting for the disk. What a job does reaches a person only through
 * an outbox, whose claim commits durably before anything is sent, and takes every earlier commit to
 * disk with it (the log is written in order). So a power cut can lose only runs whose posts were not
 * yet sent: they run again when their leases expire, and nothing is sent twice. Waiting for the disk
 * at every slice held the event loop while a burst of due jobs ran (a sync is milliseconds, more on a
 * busy disk).
 */
export const UNSENT = { durable: false } as const;
