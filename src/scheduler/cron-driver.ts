import cron from 'node-cron';
import type { Logger } from '../kernel/logger.js';

export interface CronDriver {
  /** Stops ticking and waits for a tick in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Calls `onTick` every `everySeconds` seconds. The only place node-cron is used: it drives, never
 * decides. node-cron skips a slot it is late for and persists nothing, so what is due is always
 * computed from the database by the tick. Ticks never overlap.
 */
export function startCronDriver(options: {
  everySeconds: number;
  onTick: () => Promise<void>;
  log: Logger;
}): CronDriver {
  const { everySeconds, onTick, log } = options;
  if (!Number.isInteger(everySeconds) || everySeconds < 1 || everySeconds > 59 || 60 % everySeconds !== 0) {
    throw new RangeError(`the scheduler tick must be a whole number of seconds that divides 60, got ${everySeconds}`);
  }
  let running: Promise<void> | null = null;
  const task = cron.schedule(
    `*/${everySeconds} * * * * *`,
    async () => {
      if (running) return; // belt and braces with noOverlap
      running = onTick()
        .catch((err: unknown) => log.error({ err }, 'scheduler tick failed'))
        .finally(() => {
          running = null;
        });
      await running;
    },
    { name: 'tandem-tick', noOverlap: true, suppressMissedWarning: true },
  );
  return {
    async stop() {
      await task.stop();
      await task.destroy();
      if (running) await running;
    },
  };
}
