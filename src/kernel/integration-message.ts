import { type Escalation, escalationLabel } from '../domain/escalation.js';
import {
  dedupKey,
  type IntegrationEvent,
  type IntegrationLink,
  type IntegrationMessage,
  severityOf,
} from '../domain/integrations.js';
import type { Channel } from '../domain/model.js';
import { ticketLink } from '../domain/ticket-url.js';
import type { Store } from './ports/store.js';

export interface MessageExtras {
  step?: number | null;
  by?: string | null;
  note?: string | null;
}

/** Where a person lands from the paging tool: the channel, where the platform has a web address for it. */
function channelLink(channel: Channel): IntegrationLink | null {
  if (channel.platform === 'slack' && /^[A-Z0-9]+$/.test(channel.externalId))
    return { href: `https://slack.com/app_redirect?channel=${channel.externalId}`, text: 'The escalation in Slack' };
  return null;
}

/** The event about an escalation as the integration clients send it: its facts now and the links back. */
export async function integrationMessage(
  store: Store,
  channel: Channel,
  e: Escalation,
  event: IntegrationEvent,
  now: Date,
  extras: MessageExtras = {},
): Promise<IntegrationMessage> {
  const settings = await store.integrations.get(channel.id);
  const from = e.fromPersonId === null ? null : await store.people.get(e.fromPersonId);
  const links: IntegrationLink[] = [];
  const ticket = e.ticket ? ticketLink(e.ticket, settings.ticketUrl) : null;
  if (ticket) links.push({ href: ticket, text: `Ticket ${e.ticket!.replace(/^https?:\/\//i, '').slice(0, 60)}` });
  const back = channelLink(channel);
  if (back) links.push(back);
  return {
    event,
    dedupKey: dedupKey(channel.id, e.seq),
    escalation: {
      id: escalationLabel(e),
      summary: e.summary,
      priority: e.priority,
      severity: severityOf(e.priority),
      area: e.areaName,
      ticket: e.ticket,
      from: from?.name ?? 'someone',
      to: e.toTeam === 'internal' ? `${channel.orgName} (internal IT)` : `${channel.mspName} (MSP)`,
      openedAt: e.openedAt.toISOString(),
      state: e.state,
    },
    channel: { platform: channel.platform, id: channel.externalId, org: channel.orgName, msp: channel.mspName },
    step: extras.step ?? null,
    by: extras.by ?? null,
    note: extras.note ?? null,
    links,
    at: now.toISOString(),
  };
}
