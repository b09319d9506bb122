import type { IntegrationEvent, IntegrationMessage, PageStep } from '../../domain/integrations.js';
import type { OutboxBacklog, OutboxState } from './outbox-queue.js';

/** One event for one integration, as the integration outbox holds it. */
export interface Dispatch {
  id: number;
  idempotencyKey: string;
  integration: string;
  channelId: number;
  escalationId: number;
  event: IntegrationEvent;
  message: IntegrationMessage;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export type NewDispatch = Pick<
  Dispatch,
  'idempotencyKey' | 'integration' | 'channelId' | 'escalationId' | 'event' | 'message'
>;

/**
 * The outbox's second kind of destination: events for paging tools, written in the transaction
 * that causes them and delivered afterwards, in order per integration and escalation.
 */
export interface IntegrationOutboxRepo {
  /** Queues an event; false when one with that idempotency key was queued before. */
  enqueue(dispatch: NewDispatch, now: Date): Promise<boolean>;
  /** The integrations a trigger was queued for, for this escalation (they hear its acknowledgement and resolution). */
  pagedFor(escalationId: number): Promise<string[]>;
  /**
   * Leases up to `limit` due rows of these integrations, each only when no older row for the same
   * integration and escalation is still waiting. Call inside an immediate transaction.
   */
  claim(
    now: Date,
    owner: string,
    leaseUntil: Date,
    integrations: readonly string[],
    limit: number,
  ): Promise<Dispatch[]>;
  markSent(id: number, owner: string, now: Date): Promise<boolean>;
  retryLater(id: number, owner: string, at: Date, error: string): Promise<boolean>;
  markFailed(id: number, owner: string, error: string): Promise<boolean>;
  release(owner: string): Promise<number>;
  /** The earliest instant after `now` at which a row of these integrations may be sent. */
  nextWakeAt(now: Date, integrations: readonly string[]): Promise<Date | null>;
  backlog(channelId: number): Promise<OutboxBacklog>;
  /** Failed rows of a channel, newest first. */
  failed(channelId: number, limit: number): Promise<Dispatch[]>;
}

/** A channel's integration settings. */
export interface ChannelIntegrations {
  /** `https://psa.example.com/tickets/{id}`: turns `ticket:48211` into a link. */
  ticketUrl: string | null;
  /** Paging steps by priority (until ladders carry them). */
  pages: PageStep[];
}

/** Per-channel integration settings, and the escalations inbound hooks opened, by external id. */
export interface IntegrationSettingsRepo {
  get(channelId: number): Promise<ChannelIntegrations>;
  setTicketUrl(channelId: number, template: string | null): Promise<void>;
  setPages(channelId: number, pages: readonly PageStep[]): Promise<void>;
  /** The escalation an integration's external id (an RMM alert id) opened, if any. */
  linked(integration: string, externalId: string): Promise<number | null>;
  /** Links (or re-links) an external id to an escalation. */
  link(integration: string, externalId: string, escalationId: number, now: Date): Promise<void>;
}
