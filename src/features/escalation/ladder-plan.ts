import type { Escalation } from '../../domain/escalation.js';
import { awaitingAcknowledgement } from '../../domain/escalation-state.js';
import { ladderPrefix } from '../../domain/ladder.js';
import type { Channel } from '../../domain/model.js';
import type { Store } from '../../kernel/ports/store.js';
import { planNextStep } from './ladder-step-job.js';

/** Stops the escalation's ladder: its pending steps are cancelled. */
export async function stopLadder(store: Store, e: Pick<Escalation, 'id'>, now: Date): Promise<void> {
  await store.jobs.cancelPending(ladderPrefix(e.id), now);
}

/** Plans again the ladders of every escalation of these priorities still waiting for acknowledgement. */
export async function replanLadders(
  store: Store,
  channel: Channel,
  priorities: readonly Escalation['priority'][],
  now: Date,
): Promise<number> {
  let n = 0;
  for (const e of await store.escalations.unresolved(channel.id)) {
    if (!awaitingAcknowledgement(e) || !priorities.includes(e.priority)) continue;
    await stopLadder(store, e, now);
    if (await planNextStep(store, channel, e, now)) n++;
  }
  return n;
}
