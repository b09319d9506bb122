import type { Change, PeriodFigures, QuarterlyAgenda } from '../../domain/agenda.js';
import { escalationLabel } from '../../domain/escalation.js';
import { type DurationStats, formatDuration } from '../../domain/metrics.js';
import type { Channel } from '../../domain/model.js';
import { SIDES, type SideOrUnknown } from '../../domain/sides.js';
import { ownerName } from '../../kernel/format.js';
import { sideName } from '../../kernel/placement.js';
import { type Block, bold, list, paragraph, type Span, text } from '../../kernel/reply.js';

/** Lists are cut here so that a reminder stays one readable message on every face. */
const MAX_ITEMS = 12;
const MAX_AREAS = 8;

/**
 * Escalations by area, by the side that opened them and the side that handled them, MTTA and MTTR (overall and
 * per handling side), after-hours share and missed ack timeouts; with the trend for a quarter.
 */
export function figureBlocks(f: PeriodFigures, channel: Channel, q: QuarterlyAgenda | null): Block[] {
  const s = f.summary;
  const t = q?.trend;
  if (s.total === 0 && (!q || q.previous.summary.total === 0)) {
    return [paragraph(text(`No escalations were opened in ${f.period.label}.`))];
  }
  const items: Span[][] = [];
  items.push([bold('Escalations opened: '), text(`${s.total}${t ? versus(t.total, String) : ''}`)]);

  const areas = t
    ? t.byArea.map((a) => ({ area: a.area, count: a.current, previous: a.previous }))
    : s.byArea.map((a) => ({ ...a, previous: null }));
  const shown = areas.slice(0, MAX_AREAS);
  const rest = areas.slice(MAX_AREAS).reduce((n, a) => n + a.count, 0);
  const areaText = shown
    .map((a) => `${a.area} ${a.count}${a.previous === null ? '' : ` (was ${a.previous})`}`)
    .join(' · ');
  items.push([bold('By area: '), text(`${areaText}${rest ? ` · others ${rest}` : ''}` || 'none')]);

  const was = (prev: number | undefined) => (prev === undefined ? '' : ` (was ${prev})`);
  const openerPrev = (side: SideOrUnknown) => t?.byOpener.find((b) => b.side === side)?.previous;
  // Side unknown only when some opener's side was not known.
  const openers = (['internal', 'msp', 'unknown'] as const)
    .filter((side) => side !== 'unknown' || s.byOpener.unknown > 0 || (openerPrev('unknown') ?? 0) > 0)
    .map((side) => `${sideName(side, channel)} ${s.byOpener[side]}${was(openerPrev(side))}`);
  items.push([bold('Opened by: '), text(openers.join(' · '))]);
  const teams = SIDES.map((team) => {
    const prev = t?.byTeam.find((b) => b.team === team)?.previous;
    return `${ownerName(team, channel)} ${s.byTeam[team]}${was(prev)}`;
  });
  items.push([bold('Handled by (receiving side): '), text(teams.join(' · '))]);

  items.push([
    bold('MTTA (time to acknowledge): '),
    text(stats(s.mtta, 'acknowledged', 'waiting') + (t ? trendOfTimes(t.mttaMedianMs, t.mttaP90Ms) : '')),
  ]);
  items.push([bold('MTTA by handling side: '), text(bySide(s, 'mtta', channel))]);
  items.push([
    bold('MTTR (time to resolve): '),
    text(stats(s.mttr, 'resolved', 'unresolved') + (t ? trendOfTimes(t.mttrMedianMs, t.mttrP90Ms) : '')),
  ]);
  items.push([bold('MTTR by handling side: '), text(bySide(s, 'mttr', channel))]);

  const share = s.total ? `${s.afterHours} of ${s.total} (${percent(s.afterHoursShare)})` : 'none';
  items.push([
    bold('Opened after hours: '),
    text(share + (t ? versus(t.afterHoursShare, percent, (d) => `${signed(Math.round(d * 100))} pts`) : '')),
  ]);

  const missed = f.missedAck.map((e) => escalationLabel(e));
  const missedList = missed.slice(0, MAX_ITEMS).join(', ') + (missed.length > MAX_ITEMS ? ', …' : '');
  const missedText = `${s.missedAckTimeouts}${missed.length ? ` (${missedList})` : ''}`;
  items.push([
    bold('Acknowledgement timeouts missed: '),
    text(missedText + (t ? versus(t.missedAckTimeouts, String) : '')),
  ]);

  return [list(items)];
}

/** `Acme (internal IT) median 12 min, 90th percentile 40 min (3 acknowledged) · Northwind (MSP) none handled`. */
function bySide(s: PeriodFigures['summary'], which: 'mtta' | 'mttr', channel: Channel): string {
  const [done, pending] = which === 'mtta' ? ['acknowledged', 'waiting'] : ['resolved', 'unresolved'];
  return SIDES.map((side) => {
    const d = s.byHandler[side][which];
    return `${ownerName(side, channel)} ${d.count + d.pending ? stats(d, done, pending) : 'none handled'}`;
  }).join(' · ');
}

function stats(d: DurationStats, done: string, pending: string): string {
  if (d.count === 0) return `none ${done} yet${d.pending ? ` (${d.pending} ${pending})` : ''}`;
  const base = `median ${formatDuration(d.medianMs!)}, 90th percentile ${formatDuration(d.p90Ms!)} (${d.count} ${done}`;
  return `${base}${d.pending ? `, ${d.pending} ${pending}` : ''})`;
}

/** ` — previous quarter: median 20 min (−8 min), 90th percentile 1 h (+5 min)`. */
function trendOfTimes(median: Change, p90: Change): string {
  if (median.previous === null || p90.previous === null) return ' — previous quarter: no figures';
  const delta = (c: Change) =>
    c.delta === null
      ? ''
      : ` (${c.delta === 0 ? 'same' : `${c.delta < 0 ? '−' : '+'}${formatDuration(Math.abs(c.delta))}`})`;
  return (
    ` — previous quarter: median ${formatDuration(median.previous)}${delta(median)}, 90th percentile ` +
    `${formatDuration(p90.previous)}${delta(p90)}`
  );
}

/** ` (previous quarter 9, +3)`. */
function versus(c: Change, show: (v: number) => string, showDelta: (d: number) => string = (d) => signed(d)): string {
  if (c.previous === null) return ' (previous quarter: none)';
  return (
    ` (previous quarter ` +
    `${show(c.previous)}${c.delta === null ? '' : `, ${c.delta === 0 ? 'no change' : showDelta(c.delta)}`})`
  );
}

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '0');
const percent = (share: number) => `${Math.round(share * 100)}%`;
