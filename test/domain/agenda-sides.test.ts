import { describe, expect, it } from 'vitest';
import { monthlyAgenda, periodFigures } from '../../src/domain/agenda.js';
import { previousMonth } from '../../src/domain/agenda-periods.js';
import { DEFAULT_ACK_TIMEOUTS } from '../../src/domain/model.js';
import { agendaBlocks } from '../../src/features/cadence/cadence-agenda.js';
import { channel, esc, MIN, NY, text } from '../helpers/agenda-records.js';

describe('the monthly review, split by side', () => {
  const now = new Date('2026-11-26T20:00:00Z');

  it('splits by side: who opened them, and MTTA and MTTR of each side that handled them', () => {
    // Northwind handled three (ack 10, 20, 30 min: median 20, p90 the 3rd = 30; resolved two in 60 and 90 min:
    // median 75 min, p90 the 2nd = 90); Acme one (ack 4, resolved in 30). Openers: two internal, one MSP, one
    // nobody placed.
    const split = [
      esc('2026-10-05T14:00:00Z', { seq: 31, fromTeam: 'internal', toTeam: 'msp', ackMin: 10, resolveMin: 60 }),
      esc('2026-10-06T14:00:00Z', { seq: 32, fromTeam: 'internal', toTeam: 'msp', ackMin: 20 }),
      esc('2026-10-07T14:00:00Z', { seq: 33, fromTeam: 'msp', toTeam: 'internal', ackMin: 4, resolveMin: 30 }),
      esc('2026-10-08T14:00:00Z', { seq: 34, fromTeam: 'unknown', toTeam: 'msp', ackMin: 30, resolveMin: 90 }),
    ];
    const f = periodFigures(previousMonth('2026-11-27', NY), split, DEFAULT_ACK_TIMEOUTS, now);
    expect(f.summary.byOpener).toEqual({ internal: 2, msp: 1, unknown: 1 });
    expect(f.summary.byHandler.msp.mtta).toEqual({ count: 3, pending: 0, medianMs: 20 * MIN, p90Ms: 30 * MIN });
    expect(f.summary.byHandler.msp.mttr).toEqual({ count: 2, pending: 1, medianMs: 75 * MIN, p90Ms: 90 * MIN });
    const out = text(agendaBlocks(monthlyAgenda(f), channel));
    expect(out).toContain('Opened by: Acme (internal IT) 2 · Northwind (MSP) 1 · side unknown 1');
    expect(out).toContain('Handled by (receiving side): Acme (internal IT) 1 · Northwind (MSP) 3');
    expect(out).toContain(
      'MTTA by handling side: Acme (internal IT) median 4 min, 90th percentile 4 min (1 acknowledged) · Northwind ' +
        '(MSP) median 20 min, 90th percentile 30 min (3 acknowledged)',
    );
    expect(out).toContain(
      'MTTR by handling side: Acme (internal IT) median 30 min, 90th percentile 30 min (1 resolved) · Northwind ' +
        '(MSP) median 1 h 15 min, 90th percentile 1 h 30 min (2 resolved, 1 unresolved)',
    );
  });
});
