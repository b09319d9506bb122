import type { Clock, ManualClock } from '../kernel/clock.js';
import type { JobKindRegistry } from '../kernel/job-kind.js';
import { newLeaseOwner } from '../kernel/lease-owner.js';
import type { Logger } from '../kernel/logger.js';
import type { ChatAdapter } from '../kernel/ports/chat.js';
import type { Store } from '../kernel/ports/store.js';
import type { Platform } from '../kernel/types.js';
import { OutboxSender, type SenderOptions } from '../outbox/sender.js';
import { startCronDriver } from './cron-driver.js';
import { runUntil } from './run-until.js';
import { Scheduler, type SchedulerOptions } from './scheduler.js';

export interface BackgroundDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  /** The faces posts are delivered through, by platform. */
  adapters: ReadonlyMap<Platform, ChatAdapter>;
  /** The job kinds to run (the composition root passes every feature's). */
  kinds: JobKindRegistry;
  /** Tandem's public address (TANDEM_PUBLIC_URL, no trailing slash): links to its pages; none when unset. */
  publicUrl?: string | undefined;
  /** Seconds between ticks (a divisor of 60). */
  tickSeconds?: number;
  scheduler?: Partial<
    Pick<SchedulerOptions, 'leaseMs' | 'batchSize' | 'maxBatchesPerTick' | 'maxAttempts' | 'retryBaseMs' | 'retention'>
  >;
  sender?: Partial<
    Pick<SenderOptions, 'random' | 'pacingMs' | 'retry' | 'leaseMs' | 'maxWaitForPostMs' | 'batchSize' | 'integrations'>
  >;
  /** How a delay is waited out: real timers by default; tests bring their own. */
  timers?: Timers;
}

/** Calls `fn` once after `ms` milliseconds; returns how to cancel it. */
export interface Timers {
  set(ms: number, fn: () => void): () => void;
}

const realTimers: Timers = {
  set(ms, fn) {
    const t = setTimeout(fn, ms);
    t.unref();
    return () => clearTimeout(t);
  },
};

/** The scheduler and the outbox sender of one process, sharing one lease owner id. */
export function createBackgroundParts(deps: BackgroundDeps): { scheduler: Scheduler; sender: OutboxSender } {
  const owner = newLeaseOwner();
  const log = deps.log.child({ component: 'background' });
  const scheduler = new Scheduler({
    store: deps.store,
    clock: deps.clock,
    log,
    kinds: deps.kinds,
    publicUrl: deps.publicUrl,
    owner,
    ...deps.scheduler,
  });
  const sender = new OutboxSender({
    store: deps.store,
    clock: deps.clock,
    log,
    adapters: deps.adapters,
    owner,
    ...deps.sender,
  });
  return { scheduler, sender };
}

export interface Background {
  scheduler: Scheduler;
  sender: OutboxSender;
  /** Delivers the outbox now (wire it to the Bot's `afterCommit`). */
  wake(): void;
  /** Graceful shutdown: stop claiming, finish what is in hand, release leases. Close the database after. */
  stop(): Promise<void>;
}

/**
 * Production wiring: plans every channel in the background, in batches that let requests and ticks
 * in between (a restart with thousands of channels answers at once, and jobs already due run on
 * time), and ticks every `tickSeconds` (node-cron drives; the database decides), running due jobs
 * and delivering the outbox.
 *
 *   const background = startBackground({ store, clock, log, adapters: new Map([['slack', slackChat]]) });
 *   const { bot } = createCore({ store, clock, log, afterCommit: () => background.wake() });
 *   process.once('SIGTERM', async () => { await background.stop(); db.$client.close(); });
 */
export function startBackground(deps: BackgroundDeps): Background {
  const { scheduler, sender } = createBackgroundParts(deps);
  const log = deps.log.child({ component: 'background' });
  const timers = deps.timers ?? realTimers;
  let stopping = false;
  // The outbox is delivered again when its next row may go (a paced conversation's next turn, a
  // retry), not at the next tick: that is what lets each conversation reach the platform's rate.
  let wakeAt: number | null = null;
  let cancelWake: (() => void) | null = null;
  const armWake = async () => {
    const at = await sender.nextWakeAt();
    if (stopping || at === null || (wakeAt !== null && wakeAt <= at.getTime())) return;
    cancelWake?.();
    wakeAt = at.getTime();
    cancelWake = timers.set(Math.max(0, wakeAt - deps.clock.now().getTime()), () => {
      wakeAt = null;
      cancelWake = null;
      deliver();
    });
  };
  const deliver = () => {
    if (stopping) return;
    sender
      .drain()
      .then(armWake)
      .catch((err: unknown) => log.error({ err }, 'outbox delivery failed'));
  };
  const pump = async () => {
    if (stopping) return;
    await scheduler.tick();
    await sender.drain();
    await armWake();
  };
  const planned = scheduler.planAll().catch((err: unknown) => log.error({ err }, 'planning at start failed'));
  const driver = startCronDriver({ everySeconds: deps.tickSeconds ?? 1, onTick: pump, log });
  return {
    scheduler,
    sender,
    wake: deliver,
    async stop() {
      stopping = true;
      cancelWake?.();
      scheduler.stop();
      sender.stop();
      await driver.stop();
      await sender.idle();
      await planned;
      const jobs = await scheduler.release();
      const posts = await sender.release();
      log.info({ releasedJobs: jobs, releasedPosts: posts }, 'background stopped');
    },
  };
}

export interface SimulatedBackground {
  scheduler: Scheduler;
  sender: OutboxSender;
  /** Moves the clock to each due instant up to `to` in order, running jobs and delivering posts at each. */
  runUntil(to: Date): Promise<void>;
  /** Runs what is due now and delivers the outbox: after each console command. */
  flush(): Promise<void>;
  /** Sets the clock without running what lies between, and plans the scheduled posts again from there. */
  jumpTo(to: Date): Promise<void>;
}

/** The console's wiring: no timer; simulated time moves only through runUntil. */
export async function createSimulatedBackground(
  deps: Omit<BackgroundDeps, 'clock' | 'tickSeconds'> & { clock: ManualClock },
): Promise<SimulatedBackground> {
  const { scheduler, sender } = createBackgroundParts(deps);
  await scheduler.planAll();
  return {
    scheduler,
    sender,
    runUntil: (to) => runUntil({ clock: deps.clock, scheduler, sender }, to),
    flush: () => runUntil({ clock: deps.clock, scheduler, sender }, deps.clock.now()),
    async jumpTo(to) {
      deps.clock.set(to);
      await scheduler.planAfresh(to);
    },
  };
}
