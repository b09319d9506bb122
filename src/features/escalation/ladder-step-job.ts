import * as z from 'zod';
import { type Escalation, escalationLabel, type Team } from '../../domain/escalation.js';
import { contactFor } from '../../domain/escalation-routing.js';
import { awaitingAcknowledgement } from '../../domain/escalation-state.js';
import { type LadderTarget, ladderStepKey, nextStepIndex, stepDueAt, targetName } from '../../domain/ladder.js';
import { formatDuration } from '../../domain/metrics.js';
import type { Channel } from '../../domain/model.js';
import { defineJobKind } from '../../kernel/job-kind.js';
import { pageIntegration } from '../../kernel/paging.js';
import type { Store } from '../../kernel/ports/store.js';
import {
  type Block,
  bold,
  buttons,
  context,
  inChannel,
  mention,
  paragraph,
  type Span,
  text,
} from '../../kernel/reply.js';
import { cardMessageKey, loadEscalationCard, receivingSpans } from './escalation-card.js';
import { businessHoursOf, ladderFor, ladderView, nextLine } from './ladder-view.js';

export interface LadderStepPayload {
  escalationId: number;
  /** The index of the step in the priority's ladder. */
  step: number;
}

/** Whom a step reaches, as mentions; with why it falls back to the team when the target has nobody. */
async function targetSpans(store: Store, channel: Channel, e: Escalation, target: LadderTarget) {
  const team = receivingSpans(e, channel);
  switch (target.kind) {
    case 'team':
      return { who: team, missing: null };
    case 'contact': {
      const area =
        e.areaId === null ? null : ((await store.matrix.list(channel.id)).find((a) => a.id === e.areaId) ?? null);
      const contact = contactFor(area, e.toTeam, e.shared);
      if (contact) return { who: [mention(contact)], missing: null };
      const why = area
        ? `${area.name} has no contact on this side (a manager sets one with ` +
          `\`matrix set "${area.name}" contact:@someone\`)`
        : 'it has no area, so no contact';
      return { who: team, missing: why };
    }
    case 'managers': {
      const sides: Team[] = e.shared ? ['internal', 'msp'] : [e.toTeam];
      const managers = (await store.managers.list(channel.id)).filter((m) => sides.includes(m.side));
      if (managers.length === 0) return { who: team, missing: 'the receiving side has no managers here' };
      const who: Span[] = [];
      for (const [i, m] of managers.entries()) {
        if (i > 0) who.push(text(', '));
        who.push(mention({ kind: 'user', id: m.externalId, label: m.name }));
      }
      return { who, missing: null };
    }
    case 'integration':
      // Paging integrations deliver through their own face; the thread says that it was paged.
      return { who: [bold(target.name)], missing: null };
  }
}

/**
 * One step of an escalation's ladder, as a reply in the card's thread: whom it reaches, how long the
 * escalation has waited, and the next step. Cancelled by an acknowledgement, a resolution or a handback;
 * found late (the bot was down) it is posted once, marked late.
 */
export const ladderStep = defineJobKind<LadderStepPayload>({
  kind: 'ladder-step',
  label: 'escalation ladder step',
  payload: z.object({ escalationId: z.number().int().positive(), step: z.number().int().min(0) }),
  misfire: { kind: 'once' },
  /**
   * The next step of every escalation waiting for acknowledgement. Planned again when the channel's
   * hours, holidays or timezone change, so a step waiting for business hours follows the new ones;
   * a step the change puts in the past comes now.
   */
  async plan(channel, store, after) {
    const hours = await businessHoursOf(store, channel);
    const planned = [];
    for (const e of await store.escalations.unresolved(channel.id)) {
      if (!awaitingAcknowledgement(e)) continue;
      const ladder = ladderFor(channel, e);
      const index = nextStepIndex(ladder, e.renotifyCount);
      if (index === null) continue;
      const due = stepDueAt(ladder, index, e.openedAt, hours);
      const dueAt = due.getTime() < after.getTime() ? after : due;
      planned.push({
        dueAt,
        payload: { escalationId: e.id, step: index },
        occurrenceKey: ladderStepKey(e.id, index, dueAt),
      });
    }
    return planned;
  },
  async run(ctx, { escalationId, step }) {
    const { store, channel, now } = ctx;
    const e = await store.escalations.get(escalationId);
    if (!e) return 'skipped: the escalation no longer exists';
    const id = escalationLabel(e);
    if (!awaitingAcknowledgement(e)) return `skipped: ${id} is ${e.state.replace('_', ' ')}`;
    const ladder = ladderFor(channel, e);
    const target = ladder.steps[step]?.target;
    if (!target || step <= e.renotifyCount) return `skipped: step ${step + 1} of ${id}'s ladder is not next`;

    const waited = formatDuration(now.getTime() - e.openedAt.getTime());
    const { who, missing } = await targetSpans(store, channel, e, target);
    if (target.kind === 'integration') {
      const minutes = ladder.steps[step]!.after;
      await pageIntegration(store, { channel, escalation: e, integration: target.name, step: minutes, now });
    }
    const last = step === ladder.steps.length - 1;
    const updated = await store.escalations.update(e.id, { renotifyCount: step });
    const next = await planNextStep(store, channel, updated, now);
    const view = await ladderView(store, channel, updated);
    const blocks: Block[] = [
      paragraph(
        ...who,
        text(': '),
        bold(`${id} (${e.priority})`),
        text(` has waited ${waited} without acknowledgement — `),
        bold(e.summary),
      ),
      context(
        text(
          `Step ${step + 1} of ${ladder.steps.length} (${targetName(target)})` +
            (missing ? `: ${missing}` : '') +
            (last
              ? '. This is the last step: call the receiving team directly.'
              : view.next
                ? `. Next: ${nextLine(channel, view.next)}.`
                : '.'),
        ),
      ),
      buttons({ label: 'Acknowledge', command: `ack ${id}`, style: 'primary' }),
    ];
    const late = ctx.lateNotice();
    if (late) blocks.push(late);
    await ctx.post(inChannel(...blocks), {
      thread: { messageKey: cardMessageKey(e), broadcast: last && e.priority === 'P1' },
    });
    await store.escalations.addEvent(e.id, {
      at: now,
      actorId: null,
      kind: 'renotified',
      note: `${waited}, step ${step + 1}: ${targetName(target)}`,
    });
    await ctx.updatePost(cardMessageKey(updated), await loadEscalationCard(store, channel, updated));
    const then = next ? `; next due ${next.toISOString()}` : '';
    return `step ${step + 1} of ${id}'s ladder (${targetName(target)})${then}`;
  },
});

/**
 * Schedules the step after the one the escalation has reached, per its ladder now; returns when,
 * or null when the ladder ends there. A step already past is due now.
 */
export async function planNextStep(store: Store, channel: Channel, e: Escalation, now: Date): Promise<Date | null> {
  const ladder = ladderFor(channel, e);
  const index = nextStepIndex(ladder, e.renotifyCount);
  if (index === null) return null;
  const planned = stepDueAt(ladder, index, e.openedAt, await businessHoursOf(store, channel));
  const dueAt = planned.getTime() < now.getTime() ? now : planned;
  await store.jobs.schedule(
    ladderStep.newJob(channel.id, {
      dueAt,
      payload: { escalationId: e.id, step: index },
      occurrenceKey: ladderStepKey(e.id, index, dueAt),
    }),
    now,
  );
  return dueAt;
}
