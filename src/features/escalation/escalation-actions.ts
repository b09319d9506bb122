import { type Escalation, escalationLabel, otherTeam } from '../../domain/escalation.js';
import { renotifyPrefix } from '../../domain/escalation-renotify.js';
import { applyStep, type EscalationAction, type Refusal } from '../../domain/escalation-state.js';
import type { Channel } from '../../domain/model.js';
import type { Side } from '../../domain/sides.js';
import type { ChannelContext } from '../../kernel/command.js';
import { UserError } from '../../kernel/errors.js';
import { localTime } from '../../kernel/format.js';
import { followUpIntegrations } from '../../kernel/paging.js';
import type { Store } from '../../kernel/ports/store.js';
import { postingTo } from '../../kernel/posting.js';
import { conversationOf } from '../../kernel/types.js';
import { cardMessageKey, loadEscalationCard } from './escalation-card.js';
import { stopLadder } from './ladder-plan.js';
import { pagePrefix } from './page-step-job.js';

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
  await refreshCardIn(ctx.store, ctx.channel, escalation, ctx.now);
}

/** `refreshCard` outside a command (a job, an inbound hook). */
export async function refreshCardIn(store: Store, channel: Channel, escalation: Escalation, now: Date): Promise<void> {
  await postingTo(store, () => conversationOf(channel), now).updatePost(
    cardMessageKey(escalation),
    await loadEscalationCard(store, channel, escalation),
  );
}

/** Who steps an escalation, where and when: a person in the channel, or an inbound hook acting for a tool. */
export interface Stepper {
  store: Store;
  channel: Channel;
  now: Date;
  actorId: number;
  /** As people know them, for the paging tools: `dana`, `Jane Doe through PagerDuty`. */
  actorName: string;
  /** The integration the step came from (it is not told of its own step). */
  via?: string;
  /** The side of whoever steps, when known: a shared escalation becomes theirs. */
  takerSide?: Side | null;
}

export type StepOutcome = { ok: true; escalation: Escalation } | { ok: false; refusal: Refusal };

/**
 * The transition with its event, in the caller's transaction: the pending re-notification and
 * paging steps cancelled, the card updated, the paging tools paged for it told. A refused step
 * writes nothing.
 */
export async function applyEscalationStep(
  s: Stepper,
  current: Escalation,
  action: EscalationAction,
  note: string | null,
): Promise<StepOutcome> {
  const result = applyStep(current, { action, by: s.actorId, at: s.now, note });
  if (!result.ok) return result;
  const takes = current.shared && s.takerSide ? { toTeam: s.takerSide, shared: false } : {};
  const updated = await s.store.escalations.update(current.id, { ...result.patch, ...takes });
  await s.store.escalations.addEvent(current.id, {
    at: s.now,
    actorId: s.actorId,
    kind: result.event.kind,
    note: result.event.note,
  });
  // Every step is a response: the ladder stops, and nobody needs reminding or paging any more.
  await stopLadder(s.store, current, s.now);
  await s.store.jobs.cancelPending(renotifyPrefix(current.id), s.now);
  await s.store.jobs.cancelPending(pagePrefix(current.id), s.now);
  await refreshCardIn(s.store, s.channel, updated, s.now);
  await followUpIntegrations(s.store, {
    channel: s.channel,
    escalation: updated,
    event: action === 'resolve' ? 'resolve' : 'acknowledge',
    by: s.actorName,
    note: result.event.note,
    now: s.now,
    ...(s.via ? { except: s.via } : {}),
  });
  return { ok: true, escalation: updated };
}

/**
 * Acknowledges, resolves or hands back as the person in the channel. A refused step throws a
 * UserError that says what to type, and the transaction writes nothing.
 */
export async function stepEscalation(
  ctx: ChannelContext,
  seq: number,
  action: EscalationAction,
  note: string | null,
): Promise<Escalation> {
  const current = await findEscalation(ctx, seq);
  // A shared escalation belongs to whoever answers it first, when their side is known.
  const takerSide = current.shared ? (await ctx.sideOf(ctx.actor)).side : null;
  const stepper = {
    store: ctx.store,
    channel: ctx.channel,
    now: ctx.now,
    actorId: ctx.actor.id,
    actorName: ctx.actor.name,
    takerSide,
  };
  const result = await applyEscalationStep(stepper, current, action, note);
  if (!result.ok) throw new UserError(await refusalMessage(ctx, current, result.refusal), 'refused_step');
  return result.escalation;
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
