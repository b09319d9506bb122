import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../../src/domain/model.js';
import { morningPostAt, nextMorningPost } from '../../src/domain/morning-window.js';
import { formatLocal } from '../../src/domain/zoned-time.js';
import { wall } from '../helpers/temporal-wall.js';
import { TEN_ZONES } from '../helpers/ten-zones.js';

// `handoff time HH:MM` is a local wall time; the expectations come from temporal-polyfill's
// "compatible" resolution of that wall time, never from the code under test.

const allWeek = (timezone: string, start = 0, end = 23 * 60 + 59): BusinessHours => ({
  timezone,
  days: [1, 2, 3, 4, 5, 6, 7],
  start,
  end,
  holidays: [],
});

function* daysOf2027(): Generator<string> {
  for (let d = Temporal.PlainDate.from('2027-01-01'); d.year === 2027; d = d.add({ days: 1 })) yield d.toString();
}

describe('the morning post at `handoff time HH:MM`', () => {
  it('posts at 08:00 local on every day of 2027 in ten zones, with hours from midnight', () => {
    const wrong: string[] = [];
    for (const zone of TEN_ZONES) {
      const hours = allWeek(zone);
      for (const date of daysOf2027()) {
        const got = morningPostAt(date, hours, 8 * 60);
        const want = wall(zone, date, '08:00');
        if (got.getTime() !== want.getTime()) wrong.push(`${zone} ${date}: ${formatLocal(got, zone)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('New York across both changes: 08:00 EST before, 08:00 EDT after, 08:00 EST in November', () => {
    const ny = allWeek('America/New_York');
    const show = (d: Date) => formatLocal(d, 'America/New_York');
    expect(show(morningPostAt('2027-03-13', ny, 480))).toBe('Sat 13 Mar 2027 08:00 EST');
    expect(show(morningPostAt('2027-03-14', ny, 480))).toBe('Sun 14 Mar 2027 08:00 EDT');
    expect(show(morningPostAt('2027-11-07', ny, 480))).toBe('Sun 7 Nov 2027 08:00 EST');
    expect(show(nextMorningPost(ny, 480, new Date('2027-03-13T14:00:00Z')).dueAt)).toBe('Sun 14 Mar 2027 08:00 EDT');
    expect(show(nextMorningPost(ny, 480, new Date('2027-11-06T13:00:00Z')).dueAt)).toBe('Sun 7 Nov 2027 08:00 EST');
  });

  it('an offset (+7h) is on the clock too, and resolved by the same rule: 30 minutes on Lord Howe', () => {
    const lordHowe = allWeek('Australia/Lord_Howe', 60);
    // Sun 4 Apr 2027: 02:00 → 01:30 (a repeated half hour); Sun 3 Oct 2027: 02:00 → 02:30 (a gap).
    for (const date of ['2027-04-04', '2027-10-03']) {
      expect(morningPostAt(date, lordHowe, 7 * 60).toISOString()).toBe(
        wall('Australia/Lord_Howe', date, '08:00').toISOString(),
      );
    }
    // A post in the gap itself moves forward by the gap, as every schedule does.
    expect(formatLocal(morningPostAt('2027-10-03', allWeek('Australia/Lord_Howe'), 135), 'Australia/Lord_Howe')).toBe(
      'Sun 3 Oct 2027 02:45 UTC+11',
    );
  });
});
