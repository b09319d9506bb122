import { afterEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../../src/kernel/types.js';
import type { Harness } from '../../harness.js';
import { escalationSnapshot, makeEscalationChannel } from '../../helpers/escalation-channel.js';
import { joinPatterns } from '../../helpers/pattern.js';

// ack, resolve, handback and note on an escalation: its card updated in place, and the refusals.

const NIGHT = '2026-12-01T02:10:00Z'; // Mon 30 Nov 21:10 EST

let h: Harness;
afterEach(() => h?.close());

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
    const before = escalationSnapshot(h);
    expect(await h.sayText('bob', 'handback ESC-1')).toMatch(
      /A handback needs a note saying what Acme \(internal IT\) should follow up\. Type `handback ESC-1 <note>`/,
    );
    expect(escalationSnapshot(h)).toBe(before);
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
    const before = escalationSnapshot(h);
    const updates = h.card(1)!.updates;
    expect(await h.sayText('bob', line)).toMatch(message);
    expect(escalationSnapshot(h)).toBe(before);
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
