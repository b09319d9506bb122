import { formatLocal } from '../domain/zoned-time.js';
import type { MisfireContext, MisfirePolicy, ScheduledJob } from '../kernel/job-kind.js';

/** Found this long after its due time, a job counts as late (a tick every few seconds is not late). */
export const DEFAULT_LATE_AFTER_MS = 60_000;

export type MisfireDecision = { action: 'run'; late: boolean } | { action: 'drop'; reason: string };

/** What the kind's misfire policy says about running `job` now. */
export async function decideMisfire<P>(
  policy: MisfirePolicy<P>,
  job: ScheduledJob<P>,
  ctx: MisfireContext,
): Promise<MisfireDecision> {
  const lateByMs = ctx.now.getTime() - job.dueAt.getTime();
  const late = lateByMs > (policy.lateAfterMs ?? DEFAULT_LATE_AFTER_MS);
  const at = (d: Date) => formatLocal(d, ctx.channel.timezone);
  switch (policy.kind) {
    case 'once':
      return { action: 'run', late };
    case 'late-until': {
      const until = await policy.until(job, ctx);
      if (ctx.now.getTime() < until.getTime()) return { action: 'run', late };
      return {
        action: 'drop',
        reason: dropReason(policy.why, `due ${at(job.dueAt)}, found ${at(ctx.now)}, after its deadline ${at(until)}`),
      };
    }
    case 'drop-if-late': {
      if (lateByMs <= policy.graceMs) return { action: 'run', late };
      return {
        action: 'drop',
        reason: dropReason(
          policy.why,
          `due ${at(job.dueAt)}, found ${at(ctx.now)}, more than ${span(policy.graceMs)} late`,
        ),
      };
    }
  }
}

function dropReason(why: string | undefined, when: string): string {
  return why ? `not sent: ${why} (${when})` : `not sent: too late (${when})`;
}

/** `45 s`, `15 min`, `2 h 30 min`. */
function span(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  return minutes % 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes / 60} h`;
}
