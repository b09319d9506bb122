import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalationLabel } from '../../../src/domain/escalation.js';
import { mtta, mttr, summarizeEscalations } from '../../../src/domain/metrics.js';
import { DEFAULT_ACK_TIMEOUTS } from '../../../src/domain/model.js';
import type { Harness } from '../../harness.js';
import { describeEachDialect } from '../../helpers/dialects.js';
import { makeEscalationChannel } from '../../helpers/escalation-channel.js';

const MIN = 60_000;
let h: Harness;
let channelId: number;
let window: { from: Date; to: Date };

/** A night and the morning after: what the morning post and the agendas will read. */
async function nightAndMorning() {
  h = await makeEscalationChannel({ start: '2026-11-30T21:30:00Z' }); // Mon 16:30 EST, business hours
  const at = (iso: string) => h.advanceTo(new Date(iso));
  await h.say('alice', 'escalate printer queue stuck p3'); // ESC-1, in hours, to internal
  await at('2026-11-30T23:00:00Z'); // 18:00 EST
  await h.say('alice', 'escalate VPN down for the Boston office p1'); // ESC-2
  await h.say('alice', 'escalate backups failed on FS01 p2'); // ESC-3
  await at('2026-11-30T23:04:00Z');
  await h.say('bob', 'ack ESC-2');
  await at('2026-12-01T03:00:00Z'); // 22:00 EST
  await h.say('bob', 'note ESC-3 re-running the job on the secondary target');
  await h.say('bob', 'handback ESC-3 job re-run OK; verify the restore point this morning');
  await at('2026-12-01T04:00:00Z');
  await h.say('bob', 'resolve ESC-2 ISP fixed the circuit');
  await at('2026-12-01T13:59:00Z'); // Tue 08:59 EST
  await h.say('carol', 'escalate patching stuck on three servers p3'); // ESC-4, in hours
  return {
    channelId: (await h.channel()).id,
    window: { from: new Date('2026-11-30T22:00:00Z'), to: new Date('2026-12-01T13:00:00Z') },
  };
}

const ids = (list: { seq: number }[]) => list.map(escalationLabel);

describeEachDialect('escalation queries', () => {
  // One night for every test: they only read.
  beforeAll(async () => {
    ({ channelId, window } = await nightAndMorning());
  });
  afterAll(() => h?.close());

  describe('queries for the morning post', () => {
    it('opened in the after-hours window, with their state now and the after-hours mark', async () => {
      const opened = await h.store.escalations.openedBetween(channelId, window.from, window.to);
      expect(opened.map((e) => [escalationLabel(e), e.state, e.afterHours])).toEqual([
        ['ESC-2', 'resolved', true],
        ['ESC-3', 'handed_back', true],
      ]);
      const all = await h.store.escalations.openedBetween(channelId, new Date(0), new Date('2030-01-01'));
      expect(all.filter((e) => e.afterHours).map(escalationLabel)).toEqual(['ESC-2', 'ESC-3']);
    });

    it('windows are half-open: opened exactly at `to` belongs to the next one', async () => {
      const esc2 = new Date('2026-11-30T23:00:00Z');
      expect(ids(await h.store.escalations.openedBetween(channelId, esc2, new Date(esc2.getTime() + 1)))).toEqual([
        'ESC-2',
        'ESC-3',
      ]);
      expect(ids(await h.store.escalations.openedBetween(channelId, new Date(0), esc2))).toEqual(['ESC-1']);
    });

    it('handed back in the window, with the note for the internal team', async () => {
      const back = await h.store.escalations.handedBackBetween(channelId, window.from, window.to);
      expect(back.map((e) => [escalationLabel(e), e.handbackNote])).toEqual([
        ['ESC-3', 'job re-run OK; verify the restore point this morning'],
      ]);
    });

    it('still not resolved, oldest first, whenever opened', async () => {
      expect((await h.store.escalations.unresolved(channelId)).map((e) => [escalationLabel(e), e.state])).toEqual([
        ['ESC-1', 'open'],
        ['ESC-3', 'handed_back'],
        ['ESC-4', 'open'],
      ]);
    });

    it('resolved in the window, and the notes added in it', async () => {
      expect(ids(await h.store.escalations.resolvedBetween(channelId, window.from, window.to))).toEqual(['ESC-2']);
      const notes = await h.store.escalations.notesBetween(channelId, window.from, window.to);
      const nameOf = async (id: number | null) => (await h.store.people.get(id!))!.name;
      const rows = await Promise.all(
        notes.map(async (n) => [escalationLabel(n.escalation), n.event.note, await nameOf(n.event.actorId)]),
      );
      expect(rows).toEqual([['ESC-3', 're-running the job on the secondary target', 'bob']]);
    });

    it('keeps every transition with who and when', async () => {
      const esc3 = (await h.store.escalations.bySeq(channelId, 3))!;
      const events = await h.store.escalations.events(esc3.id);
      const byPeople = events.filter((e) => e.actorId !== null);
      const nameOf = async (id: number | null) => (await h.store.people.get(id!))!.name;
      const rows = await Promise.all(byPeople.map(async (e) => [e.kind, await nameOf(e.actorId), e.at.toISOString()]));
      expect(rows).toEqual([
        ['opened', 'alice', '2026-11-30T23:00:00.000Z'],
        ['note', 'bob', '2026-12-01T03:00:00.000Z'],
        ['handed_back', 'bob', '2026-12-01T03:00:00.000Z'],
      ]);
      // The bot's own entries: a P2's ladder, the contact at 18:15 EST and the managers at 19:00, before bob handed
      // it back at 22:00.
      const bot = events.filter((e) => e.actorId === null);
      expect(bot.every((e) => e.kind === 'renotified')).toBe(true);
      expect(bot.map((e) => e.at.toISOString())).toEqual(
        ['2026-11-30T23:15', '2026-12-01T00:00'].map((t) => `${t}:00.000Z`),
      );
      expect(esc3.renotifyCount).toBe(2);
    });
  });

  describe('MTTA and MTTR from the records', () => {
    it('derive from opened, first response and resolved', async () => {
      const month = await h.store.escalations.openedBetween(
        channelId,
        new Date('2026-11-01T05:00:00Z'),
        new Date('2026-12-01T05:00:00Z'),
      );
      expect(ids(month)).toEqual(['ESC-1', 'ESC-2', 'ESC-3']);
      // ESC-2 acked after 4 min; ESC-3's handback at 22:00 was its first response (4 h); ESC-1 unanswered.
      expect(mtta(month)).toEqual({ count: 2, pending: 1, medianMs: (4 * MIN + 240 * MIN) / 2, p90Ms: 240 * MIN });
      expect(mttr(month)).toEqual({ count: 1, pending: 2, medianMs: 300 * MIN, p90Ms: 300 * MIN });
      const s = summarizeEscalations(month, DEFAULT_ACK_TIMEOUTS, new Date('2026-12-01T05:00:00Z'));
      expect(s).toMatchObject({ total: 3, afterHours: 2, byTeam: { internal: 1, msp: 2 }, missedAckTimeouts: 2 });
    });
  });
});
