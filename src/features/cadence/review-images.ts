import { monthsFrom, previousMonth, previousQuarter, type ReportPeriod } from '../../domain/agenda-periods.js';
import type { Cadence } from '../../domain/cadence.js';
import type { Channel } from '../../domain/model.js';
import { CHART_LINK_DAYS, chartUrl, pageKeyFor, signGrant } from '../../kernel/page-links.js';
import type { Store } from '../../kernel/ports/store.js';
import type { ImageBlock } from '../../kernel/reply.js';
import { chartName, type ReviewChartName, reviewCharts } from './review-charts.js';

const DAY_MS = 86_400_000;

/**
 * The charts a monthly or quarterly reminder carries: escalations per week by handling side over the
 * period it reviews, and MTTA/MTTR per month over the six months that end with it. Pictures are
 * served from Tandem's public address; none without one (the figures are in the text either way).
 */
export async function reviewImages(
  store: Store,
  channel: Channel,
  cadence: Cadence,
  date: string,
  now: Date,
  publicUrl: string | null,
): Promise<ImageBlock[]> {
  if (cadence.kind === 'weekly' || publicUrl === null) return [];
  const tz = channel.timezone;
  const reviewed = cadence.kind === 'monthly' ? previousMonth(date, tz) : previousQuarter(date, tz);
  const sixMonths = monthsFrom(shiftMonths(reviewed.toDate, -6), 6, tz);
  const secret = await pageKeyFor(store, channel.id, now);
  const expiresAt = new Date(now.getTime() + CHART_LINK_DAYS * DAY_MS);
  const image = async (chart: ReviewChartName, period: ReportPeriod, title: string): Promise<ImageBlock> => {
    const name = chartName(chart, period);
    const token = signGrant(secret, { kind: 'chart', channelId: channel.id, chart: name, expiresAt });
    const spec = (await reviewCharts(store, channel, period, now))[chart];
    return {
      kind: 'image',
      title,
      alt: `${title}, as a chart; the same figures are written in this post.`,
      url: chartUrl(publicUrl, channel.id, name, token),
      chart: spec,
    };
  };
  return [
    await image('weeks-side', reviewed, `Escalations per week by handling side, ${reviewed.label}`),
    await image('times', sixMonths, `MTTA and MTTR per month, ${sixMonths.label}`),
  ];
}

/** `YYYY-MM-01` moved by whole months. */
function shiftMonths(firstOfMonth: string, months: number): string {
  const [y, m] = firstOfMonth.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + months;
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}-01`;
}
