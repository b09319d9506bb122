import { describe, expect, it } from 'vitest';
import type { IsoWeekday } from '../../src/domain/model.js';
import {
  nextOccurrence,
  nextOccurrences,
  type Ordinal,
  occurrenceDate,
  type RecurrenceRule,
  upcomingOccurrences,
} from '../../src/domain/recurrence.js';

// Expectations are hand-checked calendar dates and UTC literals; never from the code under test.

const SUN = 7 as const;
const MON = 1 as const;
const TUE = 2 as const;
const WED = 3 as const;
const THU = 4 as const;
const FRI = 5 as const;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const iso = (d: Date) => d.toISOString();

describe('monthly and quarterly: which day of the month', () => {
  const utc = 'UTC';
  const at = (rule: RecurrenceRule, after: string, count = 1) =>
    upcomingOccurrences(rule, utc, new Date(after), count).map((o) => o.localDate);

  it('leap day 2028: the last Tuesday of February 2028 is the 29th', () => {
    // 1 Feb 2028 is a Tuesday: Tuesdays 1, 8, 15, 22, 29.
    expect(at({ kind: 'monthly', ordinal: 'last', weekday: TUE, time: 540 }, '2028-02-01T12:00:00Z')).toEqual([
      '2028-02-29',
    ]);
    expect(at({ kind: 'monthly', ordinal: 'fourth', weekday: TUE, time: 540 }, '2028-02-01T12:00:00Z')).toEqual([
      '2028-02-22',
    ]);
    expect(at({ kind: 'monthly', ordinal: 'first', weekday: TUE, time: 540 }, '2028-01-31T00:00:00Z')).toEqual([
      '2028-02-01',
    ]);
  });

  it('fifth weekdays: "last" is the 5th when there is one, "fourth" never is', () => {
    // March 2026 has five Tuesdays (3, 10, 17, 24, 31); February 2026 has four (3, 10, 17, 24).
    expect(at({ kind: 'monthly', ordinal: 'last', weekday: TUE, time: 600 }, '2026-03-01T00:00:00Z')).toEqual([
      '2026-03-31',
    ]);
    expect(at({ kind: 'monthly', ordinal: 'fourth', weekday: TUE, time: 600 }, '2026-03-01T00:00:00Z')).toEqual([
      '2026-03-24',
    ]);
    expect(at({ kind: 'monthly', ordinal: 'last', weekday: TUE, time: 600 }, '2026-02-01T00:00:00Z')).toEqual([
      '2026-02-24',
    ]);
    // February 2027 (1 Feb is a Monday) has exactly four of every weekday: last = fourth.
    expect(at({ kind: 'monthly', ordinal: 'last', weekday: SUN, time: 600 }, '2027-02-01T00:00:00Z')).toEqual([
      '2027-02-28',
    ]);
    expect(at({ kind: 'monthly', ordinal: 'fourth', weekday: SUN, time: 600 }, '2027-02-01T00:00:00Z')).toEqual([
      '2027-02-28',
    ]);
  });

  it('month ends: the last Friday of each month of 2026', () => {
    const got = at({ kind: 'monthly', ordinal: 'last', weekday: FRI, time: 900 }, '2026-01-01T00:00:00Z', 12);
    expect(got).toEqual([
      '2026-01-30',
      '2026-02-27',
      '2026-03-27',
      '2026-04-24',
      '2026-05-29',
      '2026-06-26',
      '2026-07-31',
      '2026-08-28',
      '2026-09-25',
      '2026-10-30',
      '2026-11-27',
      '2026-12-25',
    ]);
  });

  it('year end: the last Thursday of December 2026 is New Year’s Eve, then into 2027', () => {
    const after = '2026-12-01T00:00:00Z';
    expect(at({ kind: 'monthly', ordinal: 'last', weekday: THU, time: 600 }, after, 2)).toEqual([
      '2026-12-31',
      '2027-01-28',
    ]);
    expect(at({ kind: 'quarterly', ordinal: 'last', weekday: THU, quarterMonth: 3, time: 600 }, after, 2)).toEqual([
      '2026-12-31',
      '2027-03-25',
    ]);
    expect(at({ kind: 'weekly', weekday: THU, time: 600 }, '2026-12-30T00:00:00Z', 2)).toEqual([
      '2026-12-31',
      '2027-01-07',
    ]);
    // First Monday of January 2027 (1 Jan is a Friday) is the 4th.
    expect(at({ kind: 'monthly', ordinal: 'first', weekday: MON, time: 600 }, '2026-12-31T12:00:00Z')).toEqual([
      '2027-01-04',
    ]);
  });

  it('quarterMonth picks the 1st, 2nd or 3rd month of each quarter', () => {
    // Second Wednesday of Feb, May, Aug, Nov 2026.
    expect(
      at({ kind: 'quarterly', ordinal: 'second', weekday: WED, quarterMonth: 2, time: 600 }, '2026-01-01T00:00:00Z', 4),
    ).toEqual(['2026-02-11', '2026-05-13', '2026-08-12', '2026-11-11']);
    // In mid-February the Q1 first-Monday (5 Jan) has passed: next is April's, the 6th.
    expect(
      at({ kind: 'quarterly', ordinal: 'first', weekday: MON, quarterMonth: 1, time: 600 }, '2026-02-15T00:00:00Z'),
    ).toEqual(['2026-04-06']);
    // Third Friday of Mar, Jun, Sep, Dec 2026, asked from inside a quarter's first month.
    expect(
      at({ kind: 'quarterly', ordinal: 'third', weekday: FRI, quarterMonth: 3, time: 600 }, '2026-01-20T00:00:00Z', 4),
    ).toEqual(['2026-03-20', '2026-06-19', '2026-09-18', '2026-12-18']);
  });

  it('is strictly after: the same day later on counts, the occurrence itself does not', () => {
    const rule: RecurrenceRule = { kind: 'weekly', weekday: WED, time: minutes('15:00') };
    const tz = 'Europe/Berlin';
    // Wed 2026-12-02 14:59 CET → 15:00 CET (14:00Z) the same day.
    expect(iso(nextOccurrence(rule, tz, new Date('2026-12-02T13:59:00Z')))).toBe('2026-12-02T14:00:00.000Z');
    expect(iso(nextOccurrence(rule, tz, new Date('2026-12-02T14:00:00Z')))).toBe('2026-12-09T14:00:00.000Z');
    expect(iso(nextOccurrence(rule, tz, new Date('2026-12-02T13:59:59.999Z')))).toBe('2026-12-02T14:00:00.000Z');
  });

  it('local date, not UTC date: a Monday 08:00 in Sydney is Sunday in UTC', () => {
    const rule: RecurrenceRule = { kind: 'weekly', weekday: MON, time: minutes('08:00') };
    const [o] = upcomingOccurrences(rule, 'Australia/Sydney', new Date('2026-10-01T00:00:00Z'), 1);
    expect(iso(o!.instant)).toBe('2026-10-04T21:00:00.000Z'); // Mon 5 Oct 08:00 AEDT (+11)
    expect(o!.localDate).toBe('2026-10-05');
    expect(occurrenceDate(rule, 'Australia/Sydney', o!.instant)).toBe('2026-10-05');
  });

  it('occurrenceDate names the rule’s day even when the time was shifted by a gap', () => {
    const rule: RecurrenceRule = { kind: 'monthly', ordinal: 'second', weekday: SUN, time: minutes('02:30') };
    expect(occurrenceDate(rule, 'America/New_York', new Date('2026-03-08T07:30:00Z'))).toBe('2026-03-08');
    expect(() => occurrenceDate(rule, 'America/New_York', new Date('2026-03-08T07:31:00Z'))).toThrow(
      /not an occurrence/,
    );
  });

  it('nextOccurrences gives exactly count results, in order, and none for 0', () => {
    const rule: RecurrenceRule = { kind: 'monthly', ordinal: 'first', weekday: MON, time: 540 };
    const got = nextOccurrences(rule, 'Asia/Kolkata', new Date('2026-01-01T00:00:00Z'), 24);
    expect(got).toHaveLength(24);
    expect(got.every((d, i) => i === 0 || d.getTime() > got[i - 1]!.getTime())).toBe(true);
    expect(iso(got[23]!)).toBe('2027-12-06T03:30:00.000Z'); // Mon 6 Dec 2027 09:00 IST
    expect(nextOccurrences(rule, 'Asia/Kolkata', new Date('2026-01-01T00:00:00Z'), 0)).toEqual([]);
  });

  it('rejects rules and arguments it cannot honour', () => {
    const after = new Date('2026-01-01T00:00:00Z');
    expect(() => nextOccurrence({ kind: 'weekly', weekday: MON, time: 1440 }, utc, after)).toThrow(/time/);
    expect(() => nextOccurrence({ kind: 'weekly', weekday: 8 as IsoWeekday, time: 60 }, utc, after)).toThrow(/weekday/);
    expect(() =>
      nextOccurrence({ kind: 'quarterly', ordinal: 'first', weekday: MON, quarterMonth: 4 as 1, time: 60 }, utc, after),
    ).toThrow(/quarterMonth/);
    expect(() =>
      nextOccurrence({ kind: 'monthly', ordinal: 'fifth' as Ordinal, weekday: MON, time: 60 }, utc, after),
    ).toThrow(/ordinal/);
    expect(() => nextOccurrences({ kind: 'weekly', weekday: MON, time: 60 }, utc, after, -1)).toThrow(/count/);
    expect(() => nextOccurrence({ kind: 'weekly', weekday: MON, time: 60 }, utc, new Date(Number.NaN))).toThrow(
      /invalid/,
    );
    expect(() => nextOccurrence({ kind: 'weekly', weekday: MON, time: 60 }, 'Mars/Olympus', after)).toThrow(RangeError);
  });
});
