import type { ManualClock } from '../kernel/clock.js';
import type { OutboxSender } from '../outbox/sender.js';
import type { Scheduler } from './scheduler.js';

/** Upper bound on instants visited by one run, against a kind that plans at an ever-same instant. */
const MAX_STEPS = 100_000;

/**
 * Simulated time: steps `clock` to each instant up to `to` at which a job falls due or a post may
 * be delivered, in order, running the scheduler and the sender at each, then leaves the clock at
 * `to`. A console `:advance 14h` thus prints every post at its own time.
 */
export async function runUntil(
  parts: { clock: ManualClock; scheduler: Scheduler; sender: OutboxSender },
  to: Date,
): Promise<void> {
  const { clock, scheduler, sender } = parts;
  for (let step = 0; step < MAX_STEPS; step++) {
    const now = clock.now();
    await scheduler.tick(now);
    await sender.drain();
    const next = earliest(await scheduler.nextDueAt(), await sender.nextWakeAt());
    if (next === null || next.getTime() > to.getTime()) break;
    // Something due now that could not run (held by another process's live lease) must not spin.
    clock.set(next.getTime() > now.getTime() ? next : new Date(now.getTime() + 1));
  }
  if (clock.now().getTime() < to.getTime()) {
    clock.set(to);
    await scheduler.tick(to);
    await sender.drain();
  }
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.getTime() <= b.getTime() ? a : b;
}
