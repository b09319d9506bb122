import type { Escalation, EscalationEventKind, EscalationPatch, EscalationState } from './escalation.js';

/*
 * The life of an escalation:
 *
 *   open ──ack──► acknowledged ──resolve──► resolved
 *     │               │
 *     └──handback─────┴──► handed_back ──ack──► acknowledged ──resolve──► resolved
 *                                 └───────────resolve──────────────────► resolved
 *
 * - Resolving straight from open is allowed (fixed before anyone clicked Acknowledge).
 * - A handback needs a note: it is what the team picking it up must do. It goes to the other
 *   side (the after-hours MSP hands back to the internal team for the morning), once: a handed-back
 *   escalation stays with that team until it is resolved.
 * - Resolved is final. Notes may be added in every state and change nothing else.
 * - The first response — acknowledgement, handback or resolution — stamps acknowledgedAt/By;
 *   later acknowledgements (the internal team picking up a handback) are history only.
 */

export type EscalationAction = 'acknowledge' | 'resolve' | 'handback';

export type Refusal = 'already_acknowledged' | 'already_resolved' | 'already_handed_back' | 'note_required';

export interface Step {
  action: EscalationAction;
  by: number;
  at: Date;
  /** Required for a handback, optional for a resolution, ignored for an acknowledgement. */
  note?: string | null;
}

export type StepResult =
  | {
      ok: true;
      state: EscalationState;
      patch: EscalationPatch;
      event: { kind: EscalationEventKind; note: string | null };
    }
  | { ok: false; refusal: Refusal };

type Current = Pick<Escalation, 'state' | 'acknowledgedAt' | 'handedBackAt'>;

/** The transition a step makes, or why it is refused. Pure: the caller writes the patch and the event. */
export function applyStep(e: Current, step: Step): StepResult {
  if (e.state === 'resolved') return { ok: false, refusal: 'already_resolved' };
  const note = step.note?.trim() || null;
  const firstResponse: EscalationPatch =
    e.acknowledgedAt === null ? { acknowledgedAt: step.at, acknowledgedBy: step.by } : {};
  switch (step.action) {
    case 'acknowledge':
      if (e.state === 'acknowledged') return { ok: false, refusal: 'already_acknowledged' };
      return {
        ok: true,
        state: 'acknowledged',
        patch: { state: 'acknowledged', ...firstResponse },
        event: { kind: 'acknowledged', note: null },
      };
    case 'resolve':
      return {
        ok: true,
        state: 'resolved',
        patch: { state: 'resolved', ...firstResponse, resolvedAt: step.at, resolvedBy: step.by, resolutionNote: note },
        event: { kind: 'resolved', note },
      };
    case 'handback':
      if (e.state === 'handed_back' || e.handedBackAt !== null) return { ok: false, refusal: 'already_handed_back' };
      if (!note) return { ok: false, refusal: 'note_required' };
      return {
        ok: true,
        state: 'handed_back',
        patch: {
          state: 'handed_back',
          ...firstResponse,
          handedBackAt: step.at,
          handedBackBy: step.by,
          handbackNote: note,
        },
        event: { kind: 'handed_back', note },
      };
  }
}

/** The actions that would be accepted now, in button order: the card shows only these. */
export function availableActions(e: Current): EscalationAction[] {
  const probe = (action: EscalationAction) => applyStep(e, { action, by: 0, at: new Date(0), note: 'probe' }).ok;
  return (['acknowledge', 'resolve', 'handback'] as const).filter(probe);
}

/** Still waiting for someone to respond: only then are re-notifications due. */
export function awaitingAcknowledgement(e: Pick<Escalation, 'state'>): boolean {
  return e.state === 'open';
}

/**
 * Reopening a resolved escalation (resolved by mistake, or the fix did not hold): it goes back to
 * acknowledged — someone already answered it — with its history kept and its resolution cleared; a
 * duplicate mark goes with the resolution. Null when it is not resolved.
 */
export function reopenPatch(e: Pick<Escalation, 'state'>): EscalationPatch | null {
  if (e.state !== 'resolved') return null;
  return { state: 'acknowledged', resolvedAt: null, resolvedBy: null, resolutionNote: null, duplicateOf: null };
}
