import { type Escalation, escalationLabel, otherTeam } from '../../domain/escalation.js';
import { renotifyPrefix } from '../../domain/escalation-renotify.js';
import { applyStep, type EscalationAction, type Refusal } from '../../domain/escalation-state.js';
import type { ChannelContext } from '../../kernel/command.js';
import { UserError } from '../../kernel/errors.js';
import { localTime } from '../../kernel/format.js';
import { cardMessageKey, loadEscalationCard } from './escalation-card.js';
import { stopLadder } from './ladder-plan.js';

/** The channel's ESC-seq, or a refusal that says which ids exist. */
export async function findEscalation(ctx: ChannelContext, seq: number): Promise<Escalation> {
  const found = await ctx.store.escalations.bySeq(ctx.channel.id, seq);
  if (found) return found;
  const latest = (await ctx.store.escalations.recent(ctx.channel.id, 1))[0];
  const known = latest
    ? `The latest here is ${escalationLabel(latest)}; type \`escalations\` to see the open ones.`
    : 'No escalation has been opened in this channel yet.';
  throw new UserError(`There is no ESC-${seq} in this channel. ${known}`, 'unknown_escalation');
}

/** Updates the escalation's card in place, through the outbox, in this transaction. */
export async function refreshCard(ctx: ChannelContext, escalation: Escalation): Promise<void> {
  await ctx.updatePost(cardMessageKey(escalation), await loadEscalationCard(ctx.store, ctx.channel, escalation));
}

/**
 * Acknowledges, resolves or hands back: the transition with its event, the pending re-notification
 * cancelled, the card updated. A refused step throws a UserError and the transaction writes nothing.
 */
export async function stepEscalation(
  ctx: ChannelContext,
  seq: number,
  action: EscalationAction,
  note: string | null,
): Promise<Escalation> {
  const current = await findEscalation(ctx, seq);
  const result = applyStep(current, { action, by: ctx.actor.id, at: ctx.now, note });
  if (!result.ok) throw new UserError(await refusalMessage(ctx, current, result.refusal), 'refused_step');
  // A shared escalation belongs to whoever answers it first, when their side is known.
  const side = current.shared ? (await ctx.sideOf(ctx.actor)).side : null;
  const takes = side ? { toTeam: side, shared: false } : {};
  const updated = await ctx.store.escalations.update(current.id, { ...result.patch, ...takes });
  await ctx.store.escalations.addEvent(current.id, {
    at: ctx.now,
    actorId: ctx.actor.id,
    kind: result.event.kind,
    note: result.event.note,
  });
  // Every step is a response: the ladder stops (and any re-notification planned before ladders existed).
  await stopLadder(ctx.store, current, ctx.now);
  await ctx.store.jobs.cancelPending(renotifyPrefix(current.id), ctx.now);
  await refreshCard(ctx, updated);
  return updated;
}

async function nameOf(ctx: ChannelContext, id: number | null): Promise<string> {
  const p = id === null ? null : await ctx.store.people.get(id);
  return p ? `@${p.name}` : 'someone';
}

export function teamName(ctx: ChannelContext, team: 'internal' | 'msp'): string {
  return team === 'internal' ? `${ctx.channel.orgName} (internal IT)` : `${ctx.channel.mspName} (MSP)`;
}

/** What is wrong and what to type instead. */
export async function refusalMessage(ctx: ChannelContext, e: Escalation, refusal: Refusal): Promise<string> {
  const id = escalationLabel(e);
  const at = (d: Date | null) => (d ? localTime(d, ctx.channel) : 'earlier');
  switch (refusal) {
    case 'already_resolved':
      return (
        `${id} is already resolved (by ${await nameOf(ctx, e.resolvedBy)}, ${at(e.resolvedAt)}); nothing was ` +
        `changed. Add to its history with \`note ${id} <text>\`, or open a new one with \`escalate ` +
        `<summary>\`.`
      );
    case 'already_acknowledged': {
      const last = [...(await ctx.store.escalations.events(e.id))].reverse().find((ev) => ev.kind === 'acknowledged');
      return (
        `${id} is already acknowledged (by ${await nameOf(ctx, last?.actorId ?? e.acknowledgedBy)}, ` +
        `${at(last?.at ?? e.acknowledgedAt)}); nothing was changed. Next: \`resolve ${id} [note]\`, or ` +
        `\`handback ${id} <note>\`.`
      );
    }
    case 'already_handed_back':
      return (
        `${id} was already handed back to ${teamName(ctx, otherTeam(e.toTeam))} (by ` +
        `${await nameOf(ctx, e.handedBackBy)}, ${at(e.handedBackAt)}) and stays with them; nothing was ` +
        `changed. They take it with \`ack ${id}\` and close it with \`resolve ${id} [note]\`.`
      );
    case 'note_required':
      return (
        `A handback needs a note saying what ${teamName(ctx, otherTeam(e.toTeam))} should follow up. Type ` +
        `\`handback ${id} <note>\`, e.g. \`handback ${id} rolled back the firewall rule; please confirm the ` +
        `VPN with users this morning\`.`
      );
  }
}
