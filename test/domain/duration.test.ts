import { describe, expect, it } from 'vitest';
import { parseDurationMinutes, parseDurationMs } from '../../src/domain/duration.js';

describe('parseDurationMs', () => {
  it.each([
    ['90m', 90 * 60_000],
    ['14h', 14 * 3_600_000],
    ['3d', 3 * 86_400_000],
    ['1h30m', 90 * 60_000],
    ['1 day 2 h', 26 * 3_600_000],
    ['2 weeks', 14 * 86_400_000],
    ['45s', 45_000],
    ['15 MIN', 15 * 60_000],
  ])('%s', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it.each(['', '15', 'soon', '1x', '-5m', '1.5h', 'h30'])('refuses %j', (text) => {
    expect(parseDurationMs(text)).toBeNull();
  });

  it('counts whole minutes only for minute durations', () => {
    expect(parseDurationMinutes('1d,')).toBeNull();
    expect(parseDurationMinutes('1d')).toBe(1440);
    expect(parseDurationMinutes('90s')).toBeNull();
    expect(parseDurationMinutes('0m')).toBe(0);
  });
});
