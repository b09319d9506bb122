import type { Cadence } from './cadence.js';
import { ruleOf } from './cadence.js';
import { type Occurrence, upcomingOccurrences } from './recurrence.js';

/** One meeting of a cadence that will be held (not skipped). */
export interface Meeting extends Occurrence {
  /** When it ends: the start plus the duration. */
  endsAt: Date;
}

/**
 * The next `count` meetings strictly after `after`, leaving out skipped dates. `skipped` gets the
 * skipped dates met on the way (so a reply can say "2 Dec is skipped").
 */
export function upcomingMeetings(
  c: Pick<Cadence, 'kind' | 'weekday' | 'ordinal' | 'quarterMonth' | 'time' | 'durationMinutes'>,
  timeZone: string,
  after: Date,
  count: number,
  skips: ReadonlySet<string>,
): { meetings: Meeting[]; skipped: Occurrence[] } {
  const rule = ruleOf(c);
  const meetings: Meeting[] = [];
  const skipped: Occurrence[] = [];
  let from = after;
  // Every skip is a stored date, so this ends after at most skips.size extra occurrences.
  while (meetings.length < count) {
    const batch = upcomingOccurrences(rule, timeZone, from, count - meetings.length + 1);
    for (const o of batch) {
      if (meetings.length === count) break;
      if (skips.has(o.localDate)) skipped.push(o);
      else meetings.push({ ...o, endsAt: new Date(o.instant.getTime() + c.durationMinutes * 60_000) });
      from = o.instant;
    }
  }
  return { meetings, skipped };
}

/**
 * The latest meeting that started strictly before `before` (skipped dates left out), looking back at
 * most `maxDays`; null when there is none in that span.
 */
export function previousMeeting(
  c: Pick<Cadence, 'kind' | 'weekday' | 'ordinal' | 'quarterMonth' | 'time'>,
  timeZone: string,
  before: Date,
  skips: ReadonlySet<string>,
  maxDays = 400,
): Occurrence | null {
  const rule = ruleOf(c);
  const from = new Date(before.getTime() - maxDays * 86_400_000);
  // At most one occurrence a week: maxDays/7 + 2 covers the span.
  const candidates = upcomingOccurrences(rule, timeZone, from, Math.ceil(maxDays / 7) + 2);
  let last: Occurrence | null = null;
  for (const o of candidates) {
    if (o.instant.getTime() >= before.getTime()) break;
    if (!skips.has(o.localDate)) last = o;
  }
  return last;
}
