import { weekdayName } from './business-hours.js';
import { parseDurationMinutes } from './duration.js';
import type { IsoWeekday, MinuteOfDay } from './model.js';
import { type Occurrence, type Ordinal, type RecurrenceRule, upcomingOccurrences } from './recurrence.js';
import { formatMinuteOfDay, localToInstant, parseIsoDate } from './zoned-time.js';

/*
 * The guide's three recurring syncs between the internal team and the MSP, as pure data: defaults,
 * rule ↔ recurrence, reminder lead times, and which occurrences are held (skips).
 */

export type CadenceKind = 'weekly' | 'monthly' | 'quarterly';
export const CADENCE_KINDS: readonly CadenceKind[] = ['weekly', 'monthly', 'quarterly'];
export const ORDINALS: readonly Ordinal[] = ['first', 'second', 'third', 'fourth', 'last'];

/** One cadence of a channel as stored. */
export interface Cadence {
  id: number;
  channelId: number;
  kind: CadenceKind;
  enabled: boolean;
  weekday: IsoWeekday;
  /** null for weekly. */
  ordinal: Ordinal | null;
  /** 1, 2 or 3 (the month of the quarter); null unless quarterly. */
  quarterMonth: 1 | 2 | 3 | null;
  time: MinuteOfDay;
  durationMinutes: number;
  /** Reminder lead times in minutes before the meeting, longest first. */
  leads: number[];
}

/** What a cadence is made of, without its identity. */
export type CadenceSettings = Omit<Cadence, 'id' | 'channelId'>;

export const CADENCE_TITLES: Record<CadenceKind, string> = {
  weekly: 'Weekly tactical sync',
  monthly: 'Monthly operational review',
  quarterly: 'Quarterly strategic review',
};

export const DEFAULT_LEADS: readonly number[] = [24 * 60, 15];
export const DEFAULT_DURATION_MINUTES = 60;

/**
 * The guide's defaults: weekly Tuesday 10:00, monthly first Wednesday 14:00, quarterly first Thursday of the quarter
 * 14:00.
 */
export const DEFAULT_CADENCES: readonly CadenceSettings[] = [
  {
    kind: 'weekly',
    enabled: true,
    weekday: 2,
    ordinal: null,
    quarterMonth: null,
    time: 10 * 60,
    durationMinutes: DEFAULT_DURATION_MINUTES,
    leads: [...DEFAULT_LEADS],
  },
  {
    kind: 'monthly',
    enabled: true,
    weekday: 3,
    ordinal: 'first',
    quarterMonth: null,
    time: 14 * 60,
    durationMinutes: DEFAULT_DURATION_MINUTES,
    leads: [...DEFAULT_LEADS],
  },
  {
    kind: 'quarterly',
    enabled: true,
    weekday: 4,
    ordinal: 'first',
    quarterMonth: 1,
    time: 14 * 60,
    durationMinutes: DEFAULT_DURATION_MINUTES,
    leads: [...DEFAULT_LEADS],
  },
];

/** Longest lead a reminder may have: two weeks ahead is already more than anyone plans a sync by. */
export const MAX_LEAD_MINUTES = 14 * 24 * 60;
export const MAX_LEADS = 4;
export const MAX_DURATION_MINUTES = 8 * 60;

export function isCadenceKind(word: string): word is CadenceKind {
  return (CADENCE_KINDS as readonly string[]).includes(word);
}

/** The recurrence rule a cadence meets by. */
export function ruleOf(c: Pick<Cadence, 'kind' | 'weekday' | 'ordinal' | 'quarterMonth' | 'time'>): RecurrenceRule {
  switch (c.kind) {
    case 'weekly':
      return { kind: 'weekly', weekday: c.weekday, time: c.time };
    case 'monthly':
      return { kind: 'monthly', ordinal: c.ordinal ?? 'first', weekday: c.weekday, time: c.time };
    case 'quarterly':
      return {
        kind: 'quarterly',
        ordinal: c.ordinal ?? 'first',
        weekday: c.weekday,
        quarterMonth: c.quarterMonth ?? 1,
        time: c.time,
      };
  }
}

const QUARTER_MONTHS: Record<1 | 2 | 3, string> = {
  1: 'Jan, Apr, Jul, Oct',
  2: 'Feb, May, Aug, Nov',
  3: 'Mar, Jun, Sep, Dec',
};
const MONTH_OF_QUARTER: Record<1 | 2 | 3, string> = { 1: 'first', 2: 'second', 3: 'third' };

/** When it meets, as people say it: `every Tuesday at 10:00`, `last Friday of the month at 15:00`. */
export function describeRule(c: Pick<Cadence, 'kind' | 'weekday' | 'ordinal' | 'quarterMonth' | 'time'>): string {
  const at = `at ${formatMinuteOfDay(c.time)}`;
  const day = weekdayName(c.weekday);
  switch (c.kind) {
    case 'weekly':
      return `every ${day} ${at}`;
    case 'monthly':
      return `${c.ordinal ?? 'first'} ${day} of the month ${at}`;
    case 'quarterly': {
      const m = c.quarterMonth ?? 1;
      return (
        `${c.ordinal ?? 'first'} ${day} of the quarter's ${MONTH_OF_QUARTER[m]} month (${QUARTER_MONTHS[m]}) ` + `${at}`
      );
    }
  }
}

/**
 * The rule in a few words, for the audit log: `Tuesday 10:00`, `last Friday 15:00`, `first Thursday of month 1,
 * 14:00`.
 */
export function ruleWords(c: Pick<Cadence, 'kind' | 'weekday' | 'ordinal' | 'quarterMonth' | 'time'>): string {
  const time = formatMinuteOfDay(c.time);
  const day = weekdayName(c.weekday);
  switch (c.kind) {
    case 'weekly':
      return `${day} ${time}`;
    case 'monthly':
      return `${c.ordinal ?? 'first'} ${day} ${time}`;
    case 'quarterly':
      return `${c.ordinal ?? 'first'} ${day} of month ${c.quarterMonth ?? 1}, ${time}`;
  }
}

/**
 * Lead times from `1d,15m`, `2h`, `1h30m`, `90m`, `1d, 2h` (a list of durations in d, h, m).
 * Returns the minutes, longest first, or a message saying what is wrong.
 */
export function parseLeads(spec: string): { leads: number[] } | { error: string } {
  const parts = spec
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  if (parts.length === 0) return { error: 'Give at least one lead time, e.g. `1d,15m`.' };
  const leads = new Set<number>();
  for (const part of parts) {
    const minutes = parseDurationMinutes(part);
    if (minutes === null)
      return {
        error: `“${part}” is not a lead time. Write it as days, hours and minutes: \`1d\`, \`2h\`, \`15m\`, \`1h30m\`.`,
      };
    if (minutes <= 0) return { error: `A reminder must come before the meeting: “${part}” is no lead time.` };
    if (minutes > MAX_LEAD_MINUTES)
      return {
        error: `“${part}” is too far ahead; reminders can come at most ${formatLead(MAX_LEAD_MINUTES)} before.`,
      };
    leads.add(minutes);
  }
  if (leads.size > MAX_LEADS) return { error: `At most ${MAX_LEADS} reminders per sync.` };
  return { leads: [...leads].sort((a, b) => b - a) };
}

/** `1 day`, `15 min`, `2 h 30 min`, `1 day 2 h`. */
export function formatLead(minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts: string[] = [];
  if (d) parts.push(`${d} day${d === 1 ? '' : 's'}`);
  if (h) parts.push(`${h} h`);
  if (m) parts.push(`${m} min`);
  return parts.join(' ') || '0 min';
}

/** `1 day and 15 min before`. */
export function describeLeads(leads: readonly number[]): string {
  if (leads.length === 0) return 'no reminders';
  const words = leads.map(formatLead);
  const joined = words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
  return `${joined} before`;
}

/** One meeting of a cadence that will be held (not skipped). */
export interface Meeting extends Occurrence {
  /** When it ends: the start plus the duration. */
  endsAt: Date;
}

/**
 * The next `count` meetings strictly after `after`, leaving out skipped dates. `skipped` gets the
 * skipped dates met on the way (so a reply can say "2 Dec is skipped").
 */
export function upcomingMeetings(
  c: Pick<Cadence, 'kind' | 'weekday' | 'ordinal' | 'quarterMonth' | 'time' | 'durationMinutes'>,
  timeZone: string,
  after: Date,
  count: number,
  skips: ReadonlySet<string>,
): { meetings: Meeting[]; skipped: Occurrence[] } {
  const rule = ruleOf(c);
  const meetings: Meeting[] = [];
  const skipped: Occurrence[] = [];
  let from = after;
  // Every skip is a stored date, so this ends after at most skips.size extra occurrences.
  while (meetings.length < count) {
    const batch = upcomingOccurrences(rule, timeZone, from, count - meetings.length + 1);
    for (const o of batch) {
      if (meetings.length === count) break;
      if (skips.has(o.localDate)) skipped.push(o);
      else meetings.push({ ...o, endsAt: new Date(o.instant.getTime() + c.durationMinutes * 60_000) });
      from = o.instant;
    }
  }
  return { meetings, skipped };
}

/**
 * The latest meeting that started strictly before `before` (skipped dates left out), looking back at
 * most `maxDays`; null when there is none in that span.
 */
export function previousMeeting(
  c: Pick<Cadence, 'kind' | 'weekday' | 'ordinal' | 'quarterMonth' | 'time'>,
  timeZone: string,
  before: Date,
  skips: ReadonlySet<string>,
  maxDays = 400,
): Occurrence | null {
  const rule = ruleOf(c);
  const from = new Date(before.getTime() - maxDays * 86_400_000);
  // At most one occurrence a week: maxDays/7 + 2 covers the span.
  const candidates = upcomingOccurrences(rule, timeZone, from, Math.ceil(maxDays / 7) + 2);
  let last: Occurrence | null = null;
  for (const o of candidates) {
    if (o.instant.getTime() >= before.getTime()) break;
    if (!skips.has(o.localDate)) last = o;
  }
  return last;
}

/** A reminder: one lead time before one meeting. */
export interface PlannedReminder {
  dueAt: Date;
  meeting: Meeting;
  leadMinutes: number;
}

/**
 * The next `limit` reminders of a cadence due strictly after `after`, soonest first (by default one
 * meeting's worth, at least two). The soonest is always among them, and the scheduler plans again
 * after each one runs, so the chain never breaks. A reminder whose time has passed is not planned:
 * a lead that can no longer be honoured (a sync set for tomorrow morning, now in the afternoon) is
 * simply not sent.
 */
export function plannedReminders(
  c: Cadence,
  timeZone: string,
  after: Date,
  skips: ReadonlySet<string>,
  limit = Math.max(2, c.leads.length),
): PlannedReminder[] {
  if (!c.enabled || c.leads.length === 0) return [];
  // Leads are at most two weeks and meetings at least a week apart: the soonest reminders belong
  // to the next three meetings.
  const { meetings } = upcomingMeetings(c, timeZone, after, 3, skips);
  const out: PlannedReminder[] = [];
  for (const meeting of meetings) {
    for (const leadMinutes of c.leads) {
      const dueAt = reminderTime(meeting, c.time, leadMinutes, timeZone);
      if (dueAt.getTime() > after.getTime()) out.push({ dueAt, meeting, leadMinutes });
    }
  }
  return out.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime()).slice(0, limit);
}

/**
 * When the reminder `leadMinutes` before a meeting is due. Whole days count in local days (1 day
 * before Sunday 10:00 is Saturday 10:00 local, even across a DST change, like every other local
 * time in Tandem); the rest is exact minutes before that.
 */
export function reminderTime(meeting: Occurrence, time: MinuteOfDay, leadMinutes: number, timeZone: string): Date {
  const days = Math.floor(leadMinutes / 1440);
  const rest = leadMinutes % 1440;
  let base = meeting.instant;
  if (days > 0) {
    const d = parseIsoDate(meeting.localDate)!;
    const day = new Date(Date.UTC(d.year, d.month - 1, d.day - days));
    base = localToInstant(
      { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() },
      time,
      timeZone,
    );
  }
  return new Date(base.getTime() - rest * 60_000);
}

/** `cadence:<channelId>:<kind>:<localDate>:<leadMinutes>`: one reminder of one meeting, never sent twice. */
export function reminderKey(channelId: number, kind: CadenceKind, localDate: string, leadMinutes: number): string {
  return `cadence:${channelId}:${kind}:${localDate}:${leadMinutes}`;
}
