import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../../src/domain/model.js';
import {
  morningPostAt,
  morningPostInProgress,
  morningWindow,
  nextMorningPost,
  noteBelongsTo,
} from '../../src/domain/morning-window.js';
import { formatLocal, localToInstant, parseIsoDate, parseMinuteOfDay } from '../../src/domain/zoned-time.js';

const NY: BusinessHours = {
  timezone: 'America/New_York',
  days: [1, 2, 3, 4, 5],
  start: 8 * 60,
  end: 17 * 60,
  holidays: [],
};

/** A New York wall time `YYYY-MM-DDTHH:MM`. */
const ny = (s: string, hours: BusinessHours = NY) => {
  const [d, t] = s.split('T');
  return localToInstant(parseIsoDate(d!)!, parseMinuteOfDay(t!)!, hours.timezone);
};
const show = (d: Date, hours: BusinessHours = NY) => formatLocal(d, hours.timezone);

describe('nextMorningPost: when the next morning post goes out', () => {
  it('Friday afternoon → Monday at the start of business', () => {
    const next = nextMorningPost(NY, 0, ny('2026-11-27T16:30'));
    expect(next.date).toBe('2026-11-30');
    expect(show(next.dueAt)).toBe('Mon 30 Nov 2026 08:00 EST');
  });

  it('once Monday’s post has gone out (at 08:00 exactly), the next is Tuesday’s', () => {
    expect(nextMorningPost(NY, 0, ny('2026-11-30T08:00')).date).toBe('2026-12-01');
    expect(nextMorningPost(NY, 0, ny('2026-11-30T07:59')).date).toBe('2026-11-30');
  });

  it('with an offset of 30 minutes the post is at 08:30, and at 08:10 it is still ahead', () => {
    expect(show(nextMorningPost(NY, 30, ny('2026-11-30T08:10')).dueAt)).toBe('Mon 30 Nov 2026 08:30 EST');
    expect(nextMorningPost(NY, 30, ny('2026-11-30T08:30')).date).toBe('2026-12-01');
  });

  it('skips a holiday: Wednesday evening before Thanksgiving → Friday', () => {
    const hours = { ...NY, holidays: ['2026-11-26'] };
    expect(show(nextMorningPost(hours, 0, ny('2026-11-25T18:00')).dueAt)).toBe('Fri 27 Nov 2026 08:00 EST');
  });

  it('an offset longer than a shortened day still posts that day, a minute before the end', () => {
    const short = { ...NY, end: 9 * 60 };
    expect(show(morningPostAt('2026-11-30', short, 120))).toBe('Mon 30 Nov 2026 08:59 EST');
    expect(show(nextMorningPost(short, 120, ny('2026-11-30T08:30')).dueAt)).toBe('Mon 30 Nov 2026 08:59 EST');
  });

  it('stays 08:00 local across the fall-back weekend', () => {
    expect(nextMorningPost(NY, 0, ny('2026-10-30T17:00')).dueAt.toISOString()).toBe('2026-11-02T13:00:00.000Z');
    expect(nextMorningPost(NY, 0, ny('2026-10-29T17:00')).dueAt.toISOString()).toBe('2026-10-30T12:00:00.000Z');
  });
});

describe('morningPostInProgress: a post of today that should already have gone out', () => {
  it('is today’s post from its time until the end of business', () => {
    expect(morningPostInProgress(NY, 0, ny('2026-11-30T10:15'))?.date).toBe('2026-11-30');
    expect(morningPostInProgress(NY, 30, ny('2026-11-30T08:15'))).toBeNull();
    expect(morningPostInProgress(NY, 0, ny('2026-11-30T17:00'))).toBeNull();
    expect(morningPostInProgress(NY, 0, ny('2026-11-28T10:00'))).toBeNull();
  });
});

describe('noteBelongsTo: which morning post a handoff note is in', () => {
  const tuesday = morningWindow('2026-12-01', NY); // Mon 17:00 → Tue 08:00

  it('a note written after hours is in the window that contains it', () => {
    expect(noteBelongsTo({ at: ny('2026-11-30T22:00'), overnight: false }, tuesday, NY)).toBe(true);
    expect(noteBelongsTo({ at: ny('2026-12-01T07:59'), overnight: false }, tuesday, NY)).toBe(true);
  });

  it('a note written during Monday’s hours is in no window unless marked overnight, then in Tuesday’s', () => {
    expect(noteBelongsTo({ at: ny('2026-11-30T14:00'), overnight: false }, tuesday, NY)).toBe(false);
    expect(noteBelongsTo({ at: ny('2026-11-30T14:00'), overnight: true }, tuesday, NY)).toBe(true);
    // …and not in Monday's own window, which had closed before it was written.
    expect(noteBelongsTo({ at: ny('2026-11-30T14:00'), overnight: true }, morningWindow('2026-11-30', NY), NY)).toBe(
      false,
    );
  });

  it('an overnight note from two business days back belongs to the window after its own day, not this one', () => {
    expect(noteBelongsTo({ at: ny('2026-11-27T14:00'), overnight: true }, tuesday, NY)).toBe(false);
    expect(noteBelongsTo({ at: ny('2026-11-27T14:00'), overnight: true }, morningWindow('2026-11-30', NY), NY)).toBe(
      true,
    );
  });

  it('a note written at the start of business (08:00) is after the window', () => {
    expect(noteBelongsTo({ at: ny('2026-12-01T08:00'), overnight: false }, tuesday, NY)).toBe(false);
  });
});
