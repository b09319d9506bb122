import type { Channel } from '../domain/model.js';
import type { AnyJobKind, JobKindRegistry } from '../kernel/job-kind.js';
import type { Logger } from '../kernel/logger.js';
import type { Planner } from '../kernel/ports/planner.js';
import type { Store } from '../kernel/ports/store.js';
import { prefetchedForPlanning } from './planning-reads.js';

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
  options: { catchUp?: boolean } = {},
): Promise<number> {
  if (!kind.plan) return 0;
  let created = 0;
  let from = after;
  for (let round = 0; round < MAX_PLAN_ROUNDS; round++) {
    const planned = await kind.plan(channel, store, from);
    if (planned.length === 0) break;
    // What is pending already is left alone: only the others are written (most plans repeat what is pending).
    const pending = new Set((await store.jobs.pendingFor(channel.id, kind.kind)).map((j) => j.occurrenceKey));
    for (const p of planned) {
      // Without catching up, an occurrence whose time has passed (a morning post due earlier today) is not planned.
      if (pending.has(p.occurrenceKey) || (options.catchUp === false && p.dueAt.getTime() < now.getTime())) continue;
      if (await store.jobs.schedule(kind.newJob(channel.id, p), now)) {
        created++;
        pending.add(p.occurrenceKey);
      }
    }
    if (planned.some((p) => pending.has(p.occurrenceKey))) break;
    const last = Math.max(...planned.map((p) => p.dueAt.getTime()));
    if (last <= from.getTime()) break;
    from = new Date(last);
  }
  return created;
}

/**
 * After a change that moves a channel's times: cancels the channel's pending jobs of every kind
 * with a plan that are due in the future, and plans again from now, without catching up: a
 * morning post that the new hours put earlier today is not sent late (Tandem was running; the
 * time moved). Jobs already due are kept: they run at the next tick. Joins the caller's
 * transaction. Returns how many jobs were (re)created.
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
      created += await planKind(tx, k, channel, now, now, { catchUp: false });
    }
    return created;
  });
}

/** The kernel's Planner over these kinds: what `ctx.timesChanged()` calls. */
export function plannerFor(kinds: JobKindRegistry): Planner {
  return { channelTimesChanged: (store, channelId, now) => replanChannel(store, kinds, channelId, now) };
}

/**
 * Plans every planned kind for every channel (at startup). A channel whose planning throws is
 * logged and skipped. Channels go PLAN_ALL_BATCH to a transaction, and the event loop gets a turn
 * between batches: requests are answered and due jobs run while a large installation plans. A
 * batch's occurrences are written by a few multi-row inserts and checked by one query.
 */
export async function planAll(
  store: Store,
  kinds: JobKindRegistry,
  now: Date,
  log: Logger,
  options: { catchUp?: boolean; stopped?: () => boolean } = {},
): Promise<number> {
  let created = 0;
  let planned = 0;
  // A page of channels at a time, read in the batch's transaction: reading 10,000 at once held the
  // event loop before the first batch, while a restarted Tandem should already be answering.
  for (let after = 0; ; ) {
    await turn();
    // Shutting down: what is not planned yet is planned at the next start.
    if (options.stopped?.()) break;
    try {
      // Not synced to disk at its commit: what a power cut loses of it, the next start plans again.
      const [batch, n] = await store.transaction(
        async (tx) => {
          const page = await tx.channels.page(after, PLAN_ALL_BATCH);
          return [page, await planBatch(tx, kinds, page, now, log, options)] as const;
        },
        { durable: false },
      );
      if (batch.length === 0) break;
      created += n;
      planned += batch.length;
      after = batch[batch.length - 1]!.id;
    } catch (err) {
      log.error({ err, planned }, 'planning failed');
      // Skip the page that failed, read again outside the failed transaction.
      const skipped = await store.channels.page(after, PLAN_ALL_BATCH);
      if (skipped.length === 0) break;
      after = skipped[skipped.length - 1]!.id;
    }
  }
  return created;
}

/** Channels planned in one transaction by planAll: small enough that a batch holds the event loop briefly. */
const PLAN_ALL_BATCH = 50;

/** Lets I/O and timers in before the next batch. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** planKind for each channel and kind of a batch: its first round in bulk, further rounds one by one. */
async function planBatch(
  tx: Store,
  kinds: JobKindRegistry,
  batch: readonly Channel[],
  now: Date,
  log: Logger,
  options: { catchUp?: boolean },
): Promise<number> {
  const rounds: { channel: Channel; kind: AnyJobKind; keys: string[]; last: number }[] = [];
  const jobs = [];
  const reads = await prefetchedForPlanning(tx, batch);
  for (const channel of batch) {
    for (const kind of kinds.planned) {
      try {
        const planned = (await kind.plan?.(channel, reads, now)) ?? [];
        if (planned.length === 0) continue;
        for (const p of planned) {
          if (options.catchUp === false && p.dueAt.getTime() < now.getTime()) continue;
          jobs.push(kind.newJob(channel.id, p));
        }
        const last = Math.max(...planned.map((p) => p.dueAt.getTime()));
        rounds.push({ channel, kind, keys: planned.map((p) => p.occurrenceKey), last });
      } catch (err) {
        log.error({ err, channel: channel.id, kind: kind.kind }, 'planning failed');
      }
    }
  }
  const scheduled = await tx.jobs.scheduleMany(jobs, now);
  let created = scheduled.size;
  // A round with an occurrence just created has one pending; only the others are looked up.
  const unsure = rounds.filter((r) => r.last > now.getTime() && !r.keys.some((k) => scheduled.has(k)));
  const pending = unsure.length === 0 ? new Set() : await tx.jobs.pendingAmong(unsure.flatMap((r) => r.keys));
  // Every occurrence planned already ran: plan on after them, as planKind does.
  for (const r of unsure) {
    if (r.keys.some((k) => pending.has(k))) continue;
    try {
      created += await planKind(reads, r.kind, r.channel, new Date(r.last), now, options);
    } catch (err) {
      log.error({ err, channel: r.channel.id, kind: r.kind.kind }, 'planning failed');
    }
  }
  return created;
}

/**
 * After the clock jumped (the console's `:at`): nothing that fell due in between runs, and nothing is
 * posted as late. Every pending job of the planned kinds is cancelled and each channel planned again
 * from `now`, without catching up (the morning post of a day already begun is not planned); a
 * one-off job that fell due in between (an ack re-notification) is brought to `now`, on time, so
 * that what it keeps going (the next re-notification) goes on from there.
 */
export async function planAfresh(store: Store, kinds: JobKindRegistry, now: Date, log: Logger): Promise<number> {
  await store.transaction(async (tx) => {
    for (const channel of await tx.channels.all()) {
      for (const kind of kinds.planned) await tx.jobs.cancelPendingOf(channel.id, kind.kind, new Date(0), now);
      const planned = new Set(kinds.planned.map((k) => k.kind));
      const pending = await tx.jobs.pendingFor(channel.id);
      for (const job of pending.filter((j) => !planned.has(j.kind) && j.dueAt.getTime() < now.getTime())) {
        // Cancelled, then scheduled again under its own key: schedule revives a cancelled occurrence at its new time.
        await tx.jobs.cancelPending(job.occurrenceKey, now);
        await tx.jobs.schedule({ ...job, dueAt: now }, now);
        // A key that is a prefix of another's (renotify:1:1, renotify:1:10) cancelled that one too: put it back.
        for (const other of pending.filter((j) => j !== job && j.occurrenceKey.startsWith(job.occurrenceKey)))
          await tx.jobs.schedule(other, now);
      }
    }
  });
  return planAll(store, kinds, now, log, { catchUp: false });
}
