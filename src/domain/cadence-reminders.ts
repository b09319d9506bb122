import { businessDayBefore } from './business-calendar.js';
import type { Cadence, CadenceKind } from './cadence.js';
import { type Lead, leadKey } from './cadence-leads.js';
import { type Meeting, upcomingMeetings } from './cadence-meetings.js';
import type { BusinessHours, MinuteOfDay } from './model.js';
import type { Occurrence } from './recurrence.js';
import { isoDate, localParts, localToInstant, parseIsoDate } from './zoned-time.js';

/** A reminder: one lead time before one meeting. */
export interface PlannedReminder {
  dueAt: Date;
  meeting: Meeting;
  lead: Lead;
}

/** What reminders are timed by: the channel's zone, working days and holidays. */
export type WorkCalendar = Pick<BusinessHours, 'timezone' | 'days' | 'holidays'>;

/**
 * The next `limit` reminders of a cadence due strictly after `after`, soonest first (by default one
 * meeting's worth, at least two). The soonest is always among them, and the scheduler plans again
 * after each one runs, so the chain never breaks. A reminder whose time has passed is not planned:
 * a lead that can no longer be honoured (a sync set for tomorrow morning, now in the afternoon) is
 * simply not sent. Two leads that land on the same moment (3 days and 2 days before a Monday, both
 * on Friday) send one reminder, the longer lead's.
 */
export function plannedReminders(
  c: Cadence,
  calendar: WorkCalendar,
  after: Date,
  skips: ReadonlySet<string>,
  limit = Math.max(2, c.leads.length),
): PlannedReminder[] {
  if (!c.enabled || c.leads.length === 0) return [];
  const key = reminderInputs(c, calendar, after, skips, limit);
  let known = remembered.get(key);
  if (!known) {
    known = computeReminders(c, calendar, after, skips, limit);
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(key, known);
  }
  // Copies: a caller may keep or change what it gets.
  return known.map(({ dueAt, meeting, lead }) => ({
    dueAt: new Date(dueAt.getTime()),
    meeting: { ...meeting, instant: new Date(meeting.instant.getTime()), endsAt: new Date(meeting.endsAt.getTime()) },
    lead: typeof lead === 'number' ? lead : { ...lead },
  }));
}

/**
 * Reminders computed, by everything they depend on: planning every channel at startup asks the same
 * question for every channel with the same cadence, zone, working days and holidays, from the same instant.
 */
const remembered = new Map<string, readonly PlannedReminder[]>();
/** Answers remembered before the cache starts again. */
const MAX_REMEMBERED = 10_000;

function reminderInputs(
  c: Cadence,
  calendar: WorkCalendar,
  after: Date,
  skips: ReadonlySet<string>,
  limit: number,
): string {
  const rule = `${c.kind}|${c.weekday}|${c.ordinal}|${c.quarterMonth}|${c.time}|${c.durationMinutes}`;
  const leads = c.leads.map(leadKey).join(',');
  const days = calendar.days.join(',');
  const holidays = calendar.holidays.join(',');
  const skipped = [...skips].join(',');
  return `${rule}|${leads}|${calendar.timezone}|${days}|${holidays}|${after.getTime()}|${skipped}|${limit}`;
}

function computeReminders(
  c: Cadence,
  calendar: WorkCalendar,
  after: Date,
  skips: ReadonlySet<string>,
  limit: number,
): PlannedReminder[] {
  // Leads are at most two weeks and meetings at least a week apart: the soonest reminders belong
  // to the next three meetings.
  const { meetings } = upcomingMeetings(c, calendar.timezone, after, 3, skips);
  const out: PlannedReminder[] = [];
  for (const meeting of meetings) {
    const times = new Set<number>();
    for (const lead of c.leads) {
      const dueAt = reminderTime(meeting, c.time, lead, calendar);
      if (dueAt.getTime() <= after.getTime() || times.has(dueAt.getTime())) continue;
      times.add(dueAt.getTime());
      out.push({ dueAt, meeting, lead });
    }
  }
  return out.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime()).slice(0, limit);
}

/**
 * When the reminder `lead` before a meeting is due. Whole days count in local days (1 day before
 * Sunday 10:00 is Saturday 10:00 local, even across a DST change, like every other local time in
 * Tandem); the rest is exact minutes before that. Business days count working days only (1bd
 * before Monday 10:00 is Friday 10:00). A reminder that would fall on an earlier day that is not a
 * working day (3 days before a Monday is a Saturday) moves to the working day before, at the same
 * local time; on the meeting's own day it stays.
 */
export function reminderTime(meeting: Occurrence, time: MinuteOfDay, lead: Lead, calendar: WorkCalendar): Date {
  const tz = calendar.timezone;
  if (typeof lead !== 'number') {
    const day = businessDayBefore(meeting.localDate, lead.businessDays, calendar);
    return day ? localToInstant(parseIsoDate(day)!, time, tz) : shiftedDays(meeting, time, lead.businessDays, tz);
  }
  const days = Math.floor(lead / 1440);
  const base = days > 0 ? shiftedDays(meeting, time, days, tz) : meeting.instant;
  const due = new Date(base.getTime() - (lead % 1440) * 60_000);
  const p = localParts(due, tz);
  const date = isoDate(p.year, p.month, p.day);
  if (date === meeting.localDate) return due;
  const working = businessDayBefore(date, 0, calendar);
  if (working === null || working === date) return due;
  return localToInstant(parseIsoDate(working)!, p.hour * 60 + p.minute, tz);
}

/** The meeting's local time `days` calendar days before its date. */
function shiftedDays(meeting: Occurrence, time: MinuteOfDay, days: number, timeZone: string): Date {
  const d = parseIsoDate(meeting.localDate)!;
  const day = new Date(Date.UTC(d.year, d.month - 1, d.day - days));
  return localToInstant(
    { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() },
    time,
    timeZone,
  );
}

/** `cadence:<channelId>:<kind>:<localDate>:<lead>`: one reminder of one meeting, never sent twice. */
export function reminderKey(channelId: number, kind: CadenceKind, localDate: string, lead: Lead): string {
  return `cadence:${channelId}:${kind}:${localDate}:${leadKey(lead)}`;
}
