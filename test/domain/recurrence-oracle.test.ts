import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { IsoWeekday } from '../../src/domain/model.js';
import { nextOccurrence, type Ordinal, type RecurrenceRule } from '../../src/domain/recurrence.js';
import { wall } from '../helpers/temporal-wall.js';
import { TEN_ZONES } from '../helpers/ten-zones.js';

// Expectations come from temporal-polyfill (an independent implementation of the same rule:
// "compatible" disambiguation) and from hand-checked UTC literals; never from the code under test.

const iso = (d: Date) => d.toISOString();

describe('against a brute-force Temporal oracle', () => {
  const ZONES = TEN_ZONES;
  const ORDINALS: Ordinal[] = ['first', 'second', 'third', 'fourth', 'last'];

  /** Does `d` satisfy the rule's date part? Checked day by day, the slow obvious way. */
  function matches(rule: RecurrenceRule, d: Temporal.PlainDate): boolean {
    if (d.dayOfWeek !== rule.weekday) return false;
    if (rule.kind === 'weekly') return true;
    if (rule.kind === 'quarterly' && (d.month - 1) % 3 !== rule.quarterMonth - 1) return false;
    if (rule.ordinal === 'last') return d.day + 7 > d.daysInMonth;
    return Math.ceil(d.day / 7) === ORDINALS.indexOf(rule.ordinal) + 1;
  }

  function oracle(rule: RecurrenceRule, zone: string, after: Date): Date {
    const afterZdt = Temporal.Instant.fromEpochMilliseconds(after.getTime()).toZonedDateTimeISO(zone);
    let d = afterZdt.toPlainDate().subtract({ days: 1 });
    for (let i = 0; i < 200; i++, d = d.add({ days: 1 })) {
      if (!matches(rule, d)) continue;
      const hh = String(Math.floor(rule.time / 60)).padStart(2, '0');
      const mm = String(rule.time % 60).padStart(2, '0');
      const at = wall(zone, d.toString(), `${hh}:${mm}`);
      if (at.getTime() > after.getTime()) return at;
    }
    throw new Error('oracle found nothing');
  }

  const ruleArb: fc.Arbitrary<RecurrenceRule> = fc.oneof(
    fc.record({
      kind: fc.constant('weekly' as const),
      weekday: fc.integer({ min: 1, max: 7 }) as fc.Arbitrary<IsoWeekday>,
      time: fc.integer({ min: 0, max: 1439 }),
    }),
    fc.record({
      kind: fc.constant('monthly' as const),
      ordinal: fc.constantFrom(...ORDINALS),
      weekday: fc.integer({ min: 1, max: 7 }) as fc.Arbitrary<IsoWeekday>,
      time: fc.integer({ min: 0, max: 1439 }),
    }),
    fc.record({
      kind: fc.constant('quarterly' as const),
      ordinal: fc.constantFrom(...ORDINALS),
      weekday: fc.integer({ min: 1, max: 7 }) as fc.Arbitrary<IsoWeekday>,
      quarterMonth: fc.constantFrom(1 as const, 2 as const, 3 as const),
      // Mostly around 01:00–04:00, where the transitions of these zones are.
      time: fc.oneof(fc.integer({ min: 60, max: 240 }), fc.integer({ min: 0, max: 1439 })),
    }),
  );

  it('nextOccurrence agrees with a day-by-day Temporal search (2025–2029, ten zones)', () => {
    fc.assert(
      fc.property(
        ruleArb,
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2029, 11, 31) }),
        (rule, zone, afterMs) => {
          const after = new Date(afterMs);
          expect(iso(nextOccurrence(rule, zone, after))).toBe(iso(oracle(rule, zone, after)));
        },
      ),
      { numRuns: 300, seed: 20261129 },
    );
  });
});
