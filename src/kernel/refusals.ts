import type { Channel } from '../domain/model.js';
import type { AnyCommandSpec } from './command.js';
import type { Refused } from './errors.js';
import type { Logger } from './logger.js';
import { sideName } from './placement.js';
import type { Manager } from './ports/people.js';
import type { Store } from './ports/store.js';
import { BUSY_TRY } from './turn.js';
import type { Inbound } from './types.js';

/**
 * How many refusals of one person a channel's audit log keeps as rows in an hour; past that, only the
 * count on their latest row grows. A flood of refused commands then costs one row, and can never push
 * a real change out of `audit`, which lists changes apart anyway.
 */
export const REFUSAL_ROWS_PER_HOUR = 10;
const HOUR_MS = 60 * 60_000;

export interface RefusalRecord {
  channelId: number;
  actorId: number;
  actorName: string;
  action: string;
  subject: string;
  reason: string;
  at: Date;
}

/** Writes a refusal to the audit log, rate-limited per person as above. */
export async function recordRefusal(store: Store, r: RefusalRecord): Promise<void> {
  const recent = await store.audit.refusalRowsSince(r.channelId, r.actorId, new Date(r.at.getTime() - HOUR_MS));
  if (recent >= REFUSAL_ROWS_PER_HOUR && (await store.audit.countAgain(r.channelId, r.actorId, r.at))) return;
  await store.audit.record({
    channelId: r.channelId,
    at: r.at,
    actorId: r.actorId,
    actorName: r.actorName,
    action: r.action,
    subject: r.subject,
    before: null,
    after: { refused: r.reason },
    outcome: 'refused',
  });
}

/** The refusal of a manager-only command to someone who is not one: who can, on each side. */
export function managersOnly(spec: AnyCommandSpec, managers: readonly Manager[], channel: Channel): string {
  const sides = (['internal', 'msp'] as const).map((side) => {
    const of = managers.filter((m) => m.side === side).map((m) => `@${m.name}`);
    return `managers of ${sideName(side, channel)}: ${of.join(', ') || 'none yet'}`;
  });
  return (
    `Only managers of this channel can run \`${spec.path.join(' ')}\`. Here, ${sides.join('; ')}. Ask one of ` +
    'them to make the change, or a manager of your side to add you with `managers add @you`.'
  );
}

/** The refusal of an administrators' command. */
export function administratorsOnly(spec: AnyCommandSpec): string {
  return (
    `Only Tandem's administrators can run \`${spec.path.join(' ')}\`: the people whoever runs Tandem names in ` +
    'TANDEM_ADMINS. Ask them, or type `managers` to see who manages this channel.'
  );
}

/**
 * Records a refused command in the audit log, in a transaction of its own (the command's rolled
 * back), with its delivery id so that a redelivery is neither answered nor recorded again. A failure
 * to record is logged: the refusal has been answered either way.
 */
export async function recordRefused(
  deps: { store: Store; now: Date; log: Logger },
  r: { inbound: Inbound; err: Refused; deliveryKey: string | null; specId: string },
): Promise<void> {
  const { store, now } = deps;
  const { inbound, deliveryKey } = r;
  try {
    await store.transaction(async (tx) => {
      if (deliveryKey !== null && !(await tx.deliveries.markSeen(deliveryKey, now))) return;
      const channel = await tx.channels.find(inbound.conversation);
      if (!channel) return;
      const { actor: who } = inbound;
      const actor = await tx.people.upsert(who.platform, who.userId, who.name, who.orgId);
      // Refused, but they spoke here: a manager can now place them.
      await tx.sides.seen(channel.id, actor.id, now);
      await recordRefusal(tx, {
        channelId: channel.id,
        actorId: actor.id,
        actorName: actor.name,
        action: r.specId,
        subject: inbound.text.slice(0, 200),
        reason: r.err.message,
        at: now,
      });
    }, BUSY_TRY);
  } catch (e) {
    deps.log.warn({ err: e }, 'could not record a refusal in the audit log');
  }
}
