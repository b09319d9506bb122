import { describe, expect, it } from 'vitest';
import { monthlyAgenda, periodFigures, quarterlyAgenda, weeklyAgenda } from '../../src/domain/agenda.js';
import { previousMonth, previousQuarter, quarterBefore } from '../../src/domain/agenda-periods.js';
import { DEFAULT_ACK_TIMEOUTS } from '../../src/domain/model.js';
import { agendaBlocks } from '../../src/features/cadence/cadence-agenda.js';
import { channel, esc, MIN, NY, resetSeq, text } from '../helpers/agenda-records.js';
import { joinPatterns } from '../helpers/pattern.js';

describe('the monthly review on a seeded month (figures worked out by hand)', () => {
  // October 2026 in New York. Ack minutes 2, 4, …, 18 and 60: median (10+12)/2 = 11 min, p90 the
  // 9th of 10 = 18 min. Resolve minutes 30 … 300 for eight of them: median (120+150)/2 = 135 min,
  // p90 the 8th of 8 (⌈7.2⌉) = 300 min. After hours: 3 of 10. Missed ack timeouts: ESC-5 (P1 acked
  // at 10 min, timeout 5) and ESC-9 (P2 at 18, timeout 15); ESC-10 (P3 at exactly 60) is not missed.
  resetSeq();
  const records = [
    esc('2026-10-01T03:30:00Z', { seq: 11, areaName: 'patching', ackMin: 1 }), // 30 Sep 23:30 EDT: September
    esc('2026-10-05T14:00:00Z', { seq: 1, areaName: 'patching', ackMin: 2, resolveMin: 30 }),
    esc('2026-10-06T02:00:00Z', {
      seq: 2,
      areaName: 'patching',
      afterHours: true,
      priority: 'P2',
      ackMin: 4,
      resolveMin: 60,
    }),
    esc('2026-10-07T14:00:00Z', { seq: 3, areaName: 'backup and disaster recovery', ackMin: 6, resolveMin: 90 }),
    esc('2026-10-08T14:00:00Z', { seq: 4, areaName: 'L2 support', toTeam: 'internal', ackMin: 8, resolveMin: 120 }),
    esc('2026-10-10T03:00:00Z', {
      seq: 5,
      areaName: 'patching',
      afterHours: true,
      priority: 'P1',
      ackMin: 10,
      resolveMin: 150,
      renotifyCount: 1,
    }),
    esc('2026-10-12T14:00:00Z', {
      seq: 6,
      areaName: 'access provisioning',
      toTeam: 'internal',
      ackMin: 12,
      resolveMin: 180,
    }),
    esc('2026-10-13T14:00:00Z', {
      seq: 7,
      areaName: 'complex network issues',
      priority: 'P2',
      ackMin: 14,
      resolveMin: 240,
    }),
    esc('2026-10-14T14:00:00Z', {
      seq: 8,
      areaName: 'L2 support',
      toTeam: 'internal',
      priority: 'P4',
      ackMin: 16,
      resolveMin: 300,
    }),
    esc('2026-10-20T01:00:00Z', {
      seq: 9,
      areaName: 'complex network issues',
      afterHours: true,
      priority: 'P2',
      ackMin: 18,
      renotifyCount: 1,
    }),
    // 31 Oct 23:30 EDT: October
    esc('2026-11-01T03:30:00Z', { seq: 10, areaName: 'backup and disaster recovery', ackMin: 60 }),
  ];
  const now = new Date('2026-11-26T20:00:00Z');
  const october = periodFigures(previousMonth('2026-11-27', NY), records, DEFAULT_ACK_TIMEOUTS, now);

  it('counts the month by local dates', () => {
    expect(october.summary.total).toBe(10);
  });

  it('MTTA and MTTR: median and 90th percentile', () => {
    expect(october.summary.mtta).toEqual({ count: 10, pending: 0, medianMs: 11 * MIN, p90Ms: 18 * MIN });
    expect(october.summary.mttr).toEqual({ count: 8, pending: 2, medianMs: 135 * MIN, p90Ms: 300 * MIN });
  });

  it('after-hours share, by area, by team and the missed ack timeouts', () => {
    expect(october.summary).toMatchObject({
      afterHours: 3,
      afterHoursShare: 0.3,
      byTeam: { internal: 3, msp: 7 },
      missedAckTimeouts: 2,
    });
    expect(october.missedAck.map((e) => e.seq)).toEqual([5, 9]);
  });

  it('reads as the review’s agenda', () => {
    const out = text(agendaBlocks(monthlyAgenda(october), channel));
    expect(out).toContain('Agenda — October 2026');
    expect(out).toContain('Escalations opened: 10');
    expect(out).toContain(
      'By area: patching 3 · backup and disaster recovery 2 · complex network issues 2 · L2 support 2 · access ' +
        'provisioning 1',
    );
    expect(out).toContain('Handled by (receiving side): Acme (internal IT) 3 · Northwind (MSP) 7');
    expect(out).toContain('MTTA (time to acknowledge): median 11 min, 90th percentile 18 min (10 acknowledged)');
    expect(out).toContain('MTTR (time to resolve): median 2 h 15 min, 90th percentile 5 h (8 resolved, 2 unresolved)');
    expect(out).toContain('Opened after hours: 3 of 10 (30%)');
    expect(out).toContain('Acknowledgement timeouts missed: 2 (ESC-5, ESC-9)');
  });

  it('counts one never acknowledged past its timeout, and one re-notified under a timeout raised since', () => {
    const more = [
      esc('2026-10-21T14:00:00Z', { seq: 20, priority: 'P2' }), // still open, far past 15 min
      esc('2026-10-22T14:00:00Z', { seq: 21, priority: 'P3', ackMin: 30, renotifyCount: 1 }),
      esc('2026-10-23T14:00:00Z', { seq: 22, priority: 'P4' }), // no timeout for P4
    ];
    const f = periodFigures(previousMonth('2026-11-27', NY), more, DEFAULT_ACK_TIMEOUTS, now);
    expect(f.missedAck.map((e) => e.seq)).toEqual([20, 21]);
    expect(text(agendaBlocks(monthlyAgenda(f), channel))).toContain(
      'MTTA (time to acknowledge): median 30 min, 90th percentile 30 min (1 acknowledged, 2 waiting)',
    );
  });

  it('a quiet month says so', () => {
    const quiet = periodFigures(previousMonth('2026-11-27', NY), [], DEFAULT_ACK_TIMEOUTS, now);
    expect(text(agendaBlocks(monthlyAgenda(quiet), channel))).toContain('No escalations were opened in October 2026.');
  });
});

describe('the quarterly review: the quarter against the one before', () => {
  const now = new Date('2026-10-01T18:00:00Z');
  const q3 = previousQuarter('2026-10-01', NY);
  const q2 = quarterBefore(q3, NY);
  const records = [
    // Q2: two, acked in 20 and 40 min (median 30), one resolved in 4 h; one after hours.
    esc('2026-04-10T14:00:00Z', { seq: 1, areaName: 'patching', ackMin: 20, resolveMin: 240 }),
    esc('2026-06-30T23:00:00Z', { seq: 2, areaName: 'backup and disaster recovery', afterHours: true, ackMin: 40 }),
    // Q3: four, acked in 5, 10, 15, 20 min (median 12.5 → 13 min shown), resolved in 60 and 120 (median 90); none
    // after hours.
    esc('2026-07-01T04:00:00Z', { seq: 3, areaName: 'patching', ackMin: 5, resolveMin: 60 }),
    esc('2026-08-03T14:00:00Z', { seq: 4, areaName: 'patching', ackMin: 10, resolveMin: 120 }),
    esc('2026-09-01T14:00:00Z', { seq: 5, areaName: 'complex network issues', toTeam: 'internal', ackMin: 15 }),
    esc('2026-09-30T14:00:00Z', { seq: 6, areaName: 'complex network issues', ackMin: 20 }),
  ];
  const agenda = quarterlyAgenda(
    periodFigures(q3, records, DEFAULT_ACK_TIMEOUTS, now),
    periodFigures(q2, records, DEFAULT_ACK_TIMEOUTS, now),
    [
      {
        at: new Date('2026-08-12T15:00:00Z'),
        actorName: 'alice',
        action: 'matrix.set',
        subject: 'patching',
        detail: ' — business: msp → internal',
      },
      {
        at: new Date('2026-07-02T15:00:00Z'),
        actorName: 'bob',
        action: 'matrix.remove',
        subject: 'printers',
        detail: ' — removed',
      },
    ],
  );

  it('computes the change against the previous quarter', () => {
    expect(agenda.trend.total).toEqual({ current: 4, previous: 2, delta: 2 });
    expect(agenda.trend.mttaMedianMs).toEqual({ current: 12.5 * MIN, previous: 30 * MIN, delta: -17.5 * MIN });
    expect(agenda.trend.afterHoursShare).toEqual({ current: 0, previous: 0.5, delta: -0.5 });
    expect(agenda.trend.byArea).toEqual([
      { area: 'patching', current: 2, previous: 1 },
      { area: 'complex network issues', current: 2, previous: 0 },
      { area: 'backup and disaster recovery', current: 0, previous: 1 },
    ]);
  });

  it('reads with the trend, the matrix changes oldest first, and the prompt to review the matrix', () => {
    const out = text(agendaBlocks(agenda, channel));
    expect(out).toContain('Agenda — Q3 2026 (Jul–Sep), compared with Q2 2026 (Apr–Jun)');
    expect(out).toContain('Escalations opened: 4 (previous quarter 2, +2)');
    expect(out).toContain(
      'By area: patching 2 (was 1) · complex network issues 2 (was 0) · backup and disaster recovery 0 (was 1)',
    );
    expect(out).toContain('Handled by (receiving side): Acme (internal IT) 1 (was 0) · Northwind (MSP) 3 (was 2)');
    // Every opener here was on the internal side, in both quarters: no unknown column.
    expect(out).toContain('Opened by: Acme (internal IT) 4 (was 2) · Northwind (MSP) 0 (was 0)\n');
    expect(out).toMatch(
      joinPatterns([
        /MTTA \(time to acknowledge\): median 13 min, 90th percentile 20 min \(4 acknowledged\) — /,
        /previous quarter: median 30 min \(−18 min\), 90th percentile 40 min \(−20 min\)/,
      ]),
    );
    expect(out).toContain('Opened after hours: 0 of 4 (0%) (previous quarter 50%, −50 pts)');
    expect(out).toContain('Matrix changes in Q3 2026 (Jul–Sep) (2)');
    expect(out.indexOf('bob · matrix.remove printers — removed')).toBeLessThan(
      out.indexOf('alice · matrix.set patching — business: msp → internal'),
    );
    expect(out).toMatch(/Review the matrix: does every area still have the right owner.*`matrix`/);
  });
});

describe('the weekly sync', () => {
  it('open items and handed-back ones, oldest first, and the notes since the last sync in order', () => {
    resetSeq();
    const a = weeklyAgenda(
      [
        esc('2026-11-20T14:00:00Z', { seq: 3, summary: 'printer jam' }),
        esc('2026-11-10T14:00:00Z', { seq: 1, summary: 'VPN flaps', ackMin: 5 }),
        esc('2026-11-12T14:00:00Z', {
          seq: 2,
          summary: 'backup failed',
          state: 'handed_back',
          handedBackAt: new Date('2026-11-13T12:00:00Z'),
          handbackNote: 'needs a new tape',
        }),
      ],
      [
        { at: new Date('2026-11-27T03:00:00Z'), author: 'nina', text: 'patched the firewall', escalation: null },
        { at: new Date('2026-11-25T15:00:00Z'), author: 'bob', text: 'vendor called back', escalation: 'ESC-1' },
      ],
      new Date('2026-11-24T15:00:00Z'),
    );
    expect(a.open.map((e) => e.seq)).toEqual([1, 3]);
    expect(a.handedBack.map((e) => e.seq)).toEqual([2]);
    const out = text(agendaBlocks(a, channel));
    expect(out).toContain('1. Open escalations (2), oldest first');
    expect(out.indexOf('ESC-1 (P3) VPN flaps')).toBeLessThan(out.indexOf('ESC-3 (P3) printer jam'));
    expect(out).toContain('ESC-1 (P3) VPN flaps — with Northwind (MSP), acknowledged');
    expect(out).toContain('ESC-2 (P3) backup failed — handed back Fri 13 Nov 07:00 EST: “needs a new tape”');
    expect(out).toContain('3. Notes since the last weekly sync (2), since Tue 24 Nov 10:00 EST');
    expect(out.indexOf('bob on ESC-1: “vendor called back”')).toBeLessThan(
      out.indexOf('nina (handoff note): “patched the firewall”'),
    );
  });
});
