import { afterEach, describe, expect, it } from 'vitest';
import { renderMessages } from '../../../adapters/slack/render.js';
import type { Harness } from '../../harness.js';
import { makeMorningChannel, sayAt } from '../../helpers/morning-channel.js';
import { stubRepo } from '../../helpers/stub-store.js';

// What the morning post says: its groups, notes, syncs, and how it stays one message.

let open: Harness[] = [];
afterEach(() => {
  for (const t of open) t.close();
  open = [];
});
async function tandem(at: string): Promise<Harness> {
  const t = await makeMorningChannel(at);
  open.push(t);
  return t;
}

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
        '@it-team: here is what happened over the weekend, from Fri 27 Nov 17:00 EST to Mon 30 Nov 08:00 EST ' +
          '(63 hours).',
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
    // Unreadable whichever way it is read: one channel's cadences, or those of a slice of due jobs' channels.
    const unreadable = async () => {
      throw new Error('cadence table unreadable');
    };
    stubRepo(t.store, 'cadences', { list: unreadable, listOf: unreadable });
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
