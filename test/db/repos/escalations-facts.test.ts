import { describe, expect, it } from 'vitest';
import type { Escalation, EscalationFacts } from '../../../src/domain/escalation.js';
import { makeSetUpCore } from '../../helpers/core.js';

const facts = (e: Escalation): EscalationFacts => ({ id: e.id, seq: e.seq, priority: e.priority, state: e.state, toTeam: e.toTeam, handedBackAt: e.handedBackAt, openedAt: e.openedAt });

/** The morning post's bulk reads give the same escalations as the full queries, in the documented order. */
describe('escalation facts for the morning post', () => {
  it('match the full queries over a mixed history', async () => {
    const core = await makeSetUpCore();
    const { store } = core;
    const channelId = core.channel()!.id;
    const person = store.people.upsert('console', 'u1', 'ann').id;
    const t0 = Date.parse('2026-11-28T00:00:00Z');
    const hour = 3_600_000;
    let seed = 11;
    const next = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    store.transaction(() => {
      for (let i = 0; i < 120; i++) {
        const openedAt = new Date(t0 + Math.floor(next() * 96) * hour);
        const e = store.escalations.open({
          channelId, summary: `e${i}`, areaId: null, areaName: null, priority: (['P1', 'P2', 'P3', 'P4'] as const)[i % 4]!, ticket: null,
          fromPersonId: person, fromTeam: 'internal', toTeam: i % 3 === 0 ? 'internal' : 'msp', afterHours: true, openedAt,
        });
        const later = (h: number) => new Date(openedAt.getTime() + h * hour);
        const roll = next();
        if (roll < 0.3) store.escalations.update(e.id, { state: 'resolved', resolvedAt: later(5), resolvedBy: person });
        else if (roll < 0.55) store.escalations.update(e.id, { state: 'handed_back', handedBackAt: later(20), handedBackBy: person, handbackNote: 'back' });
        else if (roll < 0.7) store.escalations.update(e.id, { state: 'acknowledged', acknowledgedAt: later(1), acknowledgedBy: person });
        if (next() < 0.4) store.escalations.addEvent(e.id, { at: later(Math.floor(next() * 40)), actorId: next() < 0.5 ? person : null, kind: 'note', note: `note on e${i}` });
      }
    });
    const from = new Date(t0 + 40 * hour);
    const to = new Date(t0 + 55 * hour);

    const union = new Map<number, Escalation>();
    for (const e of [...store.escalations.openedBetween(channelId, from, to), ...store.escalations.handedBackBetween(channelId, from, to), ...store.escalations.resolvedBetween(channelId, from, to)]) union.set(e.id, e);
    const expected = [...union.values()].sort((a, b) => a.seq - b.seq).map(facts);
    expect(expected.length).toBeGreaterThan(10);
    expect(store.escalations.factsInWindow(channelId, from, to)).toEqual(expected);

    const older = store.escalations.unresolved(channelId).filter((e) => e.openedAt < from).map(facts);
    expect(older.length).toBeGreaterThan(5);
    expect(store.escalations.unresolvedFacts(channelId, from)).toEqual(older);

    const notes = store.escalations.notesBetween(channelId, from, to).map(({ escalation, event }) => ({ escalation: facts(escalation), event }));
    expect(notes.length).toBeGreaterThan(3);
    expect(store.escalations.noteFactsBetween(channelId, from, to)).toEqual(notes);
  });
});
