import { describe, expect, it } from 'vitest';
import { formatDays, isBusinessTime, parseDays } from '../../src/domain/business-hours.js';
import type { BusinessHours } from '../../src/domain/model.js';

const ny: BusinessHours = {
  timezone: 'America/New_York',
  days: [1, 2, 3, 4, 5],
  start: 480,
  end: 1020,
  holidays: ['2026-12-25'],
};

describe('isBusinessTime', () => {
  it.each([
    // Monday 30 Nov 2026, EST = UTC-5
    ['2026-11-30T21:59:00Z', true, 'Mon 16:59 local'],
    ['2026-11-30T22:00:00Z', false, 'Mon 17:00 local: the day has ended'],
    ['2026-11-30T12:59:00Z', false, 'Mon 07:59 local'],
    ['2026-11-30T13:00:00Z', true, 'Mon 08:00 local'],
    ['2026-11-28T15:00:00Z', false, 'Saturday 10:00 local'],
    ['2026-12-25T15:00:00Z', false, 'Christmas (a holiday), a Friday'],
    // Summer time: EDT = UTC-4, so 08:00 local is 12:00Z
    ['2026-07-06T12:00:00Z', true, 'Mon 08:00 EDT'],
    ['2026-07-06T11:59:00Z', false, 'Mon 07:59 EDT'],
  ])('%s → %s (%s)', (instant, expected) => {
    expect(isBusinessTime(new Date(instant), ny)).toBe(expected);
  });

  it('reads the day in the channel timezone, not UTC', () => {
    const tokyo: BusinessHours = { timezone: 'Asia/Tokyo', days: [1, 2, 3, 4, 5], start: 540, end: 1080, holidays: [] };
    // Sunday 29 Nov 2026 23:30 UTC is Monday 08:30 in Tokyo: before 09:00.
    expect(isBusinessTime(new Date('2026-11-29T23:30:00Z'), tokyo)).toBe(false);
    // Monday 00:30 UTC is Monday 09:30 in Tokyo.
    expect(isBusinessTime(new Date('2026-11-30T00:30:00Z'), tokyo)).toBe(true);
    // Friday 09:30 UTC is Friday 18:30 in Tokyo: after hours, although it is Friday morning in London.
    expect(isBusinessTime(new Date('2026-12-04T09:30:00Z'), tokyo)).toBe(false);
  });
});

describe('parseDays', () => {
  it('reads ranges, lists and wrapping ranges', () => {
    expect(parseDays('mon-fri')).toEqual([1, 2, 3, 4, 5]);
    expect(parseDays('Sun-Thu')).toEqual([1, 2, 3, 4, 7]);
    expect(parseDays('mon,wed,friday')).toEqual([1, 3, 5]);
    expect(parseDays('weekdays')).toEqual([1, 2, 3, 4, 5]);
    expect(parseDays('funday')).toBeNull();
    expect(formatDays([1, 2, 3, 4, 5])).toBe('Mon–Fri');
    expect(formatDays([1, 3, 5])).toBe('Mon, Wed, Fri');
  });
});
