import { z } from 'zod';
import { escalationLabel } from '../../domain/escalation.js';
import {
  ackTimeoutMs,
  MAX_RENOTIFICATIONS,
  nextRenotify,
  type RenotifyPayload,
  renotifyKey,
} from '../../domain/escalation-renotify.js';
import { contactFor } from '../../domain/escalation-routing.js';
import { awaitingAcknowledgement } from '../../domain/escalation-state.js';
import { formatDuration } from '../../domain/metrics.js';
import { localTime } from '../../kernel/format.js';
import { defineJobKind } from '../../kernel/job-kind.js';
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
import { cardMessageKey, loadEscalationCard, personSpan, teamSpans } from './escalation-card.js';

/**
 * One ack re-notification of an escalation still waiting for a response (see
 * src/domain/escalation-renotify.ts for the schedule). Found late — the bot was down — it is
 * posted once, marked late, and the next one is due one timeout period after that.
 */
export const ackRenotify = defineJobKind<RenotifyPayload>({
  kind: 'ack-renotify',
  label: 'ack re-notification',
  payload: z.object({ escalationId: z.number().int().positive(), n: z.number().int().positive() }),
  misfire: { kind: 'once' },
  async run(ctx, { escalationId, n }) {
    const { store, channel, now } = ctx;
    const e = await store.escalations.get(escalationId);
    if (!e) return 'skipped: the escalation no longer exists';
    if (!awaitingAcknowledgement(e)) return `skipped: ${escalationLabel(e)} is ${e.state.replace('_', ' ')}`;
    const timeout = ackTimeoutMs(e, channel.ackTimeouts);
    if (timeout === null) return `skipped: ${e.priority} has no ack timeout now`;

    const id = escalationLabel(e);
    const waited = formatDuration(now.getTime() - e.openedAt.getTime());
    const area =
      e.areaId === null ? null : ((await store.matrix.list(channel.id)).find((a) => a.id === e.areaId) ?? null);
    const contact = contactFor(area, e.toTeam);
    const from = e.fromPersonId === null ? null : await store.people.get(e.fromPersonId);
    const who: Span[] = [...teamSpans(e.toTeam, channel)];
    if (contact) who.push(text(' and '), mention(contact));
    const blocks: Block[] = [
      paragraph(
        ...who,
        text(`: `),
        bold(`${id} (${e.priority})`),
        text(` has waited ${waited} without acknowledgement — `),
        bold(e.summary),
      ),
      context(
        text(`Opened by `),
        personSpan(from),
        text(
          n >= MAX_RENOTIFICATIONS
            ? ` at ${localTime(e.openedAt, channel)}. This is the last reminder Tandem sends for ${id}: call the ` +
                `receiving team directly.`
            : ` at ${localTime(e.openedAt, channel)}. Acknowledge to stop these reminders.`,
        ),
      ),
      buttons({ label: 'Acknowledge', command: `ack ${id}`, style: 'primary' }),
    ];
    const late = ctx.lateNotice();
    if (late) blocks.push(late);
    await ctx.post(inChannel(...blocks));

    const updated = await store.escalations.update(e.id, { renotifyCount: e.renotifyCount + 1 });
    await store.escalations.addEvent(e.id, { at: now, actorId: null, kind: 'renotified', note: waited });
    await ctx.updatePost(cardMessageKey(updated), await loadEscalationCard(store, channel, updated));

    if (n >= MAX_RENOTIFICATIONS) return `re-notified ${id} (${n}, the last)`;
    const next = nextRenotify(e.openedAt, timeout, n, now);
    await store.jobs.schedule(
      ackRenotify.newJob(channel.id, {
        dueAt: next.dueAt,
        payload: { escalationId, n: next.n },
        occurrenceKey: renotifyKey(escalationId, next.n),
      }),
      now,
    );
    return `re-notified ${id} (${n}); next at ${localTime(next.dueAt, channel)}`;
  },
});
