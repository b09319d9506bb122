import { describe, expect, it } from 'vitest';
import { whenFromNow } from '../../src/domain/calendar-words.js';
import { formatElapsed } from '../../src/domain/duration.js';
import { wall } from '../helpers/temporal-wall.js';

const NY = 'America/New_York';

describe('whenFromNow: reminder wording from the calendar', () => {
  it('a day before across a change is "tomorrow at 10:00", not 23 or 25 hours', () => {
    expect(whenFromNow(wall(NY, '2027-03-13', '10:00'), wall(NY, '2027-03-14', '10:00'), NY)).toBe('tomorrow at 10:00');
    expect(whenFromNow(wall(NY, '2027-11-06', '10:00'), wall(NY, '2027-11-07', '10:00'), NY)).toBe('tomorrow at 10:00');
  });

  it('minutes within the hour, today, a weekday within the week, a date beyond', () => {
    const now = wall(NY, '2027-03-10', '09:45');
    expect(whenFromNow(now, wall(NY, '2027-03-10', '10:00'), NY)).toBe('in 15 min');
    expect(whenFromNow(now, wall(NY, '2027-03-10', '14:00'), NY)).toBe('today at 14:00');
    expect(whenFromNow(now, wall(NY, '2027-03-15', '09:00'), NY)).toBe('on Monday at 09:00');
    expect(whenFromNow(now, wall(NY, '2027-03-22', '09:00'), NY)).toBe('on Mon 22 Mar at 09:00');
  });

  it('a meeting tomorrow less than an hour away is still tomorrow (a reminder at 23:30 for 00:15)', () => {
    expect(whenFromNow(wall(NY, '2027-03-10', '23:30'), wall(NY, '2027-03-11', '00:15'), NY)).toBe('tomorrow at 00:15');
  });
});

describe('formatElapsed: window lengths exact to the half hour or the minute', () => {
  it('whole hours, half hours and minutes', () => {
    const h = 3_600_000;
    expect(formatElapsed(14 * h)).toBe('14 hours');
    expect(formatElapsed(1 * h)).toBe('1 hour');
    expect(formatElapsed(87.5 * h)).toBe('87½ hours');
    expect(formatElapsed(23 * h + 20 * 60_000)).toBe('23 hours 20 min');
    expect(formatElapsed(45 * 60_000)).toBe('45 min');
  });
});
