import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  afterHoursWindow,
  businessDateAt,
  businessStartOn,
  isBusinessDay,
  nextBusinessStart,
} from '../../src/domain/business-calendar.js';
import type { BusinessHours, IsoWeekday } from '../../src/domain/model.js';
import { wall } from '../helpers/temporal-wall.js';

// Expectations come from temporal-polyfill ("compatible" disambiguation, the product's rule) and
// from hand-checked UTC literals; never from the code under test.

const HOUR = 3_600_000;
const MON_FRI: IsoWeekday[] = [1, 2, 3, 4, 5];

function hours(timezone: string, holidays: string[] = [], days: IsoWeekday[] = MON_FRI): BusinessHours {
  return { timezone, days, start: 8 * 60, end: 17 * 60, holidays };
}

const iso = (d: Date) => d.toISOString();
const lengthHours = (w: { from: Date; to: Date }) => (w.to.getTime() - w.from.getTime()) / HOUR;

// 2026 US holidays that fall on weekdays near weekends: Independence Day observed (Fri 3 Jul),
// Thanksgiving (Thu 26 Nov), Christmas (Fri 25 Dec), New Year (Fri 1 Jan 2027).
const NY = hours('America/New_York', ['2026-07-03', '2026-11-26', '2026-12-25', '2027-01-01']);

describe('isBusinessDay', () => {
  it('is a working weekday that is not a holiday', () => {
    expect(isBusinessDay('2026-03-09', NY)).toBe(true); // Monday
    expect(isBusinessDay('2026-03-13', NY)).toBe(true); // Friday
    expect(isBusinessDay('2026-03-14', NY)).toBe(false); // Saturday
    expect(isBusinessDay('2026-03-15', NY)).toBe(false); // Sunday
    expect(isBusinessDay('2026-11-26', NY)).toBe(false); // Thanksgiving, a Thursday
    expect(isBusinessDay('2028-02-29', NY)).toBe(true); // leap day 2028, a Tuesday
  });

  it('follows the channel’s working days: a Sunday–Thursday week', () => {
    const riyadh = hours('Asia/Riyadh', [], [7, 1, 2, 3, 4]);
    expect(isBusinessDay('2026-03-13', riyadh)).toBe(false); // Friday
    expect(isBusinessDay('2026-03-14', riyadh)).toBe(false); // Saturday
    expect(isBusinessDay('2026-03-15', riyadh)).toBe(true); // Sunday
  });

  it('rejects something that is not a date', () => {
    expect(() => isBusinessDay('2026-02-30', NY)).toThrow(/Not a date/);
    expect(() => isBusinessDay('9 March', NY)).toThrow(/Not a date/);
  });
});

describe('businessStartOn', () => {
  it('is the local start, whatever the offset that day', () => {
    expect(iso(businessStartOn('2026-03-06', NY))).toBe('2026-03-06T13:00:00.000Z'); // 08:00 EST
    expect(iso(businessStartOn('2026-03-09', NY))).toBe('2026-03-09T12:00:00.000Z'); // 08:00 EDT
    // 08:00 AEDT
    expect(iso(businessStartOn('2026-10-05', hours('Australia/Sydney')))).toBe('2026-10-04T21:00:00.000Z');
    expect(iso(businessStartOn('2026-03-09', hours('Asia/Kolkata')))).toBe('2026-03-09T02:30:00.000Z'); // 08:00 IST
  });

  it('a start inside a DST gap moves forward by the gap', () => {
    // A 24/7 desk whose day starts at 02:30: on 8 Mar 2026 New York has no 02:30 → 03:30 EDT.
    const desk: BusinessHours = {
      timezone: 'America/New_York',
      days: [1, 2, 3, 4, 5, 6, 7],
      start: 150,
      end: 1440,
      holidays: [],
    };
    expect(iso(businessStartOn('2026-03-08', desk))).toBe('2026-03-08T07:30:00.000Z');
    // On 1 Nov 2026 01:30 happens twice; the day starts at the first, EDT (05:30Z).
    expect(iso(businessStartOn('2026-11-01', { ...desk, start: 90 }))).toBe('2026-11-01T05:30:00.000Z');
  });

  it('refuses a day that is not a business day', () => {
    expect(() => businessStartOn('2026-03-14', NY)).toThrow(/not a business day/);
    expect(() => businessStartOn('2026-12-25', NY)).toThrow(/not a business day/);
  });
});

describe('nextBusinessStart', () => {
  it('Friday evening → Monday 08:00', () => {
    expect(iso(nextBusinessStart(NY, new Date('2026-03-13T22:00:00Z')))).toBe('2026-03-16T12:00:00.000Z');
  });

  it('before the start today → today; at the start exactly → tomorrow (strictly after)', () => {
    expect(iso(nextBusinessStart(NY, new Date('2026-03-10T11:59:00Z')))).toBe('2026-03-10T12:00:00.000Z');
    expect(iso(nextBusinessStart(NY, new Date('2026-03-10T12:00:00Z')))).toBe('2026-03-11T12:00:00.000Z');
  });

  it('skips holidays and weekends together: Thursday before a Friday holiday → Monday', () => {
    expect(iso(nextBusinessStart(NY, new Date('2026-07-02T21:00:00Z')))).toBe('2026-07-06T12:00:00.000Z');
  });

  it('over the year end: New Year’s Eve evening → Monday 4 January 2027 (1 Jan is a holiday)', () => {
    expect(iso(nextBusinessStart(NY, new Date('2026-12-31T23:00:00Z')))).toBe('2027-01-04T13:00:00.000Z'); // 08:00 EST
  });

  it('across the spring-forward weekend: Monday starts an hour earlier in UTC', () => {
    expect(iso(nextBusinessStart(NY, new Date('2026-03-06T22:00:00Z')))).toBe('2026-03-09T12:00:00.000Z');
    expect(iso(nextBusinessStart(hours('Australia/Sydney'), new Date('2026-04-03T07:00:00Z')))).toBe(
      '2026-04-05T22:00:00.000Z', // Mon 6 Apr 08:00 AEST (+10), DST ended on the Sunday
    );
  });

  it('throws a clear error for a calendar without working days', () => {
    expect(() => nextBusinessStart(hours('UTC', [], []), new Date('2026-01-01T00:00:00Z'))).toThrow(/no working days/);
  });

  it('gives up after three years of holidays instead of searching forever', () => {
    // Only Mondays work, and every Monday from 2026 to 2029 is a holiday.
    const mondays: string[] = [];
    for (let d = Temporal.PlainDate.from('2026-01-05'); d.year < 2030; d = d.add({ days: 7 }))
      mondays.push(d.toString());
    const allOff = hours('UTC', mondays, [1]);
    expect(() => nextBusinessStart(allOff, new Date('2026-01-01T00:00:00Z'))).toThrow(/three years/);
    expect(() => afterHoursWindow('2030-01-07', allOff)).toThrow(/three years/);
    // Within the bound it still finds the day: the first Monday of 2030.
    expect(iso(nextBusinessStart(allOff, new Date('2029-06-01T00:00:00Z')))).toBe('2030-01-07T08:00:00.000Z');
  });
});

describe('afterHoursWindow', () => {
  it('Monday covers the weekend: Friday 17:00 → Monday 08:00 (63 hours)', () => {
    const w = afterHoursWindow('2026-03-16', NY);
    expect(iso(w.from)).toBe('2026-03-13T21:00:00.000Z'); // Fri 17:00 EDT
    expect(iso(w.to)).toBe('2026-03-16T12:00:00.000Z'); // Mon 08:00 EDT
    expect(w.previousBusinessDate).toBe('2026-03-13');
    expect(lengthHours(w)).toBe(63);
  });

  it('Tuesday covers Monday night (15 hours)', () => {
    const w = afterHoursWindow('2026-03-17', NY);
    expect([iso(w.from), iso(w.to), w.previousBusinessDate]).toEqual([
      '2026-03-16T21:00:00.000Z',
      '2026-03-17T12:00:00.000Z',
      '2026-03-16',
    ]);
  });

  it('the day after a holiday covers the holiday: Friday after Thanksgiving starts from Wednesday 17:00', () => {
    const w = afterHoursWindow('2026-11-27', NY);
    expect(w.previousBusinessDate).toBe('2026-11-25');
    expect(iso(w.from)).toBe('2026-11-25T22:00:00.000Z'); // Wed 17:00 EST
    expect(lengthHours(w)).toBe(39);
  });

  it('a long weekend: Friday holiday → Monday covers Thursday 17:00 to Monday 08:00 (87 hours)', () => {
    const w = afterHoursWindow('2026-07-06', NY);
    expect(w.previousBusinessDate).toBe('2026-07-02');
    expect(iso(w.from)).toBe('2026-07-02T21:00:00.000Z');
    expect(iso(w.to)).toBe('2026-07-06T12:00:00.000Z');
    expect(lengthHours(w)).toBe(87);
  });

  it('over the year end: Monday 4 Jan 2027 covers back to Thursday 31 Dec (1 Jan is a holiday)', () => {
    const w = afterHoursWindow('2027-01-04', NY);
    expect(w.previousBusinessDate).toBe('2026-12-31');
    expect(lengthHours(w)).toBe(87);
  });

  it('a Sunday–Thursday week: Sunday covers Friday and Saturday from Thursday 17:00', () => {
    const w = afterHoursWindow('2026-03-15', hours('Asia/Riyadh', [], [7, 1, 2, 3, 4]));
    expect(w.previousBusinessDate).toBe('2026-03-12');
    expect(iso(w.from)).toBe('2026-03-12T14:00:00.000Z'); // Thu 17:00 +03
    expect(iso(w.to)).toBe('2026-03-15T05:00:00.000Z'); // Sun 08:00 +03
  });

  it('refuses a date that is not a business day', () => {
    expect(() => afterHoursWindow('2026-03-14', NY)).toThrow(/not a business day/);
    expect(() => afterHoursWindow('2026-03-16', hours('UTC', [], []))).toThrow(/no working days/);
  });

  // The Monday after each DST change of 2026 and 2027: the weekend window is 62 hours after
  // spring-forward, 64 after fall-back, and always 63 in Kolkata. Ends are Temporal-computed.
  const rows: { zone: string; monday: string; friday: string; length: number }[] = [
    { zone: 'America/New_York', monday: '2026-03-09', friday: '2026-03-06', length: 62 },
    { zone: 'America/New_York', monday: '2026-11-02', friday: '2026-10-30', length: 64 },
    { zone: 'America/New_York', monday: '2027-03-15', friday: '2027-03-12', length: 62 },
    { zone: 'America/New_York', monday: '2027-11-08', friday: '2027-11-05', length: 64 },
    { zone: 'Europe/London', monday: '2026-03-30', friday: '2026-03-27', length: 62 },
    { zone: 'Europe/London', monday: '2026-10-26', friday: '2026-10-23', length: 64 },
    { zone: 'Europe/London', monday: '2027-03-29', friday: '2027-03-26', length: 62 },
    { zone: 'Europe/London', monday: '2027-11-01', friday: '2027-10-29', length: 64 },
    { zone: 'Europe/Berlin', monday: '2026-03-30', friday: '2026-03-27', length: 62 },
    { zone: 'Europe/Berlin', monday: '2026-10-26', friday: '2026-10-23', length: 64 },
    { zone: 'Europe/Berlin', monday: '2027-03-29', friday: '2027-03-26', length: 62 },
    { zone: 'Europe/Berlin', monday: '2027-11-01', friday: '2027-10-29', length: 64 },
    { zone: 'Australia/Sydney', monday: '2026-04-06', friday: '2026-04-03', length: 64 },
    { zone: 'Australia/Sydney', monday: '2026-10-05', friday: '2026-10-02', length: 62 },
    { zone: 'Australia/Sydney', monday: '2027-04-05', friday: '2027-04-02', length: 64 },
    { zone: 'Australia/Sydney', monday: '2027-10-04', friday: '2027-10-01', length: 62 },
    { zone: 'Pacific/Chatham', monday: '2026-04-06', friday: '2026-04-03', length: 64 },
    { zone: 'Pacific/Chatham', monday: '2026-09-28', friday: '2026-09-25', length: 62 },
    { zone: 'Pacific/Chatham', monday: '2027-04-05', friday: '2027-04-02', length: 64 },
    { zone: 'Pacific/Chatham', monday: '2027-09-27', friday: '2027-09-24', length: 62 },
    { zone: 'Asia/Kolkata', monday: '2026-03-09', friday: '2026-03-06', length: 63 },
    { zone: 'Asia/Kolkata', monday: '2026-11-02', friday: '2026-10-30', length: 63 },
    { zone: 'Asia/Kolkata', monday: '2027-03-29', friday: '2027-03-26', length: 63 },
    { zone: 'Asia/Kolkata', monday: '2027-11-08', friday: '2027-11-05', length: 63 },
  ];

  it.each(rows)('$zone weekend before $monday lasts $length hours', (row) => {
    const w = afterHoursWindow(row.monday, hours(row.zone));
    expect(w.previousBusinessDate).toBe(row.friday);
    expect(iso(w.from)).toBe(iso(wall(row.zone, row.friday, '17:00')));
    expect(iso(w.to)).toBe(iso(wall(row.zone, row.monday, '08:00')));
    expect(lengthHours(w)).toBe(row.length);
  });

  it('hand-checked: the New York and Sydney DST weekends', () => {
    const ny = afterHoursWindow('2026-03-09', NY);
    // 17:00 EST → 08:00 EDT
    expect([iso(ny.from), iso(ny.to)]).toEqual(['2026-03-06T22:00:00.000Z', '2026-03-09T12:00:00.000Z']);
    const syd = afterHoursWindow('2026-04-06', hours('Australia/Sydney'));
    // 17:00 AEDT → 08:00 AEST
    expect([iso(syd.from), iso(syd.to)]).toEqual(['2026-04-03T06:00:00.000Z', '2026-04-05T22:00:00.000Z']);
  });
});

describe('businessDateAt', () => {
  it('is the local date from the start (inclusive) to the end (exclusive) of business', () => {
    expect(businessDateAt(new Date('2026-03-09T12:00:00Z'), NY)).toBe('2026-03-09'); // 08:00 EDT
    expect(businessDateAt(new Date('2026-03-09T11:59:59.999Z'), NY)).toBeNull();
    expect(businessDateAt(new Date('2026-03-09T14:30:00Z'), NY)).toBe('2026-03-09'); // a late post at 10:30
    expect(businessDateAt(new Date('2026-03-09T20:59:59.999Z'), NY)).toBe('2026-03-09');
    expect(businessDateAt(new Date('2026-03-09T21:00:00Z'), NY)).toBeNull(); // 17:00 EDT
  });

  it('is null on weekends and holidays, even during the usual hours', () => {
    expect(businessDateAt(new Date('2026-03-14T15:00:00Z'), NY)).toBeNull(); // Saturday
    expect(businessDateAt(new Date('2026-11-26T15:00:00Z'), NY)).toBeNull(); // Thanksgiving
  });

  it('uses the local date: Monday 09:00 in Sydney is still Sunday in UTC', () => {
    expect(businessDateAt(new Date('2026-10-04T22:00:00Z'), hours('Australia/Sydney'))).toBe('2026-10-05');
    expect(businessDateAt(new Date('2026-10-04T20:59:00Z'), hours('Australia/Sydney'))).toBeNull(); // 07:59 AEDT
  });
});
