import type { Priority } from './model.js';

/** The tools Tandem pages and hears from. */
export type IntegrationKind = 'pagerduty' | 'opsgenie' | 'email' | 'webhook';
export const INTEGRATION_KINDS: readonly IntegrationKind[] = ['pagerduty', 'opsgenie', 'email', 'webhook'];

/** How each kind is named to people. */
export const KIND_LABELS: Record<IntegrationKind, string> = {
  pagerduty: 'PagerDuty',
  opsgenie: 'Opsgenie',
  email: 'e-mail',
  webhook: 'signed webhook',
};

/** Atlassian ends Opsgenie's support on this date; `integrations` and the README say so. */
export const OPSGENIE_END_OF_SUPPORT = '2027-04-05';

/** An integration's name: what managers type in ladders and `integrations page`, and the path of its hook. */
export const INTEGRATION_NAME = /^[a-z][a-z0-9-]{0,39}$/;

/** What happened to the escalation, as sent to a paging tool. */
export type IntegrationEvent = 'trigger' | 'acknowledge' | 'resolve';

/** Whether a kind sends an event: e-mail goes out for the page only (the channel shows the rest). */
export function kindSends(kind: IntegrationKind, event: IntegrationEvent): boolean {
  return kind !== 'email' || event === 'trigger';
}

/** One link back from the paging tool (the ticket in the PSA, the channel). */
export interface IntegrationLink {
  href: string;
  text: string;
}

/**
 * Everything an integration client needs to send one event about one escalation, fixed when it is
 * queued: the clients turn it into PagerDuty, Opsgenie, e-mail or webhook requests.
 */
export interface IntegrationMessage {
  event: IntegrationEvent;
  /** The same for every event of one escalation: PagerDuty's dedup key, Opsgenie's alias. */
  dedupKey: string;
  escalation: {
    id: string;
    summary: string;
    priority: Priority;
    severity: Severity;
    area: string | null;
    ticket: string | null;
    from: string;
    to: string;
    openedAt: string;
    state: string;
  };
  channel: { platform: string; id: string; org: string; msp: string };
  /** The ladder step that paged (minutes after opening), when a step did. */
  step: number | null;
  /** Who acknowledged or resolved, when a person did. */
  by: string | null;
  note: string | null;
  links: IntegrationLink[];
  /** When the event happened (ISO 8601, UTC). */
  at: string;
}

export type Severity = 'critical' | 'error' | 'warning' | 'info';

/** PagerDuty's severity for a priority. */
export function severityOf(priority: Priority): Severity {
  return ({ P1: 'critical', P2: 'error', P3: 'warning', P4: 'info' } as const)[priority];
}

/** The dedup key (PagerDuty) or alias (Opsgenie) of an escalation: its channel and ESC id. */
export function dedupKey(channelId: number, seq: number): string {
  return `tandem-${channelId}-ESC-${seq}`;
}

/** The channel and ESC number a dedup key names; null when it is not one of Tandem's. */
export function parseDedupKey(key: string): { channelId: number; seq: number } | null {
  const m = /^tandem-(\d{1,12})-ESC-(\d{1,12})$/.exec(key);
  return m ? { channelId: Number(m[1]), seq: Number(m[2]) } : null;
}

/** A paging step outside a ladder: page `integration` when a `priority` escalation waits `afterMinutes` unanswered. */
export interface PageStep {
  integration: string;
  priority: Priority;
  afterMinutes: number;
}

/** What inbound hooks ask for. */
export type HookAction = 'open' | 'ack' | 'resolve' | 'note';
export const HOOK_ACTIONS: readonly HookAction[] = ['open', 'ack', 'resolve', 'note'];

/** A conversation as hooks and the integrations file name it: `slack:C0123`, `teams:19:abc@thread.tacv2`. */
export function channelAddress(platform: string, channelId: string): string {
  return `${platform}:${channelId}`;
}
