import { mentionLabel } from '../domain/mention-codec.js';
import type { Channel, Person } from '../domain/model.js';
import type { Clock } from './clock.js';
import type { CommandContext } from './command.js';
import type { JobKindRegistry } from './job-kind.js';
import type { Logger } from './logger.js';
import type { Planner } from './ports/planner.js';
import type { Store } from './ports/store.js';
import { postingTo } from './posting.js';
import type { CommandRegistry } from './registry.js';
import type { Inbound } from './types.js';

export interface CommandContextParts {
  /** The command's transaction. */
  tx: Store;
  now: Date;
  clock: Clock;
  actor: Person;
  channel: Channel | null;
  isManager: boolean;
  inbound: Inbound;
  registry: CommandRegistry;
  jobKinds: JobKindRegistry;
  planner: Planner;
  log: Logger;
}

/** What a command sees: its transaction, who and where, and the ways to speak and record. */
export function commandContext(p: CommandContextParts): CommandContext {
  const { tx, now, actor, inbound } = p;
  // setup registers the channel inside this transaction, so later steps look it up at the time of use.
  const registered = async (): Promise<Channel | null> => p.channel ?? (await tx.channels.find(inbound.conversation));
  return {
    now,
    clock: p.clock,
    actor,
    conversation: inbound.conversation,
    channel: p.channel,
    isManager: p.isManager,
    store: tx,
    log: p.log,
    commands: p.registry.all,
    async audit(action, subject, before, after) {
      const target = await registered();
      if (!target) throw new Error('audit needs a registered channel');
      await tx.audit.record({
        channelId: target.id,
        at: now,
        actorId: actor.id,
        actorName: actor.name,
        action,
        subject,
        before,
        after,
        outcome: 'ok',
      });
    },
    personFor: (m) => tx.people.upsert(inbound.actor.platform, m.id, mentionLabel(m)),
    ...postingTo(tx, () => inbound.conversation, now),
    async timesChanged() {
      const target = await registered();
      return target ? p.planner.channelTimesChanged(tx, target.id, now) : 0;
    },
    jobKinds: p.jobKinds,
  };
}
