import type { BusinessHours, Channel, IsoWeekday } from './model.js';
import { isoDate, localParts } from './zoned-time.js';

/** The business hours of a channel, with its holidays. */
export function hoursOf(channel: Channel, holidays: readonly { date: string }[]): BusinessHours {
  return {
    timezone: channel.timezone,
    days: channel.workDays,
    start: channel.dayStart,
    end: channel.dayEnd,
    holidays: holidays.map((h) => h.date),
  };
}

/** True when the instant falls inside business hours: a working day, not a holiday, start ≤ t < end, local time. */
export function isBusinessTime(instant: Date, hours: BusinessHours): boolean {
  const p = localParts(instant, hours.timezone);
  if (!hours.days.includes(p.weekday as IsoWeekday)) return false;
  if (hours.holidays.includes(isoDate(p.year, p.month, p.day))) return false;
  const minute = p.hour * 60 + p.minute;
  return minute >= hours.start && minute < hours.end;
}

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const DAY_LONG = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** ISO weekday of a day name (`mon`, `Monday`, `tues`, …), or null. */
export function parseWeekday(word: string): IsoWeekday | null {
  const w = word.toLowerCase();
  if (w.length < 2) return null;
  const i = DAY_LONG.findIndex(
    (d) => d.startsWith(w) || (w.startsWith(d.slice(0, 3)) && d.startsWith(w.replace(/s$/, ''))),
  );
  return i >= 0 ? ((i + 1) as IsoWeekday) : null;
}

/**
 * Working days from `mon-fri`, `mon,wed,fri`, `sun-thu` (ranges wrap over the weekend), `weekdays`,
 * or `everyday`; null when not understood.
 */
export function parseDays(spec: string): IsoWeekday[] | null {
  const s = spec.toLowerCase().trim();
  if (s === 'weekdays') return [1, 2, 3, 4, 5];
  if (s === 'everyday' || s === 'daily' || s === 'all') return [1, 2, 3, 4, 5, 6, 7];
  const days = new Set<IsoWeekday>();
  for (const part of s.split(',')) {
    const range = part.split('-');
    if (range.length === 1) {
      const d = parseWeekday(range[0]!);
      if (!d) return null;
      days.add(d);
    } else if (range.length === 2) {
      const a = parseWeekday(range[0]!);
      const b = parseWeekday(range[1]!);
      if (!a || !b) return null;
      for (let d = a; ; d = ((d % 7) + 1) as IsoWeekday) {
        days.add(d);
        if (d === b) break;
      }
    } else return null;
  }
  return [...days].sort((x, y) => x - y);
}

/** `Mon–Fri`, `Mon, Wed, Fri`, or `every day`. */
export function formatDays(days: readonly IsoWeekday[]): string {
  const sorted = [...days].sort((a, b) => a - b);
  if (sorted.length === 7) return 'every day';
  const cap = (d: IsoWeekday) => DAY_NAMES[d - 1]!.charAt(0).toUpperCase() + DAY_NAMES[d - 1]!.slice(1);
  const contiguous = sorted.length > 2 && sorted.every((d, i) => i === 0 || d === sorted[i - 1]! + 1);
  if (contiguous) return `${cap(sorted[0]!)}–${cap(sorted[sorted.length - 1]!)}`;
  return sorted.map(cap).join(', ');
}

export function weekdayName(day: IsoWeekday): string {
  const d = DAY_LONG[day - 1]!;
  return d.charAt(0).toUpperCase() + d.slice(1);
}
