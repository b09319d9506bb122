import type { Escalation, Team } from './escalation.js';
import type { Priority } from './model.js';
import type { SideOrUnknown } from './sides.js';

/*
 * Escalation metrics for reports and agendas. Pure: give them the escalations (e.g. those opened in
 * a month) and read the numbers.
 *
 * - MTTA: opened → first response (acknowledgedAt: an acknowledgement, or a handback or resolution
 *   of a still-open escalation). MTTR: opened → resolved. Escalations without that moment yet are
 *   left out of the statistic and counted in `pending`.
 * - Median: the middle value of the sorted sample; for an even count, the mean of the two middle
 *   values. 90th percentile: nearest rank — the value at rank ⌈0.9 × n⌉ (1-based) of the sorted
 *   sample, always one of the observed values, no interpolation (so with fewer than 10 values it
 *   is the largest).
 */

const MINUTE_MS = 60_000;

/** The median of a sample, or null for an empty one. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The p-th percentile (0 < p ≤ 100) by nearest rank, or null for an empty sample. */
export function percentileNearestRank(values: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/** The 90th percentile by nearest rank. */
export function p90(values: readonly number[]): number | null {
  return percentileNearestRank(values, 90);
}

export interface DurationStats {
  /** How many escalations have the measured moment. */
  count: number;
  /** How many do not have it yet (not acknowledged / not resolved). */
  pending: number;
  medianMs: number | null;
  p90Ms: number | null;
}

type Timed = Pick<Escalation, 'openedAt' | 'acknowledgedAt' | 'resolvedAt'>;

/** Opened → first response, in ms; null while nobody has responded. */
export function timeToAcknowledgeMs(e: Timed): number | null {
  return e.acknowledgedAt ? e.acknowledgedAt.getTime() - e.openedAt.getTime() : null;
}

/** Opened → resolved, in ms; null while unresolved. */
export function timeToResolveMs(e: Timed): number | null {
  return e.resolvedAt ? e.resolvedAt.getTime() - e.openedAt.getTime() : null;
}

function stats(durations: readonly (number | null)[]): DurationStats {
  const present = durations.filter((d): d is number => d !== null);
  return {
    count: present.length,
    pending: durations.length - present.length,
    medianMs: median(present),
    p90Ms: p90(present),
  };
}

/** MTTA of these escalations: median and 90th percentile. */
export function mtta(escalations: readonly Timed[]): DurationStats {
  return stats(escalations.map(timeToAcknowledgeMs));
}

/** MTTR of these escalations: median and 90th percentile. */
export function mttr(escalations: readonly Timed[]): DurationStats {
  return stats(escalations.map(timeToResolveMs));
}

/**
 * True when the escalation went unanswered longer than its priority's ack timeout: answered late,
 * or still unanswered at `now` past the timeout. Priorities without a timeout never miss.
 */
export function missedAckTimeout(
  e: Pick<Escalation, 'priority' | 'openedAt' | 'acknowledgedAt'>,
  timeouts: Record<Priority, number | null>,
  now: Date,
): boolean {
  const minutes = timeouts[e.priority];
  if (minutes === null || minutes === undefined) return false;
  const answered = (e.acknowledgedAt ?? now).getTime();
  return answered - e.openedAt.getTime() > minutes * MINUTE_MS;
}

export interface EscalationSummary {
  total: number;
  afterHours: number;
  /** afterHours / total; 0 when there are none. */
  afterHoursShare: number;
  /** By area name (`(no area)` when none), most first, then by name. */
  byArea: { area: string; count: number }[];
  /** By receiving team: the side that handled them. */
  byTeam: Record<Team, number>;
  /** By the side of the person who opened them (`unknown` when nobody said, never guessed). */
  byOpener: Record<SideOrUnknown, number>;
  mtta: DurationStats;
  mttr: DurationStats;
  /** MTTA and MTTR of the escalations each side handled. */
  byHandler: Record<Team, { mtta: DurationStats; mttr: DurationStats }>;
  missedAckTimeouts: number;
}

export const NO_AREA = '(no area)';

/** Everything the monthly review reports about a set of escalations. */
export function summarizeEscalations(
  escalations: readonly Pick<
    Escalation,
    'areaName' | 'toTeam' | 'fromTeam' | 'afterHours' | 'priority' | 'openedAt' | 'acknowledgedAt' | 'resolvedAt'
  >[],
  timeouts: Record<Priority, number | null>,
  now: Date,
): EscalationSummary {
  const areas = new Map<string, number>();
  const byTeam: Record<Team, number> = { internal: 0, msp: 0 };
  const byOpener: Record<SideOrUnknown, number> = { internal: 0, msp: 0, unknown: 0 };
  let afterHours = 0;
  let missed = 0;
  for (const e of escalations) {
    const area = e.areaName ?? NO_AREA;
    areas.set(area, (areas.get(area) ?? 0) + 1);
    byTeam[e.toTeam]++;
    byOpener[e.fromTeam]++;
    if (e.afterHours) afterHours++;
    if (missedAckTimeout(e, timeouts, now)) missed++;
  }
  const total = escalations.length;
  return {
    total,
    afterHours,
    afterHoursShare: total === 0 ? 0 : afterHours / total,
    byArea: [...areas]
      .map(([area, count]) => ({ area, count }))
      .sort((a, b) => b.count - a.count || a.area.localeCompare(b.area)),
    byTeam,
    byOpener,
    mtta: mtta(escalations),
    mttr: mttr(escalations),
    byHandler: {
      internal: handledBy(escalations, 'internal'),
      msp: handledBy(escalations, 'msp'),
    },
    missedAckTimeouts: missed,
  };
}

function handledBy(escalations: readonly (Timed & Pick<Escalation, 'toTeam'>)[], side: Team) {
  const handled = escalations.filter((e) => e.toTeam === side);
  return { mtta: mtta(handled), mttr: mttr(handled) };
}

/** A duration as people say it: `45 s`, `4 min`, `1 h 05 min`, `2 d 3 h`. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.round(Math.max(0, ms) / 1000);
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const totalMinutes = Math.round(totalSeconds / 60);
  if (totalMinutes < 60) return `${totalMinutes} min`;
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours < 24) return minutes ? `${hours} h ${String(minutes).padStart(2, '0')} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  const restHours = hours % 24;
  return restHours ? `${days} d ${restHours} h` : `${days} d`;
}
