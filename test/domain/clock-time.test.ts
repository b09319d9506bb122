import { describe, expect, it } from 'vitest';
import { joinTimeWords, parseTimeOfDay, parseTimeRange } from '../../src/domain/clock-time.js';

describe('parseTimeOfDay', () => {
  it.each([
    ['14:00', 840],
    ['9:30', 570],
    ['2pm', 840],
    ['2 PM', 840],
    ['2:30pm', 870],
    ['7.30am', 450],
    ['12am', 0],
    ['12pm', 720],
    ['noon', 720],
    ['00:00', 0],
  ])('%s → %i', (text, minutes) => {
    expect(parseTimeOfDay(text)).toBe(minutes);
  });

  it.each(['9', '25:00', '13pm', '0am', '14:60', 'soon', '24:00'])('refuses %s', (text) => {
    expect(parseTimeOfDay(text)).toBeNull();
  });

  it('takes 24:00 as the end of a day only where asked', () => {
    expect(parseTimeOfDay('24:00', { endOfDay: true })).toBe(1440);
  });
});

describe('parseTimeRange', () => {
  it.each([
    ['08:00-17:00', 480, 1020],
    ['7:30am-5:30pm', 450, 1050],
    ['07:30 - 17:30', 450, 1050],
    ['9am to 5pm', 540, 1020],
    ['08:00–24:00', 480, 1440],
  ])('%s', (text, start, end) => {
    expect(parseTimeRange(text)).toEqual({ start, end });
  });

  it('refuses what is not two times', () => {
    expect(parseTimeRange('9-5')).toBeNull();
    expect(parseTimeRange('08:00')).toBeNull();
    expect(parseTimeRange('08:00-12:00-17:00')).toBeNull();
  });
});

describe('joinTimeWords', () => {
  it('joins a time split from its am or pm', () => {
    expect(joinTimeWords(['weekly', 'tue', '2', 'pm'])).toEqual(['weekly', 'tue', '2pm']);
    expect(joinTimeWords(['2:30', 'a.m.'])).toEqual(['2:30a.m.']);
  });
});
