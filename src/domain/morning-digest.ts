import type { Escalation, EscalationEvent, EscalationFacts } from './escalation.js';
import type { HandoffNote, Holiday, IsoWeekday } from './model.js';
import type { MorningWindow } from './morning-window.js';
import { isoDate, parseIsoDate } from './zoned-time.js';

/**
 * What the morning handoff post says, decided from the window and the records, before any
 * wording: which escalations go in which group, which notes, how many of each are shown and how
 * many are only counted. The post is built from this (src/features/morning/morning-post-reply.ts and
 * morning-post-lines.ts).
 */

/** How the morning post groups an escalation, by where it stands now. */
export type MorningGroup = 'resolved' | 'handedBack' | 'open';

/** At most this many lines per group; the rest are counted ("… and 37 more resolved"). */
export const MAX_PER_GROUP = 6;
export const MAX_NOTES = 8;
/** Older unresolved escalations are listed by id only, up to this many. */
export const MAX_OLDER = 10;

/** A sync meeting due on the post's day (from the cadences). */
export interface SyncDue {
  kind: string;
  title: string;
  startsAt: Date;
}

/** A note in the post: a handoff note, or a note added to an escalation's history. */
export type MorningNote<E extends EscalationFacts = Escalation> =
  | { kind: 'handoff'; at: Date; authorId: number | null; text: string; overnight: boolean }
  | { kind: 'escalation'; at: Date; authorId: number | null; text: string; escalation: E };

/**
 * What the digest decides from. Escalations may be full records or only their facts: a busy night
 * has thousands, of which the post shows a few dozen (the caller reads those in full afterwards).
 */
export interface MorningRecords<E extends EscalationFacts = Escalation> {
  /** Escalations opened, handed back or resolved in the window (opened in it or before), with their state now. */
  inWindow: readonly E[];
  /** Not resolved yet: those opened before the window (and not in it) are mentioned in one line; others are ignored. */
  unresolved: readonly E[];
  /** Handoff notes that belong to the window (see noteBelongsTo). */
  handoffNotes: readonly HandoffNote[];
  /** Notes added to escalations in the window. */
  escalationNotes: readonly { escalation: E; event: EscalationEvent }[];
  /** null when they could not be read: the post says so rather than claiming there are none. */
  syncs: readonly SyncDue[] | null;
}

/** Shown items and how many more there are. */
export interface Capped<T> {
  shown: T[];
  more: number;
  total: number;
}

export interface MorningDigest<E extends EscalationFacts = Escalation> {
  date: string;
  window: MorningWindow;
  /** The days inside the window that were not business days (weekend days, holidays with their names). */
  daysOff: { date: string; weekday: IsoWeekday; holiday: string | null }[];
  groups: Record<MorningGroup, Capped<E>>;
  /** Escalations in the groups that were opened before the window (handed back or resolved in it). */
  openedEarlier: ReadonlySet<number>;
  notes: Capped<MorningNote<E>>;
  /** Unresolved escalations opened before the window and not in any group. */
  olderUnresolved: Capped<E>;
  /** null when they could not be read. */
  syncs: SyncDue[] | null;
  counts: { escalations: number; resolved: number; handedBack: number; open: number; notes: number; syncs: number };
  /** Nothing happened in the window: no escalation and no note. */
  quiet: boolean;
}

/**
 * Where an escalation stands now: resolved; handed back by the MSP to the internal team (even once
 * picked up); or still open (an escalation the internal team handed to the MSP stays open with it).
 */
export function groupOf(e: Pick<Escalation, 'state' | 'handedBackAt' | 'toTeam'>): MorningGroup {
  if (e.state === 'resolved') return 'resolved';
  if (e.handedBackAt !== null && e.toTeam === 'msp') return 'handedBack';
  return 'open';
}

const PRIORITY_ORDER = { P1: 0, P2: 1, P3: 2, P4: 3 } as const;
/** Most urgent first, then in the order they were opened. */
const byUrgency = (a: EscalationFacts, b: EscalationFacts) =>
  PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] || a.seq - b.seq;

export function cap<T>(items: readonly T[], max: number): Capped<T> {
  return { shown: items.slice(0, max), more: Math.max(0, items.length - max), total: items.length };
}

/** Decides the content of the morning post of business day `date` covering `window`. */
export function morningDigest<E extends EscalationFacts>(input: {
  date: string;
  window: MorningWindow;
  workDays: readonly IsoWeekday[];
  holidays: readonly Holiday[];
  records: MorningRecords<E>;
}): MorningDigest<E> {
  const { window, records } = input;
  const inWindow = new Map<number, E>();
  for (const e of records.inWindow) inWindow.set(e.id, e);
  const all = [...inWindow.values()].sort(byUrgency);
  const grouped: Record<MorningGroup, E[]> = { resolved: [], handedBack: [], open: [] };
  for (const e of all) grouped[groupOf(e)].push(e);
  const openedEarlier = new Set(all.filter((e) => e.openedAt.getTime() < window.from.getTime()).map((e) => e.id));

  const notes: MorningNote<E>[] = [
    ...records.handoffNotes.map(
      (n): MorningNote<E> => ({
        kind: 'handoff',
        at: n.at,
        authorId: n.authorId,
        text: n.text,
        overnight: n.overnight,
      }),
    ),
    ...records.escalationNotes.map(
      ({ escalation, event }): MorningNote<E> => ({
        kind: 'escalation',
        at: event.at,
        authorId: event.actorId,
        text: event.note ?? '',
        escalation,
      }),
    ),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());

  const older = records.unresolved
    .filter((e) => !inWindow.has(e.id) && e.openedAt.getTime() < window.from.getTime())
    .sort(byUrgency);
  const syncs =
    records.syncs === null ? null : [...records.syncs].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());

  return {
    date: input.date,
    window,
    daysOff: daysOff(window.previousBusinessDate, input.date, input.workDays, input.holidays),
    groups: {
      resolved: cap(grouped.resolved, MAX_PER_GROUP),
      handedBack: cap(grouped.handedBack, MAX_PER_GROUP),
      open: cap(grouped.open, MAX_PER_GROUP),
    },
    openedEarlier,
    notes: cap(notes, MAX_NOTES),
    olderUnresolved: cap(older, MAX_OLDER),
    syncs,
    counts: {
      escalations: all.length,
      resolved: grouped.resolved.length,
      handedBack: grouped.handedBack.length,
      open: grouped.open.length,
      notes: notes.length,
      syncs: syncs?.length ?? 0,
    },
    quiet: all.length === 0 && notes.length === 0,
  };
}

/** The local dates strictly between two business days, each with its weekday and holiday name. */
function daysOff(
  previous: string,
  date: string,
  workDays: readonly IsoWeekday[],
  holidays: readonly Holiday[],
): MorningDigest['daysOff'] {
  const named = new Map(holidays.map((h) => [h.date, h.name]));
  const out: MorningDigest['daysOff'] = [];
  const a = parseIsoDate(previous);
  const b = parseIsoDate(date);
  if (!a || !b) return out;
  const end = Date.UTC(b.year, b.month - 1, b.day);
  for (let t = Date.UTC(a.year, a.month - 1, a.day) + 86_400_000; t < end; t += 86_400_000) {
    const d = new Date(t);
    const iso = isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    const weekday = (((d.getUTCDay() + 6) % 7) + 1) as IsoWeekday;
    const holiday = named.has(iso) ? named.get(iso)! || 'holiday' : workDays.includes(weekday) ? 'holiday' : null;
    out.push({ date: iso, weekday, holiday });
  }
  return out;
}
