import { RuleViolation, TandemError } from '../domain/errors.js';
import type { Clock } from './clock.js';
import type { AnyCommandSpec, ChannelContext } from './command.js';
import { commandContext } from './command-context.js';
import { askToConfirm, takeConfirmation } from './confirmation.js';
import { DeliveryBatch } from './delivery-batch.js';
import { PermissionDenied, Refused, StoreBusy, UserError } from './errors.js';
import type { JobKindRegistry } from './job-kind.js';
import type { Logger } from './logger.js';
import { type IntegrationDirectory, NO_INTEGRATIONS } from './ports/integrations.js';
import type { Planner } from './ports/planner.js';
import type { Store } from './ports/store.js';
import { DEFAULT_POSTING_LIMITS, enforcePostingLimits, type PostingLimits } from './posting-limits.js';
import { shortenQuoted } from './quoting.js';
import { administratorsOnly, managersOnly, recordRefused } from './refusals.js';
import type { CommandRegistry } from './registry.js';
import { context, ephemeral, paragraph, prose, type Reply } from './reply.js';
import {
  AlreadyHandled,
  BUSY_PATIENCE_MS,
  BUSY_PAUSE_MAX_MS,
  BUSY_PAUSE_MS,
  BUSY_TRY,
  BUSY_TRY_MS,
  LOOKUP_TRY,
  NOT_SET_UP,
  type Turn,
} from './turn.js';
import type { Inbound, Platform } from './types.js';

export interface BotDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  registry: CommandRegistry;
  /** Called after a command's transaction committed: wakes the outbox and the scheduler. */
  afterCommit?: () => void;
  /** Every registered job kind (their labels, for `status`). */
  jobKinds: JobKindRegistry;
  /** Plans a channel's jobs again after a command changed its times (`ctx.timesChanged`). */
  planner: Planner;
  /** How long a command keeps trying while another process holds the database's write lock (5 s by default). */
  busyPatienceMs?: number;
  /** The operators' administrators (TANDEM_ADMINS), as `platform:userId`: they may run any manager command. */
  admins?: ReadonlySet<string>;
  /** Limits on the commands that post; DEFAULT_POSTING_LIMITS when absent. */
  postingLimits?: PostingLimits;
  /** Each platform's pacing (the faces' `pacingMs`), to tell a refused command when a backlog clears. */
  pacingMs?: (platform: Platform) => number;
  /** The integrations the operator configured (TANDEM_INTEGRATIONS); none by default. */
  integrations?: IntegrationDirectory;
  /** Tandem's public address (TANDEM_PUBLIC_URL, no trailing slash): links to its pages; none when unset. */
  publicUrl?: string | undefined;
  /** How long the delivery id of a command that changed nothing waits to be recorded with others (100 ms). */
  deliveryBatchDelayMs?: number;
}

/**
 * Dispatches inbound lines to commands. The one error boundary of the core: whatever a command
 * throws becomes a reply that is safe to show, and nothing a failed command wrote is kept.
 */
export class Bot {
  readonly #answered: DeliveryBatch;

  constructor(private readonly deps: BotDeps) {
    this.#answered = new DeliveryBatch(deps.store, deps.log, deps.deliveryBatchDelayMs);
  }

  /** Records the delivery ids waiting now (of lookups and mistakes), without waiting for the batch's delay. */
  recordAnswered(): Promise<void> {
    return this.#answered.flush();
  }

  /** Records the delivery ids still waiting: before the database closes. */
  close(): Promise<void> {
    return this.#answered.close();
  }

  get registry(): CommandRegistry {
    return this.deps.registry;
  }

  async handle(inbound: Inbound): Promise<Reply> {
    return (await this.dispatch(inbound, null))!;
  }

  /**
   * `handle` for a platform delivery that may arrive again (Slack retries an event, Teams redelivers
   * an activity, a proxy repeats a request), named by the platform's own id for it: the first
   * delivery runs, a later one gets null and changes nothing. The id is recorded in the command's
   * own transaction, so a change takes effect once, across restarts too; a refusal is recorded with
   * its audit entry. A lookup's id, or a mistake's, is recorded with others a moment later (see
   * DeliveryBatch), so that a lookup writes nothing itself. A command that could not run (database
   * busy, a fault) is not recorded: a redelivery may still run it.
   */
  async handleOnce(inbound: Inbound, deliveryKey: string): Promise<Reply | null> {
    return this.dispatch(inbound, deliveryKey);
  }

  private async dispatch(inbound: Inbound, deliveryKey: string | null): Promise<Reply | null> {
    const { log } = this.deps;
    let specId: string | null = null;
    try {
      // Parsing (arguments, a CSV) happens here, outside any transaction: the write lock waits for nothing but writes.
      const parsed = this.deps.registry.parse(inbound.text);
      specId = parsed.spec.id;
      const reply = await this.runPatiently(parsed.spec, parsed.args, inbound, deliveryKey);
      if (!parsed.spec.readOnly) this.deps.afterCommit?.(); // a lookup queued nothing and changed no time
      return reply;
    } catch (err) {
      if (err instanceof AlreadyHandled) return null;
      // A mistake changed nothing (its transaction rolled back, or it never parsed): its id is recorded as a
      // lookup's is, and a repeat of it is not answered again.
      if (deliveryKey && (err instanceof UserError || err instanceof RuleViolation)) {
        if (await this.answeredBefore(deliveryKey)) return null;
        this.#answered.add(deliveryKey, this.deps.clock.now());
      }
      return this.toReply(err, inbound, log, deliveryKey, specId);
    }
  }

  /** Whether a delivery was answered before: its id waits in the batch or was recorded (unknown: no). */
  private async answeredBefore(deliveryKey: string): Promise<boolean> {
    if (this.#answered.has(deliveryKey)) return true;
    return this.deps.store.deliveries.seen(deliveryKey).catch(() => false);
  }

  /**
   * Runs the command, waiting out another process's write lock in short synchronous tries with
   * pauses between them: SQLite's wait holds the event loop, and a wait of seconds would hold back
   * every other request (Slack's 3 s ack among them). Real time, not the Clock: this is waiting,
   * not the command's notion of now.
   */
  private async runPatiently(
    spec: AnyCommandSpec,
    args: unknown,
    inbound: Inbound,
    deliveryKey: string | null,
  ): Promise<Reply> {
    const patience = this.deps.busyPatienceMs ?? BUSY_PATIENCE_MS;
    const started = performance.now();
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.run(spec, args, inbound, deliveryKey);
      } catch (err) {
        if (!(err instanceof StoreBusy)) throw err;
        const pause = Math.min(BUSY_PAUSE_MAX_MS, BUSY_PAUSE_MS * 2 ** attempt);
        if (performance.now() - started + pause + BUSY_TRY_MS > patience) throw err;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  private async run(spec: AnyCommandSpec, args: unknown, inbound: Inbound, deliveryKey: string | null): Promise<Reply> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const lookup = spec.readOnly === true;
    let answered = false;
    try {
      return await store.transaction(
        async (tx) => {
          if (deliveryKey !== null) {
            // Arrived before and answered: this one changes nothing. Forgotten after a day by the
            // scheduler's retention, off this path. A lookup's id is recorded after it, with others.
            // An id still waiting in the batch is a lookup's or a mistake's, answered already.
            const repeat =
              this.#answered.has(deliveryKey) ||
              (lookup ? await tx.deliveries.seen(deliveryKey) : !(await tx.deliveries.markSeen(deliveryKey, now)));
            if (repeat) throw new AlreadyHandled();
          }
          const { actor: who } = inbound;
          const actor = await tx.people.upsert(who.platform, who.userId, who.name, who.orgId);
          const channel = await tx.channels.find(inbound.conversation);
          if (spec.requiresSetup && !channel) throw new UserError(NOT_SET_UP, 'not_set_up');
          const managerSide = channel ? await tx.managers.sideOf(channel.id, actor.id) : null;
          const isAdmin = this.deps.admins?.has(`${who.platform}:${who.userId}`) ?? false;
          const turn: Turn = {
            tx,
            now,
            actor,
            channel,
            managerSide,
            isAdmin,
            inbound,
            readOnly: spec.readOnly === true,
          };
          const reply = await this.noteSpeaker(turn, await this.execute(turn, spec, args, false));
          if (lookup && deliveryKey !== null) {
            this.#answered.add(deliveryKey, now);
            answered = true;
          }
          return reply;
        },
        lookup ? LOOKUP_TRY : BUSY_TRY,
      );
    } catch (err) {
      if (answered) this.#answered.forget(deliveryKey!);
      throw err;
    }
  }

  /** Checks the permission, then asks for confirmation or runs the command. */
  private async execute(turn: Turn, spec: AnyCommandSpec, args: unknown, confirmed: boolean): Promise<Reply> {
    const { tx, channel, actor, now } = turn;
    // A refusal is recorded in the audit log by toReply, outside this transaction that rolls back.
    if (spec.permission === 'admin' && !turn.isAdmin) throw new PermissionDenied(administratorsOnly(spec));
    if (spec.permission === 'manager' && channel && !turn.managerSide && !turn.isAdmin)
      throw new PermissionDenied(managersOnly(spec, await tx.managers.list(channel.id), channel));
    if (spec.postsToChannel && channel) {
      await enforcePostingLimits({
        store: tx,
        limits: this.deps.postingLimits ?? DEFAULT_POSTING_LIMITS,
        channel,
        actor,
        conversation: turn.inbound.conversation,
        now,
        pacingMs: this.deps.pacingMs ?? (() => 0),
      });
    }
    const ctx = commandContext({
      ...turn,
      clock: this.deps.clock,
      registry: this.deps.registry,
      jobKinds: this.deps.jobKinds,
      planner: this.deps.planner,
      integrations: this.deps.integrations ?? NO_INTEGRATIONS,
      publicUrl: this.deps.publicUrl ?? null,
      readOnly: spec.readOnly === true,
      log: this.deps.log.child({ command: spec.id }),
      confirm: async (code) => {
        if (!channel) throw new UserError(NOT_SET_UP, 'not_set_up');
        const line = await takeConfirmation(tx, code, { channel, person: actor, now });
        const inner = this.deps.registry.parse(line);
        return this.execute(turn, inner.spec, inner.args, true);
      },
    });
    if (spec.confirm && channel && !confirmed) {
      const preview = await spec.confirm(ctx as ChannelContext, args);
      return askToConfirm(tx, { channel, person: actor, now }, turn.inbound.text, preview);
    }
    return spec.run(ctx as ChannelContext, args);
  }

  /**
   * Remembers who spoke in the channel and the organisation the platform reported for them; the first
   * time an organisation speaks, the reply says how a manager places everyone from it.
   */
  private async noteSpeaker(turn: Turn, reply: Reply): Promise<Reply> {
    const { tx, now, actor, inbound } = turn;
    // setup may have registered the channel in this transaction, and setup reset retired it (never a lookup).
    const channel = turn.readOnly ? turn.channel : await tx.channels.find(inbound.conversation);
    if (!channel) return reply;
    await tx.sides.seen(channel.id, actor.id, now);
    const orgId = inbound.actor.orgId;
    if (!orgId || !(await tx.sides.orgSeen(channel.id, orgId, now))) return reply;
    const offer =
      `Organisation \`${orgId}\` is new in this channel. A manager places everyone from it with ` +
      `\`people org ${orgId} internal\` or \`people org ${orgId} msp\`.`;
    return { ...reply, blocks: [...reply.blocks, context(...prose(offer))] };
  }

  private async toReply(
    err: unknown,
    inbound: Inbound,
    log: Logger,
    deliveryKey: string | null = null,
    specId: string | null = null,
  ): Promise<Reply> {
    if (err instanceof Refused && specId !== null) {
      // A refusal is recorded in the audit log; the transaction that wrote it was rolled back, so write it again.
      const { store, clock } = this.deps;
      await recordRefused({ store, now: clock.now(), log }, { inbound, err, deliveryKey, specId });
      return ephemeral(paragraph(...prose(shortenQuoted(err.message))));
    }
    if (err instanceof UserError || err instanceof RuleViolation || err instanceof StoreBusy) {
      if (err instanceof StoreBusy) log.warn({ err: err.cause, text: inbound.text.slice(0, 80) }, 'database busy');
      return ephemeral(paragraph(...prose(shortenQuoted(err.message))));
    }
    const code = err instanceof TandemError ? err.code : 'internal';
    log.error(
      { err, code, platform: inbound.conversation.platform, channel: inbound.conversation.channelId },
      'command failed',
    );
    return ephemeral(
      paragraph(
        ...prose(
          'Something went wrong on my side and nothing was changed. Please try again; if it keeps happening, tell ' +
            'whoever runs Tandem.',
        ),
      ),
    );
  }
}
