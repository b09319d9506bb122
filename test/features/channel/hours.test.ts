import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, makeHarness } from '../../harness.js';
import { sayConfirmed } from '../../helpers/confirm.js';
import { joinPatterns } from '../../helpers/pattern.js';

// Time words in the channel's commands: IANA zones only, 12-hour times and spaced ranges.

const PLAIN = 'setup org:Acme msp:Northwind';

describe('time words', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('refuses tz:EST and tz:IST with the zones they may mean, and sets nothing up', async () => {
    h = await makeHarness();
    expect(await h.sayText('alice', `${PLAIN} tz:EST`)).toMatch(
      joinPatterns([
        /“EST” is an abbreviation or an offset, not a timezone: .* /,
        /Did you mean America\/New_York, America\/Toronto, .*e\.g\. `tz:America\/New_York`/,
      ]),
    );
    expect(await h.sayText('alice', `${PLAIN} tz:IST`)).toMatch(/Did you mean .*Asia\/Kolkata/);
    expect(await h.findChannel()).toBeNull();
  });

  it('stores a zone typed in any case in its canonical spelling', async () => {
    h = await makeHarness();
    await h.say('alice', `${PLAIN} tz:america/new_york`);
    expect((await h.channel()).timezone).toBe('America/New_York');
    const reply = await sayConfirmed(h, 'alice', 'hours tz australia/sydney');
    expect(reply).toMatch(
      /The timezone is now Australia\/Sydney \(it was America\/New_York\)\. Local time there: .* AEDT\./,
    );
    expect((await h.channel()).timezone).toBe('Australia/Sydney');
  });

  it('offers the nearest zone for a misspelling', async () => {
    h = await makeHarness({ setup: `${PLAIN} tz:America/New_York` });
    expect(await h.sayText('alice', 'hours tz Europe/Londn')).toMatch(
      /“Europe\/Londn” is not a timezone I know\. Did you mean Europe\/London\? e\.g\. `hours tz Europe\/London`/,
    );
  });

  it.each([
    ['hours set mon-fri 7:30am-5:30pm', 'Mon–Fri 07:30–17:30'],
    ['hours set mon-fri 07:30 - 17:30', 'Mon–Fri 07:30–17:30'],
    ['hours set mon-thu 9am to 6pm', 'Mon–Thu 09:00–18:00'],
  ])('%s', async (line, hours) => {
    h = await makeHarness({ setup: `${PLAIN} tz:America/New_York` });
    expect(await h.sayText('alice', line)).toContain(`Business hours are now ${hours} (America/New_York).`);
  });

  it('refuses a bare hour, saying how to write it', async () => {
    h = await makeHarness({ setup: `${PLAIN} tz:America/New_York` });
    expect(await h.sayText('alice', 'hours set mon-fri 9-5')).toMatch(
      /“9-5” is not a time range\. Write it like 08:00-17:00 or 8am-5pm/,
    );
  });

  it('takes 2pm and "2 pm" for a sync and for the morning post', async () => {
    h = await makeHarness({ setup: `${PLAIN} tz:America/New_York` });
    expect(await h.sayText('alice', 'cadence set weekly tue 2pm')).toMatch(/every Tuesday at 14:00/);
    expect(await h.sayText('alice', 'cadence set weekly wed 3 pm')).toMatch(/every Wednesday at 15:00/);
    expect(await h.sayText('alice', 'handoff time 8:30am')).toMatch(/08:30/);
  });
});
