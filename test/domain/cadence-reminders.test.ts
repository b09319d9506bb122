import { describe, expect, it } from 'vitest';
import { type Cadence, type CadenceSettings, DEFAULT_CADENCES } from '../../src/domain/cadence.js';
import { leadKey } from '../../src/domain/cadence-leads.js';
import { plannedReminders } from '../../src/domain/cadence-reminders.js';
import type { IsoWeekday } from '../../src/domain/model.js';

// Expected instants are hand-checked UTC literals, never from the code under test.

function cadence(settings: Partial<CadenceSettings> & Pick<CadenceSettings, 'kind'>): Cadence {
  const base = DEFAULT_CADENCES.find((d) => d.kind === settings.kind)!;
  return { id: 1, channelId: 1, ...base, ...settings };
}

const t = (hh: number, mm = 0) => hh * 60 + mm;
const SUN: IsoWeekday = 7;

const MON_FRI: IsoWeekday[] = [1, 2, 3, 4, 5];
const EVERY_DAY: IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

describe('reminder times', () => {
  const iso = (
    c: Cadence,
    zone: string,
    after: string,
    skips: string[] = [],
    days = EVERY_DAY,
    holidays: string[] = [],
  ) =>
    plannedReminders(c, { timezone: zone, days, holidays }, new Date(after), new Set(skips)).map(
      (r) => `${r.meeting.localDate} ${leadKey(r.lead)} ${r.dueAt.toISOString()}`,
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

  it('a reminder that would fall on a weekend moves to the working day before, at the same local time', () => {
    // Monday 7 Dec 2026 10:00 EST (15:00Z). Three days before is Friday 4 Dec; one day before is Sunday 6 Dec,
    // which moves to Friday 4 Dec 10:00 too: one reminder, the longer lead's.
    const c = cadence({ kind: 'weekly', weekday: 1, time: t(10), leads: [3 * 1440, 1440, 15] });
    expect(iso(c, 'America/New_York', '2026-12-01T00:00:00Z', [], MON_FRI)).toEqual([
      '2026-12-07 4320 2026-12-04T15:00:00.000Z',
      '2026-12-07 15 2026-12-07T14:45:00.000Z',
      '2026-12-14 4320 2026-12-11T15:00:00.000Z',
    ]);
    // Four days before a Monday is Thursday: a working day, so it stays.
    const four = cadence({ kind: 'weekly', weekday: 1, time: t(10), leads: [4 * 1440] });
    expect(iso(four, 'America/New_York', '2026-12-01T00:00:00Z', [], MON_FRI)[0]).toBe(
      '2026-12-07 5760 2026-12-03T15:00:00.000Z',
    );
  });

  it('counts business days: 1bd before Monday is Friday, and a holiday is skipped', () => {
    const c = cadence({ kind: 'weekly', weekday: 1, time: t(10), leads: [{ businessDays: 1 }] });
    expect(iso(c, 'America/New_York', '2026-12-01T00:00:00Z', [], MON_FRI)[0]).toBe(
      '2026-12-07 1bd 2026-12-04T15:00:00.000Z',
    );
    // Friday 4 Dec a holiday: the business day before Monday is Thursday 3 Dec.
    expect(iso(c, 'America/New_York', '2026-12-01T00:00:00Z', [], MON_FRI, ['2026-12-04'])[0]).toBe(
      '2026-12-07 1bd 2026-12-03T15:00:00.000Z',
    );
    const two = cadence({ kind: 'weekly', weekday: 2, time: t(10), leads: [{ businessDays: 2 }] });
    expect(iso(two, 'America/New_York', '2026-12-01T16:00:00Z', [], MON_FRI)[0]).toBe(
      '2026-12-08 2bd 2026-12-04T15:00:00.000Z',
    );
  });

  it('keeps a reminder on the meeting day itself, even when that day is not a working day', () => {
    const c = cadence({ kind: 'weekly', weekday: 6, time: t(10), leads: [15] });
    expect(iso(c, 'America/New_York', '2026-12-01T00:00:00Z', [], MON_FRI)[0]).toBe(
      '2026-12-05 15 2026-12-05T14:45:00.000Z',
    );
  });
});
