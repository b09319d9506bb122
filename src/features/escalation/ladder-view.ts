import { hoursOf } from '../../domain/business-hours.js';
import type { Escalation } from '../../domain/escalation.js';
import { awaitingAcknowledgement } from '../../domain/escalation-state.js';
import { type Ladder, nextStepIndex, stepDueAt, stepWaited, targetName } from '../../domain/ladder.js';
import type { Channel } from '../../domain/model.js';
import { localTime } from '../../kernel/format.js';
import type { Store } from '../../kernel/ports/store.js';

/** Where an escalation stands on its ladder: the step reached, and the next one with when it is due. */
export interface LadderView {
  /** 1-based, for people. */
  step: number;
  of: number;
  current: string;
  next: { what: string; at: Date; waits: boolean } | null;
}

export async function businessHoursOf(store: Store, channel: Channel) {
  return hoursOf(channel, await store.channels.holidays(channel.id));
}

/** The ladder of the escalation's priority, as the channel has it now. */
export function ladderFor(channel: Channel, e: Pick<Escalation, 'priority'>): Ladder {
  return channel.ladders[e.priority];
}

/** The escalation's place on its ladder, for the card and the steps. */
export async function ladderView(store: Store, channel: Channel, e: Escalation): Promise<LadderView> {
  const ladder = ladderFor(channel, e);
  const index = Math.min(e.renotifyCount, ladder.steps.length - 1);
  const nextIndex = awaitingAcknowledgement(e) ? nextStepIndex(ladder, index) : null;
  let next: LadderView['next'] = null;
  if (nextIndex !== null) {
    const at = stepDueAt(ladder, nextIndex, e.openedAt, await businessHoursOf(store, channel));
    const what = targetName(ladder.steps[nextIndex]!.target);
    next = { what, at, waits: stepWaited(ladder, nextIndex, e.openedAt, at) };
  }
  return { step: index + 1, of: ladder.steps.length, current: targetName(ladder.steps[index]!.target), next };
}

/** `managers at Mon 30 Nov 02:25 EST` or `contact at … (waits for business hours)`. */
export function nextLine(channel: Channel, next: NonNullable<LadderView['next']>): string {
  return `${next.what} at ${localTime(next.at, channel)}${next.waits ? ' (waits for business hours)' : ''}`;
}
