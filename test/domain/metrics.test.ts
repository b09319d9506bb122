import { describe, expect, it } from 'vitest';
import type { Escalation } from '../../src/domain/escalation.js';
import {
  formatDuration,
  median,
  missedAckTimeout,
  mtta,
  mttr,
  p90,
  percentileNearestRank,
  summarizeEscalations,
} from '../../src/domain/metrics.js';
import { DEFAULT_ACK_TIMEOUTS } from '../../src/domain/model.js';

const MIN = 60_000;
const t0 = new Date('2026-11-02T14:00:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * MIN);

function esc(over: Partial<Escalation>): Escalation {
  return {
    id: 1,
    channelId: 1,
    seq: 1,
    summary: 's',
    areaId: null,
    areaName: null,
    priority: 'P3',
    ticket: null,
    fromPersonId: null,
    fromTeam: 'internal',
    toTeam: 'msp',
    shared: false,
    routedBy: 'matrix',
    matrixOwner: 'msp',
    duplicateOf: null,
    state: 'open',
    afterHours: false,
    openedAt: t0,
    acknowledgedAt: null,
    acknowledgedBy: null,
    handedBackAt: null,
    handedBackBy: null,
    handbackNote: null,
    resolvedAt: null,
    resolvedBy: null,
    resolutionNote: null,
    renotifyCount: 0,
    ...over,
  };
}

describe('median and 90th percentile (nearest rank)', () => {
  it('median: the middle value, or the mean of the two middle ones', () => {
    expect(median([7, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNull();
  });

  it('p90 is the value at rank ⌈0.9 n⌉ of the sorted sample', () => {
    expect(p90([10, 20, 30, 40, 50, 60, 70, 80, 90, 100])).toBe(90); // rank 9
    expect(p90([...Array(11).keys()].map((i) => i + 1))).toBe(10); // ⌈9.9⌉ = 10
    expect(p90([5, 1, 3])).toBe(5); // fewer than 10 values: the largest
    expect(p90([42])).toBe(42);
    expect(p90([])).toBeNull();
    expect(percentileNearestRank([15, 20, 35, 40, 50], 30)).toBe(20); // the textbook example
    expect(() => percentileNearestRank([1], 0)).toThrow(RangeError);
  });
});

describe('MTTA and MTTR over escalations', () => {
  const sample = [
    esc({ acknowledgedAt: later(2), resolvedAt: later(30) }),
    esc({ acknowledgedAt: later(4), resolvedAt: later(90) }),
    esc({ acknowledgedAt: later(12) }),
    esc({}),
  ];

  it('MTTA counts answered ones; the unanswered are pending', () => {
    expect(mtta(sample)).toEqual({ count: 3, pending: 1, medianMs: 4 * MIN, p90Ms: 12 * MIN });
  });

  it('MTTR counts resolved ones', () => {
    expect(mttr(sample)).toEqual({ count: 2, pending: 2, medianMs: 60 * MIN, p90Ms: 90 * MIN });
  });
});

describe('missed ack timeouts', () => {
  const now = later(600);
  it('answered after the timeout, or still waiting past it', () => {
    expect(missedAckTimeout(esc({ priority: 'P1', acknowledgedAt: later(6) }), DEFAULT_ACK_TIMEOUTS, now)).toBe(true);
    expect(missedAckTimeout(esc({ priority: 'P1', acknowledgedAt: later(5) }), DEFAULT_ACK_TIMEOUTS, now)).toBe(false);
    expect(missedAckTimeout(esc({ priority: 'P2' }), DEFAULT_ACK_TIMEOUTS, later(16))).toBe(true);
    expect(missedAckTimeout(esc({ priority: 'P2' }), DEFAULT_ACK_TIMEOUTS, later(14))).toBe(false);
  });
  it('never for a priority without a timeout', () => {
    expect(missedAckTimeout(esc({ priority: 'P4' }), DEFAULT_ACK_TIMEOUTS, now)).toBe(false);
  });
});

describe('a month summarised for the operational review', () => {
  it('counts by area and team, the after-hours share and the missed timeouts', () => {
    const month = [
      esc({
        areaName: 'patching',
        toTeam: 'msp',
        afterHours: true,
        priority: 'P1',
        acknowledgedAt: later(9),
        resolvedAt: later(60),
      }),
      esc({ areaName: 'patching', toTeam: 'msp', priority: 'P3', acknowledgedAt: later(10) }),
      esc({
        areaName: 'L2 support',
        toTeam: 'internal',
        priority: 'P2',
        acknowledgedAt: later(1),
        resolvedAt: later(20),
      }),
      esc({ toTeam: 'msp', afterHours: true, priority: 'P4' }),
    ];
    const s = summarizeEscalations(month, DEFAULT_ACK_TIMEOUTS, later(1000));
    expect(s).toMatchObject({
      total: 4,
      afterHours: 2,
      afterHoursShare: 0.5,
      byArea: [
        { area: 'patching', count: 2 },
        { area: '(no area)', count: 1 },
        { area: 'L2 support', count: 1 },
      ],
      byTeam: { internal: 1, msp: 3 },
      missedAckTimeouts: 1,
      mtta: { count: 3, pending: 1, medianMs: 9 * MIN, p90Ms: 10 * MIN },
      mttr: { count: 2, pending: 2, medianMs: 40 * MIN, p90Ms: 60 * MIN },
    });
  });

  it('an empty month has zero share and no statistics', () => {
    const s = summarizeEscalations([], DEFAULT_ACK_TIMEOUTS, t0);
    expect(s).toMatchObject({ total: 0, afterHoursShare: 0, mtta: { count: 0, medianMs: null, p90Ms: null } });
  });
});

describe('durations as people say them', () => {
  it.each([
    [45_000, '45 s'],
    [4 * MIN, '4 min'],
    [65 * MIN, '1 h 05 min'],
    [120 * MIN, '2 h'],
    [(2 * 24 + 3) * 60 * MIN, '2 d 3 h'],
  ])('%i ms → %s', (ms, words) => {
    expect(formatDuration(ms)).toBe(words);
  });
});
