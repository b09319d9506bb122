import type { BusinessHours, IsoWeekday } from './model.js';
import { isoDate, localParts, localToInstant, parseIsoDate } from './zoned-time.js';

/**
 * How far a search for a business day may run. Holidays are listed date by date, so a calendar
 * could in principle mark years off; past three years we assume a misconfiguration and say so.
 */
const SEARCH_DAYS = 3 * 366;
const DAY_MS = 86_400_000;

interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Is this local date (`YYYY-MM-DD`) a business day: a working weekday and not a holiday? */
export function isBusinessDay(date: string, hours: BusinessHours): boolean {
  return isWorkingDay(dayNumber(parseDate(date)), hours, new Set(hours.holidays));
}

/** The start of business on a local date, which must be a business day. */
export function businessStartOn(date: string, hours: BusinessHours): Date {
  const civil = parseDate(date);
  if (!isBusinessDay(date, hours)) throw new RangeError(`${date} is not a business day`);
  return localToInstant(civil, hours.start, hours.timezone);
}

/** The start instant of the first business day whose start is strictly after `after`. */
export function nextBusinessStart(hours: BusinessHours, after: Date): Date {
  assertWorkable(hours);
  const holidays = new Set(hours.holidays);
  const today = dayNumber(localParts(after, hours.timezone));
  // From yesterday: a start in a DST gap straddling midnight could move yesterday's start into today.
  for (let key = today - 1; key <= today + SEARCH_DAYS; key++) {
    if (!isWorkingDay(key, hours, holidays)) continue;
    const start = localToInstant(fromDayNumber(key), hours.start, hours.timezone);
    if (start.getTime() > after.getTime()) return start;
  }
  throw noBusinessDay(hours, `after ${isoOf(today)}`);
}

/**
 * The after-hours window that ends at the start of business on `date` (a business day): from the
 * end of the previous business day's hours to this day's start, both resolved in local time, so a
 * DST change inside the window makes it an hour shorter or longer. Monday's window covers the
 * weekend; the day after a holiday covers the holiday.
 */
export function afterHoursWindow(
  date: string,
  hours: BusinessHours,
): { from: Date; to: Date; previousBusinessDate: string } {
  assertWorkable(hours);
  const to = businessStartOn(date, hours);
  const previous = previousBusinessDay(dayNumber(parseDate(date)), hours);
  return {
    from: localToInstant(fromDayNumber(previous), hours.end, hours.timezone),
    to,
    previousBusinessDate: isoOf(previous),
  };
}

/**
 * The local business date `instant` falls in, when it is within that day's hours
 * (start ≤ instant < end); null outside business hours. A morning post late after a restart
 * still belongs to its day as long as the day is not over.
 */
export function businessDateAt(instant: Date, hours: BusinessHours): string | null {
  const p = localParts(instant, hours.timezone);
  const date = isoDate(p.year, p.month, p.day);
  if (!isBusinessDay(date, hours)) return null;
  // Compare instants, not minutes of the day, so the bounds are the same DST-resolved instants
  // that businessStartOn and afterHoursWindow hand out.
  const start = localToInstant(p, hours.start, hours.timezone).getTime();
  const end = localToInstant(p, hours.end, hours.timezone).getTime();
  const t = instant.getTime();
  return start <= t && t < end ? date : null;
}

/**
 * The business day `n` business days before the local date `date` (`n` ≥ 1); with `n` = 0, the latest
 * business day on or before it. Null when a calendar has none in reach (no working days at all).
 */
export function businessDayBefore(
  date: string,
  n: number,
  hours: Pick<BusinessHours, 'days' | 'holidays'>,
): string | null {
  if (hours.days.length === 0) return null;
  const holidays = new Set(hours.holidays);
  let left = n;
  const from = dayNumber(parseDate(date));
  for (let k = n === 0 ? from : from - 1; k >= from - SEARCH_DAYS; k--) {
    if (!isWorkingDay(k, hours, holidays)) continue;
    if (left <= 1) return isoOf(k);
    left--;
  }
  return null;
}

/** The closest business day strictly before the day numbered `key`. */
function previousBusinessDay(key: number, hours: BusinessHours): number {
  const holidays = new Set(hours.holidays);
  for (let k = key - 1; k >= key - SEARCH_DAYS; k--) {
    if (isWorkingDay(k, hours, holidays)) return k;
  }
  throw noBusinessDay(hours, `before ${isoOf(key)}`);
}

function isWorkingDay(key: number, hours: Pick<BusinessHours, 'days'>, holidays: ReadonlySet<string>): boolean {
  return hours.days.includes(isoWeekday(key)) && !holidays.has(isoOf(key));
}

/** Searches would never end on a calendar without working days or with an empty day. */
function assertWorkable(hours: BusinessHours): void {
  if (hours.days.length === 0) throw new Error('Business hours have no working days: set at least one working day');
  if (!(hours.start < hours.end)) {
    throw new Error(`Business hours must start before they end (start ${hours.start}, end ${hours.end} minutes)`);
  }
}

function noBusinessDay(hours: BusinessHours, where: string): Error {
  return new Error(`No business day within three years ${where} in ${hours.timezone}: check working days and holidays`);
}

function parseDate(date: string): CivilDate {
  const civil = parseIsoDate(date);
  if (!civil) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  return civil;
}

/** Days since 1970-01-01 of a civil date (proleptic Gregorian, no zone involved). */
function dayNumber(d: CivilDate): number {
  return Date.UTC(d.year, d.month - 1, d.day) / DAY_MS;
}

function fromDayNumber(key: number): CivilDate {
  const d = new Date(key * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function isoOf(key: number): string {
  const d = fromDayNumber(key);
  return isoDate(d.year, d.month, d.day);
}

/** ISO weekday (1 = Monday) of a day number; 1970-01-01 was a Thursday. */
function isoWeekday(key: number): IsoWeekday {
  return (((((key + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}
