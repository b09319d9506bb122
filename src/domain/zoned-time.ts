import { format } from 'date-fns/format';
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

/**
 * The zone's short name at an instant as people there say it (`EST`, `AEDT`, `IST`, `CET`), from
 * the table in zone-abbreviations.ts; the UTC offset (`UTC+4`, `UTC+5:45`) where there is none.
 */
export function zoneShortName(instant: Date, timeZone: string): string {
  const offset = Math.round(offsetMs(instant.getTime(), timeZone) / 60_000);
  return zoneAbbreviation(timeZone, offset) ?? utcOffsetLabel(offset);
}

/**
 * The zone's name at an instant, short (`AEDT`, `UTC+4`) or long (`Eastern Standard Time`), where
 * date-fns-tz prints `zzz` and `zzzz`; the long formatter is kept per zone.
 */
function zoneName(instant: Date, timeZone: string, length: 'short' | 'long'): string {
  if (length === 'short') return zoneShortName(instant, timeZone);
  const key = `${length}:${timeZone}`;
  let f = zoneNameFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(undefined, { timeZone, timeZoneName: length });
    zoneNameFormatters.set(key, f);
  }
  const parts = f.formatToParts(instant);
  for (let i = parts.length - 1; i >= 0; i--) if (parts[i]!.type === 'timeZoneName') return parts[i]!.value;
  return '';
}

/**
 * The pattern with its zone-name tokens (`z`…`zzz` short, `zzzz` long) replaced by the quoted name,
 * so that date-fns's own format prints the rest. Offset tokens (X, x, O) would print the process's
 * offset, not the zone's: they are refused.
 */
function withZoneNames(pattern: string, instant: Date, timeZone: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    if (c === "'") {
      // A quoted literal, '' inside it being a quote: copied as it is.
      let j = i + 1;
      while (j < pattern.length && !(pattern[j] === "'" && pattern[j + 1] !== "'")) j += pattern[j] === "'" ? 2 : 1;
      out += pattern.slice(i, j + 1);
      i = j + 1;
    } else if (c === 'z') {
      let j = i;
      while (pattern[j] === 'z') j++;
      out += `'${zoneName(instant, timeZone, j - i >= 4 ? 'long' : 'short').replace(/'/g, "''")}'`;
      i = j;
    } else {
      if (c === 'X' || c === 'x' || c === 'O')
        throw new RangeError(
          `formatLocal prints the zone as z…zzzz; "${c}" in "${pattern}" would show the server's offset`,
        );
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * An instant as people in the channel read it: `Mon 30 Nov 2026 09:00 EST`, `Sat 28 Nov 2026 03:00
 * AEDT`. Like date-fns-tz's formatInTimeZone (whose `zzz` says GMT+11 in Sydney), without it: that
 * package loads the whole of date-fns (~25 MB of memory and ~0.3 s of startup under tsx) and builds
 * a zone formatter on every call.
 */
export function formatLocal(instant: Date, timeZone: string, pattern = 'EEE d MMM yyyy HH:mm zzz'): string {
  const p = localParts(instant, timeZone);
  // A Date whose wall clock in the process's zone reads the channel's wall time (date-fns-tz's toZonedTime).
  const wall = new Date(0);
  wall.setFullYear(p.year, p.month - 1, p.day);
  wall.setHours(p.hour, p.minute, p.second, instant.getUTCMilliseconds());
  return format(wall, withZoneNames(pattern, instant, timeZone));
}
