import type { ReportPeriod } from './agenda-periods.js';
import type { Escalation } from './escalation.js';
import type { Priority } from './model.js';
import { PRIORITIES } from './model.js';
import type { Side } from './sides.js';
import { SIDES } from './sides.js';
import { isoDate, localDate, parseIsoDate } from './zoned-time.js';

/*
 * The review's charts as rows of numbers: escalations per week (by the side that handled them and by
 * priority) and MTTA/MTTR per month. Pure; the figures per month come from the agendas' own code.
 */

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a local date, and back: week arithmetic on plain dates. */
const dayNumber = (date: string) => {
  const d = parseIsoDate(date)!;
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / DAY_MS);
};
const fromDayNumber = (n: number) => {
  const d = new Date(n * DAY_MS);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
};

/** The Monday (local date) of the week `date` is in. */
export function weekOf(date: string): string {
  const n = dayNumber(date);
  // 1970-01-01 was a Thursday: (n + 3) mod 7 is 0 on Mondays.
  return fromDayNumber(n - ((((n + 3) % 7) + 7) % 7));
}

/** The Mondays of every week that overlaps the period, in order. */
export function weeksOf(period: ReportPeriod): string[] {
  const weeks: string[] = [];
  const last = dayNumber(period.toDate) - 1;
  for (let n = dayNumber(weekOf(period.fromDate)); n <= last; n += 7) weeks.push(fromDayNumber(n));
  return weeks;
}

export interface WeekRow {
  /** Monday of the week, `YYYY-MM-DD`. */
  week: string;
  side: Side;
  priority: Priority;
  count: number;
}

/**
 * Escalations opened in the period, per week (in the channel's timezone), side that handled them and
 * priority; every week, side and priority appears, with 0 when there were none.
 */
export function escalationsPerWeek(
  escalations: readonly Pick<Escalation, 'openedAt' | 'toTeam' | 'priority'>[],
  period: ReportPeriod,
  timeZone: string,
): WeekRow[] {
  const counts = new Map<string, number>();
  const key = (week: string, side: Side, priority: Priority) => `${week}|${side}|${priority}`;
  for (const e of escalations) {
    if (e.openedAt < period.from || e.openedAt >= period.to) continue;
    const k = key(weekOf(localDate(e.openedAt, timeZone)), e.toTeam, e.priority);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return weeksOf(period).flatMap((week) =>
    SIDES.flatMap((side) =>
      PRIORITIES.map((priority) => ({ week, side, priority, count: counts.get(key(week, side, priority)) ?? 0 })),
    ),
  );
}

export type TimeMeasure = 'MTTA median' | 'MTTA 90th percentile' | 'MTTR median' | 'MTTR 90th percentile';
export const TIME_MEASURES: readonly TimeMeasure[] = [
  'MTTA median',
  'MTTA 90th percentile',
  'MTTR median',
  'MTTR 90th percentile',
];

export interface MonthTimes {
  /** `2026-07`. */
  month: string;
  mtta: { medianMs: number | null; p90Ms: number | null };
  mttr: { medianMs: number | null; p90Ms: number | null };
}

export interface TimeRow {
  month: string;
  measure: TimeMeasure;
  /** In minutes, rounded to a tenth. */
  minutes: number;
}

/** MTTA and MTTR per month as rows; a month without a figure has no row for it (a gap, not a zero). */
export function timesPerMonth(months: readonly MonthTimes[]): TimeRow[] {
  const rows: TimeRow[] = [];
  const add = (month: string, measure: TimeMeasure, ms: number | null) => {
    if (ms !== null) rows.push({ month, measure, minutes: Math.round(ms / 6_000) / 10 });
  };
  for (const m of months) {
    add(m.month, 'MTTA median', m.mtta.medianMs);
    add(m.month, 'MTTA 90th percentile', m.mtta.p90Ms);
    add(m.month, 'MTTR median', m.mttr.medianMs);
    add(m.month, 'MTTR 90th percentile', m.mttr.p90Ms);
  }
  return rows;
}
