import type { Cadence, CadenceKind } from './cadence.js';
import { type Meeting, upcomingMeetings } from './cadence-meetings.js';
import type { MinuteOfDay } from './model.js';
import type { Occurrence } from './recurrence.js';
import { localToInstant, parseIsoDate } from './zoned-time.js';

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
