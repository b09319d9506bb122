import { bigint, boolean, index, json, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { channels } from './channels.js';

/*
 * Scheduled jobs, outgoing posts, posted message ids and inbound deliveries already handled.
 * See index.ts for how values are stored.
 */

/** Durable scheduled work. One row per occurrence; the key makes creating it twice a no-op. */
export const jobs = pgTable(
  'jobs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    kind: text('kind').notNull(),
    channelId: bigint('channel_id', { mode: 'number' }).references(() => channels.id, { onDelete: 'cascade' }),
    dueAt: bigint('due_at', { mode: 'number' }).notNull(),
    payload: json('payload').notNull(),
    occurrenceKey: text('occurrence_key').notNull(),
    state: text('state', { enum: ['pending', 'running', 'done', 'dropped', 'failed', 'cancelled'] }).notNull(),
    attempts: bigint('attempts', { mode: 'number' }).notNull().default(0),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: bigint('lease_expires_at', { mode: 'number' }),
    result: text('result'),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    finishedAt: bigint('finished_at', { mode: 'number' }),
  },
  // jobs_channel_kind: a channel's pending jobs of a kind (planning after every run, replanning) without reading
  // every pending job. jobs_state_lease_due: the next wake-up (the earliest pending job without a
  // retry hold, the held ones, the running ones' lease expiries) by index seeks, not a scan of every pending job.
  (t) => [
    uniqueIndex('jobs_occurrence_key').on(t.occurrenceKey),
    index('jobs_state_due').on(t.state, t.dueAt),
    index('jobs_channel_kind').on(t.channelId, t.kind, t.state, t.dueAt),
    index('jobs_state_lease_due').on(t.state, t.leaseExpiresAt, t.dueAt),
  ],
);

/** Every outgoing post or update, written in the transaction that causes it. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    idempotencyKey: text('idempotency_key').notNull(),
    platform: text('platform').notNull(),
    conversationId: text('conversation_id').notNull(),
    /** `post` a new message, or `update` the message posted under messageKey. */
    op: text('op', { enum: ['post', 'update'] }).notNull(),
    /** A logical message (e.g. `escalation:12`) whose platform id is kept in `messages` for later updates. */
    messageKey: text('message_key'),
    /** A post in the thread of the message posted under this key: sent once that message is delivered. */
    replyTo: text('reply_to'),
    /** A thread reply also shown in the channel (Slack reply_broadcast). */
    broadcast: boolean('broadcast').notNull().default(false),
    reply: json('reply').notNull(),
    state: text('state', { enum: ['pending', 'sending', 'sent', 'failed'] }).notNull(),
    attempts: bigint('attempts', { mode: 'number' }).notNull().default(0),
    nextAttemptAt: bigint('next_attempt_at', { mode: 'number' }).notNull(),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: bigint('lease_expires_at', { mode: 'number' }),
    lastError: text('last_error'),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    sentAt: bigint('sent_at', { mode: 'number' }),
  },
  // outbox_lane_due: a conversation's next row to send (the earliest due, then the oldest) and its pending count,
  // without reading the rest of its queue; outbox_message_key: the rows of one message, for its updates.
  (t) => [
    uniqueIndex('outbox_idempotency_key').on(t.idempotencyKey),
    index('outbox_state_next').on(t.state, t.nextAttemptAt),
    index('outbox_lane_due').on(t.platform, t.conversationId, t.state, t.nextAttemptAt, t.id),
    index('outbox_message_key').on(t.messageKey, t.id),
  ],
);

/**
 * One row per conversation the outbox delivers to: what the sender needs to choose among
 * conversations without reading their queues. Round-robin order, pacing and Retry-After, and the
 * one delivery in flight; on PostgreSQL a claim locks these rows (FOR UPDATE SKIP LOCKED).
 */
export const outboxLanes = pgTable(
  'outbox_lanes',
  {
    platform: text('platform').notNull(),
    conversationId: text('conversation_id').notNull(),
    /** The earliest `next_attempt_at` of the conversation's pending rows; null when none is pending. */
    nextAt: bigint('next_at', { mode: 'number' }),
    /** When the conversation last got a message: the pacing reference, and who is served first (longest ago). */
    lastSentAt: bigint('last_sent_at', { mode: 'number' }),
    /** The platform asked for a pause (Retry-After): nothing goes to the conversation before. */
    heldUntil: bigint('held_until', { mode: 'number' }),
    /** The delivery in flight: whose it is and until when; a lease past its expiry is a dead process's. */
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: bigint('lease_expires_at', { mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.platform, t.conversationId] }), index('outbox_lanes_next').on(t.nextAt)],
);

/** Platform ids of posted messages, so a logical message can be updated in place. */
export const messages = pgTable('messages', {
  messageKey: text('message_key').primaryKey(),
  platform: text('platform').notNull(),
  conversationId: text('conversation_id').notNull(),
  platformMessageId: text('platform_message_id').notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
});

/** Inbound platform deliveries already handled (Slack retries, Teams redeliveries, double clicks). */
export const inboundSeen = pgTable('inbound_seen', {
  key: text('key').primaryKey(),
  at: bigint('at', { mode: 'number' }).notNull(),
});
