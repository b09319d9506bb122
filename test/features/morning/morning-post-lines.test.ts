import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from '../../harness.js';
import { makeMorningChannel } from '../../helpers/morning-channel.js';

// The window a morning post covers, in its words: overnight, the weekend, holidays.

let open: Harness[] = [];
afterEach(() => {
  for (const t of open) t.close();
  open = [];
});
async function tandem(at: string, timezone?: string): Promise<Harness> {
  const t = await makeMorningChannel(at, timezone);
  open.push(t);
  return t;
}

describe('the window a morning post covers, as the post says it', () => {
  const cases = [
    {
      name: 'Monday covers the weekend',
      tz: 'America/New_York',
      from: '2026-11-27T16:30',
      to: '2026-11-30T09:00',
      postedAt: '2026-11-30T13:00:00.000Z',
      says:
        '@it-team: a quiet weekend — no escalations and no handoff notes from Fri 27 Nov 17:00 EST to Mon 30 ' +
        'Nov 08:00 EST (63 hours).',
    },
    {
      name: 'Tuesday covers Monday night',
      tz: 'America/New_York',
      from: '2026-11-30T16:30',
      to: '2026-12-01T09:00',
      postedAt: '2026-12-01T13:00:00.000Z',
      says:
        '@it-team: a quiet night — no escalations and no handoff notes from Mon 30 Nov 17:00 EST to Tue 1 Dec ' +
        '08:00 EST (15 hours).',
    },
    {
      name: 'the day after a holiday covers the holiday',
      tz: 'America/New_York',
      holidays: ['2026-11-26 Thanksgiving Day'],
      from: '2026-11-25T16:30',
      to: '2026-11-27T09:00',
      postedAt: '2026-11-27T13:00:00.000Z',
      says:
        '@it-team: a quiet Thanksgiving Day (Thu 26 Nov) — no escalations and no handoff notes from Wed 25 Nov ' +
        '17:00 EST to Fri 27 Nov 08:00 EST (39 hours).',
    },
    {
      name: 'a long weekend: a Friday holiday and the weekend',
      tz: 'America/New_York',
      holidays: ['2026-12-04 Staff day'],
      from: '2026-12-03T16:30',
      to: '2026-12-07T09:00',
      postedAt: '2026-12-07T13:00:00.000Z',
      says:
        '@it-team: a quiet Staff day (Fri 4 Dec) and weekend — no escalations and no handoff notes from Thu 3 ' +
        'Dec 17:00 EST to Mon 7 Dec 08:00 EST (87 hours).',
    },
    {
      name: 'New York, clocks back: the weekend is an hour longer',
      tz: 'America/New_York',
      from: '2026-10-30T16:30',
      to: '2026-11-02T09:00',
      postedAt: '2026-11-02T13:00:00.000Z',
      says:
        '@it-team: a quiet weekend — no escalations and no handoff notes from Fri 30 Oct 17:00 EDT to Mon 2 Nov ' +
        '08:00 EST (64 hours).',
    },
    {
      name: 'New York, clocks forward: the weekend is an hour shorter',
      tz: 'America/New_York',
      from: '2026-03-06T16:30',
      to: '2026-03-09T09:00',
      postedAt: '2026-03-09T12:00:00.000Z',
      says:
        '@it-team: a quiet weekend — no escalations and no handoff notes from Fri 6 Mar 17:00 EST to Mon 9 Mar ' +
        '08:00 EDT (62 hours).',
    },
    {
      name: 'Sydney, clocks forward in October',
      tz: 'Australia/Sydney',
      from: '2026-10-02T16:30',
      to: '2026-10-05T09:00',
      postedAt: '2026-10-04T21:00:00.000Z',
      says:
        '@it-team: a quiet weekend — no escalations and no handoff notes from Fri 2 Oct 17:00 AEST to Mon 5 ' +
        'Oct 08:00 AEDT (62 hours).',
    },
    {
      name: 'Sydney, clocks back in April',
      tz: 'Australia/Sydney',
      from: '2026-04-03T16:30',
      to: '2026-04-06T09:00',
      postedAt: '2026-04-05T22:00:00.000Z',
      says:
        '@it-team: a quiet weekend — no escalations and no handoff notes from Fri 3 Apr 17:00 AEDT to Mon 6 ' +
        'Apr 08:00 AEST (64 hours).',
    },
  ];

  it.each(cases)('$name', async (c) => {
    const t = await tandem(c.from, c.tz);
    for (const h of c.holidays ?? []) expect(await t.sayText('alice', `holiday add ${h}`)).toMatch(/is a holiday/);
    await t.advanceTo(c.to);
    const posts = t.posts('Morning handoff');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.at.toISOString()).toBe(c.postedAt);
    expect(posts[0]!.text.split('\n')[1]).toBe(c.says);
  });

  it('nothing is posted on the weekend or on a holiday itself', async () => {
    const t = await tandem('2026-11-25T16:30');
    await t.sayText('alice', 'holiday add 2026-11-26 Thanksgiving Day');
    await t.advanceTo('2026-12-01T09:00');
    const days = t.posts('Morning handoff').map((p) => p.text.split('\n')[0]);
    expect(days).toEqual([
      '== Morning handoff — Fri 27 Nov ==',
      '== Morning handoff — Mon 30 Nov ==',
      '== Morning handoff — Tue 1 Dec ==',
    ]);
  });
});
