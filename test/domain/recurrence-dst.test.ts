import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  nextOccurrence,
  nextOccurrences,
  type Ordinal,
  type RecurrenceRule,
  upcomingOccurrences,
} from '../../src/domain/recurrence.js';
import { wall, wallKind } from '../helpers/temporal-wall.js';

// Expectations come from temporal-polyfill (an independent implementation of the same rule:
// "compatible" disambiguation) and from hand-checked UTC literals; never from the code under test.

const SUN = 7 as const;
const MON = 1 as const;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const iso = (d: Date) => d.toISOString();

describe('DST transitions of 2026 and 2027: the product rule (gap → forward, repeat → earlier)', () => {
  // Every transition falls on a Sunday; the rule meets that Sunday at a time inside the gap or
  // the repeated hour. `utc` is hand-checked: gap = wall time + gap length at the new offset,
  // overlap = wall time at the offset in force before the change.
  const rows: {
    zone: string;
    date: string;
    time: string;
    kind: 'gap' | 'overlap' | 'normal';
    ordinal: Ordinal;
    utc: string;
  }[] = [
    // 02:30 does not exist → 03:30 EDT (−4) = 07:30Z.
    {
      zone: 'America/New_York',
      date: '2026-03-08',
      time: '02:30',
      kind: 'gap',
      ordinal: 'second',
      utc: '2026-03-08T07:30:00.000Z',
    },
    // 01:30 happens at EDT then EST → the EDT one, 05:30Z (not 06:30Z).
    {
      zone: 'America/New_York',
      date: '2026-11-01',
      time: '01:30',
      kind: 'overlap',
      ordinal: 'first',
      utc: '2026-11-01T05:30:00.000Z',
    },
    {
      zone: 'America/New_York',
      date: '2027-03-14',
      time: '02:30',
      kind: 'gap',
      ordinal: 'second',
      utc: '2027-03-14T07:30:00.000Z',
    },
    {
      zone: 'America/New_York',
      date: '2027-11-07',
      time: '01:30',
      kind: 'overlap',
      ordinal: 'first',
      utc: '2027-11-07T05:30:00.000Z',
    },
    // London skips 01:00–02:00 GMT: 01:30 → 02:30 BST (+1) = 01:30Z; repeats 01:00–02:00: BST one = 00:30Z.
    {
      zone: 'Europe/London',
      date: '2026-03-29',
      time: '01:30',
      kind: 'gap',
      ordinal: 'last',
      utc: '2026-03-29T01:30:00.000Z',
    },
    {
      zone: 'Europe/London',
      date: '2026-10-25',
      time: '01:30',
      kind: 'overlap',
      ordinal: 'last',
      utc: '2026-10-25T00:30:00.000Z',
    },
    {
      zone: 'Europe/London',
      date: '2027-03-28',
      time: '01:30',
      kind: 'gap',
      ordinal: 'last',
      utc: '2027-03-28T01:30:00.000Z',
    },
    {
      zone: 'Europe/London',
      date: '2027-10-31',
      time: '01:30',
      kind: 'overlap',
      ordinal: 'last',
      utc: '2027-10-31T00:30:00.000Z',
    },
    // Berlin skips 02:00–03:00 CET: 02:30 → 03:30 CEST (+2) = 01:30Z; repeat: CEST one = 00:30Z.
    {
      zone: 'Europe/Berlin',
      date: '2026-03-29',
      time: '02:30',
      kind: 'gap',
      ordinal: 'last',
      utc: '2026-03-29T01:30:00.000Z',
    },
    {
      zone: 'Europe/Berlin',
      date: '2026-10-25',
      time: '02:30',
      kind: 'overlap',
      ordinal: 'last',
      utc: '2026-10-25T00:30:00.000Z',
    },
    {
      zone: 'Europe/Berlin',
      date: '2027-03-28',
      time: '02:30',
      kind: 'gap',
      ordinal: 'last',
      utc: '2027-03-28T01:30:00.000Z',
    },
    {
      zone: 'Europe/Berlin',
      date: '2027-10-31',
      time: '02:30',
      kind: 'overlap',
      ordinal: 'last',
      utc: '2027-10-31T00:30:00.000Z',
    },
    // Sydney: April repeats 02:00–03:00, AEDT (+11) one = 15:30Z the day before; October skips
    // 02:00–03:00 AEST: 02:30 → 03:30 AEDT (+11) = 16:30Z the day before.
    {
      zone: 'Australia/Sydney',
      date: '2026-04-05',
      time: '02:30',
      kind: 'overlap',
      ordinal: 'first',
      utc: '2026-04-04T15:30:00.000Z',
    },
    {
      zone: 'Australia/Sydney',
      date: '2026-10-04',
      time: '02:30',
      kind: 'gap',
      ordinal: 'first',
      utc: '2026-10-03T16:30:00.000Z',
    },
    {
      zone: 'Australia/Sydney',
      date: '2027-04-04',
      time: '02:30',
      kind: 'overlap',
      ordinal: 'first',
      utc: '2027-04-03T15:30:00.000Z',
    },
    {
      zone: 'Australia/Sydney',
      date: '2027-10-03',
      time: '02:30',
      kind: 'gap',
      ordinal: 'first',
      utc: '2027-10-02T16:30:00.000Z',
    },
    // Chatham (+12:45 / +13:45) changes at 02:45 standard time: April repeats 02:45–03:45, the
    // CHADT one = 03:00 − 13:45 = 13:15Z; September skips 02:45–03:45: 03:00 → 04:00 CHADT = 14:15Z.
    {
      zone: 'Pacific/Chatham',
      date: '2026-04-05',
      time: '03:00',
      kind: 'overlap',
      ordinal: 'first',
      utc: '2026-04-04T13:15:00.000Z',
    },
    {
      zone: 'Pacific/Chatham',
      date: '2026-09-27',
      time: '03:00',
      kind: 'gap',
      ordinal: 'last',
      utc: '2026-09-26T14:15:00.000Z',
    },
    {
      zone: 'Pacific/Chatham',
      date: '2027-04-04',
      time: '03:00',
      kind: 'overlap',
      ordinal: 'first',
      utc: '2027-04-03T13:15:00.000Z',
    },
    {
      zone: 'Pacific/Chatham',
      date: '2027-09-26',
      time: '03:00',
      kind: 'gap',
      ordinal: 'last',
      utc: '2027-09-25T14:15:00.000Z',
    },
    // Kolkata has no DST: the same Sundays are ordinary, always +05:30.
    {
      zone: 'Asia/Kolkata',
      date: '2026-03-08',
      time: '02:30',
      kind: 'normal',
      ordinal: 'second',
      utc: '2026-03-07T21:00:00.000Z',
    },
    {
      zone: 'Asia/Kolkata',
      date: '2026-10-25',
      time: '02:30',
      kind: 'normal',
      ordinal: 'last',
      utc: '2026-10-24T21:00:00.000Z',
    },
    {
      zone: 'Asia/Kolkata',
      date: '2027-03-28',
      time: '02:30',
      kind: 'normal',
      ordinal: 'last',
      utc: '2027-03-27T21:00:00.000Z',
    },
    {
      zone: 'Asia/Kolkata',
      date: '2027-11-07',
      time: '02:30',
      kind: 'normal',
      ordinal: 'first',
      utc: '2027-11-06T21:00:00.000Z',
    },
  ];

  function rulesFor(row: (typeof rows)[number]): RecurrenceRule[] {
    const month = Number(row.date.slice(5, 7));
    const quarterMonth = (((month - 1) % 3) + 1) as 1 | 2 | 3;
    const time = minutes(row.time);
    return [
      { kind: 'weekly', weekday: SUN, time },
      { kind: 'monthly', ordinal: row.ordinal, weekday: SUN, time },
      { kind: 'quarterly', ordinal: row.ordinal, weekday: SUN, quarterMonth, time },
    ];
  }

  it.each(rows)('$zone $date $time ($kind) is the case the row claims, per Temporal', (row) => {
    expect(wallKind(row.zone, row.date, row.time)).toBe(row.kind);
    expect(iso(wall(row.zone, row.date, row.time))).toBe(row.utc);
  });

  it.each(rows)('$zone $date $time ($kind): weekly, monthly and quarterly meet at $utc', (row) => {
    // Weekly from the Thursday before; monthly and quarterly from the last day of the month before.
    const thursday = Temporal.PlainDate.from(row.date).subtract({ days: 3 }).toString();
    const monthBefore = Temporal.PlainDate.from(`${row.date.slice(0, 8)}01`)
      .subtract({ days: 1 })
      .toString();
    for (const rule of rulesFor(row)) {
      const after = wall(row.zone, rule.kind === 'weekly' ? thursday : monthBefore, '12:00');
      const found = upcomingOccurrences(rule, row.zone, after, 1)[0]!;
      expect({ kind: rule.kind, at: iso(found.instant), date: found.localDate }).toEqual({
        kind: rule.kind,
        at: row.utc,
        date: row.date,
      });
    }
  });

  it.each(rows)('$zone $date $time ($kind): runs once, then the next one is a week later', (row) => {
    const weekly: RecurrenceRule = { kind: 'weekly', weekday: SUN, time: minutes(row.time) };
    const at = new Date(row.utc);
    expect(iso(nextOccurrence(weekly, row.zone, new Date(at.getTime() - 1)))).toBe(row.utc);
    // From the occurrence itself (also from inside a repeated hour) the next is the following
    // Sunday: the second 01:30 of a fall-back night never fires.
    const nextWeek = Temporal.PlainDate.from(row.date).add({ days: 7 }).toString();
    expect(iso(nextOccurrence(weekly, row.zone, at))).toBe(iso(wall(row.zone, nextWeek, row.time)));
    expect(iso(nextOccurrence(weekly, row.zone, new Date(at.getTime() + 3_600_000)))).toBe(
      iso(wall(row.zone, nextWeek, row.time)),
    );
  });

  it.each(rows)('$zone around $date: 10:00 stays 10:00 local across the change', (row) => {
    const rule: RecurrenceRule = { kind: 'weekly', weekday: MON, time: minutes('10:00') };
    const start = Temporal.PlainDate.from(row.date).subtract({ days: 7 });
    const got = nextOccurrences(rule, row.zone, wall(row.zone, start.toString(), '00:00'), 4).map(iso);
    // Mondays: a week before the change, the day after it, and two more.
    const mondays = [-6, 1, 8, 15].map((d) => Temporal.PlainDate.from(row.date).add({ days: d }).toString());
    expect(got).toEqual(mondays.map((d) => iso(wall(row.zone, d, '10:00'))));
  });

  it('New York: an 08:00 weekly sync moves from 13:00Z to 12:00Z across the March change', () => {
    const rule: RecurrenceRule = { kind: 'weekly', weekday: MON, time: minutes('08:00') };
    expect(nextOccurrences(rule, 'America/New_York', new Date('2026-02-28T00:00:00Z'), 2).map(iso)).toEqual([
      '2026-03-02T13:00:00.000Z', // 08:00 EST
      '2026-03-09T12:00:00.000Z', // 08:00 EDT
    ]);
  });
});
