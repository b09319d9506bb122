import { formatInTimeZone } from 'date-fns-tz';

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

export function localParts(instant: Date, timeZone: string): LocalParts {
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
  const p = localParts(new Date(instant), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
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
  const candidates = [...new Set([wall - before, wall - after])]
    .filter((t) => t + offsetMs(t, timeZone) === wall)
    .sort((a, b) => a - b);
  // Repeated: the earlier. Normal: the only one. Gap: the offset in force before the change.
  return new Date(candidates[0] ?? wall - before);
}

/** `YYYY-MM-DD` of an instant in a zone. */
export function localDate(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return isoDate(p.year, p.month, p.day);
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function parseIsoDate(s: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
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
const ZONE_NAME_TOKEN = /(?<!z)zzz(?!z)/g;

/**
 * The zone's short name at an instant (`EST`, `GMT+1`), exactly as date-fns-tz prints `zzz`, but
 * with the formatter kept per zone: date-fns-tz builds a new one on every call (~0.25 ms, most of
 * the cost of a formatLocal, which a morning post or a job run calls dozens of times).
 */
function zoneName(instant: Date, timeZone: string): string | undefined {
  let f = zoneNameFormatters.get(timeZone);
  if (!f) zoneNameFormatters.set(timeZone, (f = new Intl.DateTimeFormat(undefined, { timeZone, timeZoneName: 'short' })));
  const parts = f.formatToParts(instant);
  for (let i = parts.length - 1; i >= 0; i--) if (parts[i]!.type === 'timeZoneName') return parts[i]!.value;
  return undefined;
}

/** An instant as people in the channel read it: `Mon 30 Nov 2026 09:00 EST`. */
export function formatLocal(instant: Date, timeZone: string, pattern = 'EEE d MMM yyyy HH:mm zzz'): string {
  // `zzz` is filled in here as a quoted literal; a pattern that quotes text itself goes through as it is.
  if (!pattern.includes("'") && pattern.includes('zzz')) {
    const name = zoneName(instant, timeZone);
    if (name !== undefined && !name.includes("'")) return formatInTimeZone(instant, timeZone, pattern.replace(ZONE_NAME_TOKEN, `'${name}'`));
  }
  return formatInTimeZone(instant, timeZone, pattern);
}
