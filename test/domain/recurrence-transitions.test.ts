import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { reminderTime } from '../../src/domain/cadence-reminders.js';
import type { IsoWeekday } from '../../src/domain/model.js';
import { nextOccurrence } from '../../src/domain/recurrence.js';
import { wall } from '../helpers/temporal-wall.js';
import { TEN_ZONES } from '../helpers/ten-zones.js';

// Every clock change of 2027 in ten zones (at midnight in Santiago and Havana, at odd hours in Gaza,
// of 30 minutes on Lord Howe): a weekly meeting on the change day, every quarter hour from two hours
// before the change to two after, against temporal-polyfill's "compatible" resolution; and its
// reminder a day before, at the configured local time of the day before.

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

function transitionsOf2027(zone: string): Temporal.ZonedDateTime[] {
  const out: Temporal.ZonedDateTime[] = [];
  let t: Temporal.ZonedDateTime | null = Temporal.ZonedDateTime.from({ year: 2027, month: 1, day: 1, timeZone: zone });
  for (;;) {
    t = t.getTimeZoneTransition('next');
    if (!t || t.year > 2027) return out;
    out.push(t);
  }
}

describe('meetings around every clock change of 2027, ten zones', () => {
  it('finds a gap and a repeat in every zone but Kolkata, which has none', () => {
    for (const zone of TEN_ZONES) {
      const kinds = new Set(
        transitionsOf2027(zone).map((t) =>
          t.offsetNanoseconds > t.subtract({ minutes: 1 }).offsetNanoseconds ? 'gap' : 'repeat',
        ),
      );
      expect([...kinds].sort(), zone).toEqual(zone === 'Asia/Kolkata' ? [] : ['gap', 'repeat']);
    }
  });

  it('places each meeting and its day-before reminder by the rule', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const zone of TEN_ZONES) {
      for (const t of transitionsOf2027(zone)) {
        const wallAt = t.subtract({ minutes: 1 }).toPlainDateTime().add({ minutes: 1 });
        const date = wallAt.toPlainDate();
        const centre = wallAt.hour * 60 + wallAt.minute;
        for (let m = Math.max(0, centre - 120); m <= Math.min(1439, centre + 120); m += 15) {
          const rule = { kind: 'weekly' as const, weekday: date.dayOfWeek as IsoWeekday, time: m };
          const after = wall(zone, date.subtract({ days: 1 }).toString(), '12:00');
          const got = nextOccurrence(rule, zone, after);
          const want = wall(zone, date.toString(), hhmm(m));
          if (got.getTime() !== want.getTime()) wrong.push(`${zone} ${date} ${hhmm(m)}: ${got.toISOString()}`);
          const meeting = { localDate: date.toString(), instant: got };
          const calendar = { timezone: zone, days: [1, 2, 3, 4, 5, 6, 7] as IsoWeekday[], holidays: [] };
          const reminder = reminderTime(meeting, m, 1440, calendar);
          const wantReminder = wall(zone, date.subtract({ days: 1 }).toString(), hhmm(m));
          if (reminder.getTime() !== wantReminder.getTime()) wrong.push(`${zone} ${date} ${hhmm(m)} reminder`);
          checked++;
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(250);
  });
});
