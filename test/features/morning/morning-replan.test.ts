import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, makeHarness } from '../../harness.js';

describe('a change of hours during the day', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('a start already past today sends no morning post “late”: Tandem was running, the hours moved', async () => {
    // Set up on Friday; on Sat 5 Dec 2026 at 09:00 EST a manager makes Saturday a business day from 08:00.
    h = await makeHarness({ start: '2026-12-04T14:00:00Z', setup: 'setup org:Acme msp:Northwind tz:America/New_York' });
    await h.advanceTo('2026-12-05T14:00:00Z');
    await h.say('alice', 'hours set mon-sun 08:00-17:00');
    await h.advanceTo('2026-12-06T14:00:00Z'); // Sun 09:00
    const posts = h.posts(/Morning handoff/);
    expect(posts.filter((p) => /Posted late/.test(p.text))).toEqual([]);
    expect(posts.map((p) => p.at.toISOString())).toEqual(['2026-12-06T13:00:00.000Z']);
  });
});
