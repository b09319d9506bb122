import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from '../../harness.js';
import { escalationSnapshot, makeEscalationChannel } from '../../helpers/escalation-channel.js';
import { joinPatterns } from '../../helpers/pattern.js';

// `escalate`: opening an escalation, its card, its routing and its refusals.

const NIGHT = '2026-12-01T02:10:00Z'; // Mon 30 Nov 21:10 EST
const DAY = '2026-12-01T15:00:00Z'; // Tue 1 Dec 10:00 EST

let h: Harness;
afterEach(() => h?.close());

describe('escalate', () => {
  it('after hours: posts the card for the MSP, answers the asker briefly, marks it after hours', async () => {
    h = await makeEscalationChannel({ start: NIGHT });
    const reply = await h.sayText(
      'alice',
      'escalate VPN down for the Boston office P1 ticket:https://psa.example.com/t/48213',
    );
    expect(reply).toBe(
      'ESC-1 is open and posted to the channel for Northwind (MSP): complex network issues is theirs after hours.\n' +
        '  Area: complex network issues (from “vpn”) · P1 · ladder 0:team 5:contact 15:managers (minutes: whom), ' +
        'until acknowledged',
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
        '  Ladder: step 1 of 3 (team); next: contact at Mon 30 Nov 2026 21:15 EST, unless acknowledged.',
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
    'in business hours an internal area goes to the internal team, from a side nobody named, without an ' +
      'after-hours mark',
    async () => {
      h = await makeEscalationChannel({ start: DAY });
      await h.say('nina', 'escalate printer jammed on floor 3 ticket:48213');
      const card = h.cardText(1)!;
      expect(card).toContain('Area: printers and scanners');
      expect(card).toContain('Priority: P3');
      // Nobody said which side nina is on: the card does not guess.
      expect(card).toContain('From: @nina · side unknown');
      expect((await h.store.escalations.bySeq((await h.channel()).id, 1))?.fromTeam).toBe('unknown');
      expect(card).toContain('To: @it-team (Acme, internal IT)\n');
      expect(card).toContain('Ticket: 48213');
      expect(card).toContain('Opened: Tue 1 Dec 2026 10:00 EST\n');
    },
  );

  it.each([
    ['a Saturday', '2026-12-05T16:00:00Z'],
    ['a holiday', '2026-12-25T16:00:00Z'],
  ])('on %s an internal area goes to its after-hours owner, the MSP by default', async (_name, at) => {
    h = await makeEscalationChannel({ start: DAY });
    await h.say('alice', 'holiday add 2026-12-25 Christmas Day');
    h.clock.set(new Date(at));
    expect(await h.sayText('alice', 'escalate printer jammed on floor 3')).toMatch(
      /for Northwind \(MSP\): printers and scanners is theirs after hours/,
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
    const before = escalationSnapshot(h);
    const reply = await h.sayText('alice', 'escalate printer and VPN both down p2');
    expect(reply).toMatch(
      joinPatterns([
        /The summary could be about more than one area: “complex network issues”, “printers and scanners”\. /,
        /Say which with `area:`/,
      ]),
    );
    expect(escalationSnapshot(h)).toBe(before);
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
    ['escalate VPN down ticket:https://user@evil.example/', /with no user name in it/],
    ['escalate VPN down ticket:https://psa.example.com@evil.example/t/1', /with no user name in it/],
    [`escalate VPN down ticket:https://psa.example.com/${'x'.repeat(500)}`, /http\(s\) link of up to 500 characters/],
    [`escalate ${'word '.repeat(70)}`, /The summary is 349 characters; it can be at most 300/],
    [`escalate VPN down area:${'a'.repeat(81)}`, /`area:` can be at most 80 characters/],
  ])('“%s” is refused with what to type instead', async (line, message) => {
    h = await makeEscalationChannel({ start: DAY });
    const before = escalationSnapshot(h);
    expect(await h.sayText('alice', line.slice(0, 2000))).toMatch(message);
    expect(escalationSnapshot(h)).toBe(before);
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
