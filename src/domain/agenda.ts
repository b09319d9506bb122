import type { ReportPeriod } from './agenda-periods.js';
import type { Escalation } from './escalation.js';
import { type EscalationSummary, missedAckTimeout, summarizeEscalations } from './metrics.js';
import type { Priority } from './model.js';
import type { SideOrUnknown } from './sides.js';

/*
 * What each sync's agenda says, computed from records handed in (no store, no clock): the weekly
 * sync's open items and notes, the monthly review's figures for the previous month, the quarterly
 * review's figures for the previous quarter against the one before, with its matrix changes.
 */

/** A note since the last sync: an after-hours handoff note, or a note on an escalation. */
export interface AgendaNote {
  at: Date;
  author: string | null;
  text: string;
  /** `ESC-4` for a note on an escalation; null for a handoff note. */
  escalation: string | null;
}

export interface WeeklyAgenda {
  kind: 'weekly';
  /** Notes are those written since this instant: the start of the previous weekly sync. */
  since: Date;
  /** Open or acknowledged, not resolved: oldest first. */
  open: Escalation[];
  /** Handed back to the internal team for follow-up, not resolved: oldest first. */
  handedBack: Escalation[];
  notes: AgendaNote[];
}

/** The weekly tactical sync: what is still open, what came back, and what was written down since last week. */
export function weeklyAgenda(
  unresolved: readonly Escalation[],
  notes: readonly AgendaNote[],
  since: Date,
): WeeklyAgenda {
  const oldestFirst = (a: Escalation, b: Escalation) => a.openedAt.getTime() - b.openedAt.getTime() || a.seq - b.seq;
  return {
    kind: 'weekly',
    since,
    open: unresolved.filter((e) => e.state === 'open' || e.state === 'acknowledged').sort(oldestFirst),
    handedBack: unresolved.filter((e) => e.state === 'handed_back').sort(oldestFirst),
    notes: [...notes].sort((a, b) => a.at.getTime() - b.at.getTime()),
  };
}

/** A period's escalation figures. */
export interface PeriodFigures {
  period: ReportPeriod;
  summary: EscalationSummary;
  /**
   * Escalations whose acknowledgement came after their priority's timeout, or has not come and the
   * timeout has passed, or that needed a re-notification (the timeouts may have changed since).
   */
  missedAck: Escalation[];
}

/** The figures of the escalations opened in `period`, as they stand at `now`. */
export function periodFigures(
  period: ReportPeriod,
  opened: readonly Escalation[],
  timeouts: Record<Priority, number | null>,
  now: Date,
): PeriodFigures {
  // A duplicate (`resolve ESC-3 duplicate:ESC-2`) is the same incident twice: counted once, as the original.
  const inPeriod = opened.filter((e) => e.openedAt >= period.from && e.openedAt < period.to && !e.duplicateOf);
  const missedAck = inPeriod.filter((e) => missedAckTimeout(e, timeouts, now) || e.renotifyCount > 0);
  const summary = summarizeEscalations(inPeriod, timeouts, now);
  return { period, summary: { ...summary, missedAckTimeouts: missedAck.length }, missedAck };
}

export interface MonthlyAgenda {
  kind: 'monthly';
  month: PeriodFigures;
}

export function monthlyAgenda(month: PeriodFigures): MonthlyAgenda {
  return { kind: 'monthly', month };
}

/** A change between two periods: `delta` is current − previous (null when either is unknown). */
export interface Change {
  current: number | null;
  previous: number | null;
  delta: number | null;
}

export interface QuarterTrend {
  total: Change;
  afterHoursShare: Change;
  mttaMedianMs: Change;
  mttaP90Ms: Change;
  mttrMedianMs: Change;
  mttrP90Ms: Change;
  missedAckTimeouts: Change;
  /** Every area seen in either quarter, most escalations this quarter first. */
  byArea: { area: string; current: number; previous: number }[];
  byTeam: { team: 'internal' | 'msp'; current: number; previous: number }[];
  /** By the opener's side, `unknown` included. */
  byOpener: { side: SideOrUnknown; current: number; previous: number }[];
}

function change(current: number | null, previous: number | null): Change {
  return { current, previous, delta: current === null || previous === null ? null : current - previous };
}

/** The quarter against the one before. */
export function quarterTrend(current: EscalationSummary, previous: EscalationSummary): QuarterTrend {
  const areas = new Map<string, { current: number; previous: number }>();
  for (const a of current.byArea) areas.set(a.area, { current: a.count, previous: 0 });
  for (const a of previous.byArea) areas.set(a.area, { current: areas.get(a.area)?.current ?? 0, previous: a.count });
  return {
    total: change(current.total, previous.total),
    afterHoursShare: change(
      current.total ? current.afterHoursShare : null,
      previous.total ? previous.afterHoursShare : null,
    ),
    mttaMedianMs: change(current.mtta.medianMs, previous.mtta.medianMs),
    mttaP90Ms: change(current.mtta.p90Ms, previous.mtta.p90Ms),
    mttrMedianMs: change(current.mttr.medianMs, previous.mttr.medianMs),
    mttrP90Ms: change(current.mttr.p90Ms, previous.mttr.p90Ms),
    missedAckTimeouts: change(current.missedAckTimeouts, previous.missedAckTimeouts),
    byArea: [...areas]
      .map(([area, n]) => ({ area, ...n }))
      .sort((a, b) => b.current - a.current || b.previous - a.previous || a.area.localeCompare(b.area)),
    byTeam: (['internal', 'msp'] as const).map((team) => ({
      team,
      current: current.byTeam[team],
      previous: previous.byTeam[team],
    })),
    byOpener: (['internal', 'msp', 'unknown'] as const).map((side) => ({
      side,
      current: current.byOpener[side],
      previous: previous.byOpener[side],
    })),
  };
}

/** A change to the responsibility matrix, from the audit log. */
export interface MatrixChange {
  at: Date;
  actorName: string;
  action: string;
  subject: string;
  /** What changed, e.g. ` — business: msp → internal`. */
  detail: string;
}

export interface QuarterlyAgenda {
  kind: 'quarterly';
  quarter: PeriodFigures;
  previous: PeriodFigures;
  trend: QuarterTrend;
  matrixChanges: MatrixChange[];
}

export function quarterlyAgenda(
  quarter: PeriodFigures,
  previous: PeriodFigures,
  matrixChanges: readonly MatrixChange[],
): QuarterlyAgenda {
  return {
    kind: 'quarterly',
    quarter,
    previous,
    trend: quarterTrend(quarter.summary, previous.summary),
    matrixChanges: [...matrixChanges].sort((a, b) => a.at.getTime() - b.at.getTime()),
  };
}

export type Agenda = WeeklyAgenda | MonthlyAgenda | QuarterlyAgenda;
