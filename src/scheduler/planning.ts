import type { Channel } from '../domain/model.js';
import type { AnyJobKind, JobKindRegistry } from '../kernel/job-kind.js';
import type { Logger } from '../kernel/logger.js';
import type { Planner } from '../kernel/ports/planner.js';
import type { Store } from '../kernel/ports/store.js';

/** Rounds of planning past occurrences that already ran, before giving up. */
const MAX_PLAN_ROUNDS = 10;

/**
 * Schedules what `kind` plans for `channel` after `after`; existing occurrences are left alone.
 * When every occurrence the plan returns already ran (a change moved today's time after today's
 * post went out), plans again after them, so the next occurrence is never lost. Returns how many were created.
 */
export async function planKind(
  store: Store,
  kind: AnyJobKind,
  channel: Channel,
  after: Date,
  now: Date,
): Promise<number> {
  if (!kind.plan) return 0;
  let created = 0;
  let from = after;
  for (let round = 0; round < MAX_PLAN_ROUNDS; round++) {
    const planned = await kind.plan(channel, store, from);
    if (planned.length === 0) break;
    for (const p of planned) {
      if (await store.jobs.schedule(kind.newJob(channel.id, p), now)) created++;
    }
    const pending = new Set((await store.jobs.pendingFor(channel.id, kind.kind)).map((j) => j.occurrenceKey));
    if (planned.some((p) => pending.has(p.occurrenceKey))) break;
    const last = Math.max(...planned.map((p) => p.dueAt.getTime()));
    if (last <= from.getTime()) break;
    from = new Date(last);
  }
  return created;
}

/**
 * After a change that moves a channel's times: cancels the channel's pending jobs of every kind
 * with a plan that are due in the future, and plans again. Jobs already due are kept: they run at
 * the next tick. Joins the caller's transaction. Returns how many jobs were (re)created.
 */
export async function replanChannel(
  store: Store,
  kinds: JobKindRegistry,
  channelId: number,
  now: Date,
): Promise<number> {
  return store.transaction(async (tx) => {
    const channel = await tx.channels.get(channelId);
    let created = 0;
    for (const k of kinds.planned) {
      await tx.jobs.cancelPendingOf(channelId, k.kind, now, now);
      created += await planKind(tx, k, channel, now, now);
    }
    return created;
  });
}

/** The kernel's Planner over these kinds: what `ctx.timesChanged()` calls. */
export function plannerFor(kinds: JobKindRegistry): Planner {
  return { channelTimesChanged: (store, channelId, now) => replanChannel(store, kinds, channelId, now) };
}

/** Plans every planned kind for every channel (at startup). A channel whose planning throws is logged and skipped. */
export async function planAll(store: Store, kinds: JobKindRegistry, now: Date, log: Logger): Promise<number> {
  let created = 0;
  const channels = await store.channels.all();
  // Channels are planned PLAN_ALL_BATCH to a transaction: a commit per channel and kind (each a
  // disk sync) made a startup with thousands of channels take minutes.
  for (let from = 0; from < channels.length; from += PLAN_ALL_BATCH) {
    try {
      created += await store.transaction(async (tx) => {
        let n = 0;
        for (const channel of channels.slice(from, from + PLAN_ALL_BATCH)) {
          for (const kind of kinds.planned) {
            try {
              n += await planKind(tx, kind, channel, now, now);
            } catch (err) {
              log.error({ err, channel: channel.id, kind: kind.kind }, 'planning failed');
            }
          }
        }
        return n;
      });
    } catch (err) {
      log.error({ err, channels: channels.length, from }, 'planning failed');
    }
  }
  return created;
}

/** Channels planned in one transaction by planAll. */
const PLAN_ALL_BATCH = 100;

/**
 * After the clock jumped (the console's `:at`): cancels every pending job of the planned kinds, due
 * before or after the new time, and plans each channel again from `now`. One-off jobs are kept.
 */
export async function planAfresh(store: Store, kinds: JobKindRegistry, now: Date, log: Logger): Promise<number> {
  await store.transaction(async (tx) => {
    for (const channel of await tx.channels.all()) {
      for (const kind of kinds.planned) await tx.jobs.cancelPendingOf(channel.id, kind.kind, new Date(0), now);
    }
  });
  return planAll(store, kinds, now, log);
}
