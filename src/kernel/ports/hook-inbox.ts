import type { HookAction } from '../../domain/integrations.js';
import type { Priority } from '../../domain/model.js';
import type { ConversationRef } from '../types.js';

/** The people table's platform for whoever acts through an inbound hook: named on cards, never mentioned. */
export const HOOK_PLATFORM = 'hook';

/** One inbound hook delivery, its signature already checked by the HTTP adapter. */
export interface HookRequest {
  /** The integration's name (the path of `POST /hooks/<name>`). */
  integration: string;
  /** How the card names the tool: `PagerDuty`, or the integration's name. */
  via: string;
  /** The tool's id of this delivery: a redelivery takes effect once. */
  deliveryId: string;
  /** The tool's id of the thing (an RMM alert, a PSA ticket, a PagerDuty incident): one escalation per id. */
  externalId: string;
  action: HookAction;
  /** A channel by its conversation (generic hooks), or an escalation by its dedup key (PagerDuty). */
  target: { conversation: ConversationRef } | { dedupKey: string };
  /** The channels (`slack:C0123`) the integration may act in. */
  allowedChannels: readonly string[];
  summary?: string;
  priority?: Priority;
  area?: string;
  ticket?: string;
  note?: string;
  /** Who did it in the tool (`Jane Doe`), when it says. */
  by?: string;
}

export type HookVerdict = { ok: true } | { ok: false; status: 403 | 404 | 422; error: string };

/**
 * What inbound hooks reach the core through. `check` is quick (answered before the HTTP response);
 * `apply` does the work after it, in one transaction, once per delivery.
 */
export interface HookInbox {
  check(request: HookRequest): Promise<HookVerdict>;
  apply(request: HookRequest): Promise<string>;
}
