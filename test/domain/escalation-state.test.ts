import { describe, expect, it } from 'vitest';
import type { EscalationState } from '../../src/domain/escalation.js';
import { applyStep, availableActions, type EscalationAction } from '../../src/domain/escalation-state.js';

const at = new Date('2026-12-01T07:14:00Z');
const earlier = new Date('2026-12-01T07:10:00Z');
const fresh = { state: 'open' as EscalationState, acknowledgedAt: null, handedBackAt: null };

describe('escalation state machine', () => {
  it('open → acknowledged stamps the first response', () => {
    expect(applyStep(fresh, { action: 'acknowledge', by: 7, at })).toEqual({
      ok: true,
      state: 'acknowledged',
      patch: { state: 'acknowledged', acknowledgedAt: at, acknowledgedBy: 7 },
      event: { kind: 'acknowledged', note: null },
    });
  });

  it('acknowledged → resolved keeps the first acknowledgement and records the note', () => {
    const r = applyStep(
      { state: 'acknowledged', acknowledgedAt: earlier, handedBackAt: null },
      { action: 'resolve', by: 8, at, note: '  replaced the PSU ' },
    );
    expect(r).toEqual({
      ok: true,
      state: 'resolved',
      patch: { state: 'resolved', resolvedAt: at, resolvedBy: 8, resolutionNote: 'replaced the PSU' },
      event: { kind: 'resolved', note: 'replaced the PSU' },
    });
  });

  it('open → resolved directly counts as the first response', () => {
    const r = applyStep(fresh, { action: 'resolve', by: 8, at });
    expect(r.ok && r.patch).toMatchObject({
      state: 'resolved',
      acknowledgedAt: at,
      acknowledgedBy: 8,
      resolutionNote: null,
    });
  });

  it('open or acknowledged → handed_back with a note', () => {
    const fromOpen = applyStep(fresh, { action: 'handback', by: 9, at, note: 'check with users at 9' });
    expect(fromOpen.ok && fromOpen.patch).toEqual({
      state: 'handed_back',
      acknowledgedAt: at,
      acknowledgedBy: 9,
      handedBackAt: at,
      handedBackBy: 9,
      handbackNote: 'check with users at 9',
    });
    const fromAck = applyStep(
      { state: 'acknowledged', acknowledgedAt: earlier, handedBackAt: null },
      { action: 'handback', by: 9, at, note: 'n' },
    );
    expect(fromAck.ok && fromAck.patch).toEqual({
      state: 'handed_back',
      handedBackAt: at,
      handedBackBy: 9,
      handbackNote: 'n',
    });
  });

  it('handed_back → acknowledged or resolved by the team it went to', () => {
    const handedBack = { state: 'handed_back' as EscalationState, acknowledgedAt: earlier, handedBackAt: earlier };
    // The MSP's first response stays the one MTTA measures.
    expect(applyStep(handedBack, { action: 'acknowledge', by: 3, at })).toEqual({
      ok: true,
      state: 'acknowledged',
      patch: { state: 'acknowledged' },
      event: { kind: 'acknowledged', note: null },
    });
    expect(applyStep(handedBack, { action: 'resolve', by: 3, at })).toMatchObject({ ok: true, state: 'resolved' });
  });

  describe('refusals', () => {
    it.each<
      [
        string,
        { state: EscalationState; acknowledgedAt: Date | null; handedBackAt: Date | null },
        EscalationAction,
        string | undefined,
        string,
      ]
    >([
      [
        'acking twice',
        { state: 'acknowledged', acknowledgedAt: earlier, handedBackAt: null },
        'acknowledge',
        undefined,
        'already_acknowledged',
      ],
      [
        'resolving a resolved one',
        { state: 'resolved', acknowledgedAt: earlier, handedBackAt: null },
        'resolve',
        'again',
        'already_resolved',
      ],
      [
        'acking a resolved one',
        { state: 'resolved', acknowledgedAt: earlier, handedBackAt: null },
        'acknowledge',
        undefined,
        'already_resolved',
      ],
      [
        'handing back a resolved one',
        { state: 'resolved', acknowledgedAt: earlier, handedBackAt: null },
        'handback',
        'n',
        'already_resolved',
      ],
      ['handing back without a note', fresh, 'handback', undefined, 'note_required'],
      ['handing back with a blank note', fresh, 'handback', '   ', 'note_required'],
      [
        'handing back twice',
        { state: 'handed_back', acknowledgedAt: earlier, handedBackAt: earlier },
        'handback',
        'n',
        'already_handed_back',
      ],
      [
        'handing back again after picking it up',
        { state: 'acknowledged', acknowledgedAt: earlier, handedBackAt: earlier },
        'handback',
        'n',
        'already_handed_back',
      ],
    ])('%s', (_name, current, action, note, refusal) => {
      expect(applyStep(current, { action, by: 1, at, note })).toEqual({ ok: false, refusal });
    });
  });

  it('offers exactly the actions it would accept, in button order', () => {
    expect(availableActions(fresh)).toEqual(['acknowledge', 'resolve', 'handback']);
    expect(availableActions({ state: 'acknowledged', acknowledgedAt: earlier, handedBackAt: null })).toEqual([
      'resolve',
      'handback',
    ]);
    expect(availableActions({ state: 'handed_back', acknowledgedAt: earlier, handedBackAt: earlier })).toEqual([
      'acknowledge',
      'resolve',
    ]);
    expect(availableActions({ state: 'acknowledged', acknowledgedAt: earlier, handedBackAt: earlier })).toEqual([
      'resolve',
    ]);
    expect(availableActions({ state: 'resolved', acknowledgedAt: earlier, handedBackAt: null })).toEqual([]);
  });
});
