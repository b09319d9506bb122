import type { IsoWeekday, MinuteOfDay } from './model.js';
import { isoDate, localParts, localToInstant } from './zoned-time.js';

/** Which weekday of the month: the n-th, or the last (the 4th or the 5th). */
export type Ordinal = 'first' | 'second' | 'third' | 'fourth' | 'last';

/**
 * When a sync cadence meets, in the channel's local time. Quarters are Jan–Mar, Apr–Jun, Jul–Sep
 * and Oct–Dec; `quarterMonth` 1 is Jan/Apr/Jul/Oct.
 */
export type RecurrenceRule =
  | { kind: 'weekly'; weekday: IsoWeekday; time: MinuteOfDay }
  | { kind: 'monthly'; ordinal: Ordinal; weekday: IsoWeekday; time: MinuteOfDay }
  | { kind: 'quarterly'; ordinal: Ordinal; weekday: IsoWeekday; quarterMonth: 1 | 2 | 3; time: MinuteOfDay };

/**
 * One occurrence of a rule. `localDate` is the day the rule picked (`YYYY-MM-DD`, the key a
 * skipped occurrence is stored under); `instant` is its local time on that day, resolved by the
 * product's DST rule (a time in a gap moves forward by the gap, a repeated time is the earlier one).
 */
export interface Occurrence {
  instant: Date;
  localDate: string;
}

interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const ORDINAL_INDEX: Record<Exclude<Ordinal, 'last'>, number> = { first: 0, second: 1, third: 2, fourth: 3 };
const DAY_MS = 86_400_000;

/** The first occurrence strictly after `after`. */
export function nextOccurrence(rule: RecurrenceRule, timeZone: string, after: Date): Date {
  return upcomingOccurrences(rule, timeZone, after, 1)[0]!.instant;
}

/** The next `count` occurrences strictly after `after`, in order. */
export function nextOccurrences(rule: RecurrenceRule, timeZone: string, after: Date, count: number): Date[] {
  return upcomingOccurrences(rule, timeZone, after, count).map((o) => o.instant);
}

/** The next `count` occurrences strictly after `after`, each with the local date the rule picked. */
export function upcomingOccurrences(rule: RecurrenceRule, timeZone: string, after: Date, count: number): Occurrence[] {
  assertRule(rule);
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const afterMs = after.getTime();
  if (Number.isNaN(afterMs)) throw new RangeError('after is an invalid Date');

  if (count === 0) return [];
  const key = cacheKey(rule, timeZone, afterMs, count);
  let known = computed.get(key);
  if (!known) {
    known = compute(rule, timeZone, after, count);
    if (computed.size >= MAX_COMPUTED) computed.clear();
    computed.set(key, known);
  }
  // Copies: a caller may keep or change what it gets.
  return known.map((o) => ({ instant: new Date(o.instant.getTime()), localDate: o.localDate }));
}

/**
 * Occurrences computed, by rule, zone, start and count: planning every channel at startup asks the
 * same question for every channel with the same cadence in the same zone, from the same instant.
 */
const computed = new Map<string, readonly Occurrence[]>();
/** Answers remembered before the cache starts again. */
const MAX_COMPUTED = 10_000;

function cacheKey(rule: RecurrenceRule, timeZone: string, afterMs: number, count: number): string {
  const ordinal = rule.kind === 'weekly' ? '' : rule.ordinal;
  const quarterMonth = rule.kind === 'quarterly' ? rule.quarterMonth : 0;
  return `${timeZone}|${rule.kind}|${rule.weekday}|${ordinal}|${quarterMonth}|${rule.time}|${afterMs}|${count}`;
}

function compute(rule: RecurrenceRule, timeZone: string, after: Date, count: number): Occurrence[] {
  const afterMs = after.getTime();
  const out: Occurrence[] = [];
  const today = localParts(after, timeZone);
  // Start a day early: a time in a gap that straddles midnight can push yesterday's occurrence
  // into today. Dates come ascending and a later local date is always a later instant, so the
  // results are in order, and at most two candidates (yesterday's, today's) are already past.
  for (const date of ruleDates(rule, fromDayNumber(dayNumber(today) - 1))) {
    const instant = localToInstant(date, rule.time, timeZone);
    if (instant.getTime() <= afterMs) continue;
    out.push({ instant, localDate: isoDate(date.year, date.month, date.day) });
    if (out.length === count) return out;
  }
  /* c8 ignore next */
  throw new Error('unreachable: rule dates are infinite');
}

/**
 * The local date (`YYYY-MM-DD`) the rule picked for the occurrence at `instant`. Throws when
 * `instant` is not an occurrence of the rule.
 */
export function occurrenceDate(rule: RecurrenceRule, timeZone: string, instant: Date): string {
  const [hit] = upcomingOccurrences(rule, timeZone, new Date(instant.getTime() - 1), 1);
  if (!hit || hit.instant.getTime() !== instant.getTime()) {
    throw new RangeError(`${instant.toISOString()} is not an occurrence of this ${rule.kind} rule in ${timeZone}`);
  }
  return hit.localDate;
}

/** The rule's dates on or after `from`, ascending, forever. Constant work per date: no day scanning. */
function* ruleDates(rule: RecurrenceRule, from: CivilDate): Generator<CivilDate> {
  const fromKey = dayNumber(from);
  if (rule.kind === 'weekly') {
    let key = fromKey + ((rule.weekday - isoWeekday(fromKey) + 7) % 7);
    for (;;) {
      yield fromDayNumber(key);
      key += 7;
    }
  }
  const step = rule.kind === 'monthly' ? 1 : 3;
  let year = from.year;
  // Monthly: from's month. Quarterly: the chosen month of from's quarter.
  let month = rule.kind === 'monthly' ? from.month : from.month - ((from.month - 1) % 3) + rule.quarterMonth - 1;
  for (;;) {
    const date = nthWeekdayOfMonth(year, month, rule.weekday, rule.ordinal);
    if (dayNumber(date) >= fromKey) yield date;
    month += step;
    if (month > 12) {
      month -= 12;
      year += 1;
    }
  }
}

/** The n-th (or last) given weekday of a month, by arithmetic on the weekday of its 1st or last day. */
function nthWeekdayOfMonth(year: number, month: number, weekday: IsoWeekday, ordinal: Ordinal): CivilDate {
  if (ordinal === 'last') {
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const lastKey = dayNumber({ year, month, day: lastDay });
    return { year, month, day: lastDay - ((isoWeekday(lastKey) - weekday + 7) % 7) };
  }
  const firstKey = dayNumber({ year, month, day: 1 });
  // The 4th of any weekday is at most the 28th, so it exists in every month, February included.
  return { year, month, day: 1 + ((weekday - isoWeekday(firstKey) + 7) % 7) + 7 * ORDINAL_INDEX[ordinal] };
}

function assertRule(rule: RecurrenceRule): void {
  if (!Number.isInteger(rule.weekday) || rule.weekday < 1 || rule.weekday > 7) {
    throw new RangeError(`weekday must be 1 (Monday) … 7 (Sunday), got ${rule.weekday}`);
  }
  // 24:00 would land on the next day and break the link between an occurrence and its date.
  if (!Number.isInteger(rule.time) || rule.time < 0 || rule.time >= 1440) {
    throw new RangeError(`time must be a minute of the day 0 … 1439, got ${rule.time}`);
  }
  if (rule.kind !== 'weekly' && !(rule.ordinal in ORDINAL_INDEX) && rule.ordinal !== 'last') {
    throw new RangeError(`unknown ordinal ${String(rule.ordinal)}`);
  }
  if (rule.kind === 'quarterly' && ![1, 2, 3].includes(rule.quarterMonth)) {
    throw new RangeError(`quarterMonth must be 1, 2 or 3, got ${rule.quarterMonth}`);
  }
}

/** Days since 1970-01-01 of a civil date (proleptic Gregorian, no zone involved). */
function dayNumber(d: CivilDate): number {
  return Date.UTC(d.year, d.month - 1, d.day) / DAY_MS;
}

function fromDayNumber(key: number): CivilDate {
  const d = new Date(key * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday (1 = Monday) of a day number; 1970-01-01 was a Thursday. */
function isoWeekday(key: number): IsoWeekday {
  return (((((key + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}
