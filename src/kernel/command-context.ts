import { mentionLabel } from '../domain/mention-codec.js';
import type { Channel, Person } from '../domain/model.js';
import type { Side } from '../domain/sides.js';
import type { Clock } from './clock.js';
import type { CommandContext } from './command.js';
import type { JobKindRegistry } from './job-kind.js';
import type { Logger } from './logger.js';
import { placementOf, sideOrgName } from './placement.js';
import type { IntegrationDirectory } from './ports/integrations.js';
import type { Planner } from './ports/planner.js';
import type { Store } from './ports/store.js';
import { postingTo } from './posting.js';
import type { CommandRegistry } from './registry.js';
import { inChannel, paragraph, type Reply, text } from './reply.js';
import type { Inbound } from './types.js';

export interface CommandContextParts {
  /** The command's transaction. */
  tx: Store;
  now: Date;
  clock: Clock;
  actor: Person;
  channel: Channel | null;
  managerSide: Side | null;
  isAdmin: boolean;
  inbound: Inbound;
  registry: CommandRegistry;
  jobKinds: JobKindRegistry;
  planner: Planner;
  integrations: IntegrationDirectory;
  /** Tandem's public address (TANDEM_PUBLIC_URL, no trailing slash): links to its pages; null when unset. */
  publicUrl: string | null;
  log: Logger;
  /** Runs the line a confirmation code stands for, in this transaction (the bot's pipeline). */
  confirm(code: string): Promise<Reply>;
  /** The command declared it changes nothing: its turn's commit is not durable, so its changes throw. */
  readOnly?: boolean;
}

/** A change asked of a command that declared `readOnly`: a mistake in the command, never the user's. */
const readOnlyChange = (what: string) => () =>
  Promise.reject(new Error(`a read-only command cannot ${what}: remove readOnly from its spec`));

/** What a command sees: its transaction, who and where, and the ways to speak and record. */
export function commandContext(p: CommandContextParts): CommandContext {
  const { tx, now, actor, inbound } = p;
  // setup registers the channel inside this transaction, so later steps look it up at the time of use.
  const registered = async (): Promise<Channel | null> => p.channel ?? (await tx.channels.find(inbound.conversation));
  const posting = postingTo(tx, () => inbound.conversation, now);
  return {
    now,
    clock: p.clock,
    actor,
    conversation: inbound.conversation,
    channel: p.channel,
    isManager: p.managerSide !== null,
    managerSide: p.managerSide,
    isAdmin: p.isAdmin,
    platformAdmin: inbound.actor.platformAdmin === true,
    store: tx,
    log: p.log,
    publicUrl: p.publicUrl,
    commands: p.registry.all,
    async audit(change) {
      const target = await registered();
      if (!target) throw new Error('audit needs a registered channel');
      const id = await tx.audit.record({
        channelId: target.id,
        at: now,
        actorId: actor.id,
        actorName: actor.name,
        action: change.action,
        subject: change.subject,
        before: change.before,
        after: change.after,
        outcome: 'ok',
        ...(change.matrix === undefined ? {} : { matrix: change.matrix }),
      });
      if (change.announce === null) return;
      const { side } = await placementOf(tx, target.id, actor);
      const who = side ? `${actor.name} (${sideOrgName(side, target)})` : actor.name;
      await posting.post(inChannel(paragraph(text(`${who} ${change.announce}`))), {
        idempotencyKey: `change:${target.id}:${id}`,
      });
    },
    async sideOf(person) {
      const target = await registered();
      return target ? placementOf(tx, target.id, person) : { side: null, source: null, orgId: person.orgId ?? null };
    },
    confirm: p.confirm,
    personFor: (m) => tx.people.upsert(inbound.actor.platform, m.id, mentionLabel(m)),
    ...posting,
    async timesChanged() {
      const target = await registered();
      return target ? p.planner.channelTimesChanged(tx, target.id, now) : 0;
    },
    jobKinds: p.jobKinds,
    integrations: p.integrations,
    ...(p.readOnly
      ? {
          audit: readOnlyChange('audit'),
          post: readOnlyChange('post'),
          updatePost: readOnlyChange('update a post'),
          timesChanged: readOnlyChange('change times'),
        }
      : {}),
  };
}
