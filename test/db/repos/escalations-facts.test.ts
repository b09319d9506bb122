import { afterEach, expect, it } from 'vitest';
import type { Escalation, EscalationFacts } from '../../../src/domain/escalation.js';
import { DEFAULT_ACK_TIMEOUTS } from '../../../src/domain/model.js';
import { type Dialect, describeEachDialect, openTestDb, type TestDb } from '../../helpers/dialects.js';

const facts = (e: Escalation): EscalationFacts => ({
  id: e.id,
  seq: e.seq,
  priority: e.priority,
  state: e.state,
  toTeam: e.toTeam,
  handedBackAt: e.handedBackAt,
  openedAt: e.openedAt,
});

let db: TestDb | undefined;
afterEach(() => db?.close());

/** A store over a fresh database with the real migrations, and one channel (Acme / Northwind, New York). */
async function setUp(dialect: Dialect) {
  db = await openTestDb(dialect);
  const { store } = db;
  const channel = await store.channels.create({
    platform: 'console',
    externalId: 'c1',
    orgName: 'Acme',
    mspName: 'Northwind',
    timezone: 'America/New_York',
    workDays: [1, 2, 3, 4, 5],
    dayStart: 480,
    dayEnd: 1020,
    internalHandle: null,
    mspHandle: null,
    morningOffsetMinutes: 0,
    ackTimeouts: DEFAULT_ACK_TIMEOUTS,
    createdAt: new Date('2026-11-28T00:00:00Z'),
  });
  return { store, channelId: channel.id };
}

/** The morning post's bulk reads give the same escalations as the full queries, in the documented order. */
describeEachDialect('escalation facts for the morning post', (dialect) => {
  it('match the full queries over a mixed history', async () => {
    const { store, channelId } = await setUp(dialect);
    const person = (await store.people.upsert('console', 'u1', 'ann')).id;
    const t0 = Date.parse('2026-11-28T00:00:00Z');
    const hour = 3_600_000;
    let seed = 11;
    const next = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    await store.transaction(async (tx) => {
      for (let i = 0; i < 120; i++) {
        const openedAt = new Date(t0 + Math.floor(next() * 96) * hour);
        const e = await tx.escalations.open({
          channelId,
          summary: `e${i}`,
          areaId: null,
          areaName: null,
          priority: (['P1', 'P2', 'P3', 'P4'] as const)[i % 4]!,
          ticket: null,
          fromPersonId: person,
          fromTeam: 'internal',
          toTeam: i % 3 === 0 ? 'internal' : 'msp',
          afterHours: true,
          openedAt,
        });
        const later = (h: number) => new Date(openedAt.getTime() + h * hour);
        const roll = next();
        if (roll < 0.3) {
          await tx.escalations.update(e.id, { state: 'resolved', resolvedAt: later(5), resolvedBy: person });
        } else if (roll < 0.55) {
          await tx.escalations.update(e.id, {
            state: 'handed_back',
            handedBackAt: later(20),
            handedBackBy: person,
            handbackNote: 'back',
          });
        } else if (roll < 0.7) {
          await tx.escalations.update(e.id, {
            state: 'acknowledged',
            acknowledgedAt: later(1),
            acknowledgedBy: person,
          });
        }
        if (next() < 0.4) {
          const at = later(Math.floor(next() * 40));
          const actorId = next() < 0.5 ? person : null;
          await tx.escalations.addEvent(e.id, { at, actorId, kind: 'note', note: `note on e${i}` });
        }
      }
    });
    const from = new Date(t0 + 40 * hour);
    const to = new Date(t0 + 55 * hour);
    const { escalations } = store;

    const union = new Map<number, Escalation>();
    const inWindow = [
      ...(await escalations.openedBetween(channelId, from, to)),
      ...(await escalations.handedBackBetween(channelId, from, to)),
      ...(await escalations.resolvedBetween(channelId, from, to)),
    ];
    for (const e of inWindow) union.set(e.id, e);
    const expected = [...union.values()].sort((a, b) => a.seq - b.seq).map(facts);
    expect(expected.length).toBeGreaterThan(10);
    expect(await escalations.factsInWindow(channelId, from, to)).toEqual(expected);

    const older = (await escalations.unresolved(channelId)).filter((e) => e.openedAt < from).map(facts);
    expect(older.length).toBeGreaterThan(5);
    expect(await escalations.unresolvedFacts(channelId, from)).toEqual(older);

    const notes = (await escalations.notesBetween(channelId, from, to)).map(({ escalation, event }) => ({
      escalation: facts(escalation),
      event,
    }));
    expect(notes.length).toBeGreaterThan(3);
    expect(await escalations.noteFactsBetween(channelId, from, to)).toEqual(notes);
  });
});
