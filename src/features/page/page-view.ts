import type { PeriodFigures, QuarterlyAgenda } from '../../domain/agenda.js';
import { monthsOf, previousQuarter, quarterOf, type ReportPeriod } from '../../domain/agenda-periods.js';
import { CADENCE_TITLES, type Cadence } from '../../domain/cadence.js';
import { upcomingMeetings } from '../../domain/cadence-meetings.js';
import type { Escalation, EscalationEvent } from '../../domain/escalation.js';
import type { Channel, HandoffNote, MatrixArea, Person } from '../../domain/model.js';
import { localDate } from '../../domain/zoned-time.js';
import { peopleById } from '../../kernel/people-lookup.js';
import type { Store } from '../../kernel/ports/store.js';
import {
  cadencesOf,
  periodFiguresFor,
  quarterlyAgendaFor,
  REVIEW_CHARTS,
  type ReviewChartName,
  reviewCharts,
  skipsOf,
} from '../cadence/index.js';
import { chartSvg } from './chart-render.js';

/** How much the page shows: enough for a review, bounded so that a busy channel's page stays small. */
const MAX_OPEN = 50;
const RECENT_RESOLVED = 20;
const MAX_NOTES = 50;

export interface ShownEscalation {
  escalation: Escalation;
  timeline: EscalationEvent[];
}

export interface NextSync {
  cadence: Cadence;
  title: string;
  next: Date | null;
}

/** Everything the page shows, read at `now`. Each section of the page renders one part of it. */
export interface PageView {
  channel: Channel;
  now: Date;
  matrix: MatrixArea[];
  open: ShownEscalation[];
  openTotal: number;
  resolved: ShownEscalation[];
  people: Map<number, Person>;
  /** The last whole quarter against the one before: what the next quarterly review reports. */
  lastQuarter: QuarterlyAgenda;
  /** The quarter in progress, so far. */
  thisQuarter: PeriodFigures;
  /** The six months the charts cover (the last whole quarter and this one), each as its monthly agenda counts it. */
  months: PeriodFigures[];
  chartPeriod: ReportPeriod;
  charts: Record<ReviewChartName, string>;
  /** Handoff notes since the start of the last whole quarter, the latest 50. */
  notes: HandoffNote[];
  noteSince: Date;
  /** Escalations opened out of business hours since then. */
  afterHours: Escalation[];
  syncs: NextSync[];
}

export async function loadPageView(store: Store, channel: Channel, now: Date): Promise<PageView> {
  const tz = channel.timezone;
  const today = localDate(now, tz);
  const last = previousQuarter(today, tz);
  const current = quarterOf(today, tz);
  const chartPeriod: ReportPeriod = {
    ...last,
    to: current.to,
    toDate: current.toDate,
    label: `${last.label} – ${current.label}`,
  };
  const unresolved = await store.escalations.unresolved(channel.id);
  const resolved = await store.escalations.recent(channel.id, RECENT_RESOLVED, ['resolved']);
  const open = await withTimelines(store, unresolved.slice(0, MAX_OPEN));
  const done = await withTimelines(store, resolved);
  const noteSince = last.from;
  // Windows are half-open: what was written at this very instant is in.
  const until = new Date(now.getTime() + 1);
  const notes = (await store.handoffNotes.between(channel.id, noteSince, until)).slice(-MAX_NOTES);
  const afterHours = (await store.escalations.openedBetween(channel.id, last.from, until)).filter((e) => e.afterHours);
  const ids = [...open, ...done].flatMap((s) => [s.escalation.fromPersonId, ...s.timeline.map((e) => e.actorId)]);
  const months: PeriodFigures[] = [];
  for (const m of monthsOf(chartPeriod, tz)) months.push(await periodFiguresFor(store, channel, m, now));
  const specs = await reviewCharts(store, channel, chartPeriod, now);
  const charts = {} as Record<ReviewChartName, string>;
  for (const name of REVIEW_CHARTS) charts[name] = await chartSvg(specs[name]);
  return {
    channel,
    now,
    matrix: await store.matrix.list(channel.id),
    open,
    openTotal: unresolved.length,
    resolved: done,
    people: await peopleById(store, [...ids, ...notes.map((n) => n.authorId)]),
    lastQuarter: await quarterlyAgendaFor(store, channel, last, now),
    thisQuarter: await periodFiguresFor(store, channel, current, now),
    months,
    chartPeriod,
    charts,
    notes,
    noteSince,
    afterHours,
    syncs: await nextSyncs(store, channel, now),
  };
}

async function withTimelines(store: Store, escalations: readonly Escalation[]): Promise<ShownEscalation[]> {
  const shown: ShownEscalation[] = [];
  for (const escalation of escalations)
    shown.push({ escalation, timeline: await store.escalations.events(escalation.id) });
  return shown;
}

async function nextSyncs(store: Store, channel: Channel, now: Date): Promise<NextSync[]> {
  const out: NextSync[] = [];
  for (const cadence of await cadencesOf(store, channel.id)) {
    const { meetings } = upcomingMeetings(cadence, channel.timezone, now, 1, await skipsOf(store, cadence));
    out.push({
      cadence,
      title: CADENCE_TITLES[cadence.kind],
      next: cadence.enabled ? (meetings[0]?.instant ?? null) : null,
    });
  }
  return out;
}
