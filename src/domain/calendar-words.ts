import { formatLocal, localParts } from './zoned-time.js';

const DAY_MS = 86_400_000;

/** Days between two instants' local dates in a zone (0 today, 1 tomorrow), whatever the hours between. */
export function localDaysBetween(from: Date, to: Date, timeZone: string): number {
  const day = (d: Date) => {
    const p = localParts(d, timeZone);
    return Date.UTC(p.year, p.month - 1, p.day) / DAY_MS;
  };
  return day(to) - day(from);
}

/**
 * When `at` is, seen from `now`, in the words of the calendar rather than of elapsed hours:
 * `in 15 min` within the hour, `today at 16:00`, `tomorrow at 10:00`, `on Monday at 09:00` within
 * the week, `on Mon 14 Dec at 09:00` beyond. A day before across a DST change is still "tomorrow",
 * never "in 23 h".
 */
export function whenFromNow(now: Date, at: Date, timeZone: string): string {
  const minutes = Math.round((at.getTime() - now.getTime()) / 60_000);
  const days = localDaysBetween(now, at, timeZone);
  const time = formatLocal(at, timeZone, 'HH:mm');
  if (days === 0 && minutes < 60) return minutes <= 0 ? 'now' : `in ${minutes} min`;
  if (days === 0) return `today at ${time}`;
  if (days === 1) return `tomorrow at ${time}`;
  if (days > 1 && days < 7) return `on ${formatLocal(at, timeZone, 'EEEE')} at ${time}`;
  return `on ${formatLocal(at, timeZone, 'EEE d MMM')} at ${time}`;
}
