import { utcOffsetLabel, zoneAbbreviation } from './zone-abbreviations.js';

/** Wall-clock parts of an instant in a timezone. `weekday` is ISO: 1 = Monday … 7 = Sunday. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The parts as Intl gives them: the slow path, and the truth the offset cache is built from. */
function intlParts(instant: Date, timeZone: string): LocalParts {
  const out: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) out[p.type] = p.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour),
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: WEEKDAYS[out.weekday!]!,
  };
}

/** The zone's offset at an instant, from Intl. */
function intlOffsetMs(instant: number, timeZone: string): number {
  const p = intlParts(new Date(instant), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const HOUR_MS = 3_600_000;
/** Per zone, per UTC hour: the offset in force all that hour, or NaN when it changes within it. */
const hourOffsets = new Map<string, Map<number, number>>();
/** Hours remembered per zone (a few years' worth) before that zone's cache starts again. */
const MAX_CACHED_HOURS = 50_000;

/**
 * The offset from the cache: an hour whose first and last second have the same offset has it
 * throughout (zones change offset at most once in an hour), so planning thousands of channels asks
 * Intl twice per zone and hour instead of three times per occurrence.
 */
function cachedOffsetMs(instant: number, timeZone: string): number {
  let hours = hourOffsets.get(timeZone);
  if (!hours) {
    hours = new Map();
    hourOffsets.set(timeZone, hours);
  }
  const hour = Math.floor(instant / HOUR_MS);
  let offset = hours.get(hour);
  if (offset === undefined) {
    const start = intlOffsetMs(hour * HOUR_MS, timeZone);
    offset = start === intlOffsetMs(hour * HOUR_MS + HOUR_MS - 1000, timeZone) ? start : Number.NaN;
    if (hours.size >= MAX_CACHED_HOURS) hours.clear();
    hours.set(hour, offset);
  }
  return Number.isNaN(offset) ? intlOffsetMs(instant, timeZone) : offset;
}

export function localParts(instant: Date, timeZone: string): LocalParts {
  const t = instant.getTime();
  if (!Number.isFinite(t)) return intlParts(instant, timeZone);
  const wall = new Date(Math.floor(t / 1000) * 1000 + cachedOffsetMs(t, timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    weekday: wall.getUTCDay() === 0 ? 7 : wall.getUTCDay(),
  };
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || /\s/.test(timeZone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Offset of the zone from UTC at an instant, in milliseconds (east positive). */
export function offsetMs(instant: number, timeZone: string): number {
  return Number.isFinite(instant) ? cachedOffsetMs(instant, timeZone) : intlOffsetMs(instant, timeZone);
}

/**
 * The instant of a local wall time in a zone, by PRODUCT.md's rule (RFC 5545; Temporal's
 * "compatible"): a time inside a spring-forward gap moves forward by the gap's length; a time that
 * occurs twice at fall-back is its earlier occurrence.
 */
export function localToInstant(
  date: { year: number; month: number; day: number },
  minuteOfDay: number,
  timeZone: string,
): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  const day = 86_400_000;
  const before = offsetMs(wall - day, timeZone);
  const after = offsetMs(wall + day, timeZone);
  // The candidates earlier first: repeated, the earlier; normal, the only one. Gap: the offset in
  // force before the change. (Without arrays: this runs for every occurrence planned.)
  const first = wall - Math.max(before, after);
  const second = wall - Math.min(before, after);
  if (first + offsetMs(first, timeZone) === wall) return new Date(first);
  if (second !== first && second + offsetMs(second, timeZone) === wall) return new Date(second);
  return new Date(wall - before);
}

/** `YYYY-MM-DD` of an instant in a zone. */
export function localDate(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return isoDate(p.year, p.month, p.day);
}

export function isoDate(year: number, month: number, day: number): string {
  // Two digits by hand: this runs for every occurrence planned, and padStart was a visible part of it.
  const y = year >= 1000 && year <= 9999 ? String(year) : String(year).padStart(4, '0');
  return `${y}-${two(month)}-${two(day)}`;
}

const two = (n: number) => (n >= 0 && n < 10 ? `0${n}` : String(n));

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(s: string): { year: number; month: number; day: number } | null {
  const m = ISO_DATE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  // Date.UTC reads years 0–99 as 1900–1999: those dates are not taken, as before.
  if (year < 100) return null;
  // The day exists in that month (Date.UTC(y, m, 0) is the month's last day), leap years included.
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return { year, month, day };
}

/** `HH:MM` for minutes since midnight. */
export function formatMinuteOfDay(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Minutes since midnight from `HH:MM` (00:00–24:00), or null. */
export function parseMinuteOfDay(s: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

const zoneNameFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The zone's short name at an instant as people there say it (`EST`, `AEDT`, `IST`, `CET`), from
 * the table in zone-abbreviations.ts; the UTC offset (`UTC+4`, `UTC+5:45`) where there is none.
 */
export function zoneShortName(instant: Date, timeZone: string): string {
  const offset = Math.round(offsetMs(instant.getTime(), timeZone) / 60_000);
  return zoneAbbreviation(timeZone, offset) ?? utcOffsetLabel(offset);
}

/** The zone's long name at an instant (`Eastern Standard Time`); the formatter is kept per zone. */
function zoneLongName(instant: Date, timeZone: string): string {
  let f = zoneNameFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'long' });
    zoneNameFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(instant);
  for (let i = parts.length - 1; i >= 0; i--) if (parts[i]!.type === 'timeZoneName') return parts[i]!.value;
  return '';
}

/** The months' names, January first. */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** One pattern field (a run of one letter, date-fns/Unicode style) of the local parts. */
function field(letter: string, n: number, p: LocalParts, instant: Date, timeZone: string, pattern: string): string {
  switch (letter) {
    case 'y':
      return n === 2 ? pad(p.year % 100) : pad(p.year, n);
    case 'M':
      return n >= 4 ? MONTHS[p.month - 1]! : n === 3 ? MONTHS[p.month - 1]!.slice(0, 3) : pad(p.month, n);
    case 'd':
      return pad(p.day, n);
    case 'E':
      return n >= 4 ? DAY_NAMES[p.weekday - 1]! : DAY_NAMES[p.weekday - 1]!.slice(0, 3);
    case 'H':
      return pad(p.hour, n);
    case 'm':
      return pad(p.minute, n);
    case 's':
      return pad(p.second, n);
    case 'z':
      return n >= 4 ? zoneLongName(instant, timeZone) : zoneShortName(instant, timeZone);
    default:
      throw new RangeError(`formatLocal does not know "${letter.repeat(n)}" in "${pattern}"`);
  }
}

/**
 * An instant as people in the channel read it: `Mon 30 Nov 2026 09:00 EST`, `Sat 28 Nov 2026 03:00
 * AEDT`. The pattern takes date-fns's letters (yyyy, MM, MMM, d, EEE, HH, mm, ss, zzz for the
 * abbreviation, zzzz for the long name, 'quoted' text). Every field comes from the zone's own wall
 * clock (Intl with an explicit timeZone): nothing reads the process's zone, so the server's `TZ`
 * never changes what people see.
 */
export function formatLocal(instant: Date, timeZone: string, pattern = 'EEE d MMM yyyy HH:mm zzz'): string {
  const p = localParts(instant, timeZone);
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    if (c === "'") {
      // A quoted literal; '' is a quote, inside or outside one.
      let j = i + 1;
      let literal = '';
      while (j < pattern.length) {
        if (pattern[j] === "'" && pattern[j + 1] === "'") {
          literal += "'";
          j += 2;
        } else if (pattern[j] === "'") break;
        else literal += pattern[j++];
      }
      // '' outside a literal is one quote.
      out += j === i + 1 ? "'" : literal;
      i = j + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      out += field(c, j - i, p, instant, timeZone, pattern);
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * A span as people read it, the day once and each end's time: `Sun 7 Nov 2027 01:30 EDT–01:30 EST`
 * when the ends' abbreviations differ (a change inside it), `Tue 8 Dec 2026 10:00–11:00 AEDT` otherwise.
 */
export function formatLocalRange(start: Date, end: Date, timeZone: string, datePattern = 'EEE d MMM yyyy'): string {
  const day = datePattern ? `${formatLocal(start, timeZone, datePattern)} ` : '';
  const from = formatLocal(start, timeZone, 'HH:mm');
  const startZone = zoneShortName(start, timeZone);
  const endZone = zoneShortName(end, timeZone);
  const to = formatLocal(end, timeZone, 'HH:mm');
  return startZone === endZone ? `${day}${from}–${to} ${endZone}` : `${day}${from} ${startZone}–${to} ${endZone}`;
}
