import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, makeHarness } from '../../harness.js';

// New York across the November 2027 change (Sun 7 Nov, 02:00 EDT → 01:00 EST): what the listing and
// the reminders say about a meeting in the repeated hour, and a day before across the change.

const SETUP = 'setup org:Acme msp:Northwind tz:America/New_York internal:@it-team msp-team:@noc';

describe('sync times across a DST change', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('a meeting at 01:30 EDT on the change day is listed 01:30 EDT–01:30 EST, an hour long', async () => {
    h = await makeHarness({ start: '2027-11-01T14:00:00Z', setup: SETUP });
    await h.say('alice', 'cadence set weekly sunday 01:30');
    expect(await h.sayText('bob', 'cadence')).toContain('Sun 7 Nov 2027 01:30 EDT–01:30 EST');
    await h.say('alice', 'cadence set weekly sunday 10:00');
    expect(await h.sayText('bob', 'cadence')).toContain('Sun 7 Nov 2027 10:00–11:00 EST');
  });

  it('the reminder a day before, across the change, says "tomorrow at 10:00" and shows the range', async () => {
    h = await makeHarness({ start: '2027-11-01T14:00:00Z', setup: SETUP });
    // Seven working days, so the day-before reminder stays on Saturday.
    await h.say('alice', 'hours set mon-sun 08:00-17:00');
    await h.say('alice', 'cadence set weekly sunday 10:00');
    await h.advanceTo('2027-11-07T16:00:00Z');
    const [dayBefore, quarterHour] = h.posts(/^== Weekly tactical sync/).filter((p) => p.text.includes('7 Nov'));
    // Sat 6 Nov 10:00 EDT is 25 hours before Sun 7 Nov 10:00 EST.
    expect(dayBefore!.at.toISOString()).toBe('2027-11-06T14:00:00.000Z');
    expect(dayBefore!.text).toContain('== Weekly tactical sync — tomorrow at 10:00 ==');
    expect(dayBefore!.text).toContain('is on Sun 7 Nov 2027 10:00–11:00 EST (tomorrow at 10:00).');
    expect(quarterHour!.text).toContain('== Weekly tactical sync — in 15 min ==');
  });
});
