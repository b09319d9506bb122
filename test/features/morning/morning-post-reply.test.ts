import { afterEach, describe, expect, it } from 'vitest';
import { renderMessages } from '../../../adapters/slack/render.js';
import { type Harness, makeHarness, setupLine } from '../../harness.js';
import { stubRepo } from '../../helpers/stub-store.js';

let open: Harness[] = [];
afterEach(() => {
  for (const t of open) t.close();
  open = [];
});
async function tandem(at: string, timezone?: string): Promise<Harness> {
  const zone = timezone ?? 'America/New_York';
  const t = await makeHarness({ start: at, timezone: zone, dbPath: 'temp', setup: setupLine(zone) });
  open.push(t);
  return t;
}

/** Runs `line` as `who` at local time `at` (the clock moves there first, running what falls due). */
async function sayAt(t: Harness, at: string, who: string, line: string): Promise<string> {
  await t.advanceTo(at);
  return t.sayText(who, line);
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
        '@it-team: a quiet weekend — no escalations and no handoff notes from Fri 2 Oct 17:00 GMT+10 to Mon 5 ' +
        'Oct 08:00 GMT+11 (62 hours).',
    },
    {
      name: 'Sydney, clocks back in April',
      tz: 'Australia/Sydney',
      from: '2026-04-03T16:30',
      to: '2026-04-06T09:00',
      postedAt: '2026-04-05T22:00:00.000Z',
      says:
        '@it-team: a quiet weekend — no escalations and no handoff notes from Fri 3 Apr 17:00 GMT+11 to Mon 6 ' +
        'Apr 08:00 GMT+10 (64 hours).',
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

describe('what the morning post says', () => {
  it('groups the weekend’s escalations by where they stand, with who handled them, and lists the notes', async () => {
    const t = await tandem('2026-11-27T15:00');
    // ESC-1, business hours, to the internal team
    await sayAt(t, '2026-11-27T15:00', 'bob', 'escalate printer jam on floor 2 p4');
    await sayAt(t, '2026-11-27T16:00', 'bob', 'escalate firewall rule review p4'); // ESC-2, business hours, to the MSP
    await sayAt(t, '2026-11-27T16:00', 'carol', 'handoff note this one stays out of the morning post');
    await sayAt(
      t,
      '2026-11-27T16:30',
      'carol',
      'handoff note --overnight patching the file servers tonight from 20:00',
    );
    await sayAt(t, '2026-11-27T16:45', 'carol', 'escalate backup job failing p4'); // ESC-3
    await sayAt(t, '2026-11-27T17:30', 'dave', 'escalate VPN down at the warehouse p2'); // ESC-4, after hours
    await sayAt(t, '2026-11-27T17:40', 'nina', 'ack ESC-4');
    await sayAt(t, '2026-11-27T18:00', 'nina', 'resolve ESC-2 rule reviewed, nothing to change');
    await sayAt(t, '2026-11-27T19:00', 'nina', 'resolve ESC-4 restarted the tunnel');
    await sayAt(
      t,
      '2026-11-28T02:00',
      'dave',
      'escalate new hire laptop not enrolled p4 area:"onboarding and offboarding"',
    ); // ESC-5
    await sayAt(t, '2026-11-28T03:00', 'nina', 'handback ESC-5 needs HR approval in the portal');
    await sayAt(
      t,
      '2026-11-28T10:00',
      'nina',
      'handback ESC-3 disk full on the backup target; please order a new disk',
    );
    await sayAt(t, '2026-11-28T22:00', 'nina', 'handoff note patched the file server, rebooted at 21:40');
    await sayAt(t, '2026-11-29T09:00', 'erin', 'escalate phishing report from the CFO p1'); // ESC-6
    await sayAt(t, '2026-11-29T09:03', 'omar', 'ack ESC-6');
    await sayAt(t, '2026-11-29T10:00', 'omar', 'note ESC-6 vendor case 7781 opened');
    await sayAt(t, '2026-11-29T20:00', 'erin', 'escalate shared drive slow p4'); // ESC-7
    await sayAt(t, '2026-11-30T07:30', 'omar', 'handoff note all quiet since 06:00');
    await t.advanceTo('2026-11-30T09:00');

    const [post, ...others] = t.posts('Morning handoff');
    expect(others).toEqual([]);
    expect(post!.at.toISOString()).toBe('2026-11-30T13:00:00.000Z');
    expect(post!.text).toBe(
      [
        '== Morning handoff — Mon 30 Nov ==',
        '@it-team: here is what happened from Fri 27 Nov 17:00 EST to Mon 30 Nov 08:00 EST (the weekend, 63 hours).',
        'Handed back for internal follow-up (2)',
        '  • ESC-3 · P4 · backup job failing (opened Fri 27 Nov 16:45 EST) — handed back by @nina, Sat 28 Nov 10:00 ' +
          'EST: “disk full on the backup target; please order a new disk”; nobody has picked it up yet',
        '  • ESC-5 · P4 · new hire laptop not enrolled — handed back by @nina, Sat 28 Nov 03:00 EST: “needs HR ' +
          'approval in the portal”; nobody has picked it up yet',
        'Still open (2)',
        '  • ESC-6 · P1 · phishing report from the CFO — acknowledged by @omar, Sun 29 Nov 09:03 EST; with ' +
          'Northwind (MSP)',
        '  • ESC-7 · P4 · shared drive slow — not acknowledged yet, waiting for Northwind (MSP)',
        'Resolved overnight (2)',
        '  • ESC-4 · P2 · VPN down at the warehouse — resolved by @nina, Fri 27 Nov 19:00 EST: “restarted the tunnel”',
        '  • ESC-2 · P4 · firewall rule review (opened Fri 27 Nov 16:00 EST) — resolved by @nina, Fri 27 Nov 18:00 ' +
          'EST: “rule reviewed, nothing to change”',
        'Notes (4)',
        '  • Fri 27 Nov 16:30 EST · @carol: patching the file servers tonight from 20:00',
        '  • Sat 28 Nov 22:00 EST · @nina: patched the file server, rebooted at 21:40',
        '  • Sun 29 Nov 10:00 EST · @omar on ESC-6: vendor case 7781 opened',
        '  • Mon 30 Nov 07:30 EST · @omar: all quiet since 06:00',
        '  Still unresolved from before this window: ESC-1. Type `escalations` to see them.',
        '  In this window: 6 escalations — 2 resolved, 2 handed back, 2 still open · 4 notes.',
      ].join('\n'),
    );
    // The internal team is mentioned (a real mention, not just its name in the text).
    const intro = post!.reply.blocks[1]!;
    expect(intro.kind === 'paragraph' && intro.spans[0]).toEqual({
      kind: 'mention',
      mention: { kind: 'user', id: 'it-team', label: 'it-team' },
    });
  });

  it('a handback picked up by the internal team says who took it; the next morning it is no longer news', async () => {
    const t = await tandem('2026-11-30T16:30');
    await sayAt(t, '2026-11-30T22:00', 'nina', 'escalate new laptop for the CFO p4 area:"onboarding and offboarding"');
    await sayAt(t, '2026-11-30T23:00', 'nina', 'handback ESC-1 ordered; needs setup in the morning');
    await sayAt(t, '2026-12-01T07:45', 'bob', 'ack ESC-1');
    await t.advanceTo('2026-12-02T09:00');
    const [tuesday, wednesday] = t.posts('Morning handoff');
    expect(tuesday!.text).toContain(
      '• ESC-1 · P4 · new laptop for the CFO — handed back by @nina, Mon 30 Nov 23:00 EST: “ordered; needs setup in ' +
        'the morning”; picked up by @bob, Tue 1 Dec 07:45 EST',
    );
    expect(wednesday!.text).toContain('a quiet night');
    expect(wednesday!.text).toContain('Still unresolved from before this window: ESC-1 (handed back).');
  });

  it('lists the syncs due that day', async () => {
    const t = await tandem('2026-11-30T16:30');
    await t.advanceTo('2026-12-01T09:00');
    // The default weekly tactical sync is on Tuesdays at 10:00.
    expect(t.posts('Morning handoff')[0]!.text).toContain('Syncs today\n  • Weekly tactical sync at 10:00 EST');
  });

  it('still goes out when the syncs cannot be read, and says so instead of claiming there are none', async () => {
    const t = await tandem('2026-11-30T16:30');
    stubRepo(t.store, 'cadences', {
      list: async () => {
        throw new Error('cadence table unreadable');
      },
    });
    await t.advanceTo('2026-12-01T09:00');
    const [post] = t.posts('Morning handoff');
    expect(post!.text).toContain("Today's syncs could not be listed (a fault on my side); type `cadence` to see them.");
    expect(post!.text).not.toContain('Syncs today');
  });

  it('summarises long content with counts instead of cutting it off, and stays one Slack message', async () => {
    const t = await tandem('2026-11-27T16:30');
    const channel = (await t.store.channels.all())[0]!;
    const person = await t.store.people.upsert('console', 'nina', 'nina');
    for (let i = 1; i <= 43; i++) {
      const openedAt = t.instant(
        `2026-11-28T${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 10).padStart(2, '0')}`,
      );
      const e = await t.store.escalations.open({
        channelId: channel.id,
        summary: `disk alert on server ${i} `.repeat(i === 1 ? 20 : 1).trim(),
        areaId: null,
        areaName: null,
        priority: 'P4',
        ticket: null,
        fromPersonId: person.id,
        fromTeam: 'internal',
        toTeam: 'msp',
        afterHours: true,
        openedAt,
      });
      await t.store.escalations.update(e.id, {
        state: 'resolved',
        resolvedAt: new Date(openedAt.getTime() + 600_000),
        resolvedBy: person.id,
        resolutionNote: 'cleared',
      });
    }
    for (let i = 1; i <= 11; i++)
      await t.store.handoffNotes.add({
        channelId: channel.id,
        at: t.instant(`2026-11-29T${String(i).padStart(2, '0')}:00`),
        authorId: person.id,
        text: `checked rack ${i}`,
        overnight: false,
      });
    await t.advanceTo('2026-11-30T09:00');

    const [post] = t.posts('Morning handoff');
    const lines = post!.text.split('\n');
    expect(lines).toContain('Resolved overnight (43)');
    expect(lines.filter((l) => /^ {2}• ESC-\d+/.test(l))).toHaveLength(6);
    expect(lines).toContain('  • … and 37 more resolved');
    expect(lines).toContain('Notes (11)');
    expect(lines).toContain('  • … and 3 more notes');
    expect(lines).toContain('  In this window: 43 escalations — 43 resolved, 0 handed back, 0 still open · 11 notes.');
    // A very long summary is visibly shortened, not dropped.
    expect(post!.text).toMatch(/ESC-1 · P4 · disk alert on server 1 disk alert .*… — resolved by @nina/);
    expect(renderMessages(post!.reply)).toHaveLength(1);
  });
});

describe('handoff: the preview', () => {
  it('shows the next morning post only to the asker, as it stands now, and posts nothing', async () => {
    const t = await tandem('2026-11-27T16:30');
    await sayAt(t, '2026-11-28T02:00', 'nina', 'escalate VPN down at the warehouse p4');
    await sayAt(t, '2026-11-28T03:00', 'nina', 'handoff note rebooted the concentrator');
    const before = t.chat.delivered.length;
    const reply = await t.handle('bob', 'handoff');
    expect(reply.visibility).toBe('ephemeral');
    const text = (await t.sayText('bob', '/handoff')).split('\n');
    expect(text[0]).toBe('== Preview: Morning handoff — Mon 30 Nov ==');
    expect(text).toContain('  This is a preview. The post goes to the channel at Mon 30 Nov 2026 08:00 EST.');
    expect(text).toContain('  The window is still open: this is what the post would say now.');
    expect(text).toContain(
      '  • ESC-1 · P4 · VPN down at the warehouse — not acknowledged yet, waiting for Northwind (MSP)',
    );
    expect(text).toContain('  • Sat 28 Nov 03:00 EST · @nina: rebooted the concentrator');
    expect(t.chat.delivered.length).toBe(before);
  });

  it('before the window opens it holds only the notes left with --overnight', async () => {
    const t = await tandem('2026-11-27T14:00');
    expect(await t.sayText('carol', 'handoff note the CFO is travelling, expect VPN calls')).toBe(
      [
        'Logged at 14:00 EST.',
        'It is business hours, so this note is in no morning post. To put a note in the next one (Mon 30 Nov 2026 ' +
          '08:00 EST), write it with `--overnight`: `handoff note --overnight <text>`.',
      ].join('\n'),
    );
    expect(await t.sayText('carol', 'handoff note --overnight the CFO is travelling, expect VPN calls')).toBe(
      'Logged at 14:00 EST as an overnight note: it will be in the morning handoff posted Mon 30 Nov 2026 08:00 EST.',
    );
    const preview = await t.sayText('carol', 'handoff');
    expect(preview).toContain(
      'Its window opens at Fri 27 Nov 2026 17:00 EST; until then only notes logged with `handoff note --overnight` ' +
        'are in it.',
    );
    expect(preview.match(/expect VPN calls/g)).toHaveLength(1);
    expect(preview).toContain('In this window: no escalations · 1 note.');
  });

  it('points a mistyped handoff to the right commands', async () => {
    const t = await tandem('2026-11-27T14:00');
    expect(await t.sayText('bob', 'handoff notes')).toMatch(
      /`handoff` alone previews the next morning post\. To log what you did: `handoff note <text>`/,
    );
    expect(await t.sayText('bob', 'handoff note')).toMatch(/Say what you did/);
  });
});

describe('handoff time: when the post goes out (managers)', () => {
  it('moves the next post, says when it is, and is audited', async () => {
    const t = await tandem('2026-11-27T16:30');
    expect(await t.sayText('alice', 'handoff time +30m')).toBe(
      'The morning handoff now posts each business day at 08:30 (30 min after the start of business); it was 08:00. ' +
        'Next: Mon 30 Nov 2026 08:30 EST.',
    );
    expect(await t.sayText('alice', 'audit 1')).toMatch(
      /handoff\.time.*08:00 \(the start of business\).*08:30 \(30 min after the start of business\)/s,
    );
    await t.advanceTo('2026-11-30T09:00');
    expect(t.posts('Morning handoff').map((p) => p.at.toISOString())).toEqual(['2026-11-30T13:30:00.000Z']);
  });

  it('takes a local time too, and refuses times outside business hours and non-managers', async () => {
    const t = await tandem('2026-11-27T16:30');
    expect(await t.sayText('alice', 'handoff time 08:15')).toMatch(
      /^The morning handoff now posts each business day at 08:15 \(15 min after the start of business\)/,
    );
    expect(await t.sayText('alice', 'handoff time 07:30')).toMatch(/07:30 is before the start of business \(08:00\)/);
    expect(await t.sayText('alice', 'handoff time -15m')).toMatch(/goes out at the start or after it/);
    expect(await t.sayText('alice', 'handoff time 17:30')).toMatch(/after the end of business \(17:00\)/);
    expect(await t.sayText('bob', 'handoff time +1h')).toMatch(/Only managers of this channel can run `handoff time`/);
    expect(
      t
        .jobs('morning-post')
        .filter((j) => j.state === 'pending')
        .map((j) => new Date(j.dueAt).toISOString()),
    ).toEqual(['2026-11-30T13:15:00.000Z']);
  });
});

describe('changes to the calendar move the next morning post', () => {
  it('hours set, hours tz, holiday add and remove each replan the pending post', async () => {
    const t = await tandem('2026-11-27T16:30');
    const pending = () =>
      t
        .jobs('morning-post')
        .filter((j) => j.state === 'pending')
        .map((j) => `${j.key} ${new Date(j.dueAt).toISOString()}`);
    expect(pending()).toEqual(['morning:1:2026-11-30 2026-11-30T13:00:00.000Z']);
    await t.sayText('alice', 'hours set mon-fri 09:00-18:00');
    expect(pending()).toEqual(['morning:1:2026-11-30 2026-11-30T14:00:00.000Z']);
    await t.sayText('alice', 'holiday add 2026-11-30 Company day');
    expect(pending()).toEqual(['morning:1:2026-12-01 2026-12-01T14:00:00.000Z']);
    await t.sayText('alice', 'holiday remove 2026-11-30');
    expect(pending()).toEqual(['morning:1:2026-11-30 2026-11-30T14:00:00.000Z']);
    await t.sayText('alice', 'hours tz Europe/London');
    expect(pending()).toEqual(['morning:1:2026-11-30 2026-11-30T09:00:00.000Z']);
  });

  it('a holiday added for Monday makes Tuesday’s post cover the whole long weekend', async () => {
    const t = await tandem('2026-11-27T16:30');
    await t.sayText('alice', 'holiday add 2026-11-30 Company day');
    await sayAt(t, '2026-11-30T11:00', 'nina', 'handoff note swapped the core switch PSU');
    await t.advanceTo('2026-12-01T09:00');
    const [post, ...others] = t.posts('Morning handoff');
    expect(others).toEqual([]);
    expect(post!.text).toContain(
      'from Fri 27 Nov 17:00 EST to Tue 1 Dec 08:00 EST (Company day (Mon 30 Nov) and the weekend, 87 hours)',
    );
    expect(post!.text).toContain('@nina: swapped the core switch PSU');
  });

  it('a channel set up after its morning gets no post that day; the first one is the next business day', async () => {
    const t = await tandem('2026-11-30T10:00');
    await t.advanceTo('2026-12-01T09:00');
    expect(t.posts('Morning handoff').map((p) => p.at.toISOString())).toEqual(['2026-12-01T13:00:00.000Z']);
  });
});
