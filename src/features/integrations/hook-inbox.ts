import { type Escalation, escalationLabel } from '../../domain/escalation.js';
import { channelAddress, parseDedupKey } from '../../domain/integrations.js';
import type { Channel } from '../../domain/model.js';
import type { Clock } from '../../kernel/clock.js';
import { UserError } from '../../kernel/errors.js';
import type { Logger } from '../../kernel/logger.js';
import { HOOK_PLATFORM, type HookInbox, type HookRequest, type HookVerdict } from '../../kernel/ports/hook-inbox.js';
import type { Store } from '../../kernel/ports/store.js';
import {
  applyEscalationStep,
  checkTicket,
  type EscalateArgs,
  MAX_SUMMARY,
  openEscalation,
  refreshCardIn,
} from '../escalation/index.js';

const MAX_NOTE = 1_000;

export interface HookInboxDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  /** Wakes the outbox after a hook's change committed. */
  afterCommit?: () => void;
}

type Found = { channel: Channel; escalation: Escalation | null } | { refused: HookVerdict & { ok: false } };

/** Inbound hooks, in the core: RMM/PSA alerts open and step escalations; PagerDuty acknowledges and resolves them. */
export class CoreHookInbox implements HookInbox {
  constructor(private readonly deps: HookInboxDeps) {}

  async check(req: HookRequest): Promise<HookVerdict> {
    const problem = requestProblem(req);
    if (problem) return { ok: false, status: 422, error: problem };
    const found = await this.find(this.deps.store, req);
    return 'refused' in found ? found.refused : { ok: true };
  }

  async apply(req: HookRequest): Promise<string> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const outcome = await store.transaction(async (tx) => {
      if (!(await tx.deliveries.markSeen(`hook:${req.integration}:${req.deliveryId}`, now)))
        return 'already handled (a redelivery)';
      const found = await this.find(tx, req);
      if ('refused' in found) return `refused: ${found.refused.error}`;
      const { channel, escalation } = found;
      const actor = await tx.people.upsert(
        HOOK_PLATFORM,
        `${req.integration}:${req.by ?? ''}`,
        req.by ? `${req.by} through ${req.via}` : req.via,
      );
      if (req.action === 'open') return this.open(tx, channel, escalation, req, actor.id, now);
      if (!escalation) return 'nothing to do: no escalation is linked to it';
      const id = escalationLabel(escalation);
      if (req.action === 'note') {
        await tx.escalations.addEvent(escalation.id, { at: now, actorId: actor.id, kind: 'note', note: req.note! });
        await refreshCardIn(tx, channel, escalation, now);
        return `noted on ${id}`;
      }
      const stepper = { store: tx, channel, now, actorId: actor.id, actorName: actor.name, via: req.integration };
      const action = req.action === 'ack' ? 'acknowledge' : 'resolve';
      const result = await applyEscalationStep(stepper, escalation, action, req.note ?? null);
      return result.ok ? `${action}d ${id}` : `nothing to do: ${id} ${result.refusal.replace(/_/g, ' ')}`;
    });
    this.deps.afterCommit?.();
    return outcome;
  }

  private async open(
    tx: Store,
    channel: Channel,
    linked: Escalation | null,
    req: HookRequest,
    actorId: number,
    now: Date,
  ): Promise<string> {
    if (linked && linked.state !== 'resolved') return `already open as ${escalationLabel(linked)}`;
    const opener = (await tx.people.get(actorId))!;
    const args: EscalateArgs = {
      summary: req.summary!.trim(),
      priority: req.priority ?? 'P3',
      ...(req.ticket ? { ticket: checkTicket(req.ticket)! } : {}),
      ...(req.area ? { area: req.area } : {}),
    };
    const opening = { store: tx, channel, now, opener, openerSide: 'unknown' as const };
    let opened: Awaited<ReturnType<typeof openEscalation>>;
    try {
      opened = await openEscalation(opening, args);
    } catch (err) {
      // An area the matrix does not know: open it anyway, routed by the summary, and say so in its history.
      if (!(err instanceof UserError) || !args.area) throw err;
      const { area, ...rest } = args;
      opened = await openEscalation(opening, rest);
      const note = `${req.via} named the area “${area.slice(0, 80)}”, which the matrix does not have`;
      await tx.escalations.addEvent(opened.escalation.id, { at: now, actorId, kind: 'note', note });
      await refreshCardIn(tx, channel, opened.escalation, now);
    }
    await tx.integrations.link(req.integration, req.externalId, opened.escalation.id, now);
    return `opened ${escalationLabel(opened.escalation)}`;
  }

  /** The channel and escalation a request names, or why it is refused. */
  private async find(store: Store, req: HookRequest): Promise<Found> {
    let channel: Channel | null;
    let escalation: Escalation | null = null;
    if ('dedupKey' in req.target) {
      const key = parseDedupKey(req.target.dedupKey);
      const all = key ? await store.channels.all() : [];
      channel = all.find((c) => c.id === key?.channelId) ?? null;
      escalation = channel && key ? await store.escalations.bySeq(channel.id, key.seq) : null;
      if (!channel || !escalation)
        return { refused: { ok: false, status: 404, error: 'no Tandem escalation has this incident key' } };
    } else {
      const { conversation } = req.target;
      channel = await store.channels.find(conversation);
      if (!channel)
        return {
          refused: {
            ok: false,
            status: 404,
            error: `channel ${channelAddress(conversation.platform, conversation.channelId)} is not set up with Tandem`,
          },
        };
    }
    const address = channelAddress(channel.platform, channel.externalId);
    if (!req.allowedChannels.includes(address))
      return {
        refused: {
          ok: false,
          status: 403,
          error:
            `integration ${req.integration} may not act in ${address}; ` +
            'add it to its channels in the integrations file',
        },
      };
    if ('conversation' in req.target) {
      const linkedId = await store.integrations.linked(req.integration, req.externalId);
      escalation = linkedId === null ? null : await store.escalations.get(linkedId);
      if (escalation && escalation.channelId !== channel.id) escalation = null;
      if (!escalation && req.action !== 'open')
        return {
          refused: {
            ok: false,
            status: 404,
            error: `no escalation was opened for external_id ${req.externalId.slice(0, 80)}; send action open first`,
          },
        };
    }
    return { channel, escalation };
  }
}

/** What is missing or wrong in a request's fields for its action, or null. */
function requestProblem(req: HookRequest): string | null {
  if (req.action === 'open') {
    const summary = req.summary?.trim() ?? '';
    if (!summary) return 'action open needs a summary';
    if (summary.length > MAX_SUMMARY) return `summary is ${summary.length} characters; at most ${MAX_SUMMARY}`;
    if (req.ticket !== undefined && !checkTicket(req.ticket))
      return 'ticket must be a ticket number or reference (e.g. 48213, INC-0042) or an http(s) link';
  }
  if (req.action === 'note' && !req.note?.trim()) return 'action note needs a note';
  if (req.note && req.note.length > MAX_NOTE) return `note is ${req.note.length} characters; at most ${MAX_NOTE}`;
  return null;
}
