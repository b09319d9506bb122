import { describe, expect, it } from 'vitest';
import { type Cadence, type CadenceSettings, DEFAULT_CADENCES } from '../../src/domain/cadence.js';
import { plannedReminders } from '../../src/domain/cadence-reminders.js';
import type { IsoWeekday } from '../../src/domain/model.js';

// Expected instants are hand-checked UTC literals, never from the code under test.

function cadence(settings: Partial<CadenceSettings> & Pick<CadenceSettings, 'kind'>): Cadence {
  const base = DEFAULT_CADENCES.find((d) => d.kind === settings.kind)!;
  return { id: 1, channelId: 1, ...base, ...settings };
}

const t = (hh: number, mm = 0) => hh * 60 + mm;
const SUN: IsoWeekday = 7;

describe('reminder times', () => {
  const iso = (c: Cadence, zone: string, after: string, skips: string[] = []) =>
    plannedReminders(c, zone, new Date(after), new Set(skips)).map(
      (r) => `${r.meeting.localDate} ${r.leadMinutes} ${r.dueAt.toISOString()}`,
    );

  it('one day and 15 minutes before, soonest first, only those still ahead', () => {
    // Tue 1 Dec 2026 10:00 EST = 15:00Z. At Mon 09:00 EST both reminders are ahead.
    expect(iso(cadence({ kind: 'weekly' }), 'America/New_York', '2026-11-30T14:00:00Z')).toEqual([
      '2026-12-01 1440 2026-11-30T15:00:00.000Z',
      '2026-12-01 15 2026-12-01T14:45:00.000Z',
    ]);
    // At Mon 11:00 the day-before reminder has passed: the next is 15 minutes before, then next week's.
    expect(iso(cadence({ kind: 'weekly' }), 'America/New_York', '2026-11-30T16:00:00Z')).toEqual([
      '2026-12-01 15 2026-12-01T14:45:00.000Z',
      '2026-12-08 1440 2026-12-07T15:00:00.000Z',
    ]);
  });

  it('a day before is the same local time the day before, across a DST change', () => {
    // Sun 14 Mar 2027 10:00 EDT (14:00Z); the day before is Sat 13 Mar 10:00 EST (15:00Z), 23 hours earlier.
    const c = cadence({ kind: 'weekly', weekday: SUN, time: t(10), leads: [1440] });
    expect(iso(c, 'America/New_York', '2027-03-12T00:00:00Z')[0]).toBe('2027-03-14 1440 2027-03-13T15:00:00.000Z');
  });

  it('skipped meetings and a cadence that is off get none', () => {
    expect(iso(cadence({ kind: 'weekly' }), 'America/New_York', '2026-11-30T14:00:00Z', ['2026-12-01'])).toEqual([
      '2026-12-08 1440 2026-12-07T15:00:00.000Z',
      '2026-12-08 15 2026-12-08T14:45:00.000Z',
    ]);
    expect(iso(cadence({ kind: 'weekly', enabled: false }), 'America/New_York', '2026-11-30T14:00:00Z')).toEqual([]);
  });
});
