import { monthsFrom, monthsOf, type ReportPeriod } from '../../domain/agenda-periods.js';
import type { Channel } from '../../domain/model.js';
import { type ChartSpec, timesChart, weeksByPriorityChart, weeksBySideChart } from '../../domain/review-charts.js';
import { escalationsPerWeek, timesPerMonth } from '../../domain/review-series.js';
import { sideName } from '../../kernel/placement.js';
import type { Store } from '../../kernel/ports/store.js';
import { periodFiguresFor } from './cadence-agenda.js';

export type ReviewChartName = 'weeks-side' | 'weeks-priority' | 'times';
export const REVIEW_CHARTS: readonly ReviewChartName[] = ['weeks-side', 'weeks-priority', 'times'];

/**
 * The review's three charts over `period` (whole months): escalations per week by handling side and
 * by priority, and MTTA/MTTR per month, each month's figures computed as its monthly agenda computes them.
 */
export async function reviewCharts(
  store: Store,
  channel: Channel,
  period: ReportPeriod,
  now: Date,
): Promise<Record<ReviewChartName, ChartSpec>> {
  const tz = channel.timezone;
  const opened = await store.escalations.openedBetween(channel.id, period.from, period.to);
  const weeks = escalationsPerWeek(opened, period, tz);
  const months = [];
  for (const month of monthsOf(period, tz)) {
    const { summary } = await periodFiguresFor(store, channel, month, now);
    months.push({ month: month.fromDate.slice(0, 7), mtta: summary.mtta, mttr: summary.mttr });
  }
  const names = { internal: sideName('internal', channel), msp: sideName('msp', channel) };
  return {
    'weeks-side': weeksBySideChart(weeks, names),
    'weeks-priority': weeksByPriorityChart(weeks),
    times: timesChart(
      timesPerMonth(months),
      months.map((m) => m.month),
    ),
  };
}

/** `times-2026-07-01-2027-01-01`: a chart and its period, as a signed chart link names it. */
export function chartName(chart: ReviewChartName, period: ReportPeriod): string {
  return `${chart}-${period.fromDate}-${period.toDate}`;
}

const MAX_MONTHS = 24;

/** The chart and the period a chart name stands for; null for anything else (at most two years of whole months). */
export function parseChartName(
  name: string,
  timeZone: string,
): { chart: ReviewChartName; period: ReportPeriod } | null {
  const m = /^(weeks-side|weeks-priority|times)-(\d{4})-(\d{2})-01-(\d{4})-(\d{2})-01$/.exec(name);
  if (!m) return null;
  const [, chart, fy, fm, ty, tm] = m as unknown as [string, ReviewChartName, string, string, string, string];
  const months = (Number(ty) - Number(fy)) * 12 + (Number(tm) - Number(fm));
  if (Number(fm) < 1 || Number(fm) > 12 || months < 1 || months > MAX_MONTHS) return null;
  return { chart, period: monthsFrom(`${fy}-${fm}-01`, months, timeZone) };
}
