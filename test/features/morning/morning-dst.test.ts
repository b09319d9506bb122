import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, makeHarness } from '../../harness.js';

describe('the morning post across a DST change', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('the preview’s footer gives the zone of the day of the post, not of today', async () => {
    // Fri 12 Mar 2027 18:00 EST; Monday's post is after the change, in EDT.
    h = await makeHarness({ start: '2027-03-12T23:00:00Z', setup: 'setup org:Acme msp:Northwind tz:America/New_York' });
    const preview = await h.sayText('bob', 'handoff');
    expect(preview).toContain('Preview: Morning handoff — Mon 15 Mar');
    expect(preview).toMatch(/posts each business day at 08:00 \(the start of business\), EDT\./);
    expect(preview).toMatch(/\(62 hours\)/);
  });

  it('a window across Lord Howe’s 30-minute change is 63½ hours, not rounded to 64', async () => {
    // Fri 2 Apr 2027 18:00 LHDT; Sun 4 Apr 02:00 LHDT → 01:30 LHST.
    h = await makeHarness({
      start: '2027-04-02T07:00:00Z',
      setup: 'setup org:Acme msp:Northwind tz:Australia/Lord_Howe',
    });
    await h.advanceTo('2027-04-04T22:00:00Z'); // Mon 5 Apr 08:30 LHST
    const [post] = h.posts(/Morning handoff — Mon 5 Apr/);
    expect(post!.text).toMatch(/\(63½ hours\)/);
  });
});
