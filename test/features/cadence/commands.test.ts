import { describe, expect, it } from 'vitest';
import { type Harness, makeHarness, SETUP } from '../../harness.js';
import { codeIn, sayConfirmed } from '../../helpers/confirm.js';
import { joinPatterns } from '../../helpers/pattern.js';

/** Mon 30 Nov 2026 09:00 EST. */
const START = '2026-11-30T14:00:00Z';

async function setUp() {
  const t = await makeHarness({ start: START });
  await t.sayText('alice', SETUP);
  return t;
}

/** Everything a cadence command could change: the cadences, their skips, the planned reminders. */
async function snapshot(t: Harness) {
  const id = (await t.channel()).id;
  const cadences = await t.store.cadences.list(id);
  return JSON.stringify({
    cadences,
    skips: await Promise.all(cadences.map((c) => t.store.cadences.skips(c.id))),
    jobs: (await t.jobs('cadence-reminder')).filter((j) => j.state === 'pending'),
  });
}

const pendingKeys = async (t: Harness) =>
  (await t.jobs('cadence-reminder'))
    .filter((j) => j.state === 'pending')
    .map((j) => j.key.replace(/^cadence:\d+:/, ''));

describe('cadence', () => {
  it('shows the three default syncs, each with its next three dates in local time', async () => {
    const t = await setUp();
    const out = await t.sayText('bob', 'cadence');
    expect(out).toContain('Weekly tactical sync — every Tuesday at 10:00, 60 min · reminders 1 day and 15 min before');
    expect(out).toMatch(
      /Tue 1 Dec 2026 10:00–11:00 EST\n\s+• Tue 8 Dec 2026 10:00–11:00 EST\n\s+• Tue 15 Dec 2026 10:00–11:00 EST/,
    );
    expect(out).toContain('Monthly operational review — first Wednesday of the month at 14:00, 60 min');
    expect(out).toMatch(
      /Wed 2 Dec 2026 14:00–15:00 EST\n\s+• Wed 6 Jan 2027 14:00–15:00 EST\n\s+• Wed 3 Feb 2027 14:00–15:00 EST/,
    );
    expect(out).toContain(
      "Quarterly strategic review — first Thursday of the quarter's first month (Jan, Apr, Jul, Oct) at 14:00",
    );
    // April is on daylight time.
    expect(out).toMatch(
      /Thu 7 Jan 2027 14:00–15:00 EST\n\s+• Thu 1 Apr 2027 14:00–15:00 EDT\n\s+• Thu 1 Jul 2027 14:00–15:00 EDT/,
    );
  });

  it('marks a date that falls on a holiday', async () => {
    const t = await setUp();
    await t.sayText('alice', 'holiday add 2026-12-08 Staff day');
    expect(await t.sayText('bob', 'cadence')).toContain('Tue 8 Dec 2026 10:00–11:00 EST — a holiday (Staff day)');
  });

  it('plans the reminders of each sync at setup', async () => {
    const t = await setUp();
    expect(await pendingKeys(t)).toEqual([
      'weekly:2026-12-01:1440',
      'weekly:2026-12-01:15',
      'monthly:2026-12-02:1440',
      'monthly:2026-12-02:15',
      'quarterly:2027-01-07:1440',
      'quarterly:2027-01-07:15',
    ]);
  });
});

describe('cadence set', () => {
  it('moves the monthly review to the last Friday, answers with the next three dates, audits and replans', async () => {
    const t = await setUp();
    const out = await t.sayText('alice', 'cadence set monthly last friday 15:00');
    expect(out).toContain('The monthly operational review now meets last Friday of the month at 15:00, for 60 min.');
    expect(out).toMatch(
      /Fri 25 Dec 2026 15:00–16:00 EST\n\s+• Fri 29 Jan 2027 15:00–16:00 EST\n\s+• Fri 26 Feb 2027 15:00–16:00 EST/,
    );
    expect((await pendingKeys(t)).filter((k) => k.startsWith('monthly'))).toEqual([
      'monthly:2026-12-25:1440',
      'monthly:2026-12-25:15',
    ]);
    expect(await t.sayText('bob', 'audit 1')).toMatch(
      /alice · cadence\.set monthly — when: first Wednesday 14:00 → last Friday 15:00/,
    );
  });

  it('sets a weekly day, time and duration', async () => {
    const t = await setUp();
    const out = await t.sayText('alice', 'cadence set weekly thu 09:30 duration:45');
    expect(out).toContain('The weekly tactical sync now meets every Thursday at 09:30, for 45 min.');
    expect(out).toMatch(/Thu 3 Dec 2026 09:30–10:15 EST/);
  });

  it(
    'sets the quarterly review within a chosen month of the quarter, and keeps that month when it ' + 'is not given',
    async () => {
      const t = await setUp();
      expect(await t.sayText('alice', 'cadence set quarterly last monday month:3 09:00')).toMatch(
        joinPatterns([
          /last Monday of the quarter's third month \(Mar, Jun, Sep, Dec\) at 09:00[\s\S]*/,
          /Mon 28 Dec 2026 09:00–10:00 EST\n/,
          /\s+• Mon 29 Mar 2027 09:00–10:00 EDT\n/,
          /\s+• Mon 28 Jun 2027 09:00–10:00 EDT/,
        ]),
      );
      expect(await t.sayText('alice', 'cadence set quarterly second tuesday 11:00')).toMatch(
        /second Tuesday of the quarter's third month[\s\S]*Tue 8 Dec 2026 11:00/,
      );
    },
  );

  it.each([
    ['cadence set', /Say which sync: weekly, monthly, quarterly/],
    ['cadence set daily mon 10:00', /“daily” is not one of the syncs/],
    [
      'cadence set weekly tuesday',
      /Something is missing after `cadence set weekly`. Write it as `cadence set weekly <day> <HH:MM>/,
    ],
    ['cadence set weekly someday 10:00', /“someday” is not a day of the week/],
    ['cadence set weekly tuesday 25:00', /“25:00” is not a time of day, e.g. 14:00, 2pm or 2:30pm/],
    ['cadence set monthly fifth friday 15:00', /Not every month has a fifth one of a weekday; say `last`/],
    ['cadence set monthly friday 15:00', /Something is missing after `cadence set monthly`/],
    ['cadence set monthly last friday 15:00 month:2', /`month:` is only for the quarterly sync/],
    [
      'cadence set quarterly first thursday month:4 14:00',
      /`month:` is the month of the quarter it meets in: 1 \(Jan, Apr, Jul, Oct\)/,
    ],
    [
      'cadence set weekly tuesday 10:00 duration:0',
      /`duration:` is the length of the meeting in minutes, from 5 to 480/,
    ],
    ['cadence remind weekly soon', /“soon” is not a lead time/],
    ['cadence remind weekly 0m', /A reminder must come before the meeting/],
    ['cadence remind weekly 15d', /at most 14 days before/],
    ['cadence remind weekly', /Give at least one lead time/],
    ['cadence skip weekly 8/12/2026', /“8\/12\/2026” is not a date. Write it as YYYY-MM-DD/],
    ['cadence off', /Say which sync/],
  ])('“%s” is a usage error that says what to type, and changes nothing', async (line, message) => {
    const t = await setUp();
    const before = await snapshot(t);
    const out = await t.sayText('alice', line);
    expect(out).toMatch(message);
    expect(out).toMatch(/Usage: `cadence/);
    expect(await snapshot(t)).toBe(before);
  });
});

describe('cadence remind', () => {
  it('sets the lead times, longest first, and replans the reminders', async () => {
    const t = await setUp();
    expect(await t.sayText('alice', 'cadence remind weekly 30m, 2h')).toContain(
      'Reminders for the weekly tactical sync now come 2 h and 30 min before',
    );
    expect((await pendingKeys(t)).filter((k) => k.startsWith('weekly'))).toEqual([
      'weekly:2026-12-01:120',
      'weekly:2026-12-01:30',
    ]);
  });
});

describe('cadence skip and unskip', () => {
  it('skips one meeting: left out of the next dates, no reminders planned for it', async () => {
    const t = await setUp();
    const out = await t.sayText('alice', 'cadence skip weekly 2026-12-01');
    expect(out).toContain('The weekly tactical sync of Tue 1 Dec 2026 is skipped: no reminders for it.');
    expect(out).toMatch(
      joinPatterns([
        /Tue 8 Dec 2026 10:00–11:00 EST\n/,
        /\s+• Tue 15 Dec 2026[^\n]*\n/,
        /\s+• Tue 22 Dec 2026[^\n]*\n/,
        /\s+Skipped: Tue 1 Dec 2026\./,
      ]),
    );
    expect((await pendingKeys(t)).filter((k) => k.startsWith('weekly'))).toEqual([
      'weekly:2026-12-08:1440',
      'weekly:2026-12-08:15',
    ]);
    expect(await t.sayText('bob', 'audit 1')).toMatch(/alice · cadence\.skip weekly — added 2026-12-01/);

    expect(await t.sayText('alice', 'cadence unskip weekly 2026-12-01')).toContain(
      'The weekly tactical sync of 2026-12-01 is on again.',
    );
    expect((await pendingKeys(t)).filter((k) => k.startsWith('weekly'))).toEqual([
      'weekly:2026-12-01:1440',
      'weekly:2026-12-01:15',
    ]);
  });

  it('refuses a date the sync does not meet on, a past one and one already skipped', async () => {
    const t = await setUp();
    expect(await t.sayText('alice', 'cadence skip weekly 2026-12-02')).toContain(
      'The weekly tactical sync does not meet on 2026-12-02 (or that meeting has started). Its next dates are Tue ' +
        '2026-12-01, Tue 2026-12-08, Tue 2026-12-15.',
    );
    expect(await t.sayText('alice', 'cadence skip weekly 2026-11-24')).toMatch(
      /2026-11-24 is in the past; only an upcoming meeting can be skipped/,
    );
    await t.sayText('alice', 'cadence skip monthly 2027-01-06');
    expect(await t.sayText('alice', 'cadence skip monthly 2027-01-06')).toContain(
      'The monthly operational review of 2027-01-06 is already skipped.',
    );
    expect(await t.sayText('alice', 'cadence unskip monthly 2027-02-03')).toContain(
      'is not skipped. Skipped: 2027-01-06.',
    );
  });
});

describe('cadence off and on', () => {
  it('turning a sync off cancels its reminders; on plans them again', async () => {
    const t = await setUp();
    const asked = await t.sayText('alice', 'cadence off quarterly');
    expect(asked).toContain('This turns the quarterly strategic review off: no reminders and no agenda');
    // Asked, not done: the reminders are still planned until the manager confirms.
    expect((await pendingKeys(t)).some((k) => k.startsWith('quarterly'))).toBe(true);
    expect(await t.sayText('alice', `confirm ${codeIn(asked)}`)).toContain(
      'The quarterly strategic review is off: no reminders until a manager types `cadence on quarterly`.',
    );
    expect((await pendingKeys(t)).some((k) => k.startsWith('quarterly'))).toBe(false);
    expect(await t.sayText('bob', 'cadence')).toMatch(/Quarterly strategic review — [^\n]*\n\s+Off: no reminders/);
    expect(await t.sayText('alice', 'cadence off quarterly')).toContain('already off');

    expect(await t.sayText('alice', 'cadence on quarterly')).toMatch(
      /is on again[\s\S]*Thu 7 Jan 2027 14:00–15:00 EST/,
    );
    expect((await pendingKeys(t)).filter((k) => k.startsWith('quarterly'))).toEqual([
      'quarterly:2027-01-07:1440',
      'quarterly:2027-01-07:15',
    ]);
  });
});

describe('manager-only changes', () => {
  it.each([
    'cadence set monthly first monday 09:00',
    'cadence set weekly friday 16:00 duration:30',
    'cadence set quarterly last friday month:2 10:00',
    'cadence remind weekly 2h',
    'cadence skip weekly 2026-12-08',
    'cadence unskip weekly 2026-12-08',
    'cadence off monthly',
    'cadence on monthly',
  ])('“%s” is refused for a non-manager, with the reason, and changes nothing', async (line) => {
    const t = await setUp();
    if (line.startsWith('cadence unskip')) await t.sayText('alice', 'cadence skip weekly 2026-12-08');
    if (line === 'cadence on monthly') await sayConfirmed(t, 'alice', 'cadence off monthly');
    const before = await snapshot(t);
    const out = await t.sayText('bob', line);
    expect(out).toMatch(
      /Only managers of this channel can run `cadence \w+`\. Here, managers of Acme \(internal IT\): @alice;/,
    );
    expect(await snapshot(t)).toBe(before);
    expect((await t.store.audit.recent((await t.channel()).id, 1))[0]).toMatchObject({
      actorName: 'bob',
      outcome: 'refused',
    });
  });

  it('anyone may look and preview an agenda', async () => {
    const t = await setUp();
    expect(await t.sayText('bob', 'cadence agenda weekly')).toMatch(
      /Preview[\s\S]*Weekly tactical sync — tomorrow at 10:00[\s\S]*1\. Open escalations \(0\)/,
    );
  });
});
