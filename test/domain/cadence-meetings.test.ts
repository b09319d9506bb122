import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { type Cadence, type CadenceSettings, DEFAULT_CADENCES } from '../../src/domain/cadence.js';
import { previousMeeting, upcomingMeetings } from '../../src/domain/cadence-meetings.js';
import type { IsoWeekday } from '../../src/domain/model.js';
import type { Ordinal } from '../../src/domain/recurrence.js';

// Expected dates come from a brute-force walk over every day of the year with temporal-polyfill
// (an independent implementation of the product's DST rule, "compatible" disambiguation), and
// from hand-checked UTC literals. Never from the code under test.

const ZONES = ['America/New_York', 'Australia/Sydney'] as const;
/** A year that contains a year end and both DST changes in each zone. */
const FROM = '2026-07-01';
const TO = '2027-07-01';

function cadence(settings: Partial<CadenceSettings> & Pick<CadenceSettings, 'kind'>): Cadence {
  const base = DEFAULT_CADENCES.find((d) => d.kind === settings.kind)!;
  return { id: 1, channelId: 1, ...base, ...settings };
}

const ORDINAL_INDEX: Record<Ordinal, number> = { first: 1, second: 2, third: 3, fourth: 4, last: 0 };

/** Does the rule pick this day? By looking at the day alone: weekday, day of month, month. */
function picks(c: Cadence, d: Temporal.PlainDate): boolean {
  if (d.dayOfWeek !== c.weekday) return false;
  if (c.kind === 'weekly') return true;
  if (c.kind === 'quarterly' && (d.month - 1) % 3 !== (c.quarterMonth ?? 1) - 1) return false;
  const ordinal = c.ordinal ?? 'first';
  if (ordinal === 'last') return d.day + 7 > d.daysInMonth;
  return Math.ceil(d.day / 7) === ORDINAL_INDEX[ordinal];
}

/** Every meeting in [FROM, TO) by walking the days, with the local time resolved by Temporal. */
function expected(c: Cadence, timeZone: string): { localDate: string; iso: string }[] {
  const out: { localDate: string; iso: string }[] = [];
  for (
    let d = Temporal.PlainDate.from(FROM);
    Temporal.PlainDate.compare(d, Temporal.PlainDate.from(TO)) < 0;
    d = d.add({ days: 1 })
  ) {
    if (!picks(c, d)) continue;
    const zdt = Temporal.ZonedDateTime.from(
      { year: d.year, month: d.month, day: d.day, hour: Math.floor(c.time / 60), minute: c.time % 60, timeZone },
      { disambiguation: 'compatible' },
    );
    out.push({ localDate: d.toString(), iso: new Date(zdt.epochMilliseconds).toISOString() });
  }
  return out;
}

/** What the cadence code says for the same year. */
function actual(c: Cadence, timeZone: string): { localDate: string; iso: string }[] {
  const start = Temporal.PlainDate.from(FROM).toZonedDateTime({ timeZone }).epochMilliseconds - 1;
  const { meetings } = upcomingMeetings(c, timeZone, new Date(start), 60, new Set());
  return meetings
    .filter((m) => m.localDate < TO)
    .map((m) => ({ localDate: m.localDate, iso: m.instant.toISOString() }));
}

const t = (hh: number, mm = 0) => hh * 60 + mm;
const MON: IsoWeekday = 1;
const TUE: IsoWeekday = 2;
const THU: IsoWeekday = 4;
const FRI: IsoWeekday = 5;
const SUN: IsoWeekday = 7;

const CASES: { name: string; c: Cadence; count: number }[] = [
  { name: 'weekly Tuesday 10:00 (default)', c: cadence({ kind: 'weekly' }), count: 52 },
  {
    name: 'weekly Thursday 10:00 (31 Dec 2026 is a Thursday)',
    c: cadence({ kind: 'weekly', weekday: THU, time: t(10) }),
    count: 52,
  },
  {
    name: 'weekly Sunday 02:30 (inside the spring-forward gap once a year)',
    c: cadence({ kind: 'weekly', weekday: SUN, time: t(2, 30) }),
    count: 52,
  },
  {
    name: 'weekly Sunday 01:30 (repeated at fall-back in New York)',
    c: cadence({ kind: 'weekly', weekday: SUN, time: t(1, 30) }),
    count: 52,
  },
  { name: 'monthly first Wednesday 14:00 (default)', c: cadence({ kind: 'monthly' }), count: 12 },
  {
    name: 'monthly last Friday 15:00 (fifth Fridays)',
    c: cadence({ kind: 'monthly', ordinal: 'last', weekday: FRI, time: t(15) }),
    count: 12,
  },
  {
    name: 'monthly fourth Thursday 09:00',
    c: cadence({ kind: 'monthly', ordinal: 'fourth', weekday: THU, time: t(9) }),
    count: 12,
  },
  {
    name: 'monthly second Sunday 02:30 (New York springs forward on one)',
    c: cadence({ kind: 'monthly', ordinal: 'second', weekday: SUN, time: t(2, 30) }),
    count: 12,
  },
  {
    name: 'monthly first Sunday 02:30 (Sydney changes on first Sundays)',
    c: cadence({ kind: 'monthly', ordinal: 'first', weekday: SUN, time: t(2, 30) }),
    count: 12,
  },
  { name: 'quarterly first Thursday of month 1 14:00 (default)', c: cadence({ kind: 'quarterly' }), count: 4 },
  {
    name: 'quarterly last Monday of month 3 09:00',
    c: cadence({ kind: 'quarterly', ordinal: 'last', weekday: MON, quarterMonth: 3, time: t(9) }),
    count: 4,
  },
  {
    name: 'quarterly second Tuesday of month 2 16:30',
    c: cadence({ kind: 'quarterly', ordinal: 'second', weekday: TUE, quarterMonth: 2, time: t(16, 30) }),
    count: 4,
  },
];

describe('a whole year of meetings, July 2026 to June 2027', () => {
  for (const zone of ZONES) {
    describe(zone, () => {
      it.each(CASES)('$name', ({ c, count }) => {
        const want = expected(c, zone);
        expect(want).toHaveLength(count);
        expect(actual(c, zone)).toEqual(want);
      });
    });
  }
});

describe('hand-checked meetings', () => {
  const at = (c: Cadence, zone: string, from: string, n: number) =>
    upcomingMeetings(c, zone, new Date(from), n, new Set()).meetings.map(
      (m) => `${m.localDate} ${m.instant.toISOString()}`,
    );

  it('"last" is the fifth Friday when a month has five, the fourth otherwise', () => {
    const c = cadence({ kind: 'monthly', ordinal: 'last', weekday: FRI, time: t(15) });
    // Oct 2026 has Fridays 2, 9, 16, 23, 30; Nov 2026 6…27; Jan 2027 1…29 (five).
    expect(at(c, 'America/New_York', '2026-10-01T00:00:00Z', 4)).toEqual([
      '2026-10-30 2026-10-30T19:00:00.000Z',
      '2026-11-27 2026-11-27T20:00:00.000Z',
      '2026-12-25 2026-12-25T20:00:00.000Z',
      '2027-01-29 2027-01-29T20:00:00.000Z',
    ]);
  });

  it('a weekly sync runs through the year end', () => {
    const c = cadence({ kind: 'weekly', weekday: THU, time: t(10) });
    expect(at(c, 'Australia/Sydney', '2026-12-20T00:00:00Z', 3)).toEqual([
      '2026-12-24 2026-12-23T23:00:00.000Z',
      '2026-12-31 2026-12-30T23:00:00.000Z',
      '2027-01-07 2027-01-06T23:00:00.000Z',
    ]);
  });

  it('keeps 10:00 local across the DST week, in both zones', () => {
    const weekly = cadence({ kind: 'weekly', weekday: MON, time: t(10) });
    // New York: EDT until 1 Nov 2026, then EST. Sydney: AEDT until 4 Apr 2027, then AEST.
    expect(at(weekly, 'America/New_York', '2026-10-25T00:00:00Z', 2)).toEqual([
      '2026-10-26 2026-10-26T14:00:00.000Z',
      '2026-11-02 2026-11-02T15:00:00.000Z',
    ]);
    expect(at(weekly, 'Australia/Sydney', '2027-03-28T00:00:00Z', 2)).toEqual([
      '2027-03-29 2027-03-28T23:00:00.000Z',
      '2027-04-05 2027-04-05T00:00:00.000Z',
    ]);
  });

  it('a time in the spring-forward gap moves forward by the gap; a repeated time is the earlier', () => {
    const gap = cadence({ kind: 'weekly', weekday: SUN, time: t(2, 30) });
    // 03:30 EDT
    expect(at(gap, 'America/New_York', '2027-03-13T00:00:00Z', 1)).toEqual(['2027-03-14 2027-03-14T07:30:00.000Z']);
    const repeated = cadence({ kind: 'weekly', weekday: SUN, time: t(1, 30) });
    expect(at(repeated, 'America/New_York', '2026-10-31T00:00:00Z', 1)).toEqual([
      '2026-11-01 2026-11-01T05:30:00.000Z',
    ]); // 01:30 EDT
  });
});

describe('skipped meetings', () => {
  it('are left out of the next dates and reported as skipped', () => {
    const c = cadence({ kind: 'weekly' });
    const { meetings, skipped } = upcomingMeetings(
      c,
      'America/New_York',
      new Date('2026-11-30T12:00:00Z'),
      3,
      new Set(['2026-12-08', '2026-12-22']),
    );
    expect(meetings.map((m) => m.localDate)).toEqual(['2026-12-01', '2026-12-15', '2026-12-29']);
    expect(skipped.map((o) => o.localDate)).toEqual(['2026-12-08', '2026-12-22']);
  });

  it('the previous meeting skips them too', () => {
    const c = cadence({ kind: 'weekly' });
    const prev = previousMeeting(c, 'America/New_York', new Date('2026-12-15T15:00:00Z'), new Set(['2026-12-08']));
    expect(prev?.localDate).toBe('2026-12-01');
    expect(previousMeeting(c, 'America/New_York', new Date('2026-12-15T15:00:00Z'), new Set())?.localDate).toBe(
      '2026-12-08',
    );
  });
});
