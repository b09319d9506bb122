import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { channels } from './channels.js';

/*
 * Paging tools: the events queued for them (the outbox's second kind of destination), each
 * channel's ticket link and paging steps, and the escalations inbound hooks opened.
 * See index.ts for how values are stored.
 */

/** One event (trigger, acknowledge, resolve) for one integration, written in the transaction that causes it. */
export const integrationOutbox = sqliteTable(
  'integration_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    idempotencyKey: text('idempotency_key').notNull(),
    integration: text('integration').notNull(),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    escalationId: integer('escalation_id').notNull(),
    event: text('event', { enum: ['trigger', 'acknowledge', 'resolve'] }).notNull(),
    message: text('message', { mode: 'json' }).notNull(),
    state: text('state', { enum: ['pending', 'sending', 'sent', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: integer('lease_expires_at'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
  },
  (t) => [
    uniqueIndex('integration_outbox_idempotency_key').on(t.idempotencyKey),
    index('integration_outbox_state_next').on(t.state, t.nextAttemptAt),
    index('integration_outbox_escalation').on(t.escalationId, t.integration),
    index('integration_outbox_channel_state').on(t.channelId, t.state),
  ],
);

/** A channel's ticket link template and paging steps. */
export const channelIntegrations = sqliteTable('channel_integrations', {
  channelId: integer('channel_id')
    .primaryKey()
    .references(() => channels.id, { onDelete: 'cascade' }),
  ticketUrl: text('ticket_url'),
  pages: text('pages', { mode: 'json' }).notNull(),
});

/** The escalation an inbound hook's external id (an RMM alert, a PSA ticket) opened. */
export const hookLinks = sqliteTable(
  'hook_links',
  {
    integration: text('integration').notNull(),
    externalId: text('external_id').notNull(),
    escalationId: integer('escalation_id').notNull(),
    linkedAt: integer('linked_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.integration, t.externalId] })],
);
