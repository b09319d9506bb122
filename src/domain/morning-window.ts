import {
  afterHoursWindow,
  businessDateAt,
  businessStartOn,
  isBusinessDay,
  nextBusinessStart,
} from './business-calendar.js';
import type { BusinessHours } from './model.js';
import { localDate, localToInstant, parseIsoDate } from './zoned-time.js';

/** The job kind of the morning handoff post (kept here so commands can replan it without importing the scheduler). */

/** One morning post per channel per business day: `morning:<channelId>:<local date>`. */
export function morningOccurrenceKey(channelId: number, date: string): string {
  return `morning:${channelId}:${date}`;
}

const MINUTE = 60_000;

/** The morning post of one business day: its local date and when it goes out. */
export interface MorningSlot {
  date: string;
  dueAt: Date;
}

/** The after-hours window a morning post covers: `from <= t < to`. */
export interface MorningWindow {
  from: Date;
  to: Date;
  /** The business day before, whose end opens the window. */
  previousBusinessDate: string;
}

/** The end of business on a local date (the late morning post's deadline). */
export function endOfBusinessDay(date: string, hours: BusinessHours): Date {
  const civil = parseIsoDate(date);
  if (!civil) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  return localToInstant(civil, hours.end, hours.timezone);
}

/**
 * When the morning post of business day `date` goes out: the local wall time the offset names (the
 * start of business plus the offset on the clock, so `handoff time 08:00` with hours from midnight
 * posts at 08:00 on a DST day too), resolved by the rule of every schedule (a time in a gap moves
 * forward by the gap, a repeated one is the first); never before the start of business, and always
 * at least a minute before its end (a day shortened below the offset still gets its post).
 */
export function morningPostAt(date: string, hours: BusinessHours, offsetMinutes: number): Date {
  const start = businessStartOn(date, hours).getTime();
  const latest = endOfBusinessDay(date, hours).getTime() - MINUTE;
  const wall = Math.min(hours.start + offsetMinutes, hours.end - 1);
  const at = localToInstant(parseIsoDate(date)!, wall, hours.timezone).getTime();
  return new Date(Math.max(start, Math.min(at, latest)));
}

/** More than any DST change moves a wall time against elapsed time (they are an hour at most). */
const CHANGE_MARGIN_MINUTES = 180;

/** The first morning post strictly after `after`. */
export function nextMorningPost(hours: BusinessHours, offsetMinutes: number, after: Date): MorningSlot {
  // A start well before `after - offset` has its post before `after` (a change between the start
  // and the post moves it by an hour at most); step on from there until one lies ahead.
  let probe = new Date(after.getTime() - (Math.max(0, offsetMinutes) + CHANGE_MARGIN_MINUTES) * MINUTE);
  for (let i = 0; i < 400; i++) {
    const start = nextBusinessStart(hours, probe);
    const date = localDate(start, hours.timezone);
    const dueAt = morningPostAt(date, hours, offsetMinutes);
    if (dueAt.getTime() > after.getTime()) return { date, dueAt };
    probe = start;
  }
  throw new Error(`No morning post found after ${after.toISOString()} in ${hours.timezone}`);
}

/**
 * The morning post of the business day in progress at `at`, when its time has come (`dueAt <= at`,
 * before the end of business); null otherwise. A post found here that never went out is still
 * worth sending that day, marked late.
 */
export function morningPostInProgress(hours: BusinessHours, offsetMinutes: number, at: Date): MorningSlot | null {
  const date = businessDateAt(at, hours);
  if (date === null) return null;
  const dueAt = morningPostAt(date, hours, offsetMinutes);
  return dueAt.getTime() <= at.getTime() ? { date, dueAt } : null;
}

/** The after-hours window of business day `date`: from the end of the previous business day to this day's start. */
export function morningWindow(date: string, hours: BusinessHours): MorningWindow {
  return afterHoursWindow(date, hours);
}

/**
 * Does a handoff note belong to this window? Notes written inside it do. A note written during
 * the previous business day's hours belongs to no window, unless its author marked it overnight:
 * then it belongs to the next morning's, this one.
 */
export function noteBelongsTo(
  note: { at: Date; overnight: boolean },
  window: MorningWindow,
  hours: BusinessHours,
): boolean {
  const t = note.at.getTime();
  if (t >= window.from.getTime() && t < window.to.getTime()) return true;
  return note.overnight && t < window.from.getTime() && t >= overnightNotesFrom(window, hours).getTime();
}

/**
 * The earliest instant an overnight-marked note of this window can have been written: the previous business day's
 * start.
 */
export function overnightNotesFrom(window: MorningWindow, hours: BusinessHours): Date {
  return businessStartOn(window.previousBusinessDate, hours);
}

/** Is `date` still a business day (a holiday may have been added since its post was planned)? */
export function isMorningPostDay(date: string, hours: BusinessHours): boolean {
  return isBusinessDay(date, hours);
}
