import * as z from 'zod';
import { type Escalation, escalationLabel } from '../../domain/escalation.js';
import { awaitingAcknowledgement } from '../../domain/escalation-state.js';
import type { Channel } from '../../domain/model.js';
import { defineJobKind } from '../../kernel/job-kind.js';
import { pageIntegration } from '../../kernel/paging.js';
import type { Store } from '../../kernel/ports/store.js';
import { bold, context, inChannel, paragraph, text } from '../../kernel/reply.js';
import { cardMessageKey, loadEscalationCard } from './escalation-card.js';

interface PagePayload {
  escalationId: number;
  integration: string;
  /** Minutes after opening. */
  step: number;
}

/** The occurrence keys of an escalation's paging steps start with this: cancelled by ack, resolve and handback. */
export const pagePrefix = (escalationId: number) => `page:${escalationId}:`;

/**
 * A paging step: when the escalation is still waiting for acknowledgement, page the integration
 * (its trigger goes through the integration outbox), say so in the channel and on the card.
 */
export const pageStep = defineJobKind<PagePayload>({
  kind: 'integration-page',
  label: 'paging step',
  payload: z.object({
    escalationId: z.number().int().positive(),
    integration: z.string().min(1),
    step: z.number().int().min(0),
  }),
  misfire: { kind: 'once' },
  async run(ctx, { escalationId, integration, step }) {
    const { store, channel, now } = ctx;
    const e = await store.escalations.get(escalationId);
    if (!e) return 'skipped: the escalation no longer exists';
    const id = escalationLabel(e);
    if (!awaitingAcknowledgement(e)) return `skipped: ${id} is ${e.state.replace('_', ' ')}`;
    const queued = await pageIntegration(store, { channel, escalation: e, integration, step, now });
    if (!queued) return `skipped: ${integration} was already paged for ${id}`;
    const waited = step === 0 ? 'on opening' : `after ${step} min without acknowledgement`;
    await store.escalations.addEvent(e.id, { at: now, actorId: null, kind: 'paged', note: `${integration} ${waited}` });
    await ctx.post(
      inChannel(
        paragraph(
          text('Paging '),
          bold(integration),
          text(' for '),
          bold(`${id} (${e.priority})`),
          text(` ${waited}.`),
        ),
        context(text(`Acknowledge ${id} here to stop the paging; the paging tools hear of it.`)),
      ),
    );
    await ctx.updatePost(cardMessageKey(e), await loadEscalationCard(store, channel, e));
    return `paged ${integration} for ${id}`;
  },
});

/** Schedules the channel's paging steps for the escalation's priority, in the caller's transaction. */
export async function schedulePageSteps(store: Store, channel: Channel, e: Escalation, now: Date): Promise<number> {
  const { pages } = await store.integrations.get(channel.id);
  const steps = pages.filter((p) => p.priority === e.priority);
  for (const p of steps) {
    await store.jobs.schedule(
      pageStep.newJob(channel.id, {
        dueAt: new Date(e.openedAt.getTime() + p.afterMinutes * 60_000),
        payload: { escalationId: e.id, integration: p.integration, step: p.afterMinutes },
        occurrenceKey: `${pagePrefix(e.id)}${p.integration}`,
      }),
      now,
    );
  }
  return steps.length;
}
