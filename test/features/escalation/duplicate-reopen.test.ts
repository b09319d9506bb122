import { afterEach, describe, expect, it } from 'vitest';
import { periodFigures } from '../../../src/domain/agenda.js';
import { DEFAULT_ACK_TIMEOUTS } from '../../../src/domain/model.js';
import type { Harness } from '../../harness.js';
import { escalationSnapshot, makeEscalationChannel } from '../../helpers/escalation-channel.js';

const NIGHT = '2026-12-01T02:10:00Z'; // Mon 30 Nov 21:10 EST

let h: Harness;
afterEach(() => h?.close());

async function twoEscalations() {
  h = await makeEscalationChannel({ start: NIGHT });
  await h.say('alice', 'escalate VPN down for the Boston office p1');
  await h.say('carol', 'escalate Boston cannot reach the VPN p1');
  return (await h.channel()).id;
}

describe('resolve … duplicate:', () => {
  it('marks a duplicate, and the figures count the incident once', async () => {
    const channelId = await twoEscalations();
    h.clock.set(new Date(Date.parse(NIGHT) + 3 * 60_000));
    expect(await h.sayText('bob', 'resolve ESC-2 duplicate:ESC-1')).toContain(
      'You resolved ESC-2 as a duplicate of ESC-1; it is left out of the response times',
    );
    const dup = (await h.store.escalations.bySeq(channelId, 2))!;
    const original = (await h.store.escalations.bySeq(channelId, 1))!;
    expect(dup).toMatchObject({ state: 'resolved', duplicateOf: original.id, resolutionNote: 'duplicate of ESC-1' });
    expect(h.cardText(2)).toContain('State: Resolved by @bob');
    expect(h.cardText(2)).toContain('“duplicate of ESC-1”');
    const period = { from: new Date('2026-11-01T04:00:00Z'), to: new Date('2026-12-31T05:00:00Z') };
    const figures = periodFigures(period as never, [original, dup], DEFAULT_ACK_TIMEOUTS, h.clock.now());
    expect(figures.summary.total).toBe(1);
    expect(figures.summary.mttr.count).toBe(0);
  });

  it.each([
    ['itself', 'resolve ESC-2 duplicate:ESC-2', 'ESC-2 cannot duplicate itself'],
    ['an unknown id', 'resolve ESC-2 duplicate:ESC-9', 'There is no ESC-9 in this channel'],
    ['something that is not an id', 'resolve ESC-2 duplicate:yesterday', '`duplicate:` names the escalation'],
  ])('refuses a duplicate of %s, saying what to type, and changes nothing', async (_what, line, says) => {
    await twoEscalations();
    const before = escalationSnapshot(h);
    expect(await h.sayText('bob', line)).toContain(says);
    expect(escalationSnapshot(h)).toBe(before);
  });
});

describe('reopen', () => {
  it('brings a resolved escalation back with its history, and refuses one not resolved', async () => {
    const channelId = await twoEscalations();
    await h.say('bob', 'resolve ESC-1 ISP fixed the circuit');
    await h.say('bob', 'reopen ESC-1 dropped again at 21:30');
    expect((await h.store.escalations.bySeq(channelId, 1))!).toMatchObject({
      state: 'acknowledged',
      resolvedAt: null,
    });
    const card = h.cardText(1)!;
    expect(card).toContain('== ESC-1 · P1 · Acknowledged ==');
    expect(card).toMatch(/resolved by @bob: “ISP fixed the circuit”\n\s+• [^\n]*reopened by @bob: “dropped again/);
    const before = escalationSnapshot(h);
    expect(await h.sayText('bob', 'reopen ESC-2')).toContain('ESC-2 is not resolved (it is open)');
    expect(escalationSnapshot(h)).toBe(before);
  });
});

describe('handed back, then picked up', () => {
  it('the weekly agenda and escalations both say the internal side has it', async () => {
    await twoEscalations();
    await h.say('bob', 'handback ESC-1 VPN up on the backup link; confirm with Boston');
    await h.say('carol', 'ack ESC-1');
    expect(await h.sayText('carol', 'escalations')).toContain('ESC-1 · P1 · acknowledged, with Acme (internal IT)');
    expect(await h.sayText('carol', 'cadence agenda weekly')).toContain(
      'VPN down for the Boston office — with Acme (internal IT), acknowledged',
    );
  });
});
