export type JobState = 'pending' | 'running' | 'done' | 'dropped' | 'failed' | 'cancelled';

/** A durable piece of scheduled work: one row per occurrence. */
export interface NewJob {
  /** The job kind, e.g. `morning-post`, `ack-renotify`, `cadence-reminder`. */
  kind: string;
  channelId: number | null;
  dueAt: Date;
  payload: unknown;
  /** Unique per occurrence, e.g. `morning:3:2026-11-30`: scheduling the same occurrence twice is a no-op. */
  occurrenceKey: string;
}

export interface Job extends NewJob {
  id: number;
  state: JobState;
  attempts: number;
  result: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** The part of the job store that features use; the scheduler's claim side is in the scheduler. */
export interface JobRepo {
  /** Creates the job unless a job with its occurrence key exists; true when created. */
  schedule(job: NewJob, now: Date): Promise<boolean>;
  /** `schedule` for many at once, without a round trip per job; returns the occurrence keys created. */
  scheduleMany(jobs: readonly NewJob[], now: Date): Promise<Set<string>>;
  /** Of these occurrence keys, the ones whose job is pending. */
  pendingAmong(keys: readonly string[]): Promise<Set<string>>;
  /** Cancels the pending jobs whose occurrence key starts with `prefix`; returns how many. */
  cancelPending(prefix: string, now: Date): Promise<number>;
  /** Cancels every pending job of a channel; returns how many. */
  cancelChannel(channelId: number, now: Date): Promise<number>;
  /** Pending jobs of a channel, soonest first, optionally of one kind. */
  pendingFor(channelId: number, kind?: string): Promise<Job[]>;
}
