import { describe, expect, it } from 'vitest';
import { previousMonth, previousQuarter, quarterBefore } from '../../src/domain/agenda-periods.js';

const NY = 'America/New_York';

describe('report periods in the channel timezone', () => {
  it('a monthly review looks back on the previous calendar month, midnight to midnight local', () => {
    const p = previousMonth('2026-11-27', NY);
    expect(p).toMatchObject({ label: 'October 2026', fromDate: '2026-10-01', toDate: '2026-11-01' });
    expect([p.from.toISOString(), p.to.toISOString()]).toEqual([
      '2026-10-01T04:00:00.000Z',
      '2026-11-01T04:00:00.000Z',
    ]); // EDT both ends
    expect(previousMonth('2027-01-06', NY)).toMatchObject({
      label: 'December 2026',
      fromDate: '2026-12-01',
      toDate: '2027-01-01',
    });
  });

  it('a quarterly review looks back on the last whole quarter, whichever month it meets in', () => {
    expect(previousQuarter('2027-01-07', NY)).toMatchObject({
      label: 'Q4 2026 (Oct–Dec)',
      fromDate: '2026-10-01',
      toDate: '2027-01-01',
    });
    expect(previousQuarter('2027-03-29', NY)).toMatchObject({ label: 'Q4 2026 (Oct–Dec)' });
    const q = previousQuarter('2026-10-01', NY);
    expect(q).toMatchObject({ label: 'Q3 2026 (Jul–Sep)', fromDate: '2026-07-01', toDate: '2026-10-01' });
    expect(quarterBefore(q, NY)).toMatchObject({
      label: 'Q2 2026 (Apr–Jun)',
      fromDate: '2026-04-01',
      toDate: '2026-07-01',
    });
  });
});
