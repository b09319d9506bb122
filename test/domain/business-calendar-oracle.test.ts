import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { afterHoursWindow, businessDateAt, nextBusinessStart } from '../../src/domain/business-calendar.js';
import type { BusinessHours, IsoWeekday } from '../../src/domain/model.js';
import { wall } from '../helpers/temporal-wall.js';
import { TEN_ZONES } from '../helpers/ten-zones.js';

// The calendar against a plain Temporal search over random calendars, zones and instants: the
// expectations come from temporal-polyfill, never from the code under test.

const iso = (d: Date) => d.toISOString();

describe('against a day-by-day Temporal oracle', () => {
  const ZONES = TEN_ZONES;
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

  const calendarArb = fc
    .record({
      timezone: fc.constantFrom(...ZONES),
      days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }) as fc.Arbitrary<IsoWeekday>, { minLength: 1, maxLength: 7 }),
      // Starts between 00:00 and 04:00 often, to land in gaps and repeated hours.
      start: fc.oneof(fc.integer({ min: 0, max: 240 }), fc.integer({ min: 0, max: 720 })),
      length: fc.integer({ min: 60, max: 719 }),
      holidayOffsets: fc.array(fc.integer({ min: -3, max: 20 }), { maxLength: 6 }),
    })
    .map(({ length, ...c }) => ({ ...c, end: c.start + length }));

  it('nextBusinessStart and afterHoursWindow agree with a plain Temporal search', () => {
    fc.assert(
      fc.property(calendarArb, fc.integer({ min: Date.UTC(2025, 6, 1), max: Date.UTC(2028, 5, 30) }), (c, afterMs) => {
        const after = new Date(afterMs);
        const today = Temporal.Instant.fromEpochMilliseconds(afterMs).toZonedDateTimeISO(c.timezone).toPlainDate();
        const holidays = c.holidayOffsets.map((n) => today.add({ days: n }).toString());
        const cal: BusinessHours = { timezone: c.timezone, days: c.days, start: c.start, end: c.end, holidays };
        const works = (d: Temporal.PlainDate) =>
          c.days.includes(d.dayOfWeek as IsoWeekday) && !holidays.includes(d.toString());

        let day = today.subtract({ days: 1 });
        while (!works(day) || wall(c.timezone, day.toString(), hhmm(c.start)).getTime() <= afterMs)
          day = day.add({ days: 1 });
        const start = nextBusinessStart(cal, after);
        expect(iso(start)).toBe(iso(wall(c.timezone, day.toString(), hhmm(c.start))));

        let prev = day.subtract({ days: 1 });
        while (!works(prev)) prev = prev.subtract({ days: 1 });
        const w = afterHoursWindow(day.toString(), cal);
        expect(w.previousBusinessDate).toBe(prev.toString());
        expect(iso(w.from)).toBe(iso(wall(c.timezone, prev.toString(), hhmm(c.end))));
        expect(businessDateAt(start, cal)).toBe(day.toString());
      }),
      { numRuns: 300, seed: 20261129 },
    );
  });
});
