import { bigint, index, json, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { channels } from './channels.js';

/*
 * Paging tools: the events queued for them (the outbox's second kind of destination), each
 * channel's ticket link and paging steps, and the escalations inbound hooks opened.
 * See index.ts for how values are stored.
 */

/** One event (trigger, acknowledge, resolve) for one integration, written in the transaction that causes it. */
export const integrationOutbox = pgTable(
  'integration_outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    idempotencyKey: text('idempotency_key').notNull(),
    integration: text('integration').notNull(),
    channelId: bigint('channel_id', { mode: 'number' })
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    escalationId: bigint('escalation_id', { mode: 'number' }).notNull(),
    event: text('event', { enum: ['trigger', 'acknowledge', 'resolve'] }).notNull(),
    message: json('message').notNull(),
    state: text('state', { enum: ['pending', 'sending', 'sent', 'failed'] }).notNull(),
    attempts: bigint('attempts', { mode: 'number' }).notNull().default(0),
    nextAttemptAt: bigint('next_attempt_at', { mode: 'number' }).notNull(),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: bigint('lease_expires_at', { mode: 'number' }),
    lastError: text('last_error'),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    sentAt: bigint('sent_at', { mode: 'number' }),
  },
  (t) => [
    uniqueIndex('integration_outbox_idempotency_key').on(t.idempotencyKey),
    index('integration_outbox_state_next').on(t.state, t.nextAttemptAt),
    index('integration_outbox_escalation').on(t.escalationId, t.integration),
    index('integration_outbox_channel_state').on(t.channelId, t.state),
  ],
);

/** A channel's ticket link template and paging steps. */
export const channelIntegrations = pgTable('channel_integrations', {
  channelId: bigint('channel_id', { mode: 'number' })
    .primaryKey()
    .references(() => channels.id, { onDelete: 'cascade' }),
  ticketUrl: text('ticket_url'),
  pages: json('pages').notNull(),
});

/** The escalation an inbound hook's external id (an RMM alert, a PSA ticket) opened. */
export const hookLinks = pgTable(
  'hook_links',
  {
    integration: text('integration').notNull(),
    externalId: text('external_id').notNull(),
    escalationId: bigint('escalation_id', { mode: 'number' }).notNull(),
    linkedAt: bigint('linked_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.integration, t.externalId] })],
);
