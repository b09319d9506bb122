import { afterEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../../src/kernel/types.js';
import type { Harness } from '../../harness.js';
import { makeEscalationChannel } from '../../helpers/escalation-channel.js';
import { joinPatterns } from '../../helpers/pattern.js';

const NIGHT = '2026-12-01T02:10:00Z'; // Mon 30 Nov 21:10 EST
const DAY = '2026-12-01T15:00:00Z'; // Tue 1 Dec 10:00 EST

let h: Harness;
afterEach(() => h?.close());

/** Everything an escalation command could change, to prove a refusal changed nothing. */
function snapshot(x: Harness) {
  const q = (sql: string) => x.db.$client.prepare(sql).all();
  return JSON.stringify([
    q('select * from escalations order by id'),
    q('select * from escalation_events order by id'),
    q('select id, kind, occurrence_key, state, due_at from jobs order by id'),
    q('select id, op, message_key, state from outbox order by id'),
    q('select escalation_seq from channels'),
  ]);
}

describe('escalate', () => {
  it('after hours: posts the card for the MSP, answers the asker briefly, marks it after hours', async () => {
    h = await makeEscalationChannel({ start: NIGHT });
    const reply = await h.sayText(
      'alice',
      'escalate VPN down for the Boston office P1 ticket:https://psa.example.com/t/48213',
    );
    expect(reply).toBe(
      'ESC-1 is open and posted to the channel for Northwind (MSP): it is after hours, so the MSP takes it.\n' +
        '  Area: complex network issues (from “vpn”) · P1 · re-notified every 5 min until acknowledged',
    );
    expect(h.cardText(1)).toBe(
      [
        '== ESC-1 · P1 · Open ==',
        'VPN down for the Boston office',
        'Area: complex network issues',
        'Priority: P1',
        'From: @alice · @it-team (Acme, internal IT)',
        'To: @northwind-noc (Northwind, MSP) · contact @pat',
        'Ticket: https://psa.example.com/t/48213',
        'Opened: Mon 30 Nov 2026 21:10 EST · after hours',
        'State: Open — waiting for @northwind-noc (Northwind, MSP) to acknowledge',
        '  • Mon 30 Nov 21:10 EST — opened by @alice',
        '  Acknowledge within 5 min (P1); until then I re-notify every 5 min.',
        '  [Acknowledge: ack ESC-1]  [Resolve: resolve ESC-1]  [Hand back: handback ESC-1]',
      ].join('\n'),
    );
    expect(await h.store.escalations.bySeq((await h.channel()).id, 1)).toMatchObject({
      afterHours: true,
      toTeam: 'msp',
      fromTeam: 'internal',
      priority: 'P1',
    });
  });

  it(
    'in business hours an internal area goes to the internal team, from the MSP, without an ' + 'after-hours mark',
    async () => {
      h = await makeEscalationChannel({ start: DAY });
      await h.say('nina', 'escalate printer jammed on floor 3 ticket:48213');
      const card = h.cardText(1)!;
      expect(card).toContain('Area: L1 support / help desk');
      expect(card).toContain('Priority: P3');
      expect(card).toContain('From: @nina · @northwind-noc (Northwind, MSP)');
      expect(card).toContain('To: @it-team (Acme, internal IT)\n');
      expect(card).toContain('Ticket: 48213');
      expect(card).toContain('Opened: Tue 1 Dec 2026 10:00 EST\n');
    },
  );

  it.each([
    ['a Saturday', '2026-12-05T16:00:00Z'],
    ['a holiday', '2026-12-25T16:00:00Z'],
  ])('on %s even an internal area goes to the MSP', async (_name, at) => {
    h = await makeEscalationChannel({ start: DAY });
    await h.say('alice', 'holiday add 2026-12-25 Christmas Day');
    h.clock.set(new Date(at));
    expect(await h.sayText('alice', 'escalate printer jammed on floor 3')).toMatch(
      /for Northwind \(MSP\): it is after hours/,
    );
    expect(h.cardText(1)).toContain('To: @northwind-noc (Northwind, MSP)\n');
  });

  it('in business hours with nothing recognisable goes to the MSP and says how to route it otherwise', async () => {
    h = await makeEscalationChannel({ start: DAY });
    expect(await h.sayText('alice', 'escalate the coffee machine is broken')).toMatch(
      /for Northwind \(MSP\): no area matched, so it goes to the MSP; add `area:`/,
    );
    expect(h.cardText(1)).toContain('Area: none given — routed to Northwind');
  });

  it('asks for area: when the summary could be several areas, and opens nothing', async () => {
    h = await makeEscalationChannel({ start: DAY });
    const before = snapshot(h);
    const reply = await h.sayText('alice', 'escalate printer and VPN both down p2');
    expect(reply).toMatch(
      joinPatterns([
        /The summary could be about more than one area: “L1 support \/ help desk”, “complex network issues”\. /,
        /Say which with `area:`/,
      ]),
    );
    expect(snapshot(h)).toBe(before);
    await h.say('alice', 'escalate printer and VPN both down p2 area:network');
    expect(h.cardText(1)).toContain('Area: complex network issues');
  });

  it('an area: that matches nothing is refused; one with a typo is understood', async () => {
    h = await makeEscalationChannel({ start: DAY });
    expect(await h.sayText('alice', 'escalate it is broken area:plumbing')).toMatch(
      /No area in the matrix matches “plumbing”/,
    );
    expect(await h.store.escalations.count((await h.channel()).id)).toBe(0);
    await h.say('alice', 'escalate nightly job failing area:bakups');
    expect(h.cardText(1)).toContain('Area: backup and disaster recovery');
  });

  it('takes the priority word anywhere, in any case; the summary keeps the rest in order', async () => {
    h = await makeEscalationChannel({ start: DAY });
    await h.say('alice', 'escalate p2 firewall dropping SIP traffic');
    await h.say('alice', 'escalate firewall dropping P4 SIP traffic');
    const [first, second] = (await h.store.escalations.recent((await h.channel()).id, 2)).reverse();
    expect(first).toMatchObject({ priority: 'P2', summary: 'firewall dropping SIP traffic' });
    expect(second).toMatchObject({ priority: 'P4', summary: 'firewall dropping SIP traffic' });
  });

  it.each([
    ['escalate', /Say what needs escalating/],
    ['escalate p1', /Say what needs escalating/],
    ['escalate VPN down p1 p2', /Give one priority, not both P1 and P2/],
    ['escalate VPN down ticket:"not a ticket"', /`ticket:` takes a ticket number or reference/],
    ['escalate VPN down ticket:ftp://x/y', /`ticket:` takes a ticket number or reference/],
    [`escalate VPN down ticket:https://psa.example.com/${'x'.repeat(500)}`, /http\(s\) link of up to 500 characters/],
    [`escalate ${'word '.repeat(70)}`, /The summary is 349 characters; it can be at most 300/],
    [`escalate VPN down area:${'a'.repeat(81)}`, /`area:` can be at most 80 characters/],
  ])('“%s” is refused with what to type instead', async (line, message) => {
    h = await makeEscalationChannel({ start: DAY });
    const before = snapshot(h);
    expect(await h.sayText('alice', line.slice(0, 2000))).toMatch(message);
    expect(snapshot(h)).toBe(before);
  });

  it('numbers escalations per channel: ESC-1, ESC-2, …', async () => {
    h = await makeEscalationChannel({ start: DAY });
    expect(await h.sayText('alice', 'escalate VPN down')).toMatch(/^ESC-1 /);
    expect(await h.sayText('alice', 'escalate backups failed')).toMatch(/^ESC-2 /);
    const other = await h.bot.handle({
      conversation: { platform: 'console', channelId: 'C2' },
      actor: { platform: 'console', userId: 'zed', name: 'zed' },
      text: 'setup org:Beta msp:Northwind tz:Europe/London',
    });
    expect(other.blocks.length).toBeGreaterThan(0);
    const reply = await h.bot.handle({
      conversation: { platform: 'console', channelId: 'C2' },
      actor: { platform: 'console', userId: 'zed', name: 'zed' },
      text: 'escalate VPN down',
    });
    expect(JSON.stringify(reply)).toContain('ESC-1');
  });
});

describe('the life of an escalation, with the card updated in place', () => {
  it.each<Platform>(['console', 'slack', 'teams'])(
    'on the %s face: one card, updated after every action',
    async (platform) => {
      h = await makeEscalationChannel({ start: NIGHT, platform });
      await h.say('alice', 'escalate VPN down for the Boston office p1');
      const cardPosts = () =>
        h.posts().filter((p) => p.reply.blocks[0]?.kind === 'header' && p.reply.blocks[0].text.startsWith('ESC-1 '));
      const seen: string[] = [h.cardText(1)!];
      expect(seen[0]).toContain('ESC-1 · P1 · Open');

      h.clock.set(new Date('2026-12-01T02:13:00Z'));
      await h.say('bob', 'ack ESC-1');
      seen.push(h.cardText(1)!);
      expect(seen[1]).toContain('ESC-1 · P1 · Acknowledged');
      expect(seen[1]).toContain('Acknowledged by @bob, Mon 30 Nov 2026 21:13 EST');

      h.clock.set(new Date('2026-12-01T03:40:00Z'));
      await h.say('bob', 'note esc-1 rolled back the 21:00 firewall change');
      seen.push(h.cardText(1)!);
      expect(seen[2]).toContain('note by @bob: “rolled back the 21:00 firewall change”');

      await h.say('bob', 'handback #1 VPN back up; confirm with the Boston office at 9');
      seen.push(h.cardText(1)!);
      expect(seen[3]).toContain('ESC-1 · P1 · Handed back');
      expect(seen[3]).toContain(
        'Handed back to @it-team (Acme, internal IT) by @bob, Mon 30 Nov 2026 22:40 EST — “VPN back up; confirm ' +
          'with the Boston office at 9”',
      );

      h.clock.set(new Date('2026-12-01T14:05:00Z'));
      await h.say('carol', 'ack 1');
      seen.push(h.cardText(1)!);
      expect(seen[4]).toContain('Acknowledged by @carol, Tue 1 Dec 2026 09:05 EST');

      await h.say('carol', 'resolve ESC-1 confirmed with Boston: all users connected');
      seen.push(h.cardText(1)!);
      expect(seen[5]).toContain('ESC-1 · P1 · Resolved');
      expect(seen[5]).toContain(
        'Resolved by @carol, Tue 1 Dec 2026 09:05 EST — “confirmed with Boston: all users connected”',
      );

      // One message, edited five times; no new card posted for the changes.
      expect(cardPosts()).toHaveLength(1);
      expect(h.card(1)!.updates).toBe(5);
      expect(new Set(seen).size).toBe(seen.length);
    },
  );

  it('the buttons follow the state: all three when open, then only what is allowed', async () => {
    h = await makeEscalationChannel({ start: NIGHT });
    await h.say('alice', 'escalate VPN down p2');
    const buttons = () =>
      h
        .cardText(1)!
        .split('\n')
        .filter((l) => l.trim().startsWith('['))[0]
        ?.trim() ?? '';
    expect(buttons()).toBe('[Acknowledge: ack ESC-1]  [Resolve: resolve ESC-1]  [Hand back: handback ESC-1]');
    await h.say('bob', 'ack ESC-1');
    expect(buttons()).toBe('[Resolve: resolve ESC-1]  [Hand back: handback ESC-1]');
    await h.say('bob', 'handback ESC-1 check in the morning');
    expect(buttons()).toBe('[Acknowledge: ack ESC-1]  [Resolve: resolve ESC-1]');
    await h.say('carol', 'ack ESC-1');
    expect(buttons()).toBe('[Resolve: resolve ESC-1]');
    await h.say('carol', 'resolve ESC-1');
    expect(buttons()).toBe('');
  });

  it('the Hand back button (no note) explains how to add the note and changes nothing', async () => {
    h = await makeEscalationChannel({ start: NIGHT });
    await h.say('alice', 'escalate VPN down p2');
    const before = snapshot(h);
    expect(await h.sayText('bob', 'handback ESC-1')).toMatch(
      /A handback needs a note saying what Acme \(internal IT\) should follow up\. Type `handback ESC-1 <note>`/,
    );
    expect(snapshot(h)).toBe(before);
    expect(h.card(1)!.updates).toBe(0);
  });
});

describe('refusals say what is wrong and change nothing', () => {
  it.each([
    [
      'acking twice',
      ['ack ESC-1'],
      'ack ESC-1',
      joinPatterns([
        /ESC-1 is already acknowledged \(by @bob, Mon 30 Nov 2026 21:10 EST\); nothing was changed\. /,
        /Next: `resolve ESC-1 \[note\]`/,
      ]),
    ],
    [
      'resolving a resolved one',
      ['resolve ESC-1 done'],
      'resolve ESC-1 again',
      /ESC-1 is already resolved \(by @bob, Mon 30 Nov 2026 21:10 EST\); nothing was changed/,
    ],
    ['acking a resolved one', ['resolve ESC-1'], 'ack ESC-1', /ESC-1 is already resolved/],
    ['handing back a resolved one', ['resolve ESC-1'], 'handback ESC-1 please look', /ESC-1 is already resolved/],
    ['handing back without a note', [], 'handback ESC-1', /A handback needs a note/],
    [
      'handing back twice',
      ['handback ESC-1 first'],
      'handback ESC-1 second',
      /ESC-1 was already handed back to Acme \(internal IT\) \(by @bob, .*\) and stays with them/,
    ],
    [
      'acting on an unknown id',
      [],
      'resolve ESC-9',
      /There is no ESC-9 in this channel\. The latest here is ESC-1; type `escalations`/,
    ],
    ['a note on an unknown id', [], 'note 12 hello', /There is no ESC-12 in this channel/],
    ['an id that is not one', [], 'ack banana', /“banana” is not an escalation id\. Ids look like ESC-4/],
    ['no id', [], 'ack', /Say which escalation, e.g. `ack ESC-4`/],
    ['ack with extra words', [], 'ack ESC-1 now please', /`ack` takes only the escalation id/],
    ['a note without text', [], 'note ESC-1', /Add the text after the id: `note ESC-4 <text>`/],
  ])('%s', async (_name, setupLines, line, message) => {
    h = await makeEscalationChannel({ start: NIGHT });
    await h.say('alice', 'escalate VPN down p1');
    for (const l of setupLines) await h.say('bob', l);
    const before = snapshot(h);
    const updates = h.card(1)!.updates;
    expect(await h.sayText('bob', line)).toMatch(message);
    expect(snapshot(h)).toBe(before);
    expect(h.card(1)!.updates).toBe(updates);
  });

  it('before any escalation, an id says that none exists yet', async () => {
    h = await makeEscalationChannel({ start: NIGHT });
    expect(await h.sayText('bob', 'ack ESC-1')).toMatch(
      /There is no ESC-1 in this channel\. No escalation has been opened in this channel yet\./,
    );
  });

  it('an escalation of another channel is unknown here', async () => {
    h = await makeEscalationChannel({ start: NIGHT });
    const other = { platform: 'console' as const, channelId: 'C2' };
    const actor = { platform: 'console' as const, userId: 'zed', name: 'zed' };
    await h.bot.handle({ conversation: other, actor, text: 'setup org:Beta msp:Northwind tz:Europe/London' });
    await h.bot.handle({ conversation: other, actor, text: 'escalate VPN down' });
    expect(await h.sayText('bob', 'ack ESC-1')).toMatch(/There is no ESC-1 in this channel/);
  });
});

describe('escalations', () => {
  it('lists those not resolved, with who has them; all shows the resolved too', async () => {
    h = await makeEscalationChannel({ start: NIGHT });
    await h.say('alice', 'escalate VPN down p1');
    await h.say('alice', 'escalate backups failed p2');
    await h.say('alice', 'escalate patching stuck p4');
    await h.say('bob', 'ack ESC-1');
    await h.say('bob', 'handback ESC-2 re-run tonight');
    await h.say('bob', 'resolve ESC-3');
    const open = await h.sayText('carol', 'escalations');
    expect(open).toContain('== Escalations not resolved yet (2) ==');
    expect(open).toContain(
      '  • ESC-2 · P2 · handed back to Acme (internal IT) · opened Mon 30 Nov 21:10 EST — backups failed',
    );
    expect(open).toContain(
      '  • ESC-1 · P1 · acknowledged, with Northwind (MSP) · opened Mon 30 Nov 21:10 EST — VPN down',
    );
    expect(open).not.toContain('ESC-3');
    expect(open).toContain('Ack timeouts: P1 5 min · P2 15 min · P3 60 min · P4 none.');
    const all = await h.sayText('carol', 'escalations all');
    expect(all).toContain('== Escalations (3) ==');
    expect(all).toContain('ESC-3 · P4 · resolved');
    expect(await h.sayText('carol', 'escalations closed')).toMatch(/`escalations` takes open or all/);
  });

  it('says so when there are none', async () => {
    h = await makeEscalationChannel({ start: NIGHT });
    expect(await h.sayText('carol', 'escalations')).toMatch(/^No open escalations\./);
  });
});

describe('escalations timeouts', () => {
  it('a manager changes them, audited with before and after; the next escalation follows them', async () => {
    h = await makeEscalationChannel({ start: NIGHT });
    expect(await h.sayText('alice', 'escalations timeouts p1:10 p4:2h')).toMatch(
      joinPatterns([
        /^Ack timeouts are now P1 10 min · P2 15 min · P3 60 min · P4 120 min /,
        /\(were P1 5 min · P2 15 min · P3 60 min · P4 none\)\./,
      ]),
    );
    expect((await h.store.audit.recent((await h.channel()).id, 1))[0]).toMatchObject({
      action: 'escalations.timeouts',
      actorName: 'alice',
      before: { P1: 5, P2: 15, P3: 60, P4: null },
      after: { P1: 10, P2: 15, P3: 60, P4: 120 },
    });
    expect(await h.sayText('alice', 'escalate VPN down p1')).toMatch(/re-notified every 10 min until acknowledged/);
    expect(await h.sayText('alice', 'escalations timeouts p3:none')).toMatch(/P3 none/);
    expect(await h.sayText('alice', 'escalate VPN down p3')).toMatch(/no re-notification for this priority/);
  });

  it('is refused for someone who is not a manager, recorded, and changes nothing', async () => {
    h = await makeEscalationChannel({ start: NIGHT });
    expect(await h.sayText('bob', 'escalations timeouts p1:1')).toMatch(
      /Only managers of this channel can run `escalations timeouts`/,
    );
    expect((await h.channel()).ackTimeouts.P1).toBe(5);
    expect((await h.store.audit.recent((await h.channel()).id, 1))[0]).toMatchObject({
      actorName: 'bob',
      outcome: 'refused',
    });
  });

  it.each([
    ['escalations timeouts', /Give at least one priority/],
    ['escalations timeouts p1:0', /`p1:0` is not a timeout/],
    ['escalations timeouts p2:soon', /`p2:soon` is not a timeout/],
    ['escalations timeouts p1 5', /I did not understand “p1”/],
    ['escalations timeouts p1:5', /The ack timeouts are already P1 5 min/],
  ])('“%s” is refused', async (line, message) => {
    h = await makeEscalationChannel({ start: NIGHT });
    expect(await h.sayText('alice', line)).toMatch(message);
    expect((await h.channel()).ackTimeouts).toEqual({ P1: 5, P2: 15, P3: 60, P4: null });
  });
});
