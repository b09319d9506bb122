import type { Escalation } from '../domain/escalation.js';
import type { Channel } from '../domain/model.js';
import { integrationMessage } from './integration-message.js';
import type { Store } from './ports/store.js';

/** A ladder step (or a channel's paging step) reaching a paging tool. */
export interface PageRequest {
  channel: Channel;
  escalation: Escalation;
  /** The integration's name, as configured in TANDEM_INTEGRATIONS (e.g. `pagerduty-msp`). */
  integration: string;
  /** The step's minutes after opening, shown to the tool; null when not from a step. */
  step: number | null;
  now: Date;
}

/**
 * Pages an integration for an escalation: queues its trigger in the integration outbox, in the
 * caller's transaction; the outbox sender delivers it with retries. Paging one integration twice
 * for one escalation queues one trigger (false the second time). Acknowledging and resolving the
 * escalation later reach every integration paged for it (`followUpIntegrations`).
 *
 * Call it from a job's `run` or a command's `run` with their store (`ctx.store`); it never waits on
 * the network. The integration's name is checked where it is typed (ladder or `integrations page`).
 */
export async function pageIntegration(store: Store, req: PageRequest): Promise<boolean> {
  const { channel, escalation: e, integration, now } = req;
  const message = await integrationMessage(store, channel, e, 'trigger', now, { step: req.step });
  return store.integrationOutbox.enqueue(
    {
      idempotencyKey: `integration:${integration}:${e.id}:trigger`,
      integration,
      channelId: channel.id,
      escalationId: e.id,
      event: 'trigger',
      message,
    },
    now,
  );
}

export interface FollowUp {
  channel: Channel;
  /** The escalation after the step. */
  escalation: Escalation;
  event: 'acknowledge' | 'resolve';
  /** Who did it, as people know them (`dana`, `Jane Doe through PagerDuty`). */
  by: string | null;
  note: string | null;
  now: Date;
  /** An integration that must not hear of it (the one the step came from). */
  except?: string;
}

/**
 * Tells every integration paged for the escalation that it was acknowledged or resolved, in the
 * caller's transaction. Each integration hears each event once. Returns the integrations told.
 */
export async function followUpIntegrations(store: Store, f: FollowUp): Promise<string[]> {
  const paged = (await store.integrationOutbox.pagedFor(f.escalation.id)).filter((n) => n !== f.except);
  if (paged.length === 0) return [];
  const message = await integrationMessage(store, f.channel, f.escalation, f.event, f.now, { by: f.by, note: f.note });
  const told: string[] = [];
  for (const integration of paged) {
    const queued = await store.integrationOutbox.enqueue(
      {
        idempotencyKey: `integration:${integration}:${f.escalation.id}:${f.event}`,
        integration,
        channelId: f.channel.id,
        escalationId: f.escalation.id,
        event: f.event,
        message,
      },
      f.now,
    );
    if (queued) told.push(integration);
  }
  return told;
}
