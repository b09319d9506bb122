import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localParts } from '../../src/domain/zoned-time.js';

// localParts answers from a per-hour offset cache; Intl is the truth it must agree with, in every
// zone and around every offset change (including Lord Howe's half hour and Chatham's 12:45).
const ZONES = [
  'America/New_York',
  'America/Santiago',
  'Europe/London',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Asia/Kolkata',
  'America/St_Johns',
];

function intl(instant: Date, timeZone: string) {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, Number(x.value)]));
  return [p.year, p.month, p.day, p.hour, p.minute, p.second];
}

describe('localParts', () => {
  it('gives the wall clock Intl gives, in every zone, at any instant from 1990 to 2060', () => {
    const from = Date.UTC(1990, 0, 1);
    const to = Date.UTC(2060, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), fc.constantFrom(...ZONES), (t, zone) => {
        const p = localParts(new Date(t), zone);
        expect([p.year, p.month, p.day, p.hour, p.minute, p.second]).toEqual(intl(new Date(t), zone));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the wall clock Intl gives second by second across the 2026 changes in New York and Lord Howe', () => {
    const changes = [
      ['America/New_York', Date.UTC(2026, 2, 8, 7)],
      ['America/New_York', Date.UTC(2026, 10, 1, 6)],
      ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 15)],
      ['Australia/Lord_Howe', Date.UTC(2026, 9, 3, 15, 30)],
    ] as const;
    for (const [zone, at] of changes) {
      for (let t = at - 2 * 3_600_000; t <= at + 2 * 3_600_000; t += 59_000) {
        const p = localParts(new Date(t), zone);
        expect([p.year, p.month, p.day, p.hour, p.minute, p.second]).toEqual(intl(new Date(t), zone));
      }
    }
  });
});
