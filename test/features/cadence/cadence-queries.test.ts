import { describe, expect, it } from 'vitest';
import { syncsDueOn } from '../../../src/features/cadence/cadence-queries.js';
import { makeHarness } from '../../harness.js';
import { sayConfirmed } from '../../helpers/confirm.js';

/** Acme and Northwind in New York, without team handles. */
const PLAIN_SETUP = 'setup org:Acme msp:Northwind tz:America/New_York';

describe('syncsDueOn (the morning post’s “syncs due today”)', () => {
  it('lists the default weekly sync on a Tuesday and nothing on a Monday', async () => {
    const core = await makeHarness({ start: '2026-11-30T15:00:00Z', setup: PLAIN_SETUP });
    const channel = (await core.findChannel())!;
    // 1 Dec 2026 is a Tuesday; New York is on EST (UTC−5).
    expect(await syncsDueOn(core.store, channel, '2026-12-01')).toEqual([
      { kind: 'weekly', title: 'Weekly tactical sync', startsAt: new Date('2026-12-01T15:00:00Z') },
    ]);
    expect(await syncsDueOn(core.store, channel, '2026-11-30')).toEqual([]);
  });

  it('lists two syncs on a day both fall on, earliest first', async () => {
    const core = await makeHarness({ start: '2026-11-30T15:00:00Z', setup: PLAIN_SETUP });
    // Thu 7 Jan 2027 is the first Thursday of the quarter's first month: the quarterly review.
    await core.say('alice', 'cadence set weekly thursday 09:30');
    const due = await syncsDueOn(core.store, (await core.findChannel())!, '2027-01-07');
    expect(due.map((d) => [d.kind, d.startsAt.toISOString()])).toEqual([
      ['weekly', '2027-01-07T14:30:00.000Z'],
      ['quarterly', '2027-01-07T19:00:00.000Z'],
    ]);
  });

  it('leaves out a skipped occurrence and a cadence that is off', async () => {
    const core = await makeHarness({ start: '2026-11-30T15:00:00Z', setup: PLAIN_SETUP });
    await core.say('alice', 'cadence skip weekly 2026-12-01');
    expect(await syncsDueOn(core.store, (await core.findChannel())!, '2026-12-01')).toEqual([]);
    // Wed 2 Dec 2026 is the first Wednesday: the monthly review, until it is turned off.
    expect((await syncsDueOn(core.store, (await core.findChannel())!, '2026-12-02')).map((d) => d.kind)).toEqual([
      'monthly',
    ]);
    await sayConfirmed(core, 'alice', 'cadence off monthly');
    expect(await syncsDueOn(core.store, (await core.findChannel())!, '2026-12-02')).toEqual([]);
  });

  it('setup stores the three default cadences', async () => {
    const core = await makeHarness();
    await core.say('alice', 'setup org:Acme msp:Northwind tz:Europe/London');
    const stored = await core.store.cadences.list((await core.findChannel())!.id);
    expect(
      stored.map((c) => [c.kind, c.weekday, c.ordinal, c.quarterMonth, c.time, c.durationMinutes, c.leads]),
    ).toEqual([
      ['weekly', 2, null, null, 600, 60, [1440, 15]],
      ['monthly', 3, 'first', null, 840, 60, [1440, 15]],
      ['quarterly', 4, 'first', 1, 840, 60, [1440, 15]],
    ]);
  });
});
