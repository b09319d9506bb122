/**
 * Job kinds: what a scheduled job does, declared once and registered in `kinds.ts`.
 *
 *   export const morningPost = defineJobKind({
 *     kind: 'morning-post',
 *     label: 'morning handoff post',
 *     payload: z.object({ date: z.string() }),
 *     // Run late until the end of that business day, marked late; after that, drop it and say why.
 *     misfire: { kind: 'late-until', until: async (job, { channel, store }) => endOfBusinessDay(...), why: '…' },
 *     async run(ctx, { date }) {
 *       const late = ctx.lateNotice();                       // "Posted late: this was due …" or null
 * await ctx.post(inChannel(...blocks, ...(late ? [late] : []))); // idempotency key defaults to the occurrence key
 *       return 'posted';                                     // recorded as the job's result (shown in status)
 *     },
 *     // Keeps the next occurrence(s) scheduled: called at startup, after each run and on ctx.timesChanged().
 * plan: async (channel, store, after) => [{ dueAt, payload: { date }, occurrenceKey: `morning:${channel.id}:${date}`
 * }],
 *   });
 *
 * Rules that make "never lost, never doubled" hold:
 * - `run` runs inside the transaction that marks the job done, so its posts (`ctx.post`,
 *   `ctx.updatePost`) and the job's completion commit together or not at all. Read and write
 *   through `ctx.store` (the job's transaction); never call a platform or the network from `run`.
 * - The occurrence key names the occurrence (kind, channel, local date or subject): scheduling an
 *   existing key is a no-op, so plan() may return occurrences that already exist. Build it only
 *   from what identifies the occurrence, never from `after` or `now`: every planning (each start,
 *   each process) must produce the same key, or the same post is scheduled twice.
 * - `run` reads the current state it depends on (an escalation acknowledged meanwhile: skip and
 *   return why); a job is only cancelled while pending, so a claimed one still runs.
 * - A throw is retried with backoff a few times, then the job is failed (visible in `status`).
 * - One-off jobs (an ack re-notification) are scheduled from a command with
 *   `await ctx.store.jobs.schedule(ackRenotify.newJob(channel.id, { dueAt, payload, occurrenceKey }), ctx.now)`
 *   and cancelled with `await ctx.store.jobs.cancelPending('ack:12:', ctx.now)`.
 * - After a change that moves the channel's times (hours, timezone, holidays, cadences), a command
 *   calls `ctx.timesChanged()`: every kind with a `plan` has its pending future jobs cancelled and
 *   planned again, in the command's transaction. Commands never name the kinds.
 */
import type * as z from 'zod';
import type { Channel } from '../domain/model.js';
import type { Logger } from './logger.js';
import type { Job, NewJob } from './ports/jobs.js';
import type { Store } from './ports/store.js';
import type { PostOptions } from './posting.js';
import type { Block, Reply } from './reply.js';

/** A job as its kind sees it: the payload parsed by the kind's schema. */
export type ScheduledJob<P> = Omit<Job, 'payload'> & { payload: P };

/** What a misfire policy's deadline may look at. */
export interface MisfireContext {
  now: Date;
  channel: Channel;
  store: Store;
}

/**
 * What to do with a job found after its due time (the process was down or busy). A job counts as
 * late when found more than `lateAfterMs` (default one minute) after its due time.
 * - `late-until`: run it, marked late, while now < until(job); after that drop it, recording `why`.
 * - `drop-if-late`: run it within `graceMs` of its due time; after that drop it, recording `why`.
 * - `once`: run it whenever it is found (late or not), exactly once.
 */
export type MisfirePolicy<P> =
  | {
      kind: 'late-until';
      until(job: ScheduledJob<P>, ctx: MisfireContext): Promise<Date>;
      why?: string;
      lateAfterMs?: number;
    }
  | { kind: 'drop-if-late'; graceMs: number; why?: string; lateAfterMs?: number }
  | { kind: 'once'; lateAfterMs?: number };

export type JobPostOptions = Partial<PostOptions>;

/** What `run` gets. */
export interface JobContext<P> {
  now: Date;
  job: ScheduledJob<P>;
  /** The channel the job belongs to; posts go to its conversation. */
  channel: Channel;
  store: Store;
  /** When the job was due. */
  dueAt: Date;
  /** Found after its due time (see MisfirePolicy): say so in the post. */
  late: boolean;
  log: Logger;
  /** Tandem's public address (TANDEM_PUBLIC_URL, no trailing slash): links to its pages; null when unset. */
  publicUrl: string | null;
  /**
   * Queues a post to the channel. The idempotency key defaults to `job:<occurrence key>` (and
   * `…:2`, `…:3` for further posts of the same run); give one when the post has a meaning of its own.
   */
  post(reply: Reply, options?: JobPostOptions): Promise<boolean>;
  /** Queues an in-place update of the message posted under `messageKey`. */
  updatePost(messageKey: string, reply: Reply): Promise<void>;
  /** A context line "Posted late: this was due at …" for late runs, else null. */
  lateNotice(): Block | null;
}

/** One occurrence a kind's plan wants scheduled; the kind and channel are filled in. */
export interface PlannedJob<P> {
  dueAt: Date;
  payload: P;
  occurrenceKey: string;
}

export interface JobKindSpec<P> {
  /** Stable id stored in every job row, e.g. `morning-post`. Never rename a kind that has jobs. */
  kind: string;
  /** Shown in `status`, e.g. `morning handoff post`; the kind id when absent. */
  label?: string;
  /** Validates the stored payload before each run; a payload that fails fails the job (no crash loop). */
  payload: z.ZodType<P>;
  misfire: MisfirePolicy<P>;
  /** Does the job, inside the job's transaction. The string returned is recorded as its result. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a run that records no result simply returns nothing
  run(ctx: JobContext<P>, payload: P): Promise<void | string>;
  /** The next occurrence(s) after `after` for this channel; must only read the store. */
  plan?(channel: Channel, store: Store, after: Date): Promise<PlannedJob<P>[]>;
}

export interface JobKind<P> extends JobKindSpec<P> {
  /** A job of this kind for `store.jobs.schedule`, its payload checked by the type system. */
  newJob(channelId: number, planned: PlannedJob<P>): NewJob;
}

/** A job kind with its payload type erased, as the registry holds it. */
export type AnyJobKind = JobKind<unknown>;

/** Declares a job kind; keeps `P` checked between `payload`, `run`, `plan` and `newJob`. */
export function defineJobKind<P>(spec: JobKindSpec<P>): JobKind<P> {
  if (!/^[a-z][a-z0-9-]*$/.test(spec.kind))
    throw new Error(`job kind "${spec.kind}" must be lowercase words joined by dashes`);
  return {
    ...spec,
    newJob: (channelId, planned) => ({
      kind: spec.kind,
      channelId,
      dueAt: planned.dueAt,
      payload: planned.payload,
      occurrenceKey: planned.occurrenceKey,
    }),
  };
}

/** The declared job kinds. Two kinds with one id are a programming error. */
export class JobKindRegistry {
  readonly #byKind = new Map<string, AnyJobKind>();

  constructor(kinds: readonly AnyJobKind[] = []) {
    for (const k of kinds) this.register(k);
  }

  register(kind: AnyJobKind): void {
    if (this.#byKind.has(kind.kind)) throw new Error(`job kind "${kind.kind}" is declared twice`);
    this.#byKind.set(kind.kind, kind);
  }

  get(kind: string): AnyJobKind | undefined {
    return this.#byKind.get(kind);
  }

  get all(): readonly AnyJobKind[] {
    return [...this.#byKind.values()];
  }

  /** The kinds that keep their own occurrences scheduled. */
  get planned(): readonly AnyJobKind[] {
    return this.all.filter((k) => k.plan !== undefined);
  }
}
