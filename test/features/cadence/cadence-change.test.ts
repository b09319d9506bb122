import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, makeHarness } from '../../harness.js';

// `cadence remind` with business days, and reminders kept off non-working days.

const SETUP = 'setup org:Acme msp:Northwind tz:America/New_York';

describe('reminders on working days', () => {
  let h: Harness;
  afterEach(() => h.close());

  const remindersPosted = () =>
    h.posts(/^== Weekly tactical sync — /).map((p) => `${p.at.toISOString()} ${p.text.split('\n')[0]}`);

  it('1bd before a Monday sync is Friday at the same time, and the reply says business days', async () => {
    h = await makeHarness({ start: '2026-11-30T09:00', setup: SETUP });
    await h.say('alice', 'cadence set weekly monday 10:00');
    expect(await h.sayText('alice', 'cadence remind weekly 1bd,15m')).toContain(
      'Reminders for the weekly tactical sync now come 1 business day and 15 min before',
    );
    await h.advanceTo('2026-12-07T11:00');
    expect(remindersPosted()).toEqual([
      '2026-11-30T14:45:00.000Z == Weekly tactical sync — in 15 min ==',
      '2026-12-04T15:00:00.000Z == Weekly tactical sync — on Monday at 10:00 ==',
      '2026-12-07T14:45:00.000Z == Weekly tactical sync — in 15 min ==',
    ]);
  });

  it('a day before a Monday sync would be Sunday: it comes on Friday at the same time', async () => {
    h = await makeHarness({ start: '2026-11-30T11:00', setup: SETUP });
    await h.say('alice', 'cadence set weekly monday 10:00');
    await h.say('alice', 'cadence remind weekly 1d');
    await h.advanceTo('2026-12-07T11:00');
    expect(remindersPosted()).toEqual(['2026-12-04T15:00:00.000Z == Weekly tactical sync — on Monday at 10:00 ==']);
  });

  it('reads "2 business days" written apart, and refuses more than ten', async () => {
    h = await makeHarness({ start: '2026-11-30T11:00', setup: SETUP });
    expect(await h.sayText('alice', 'cadence remind monthly 2 business days, 1h')).toContain(
      'now come 2 business days and 1 h before',
    );
    expect(await h.sayText('alice', 'cadence remind monthly 11bd')).toMatch(/1 to 10 business days before/);
  });
});
