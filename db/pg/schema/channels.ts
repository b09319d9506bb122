import { bigint, index, json, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';

/*
 * A channel, its days off, its people and managers, its audit log; platform conversation references.
 * See index.ts for how values are stored.
 */

export const channels = pgTable(
  'channels',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    platform: text('platform').notNull(),
    externalId: text('external_id').notNull(),
    orgName: text('org_name').notNull(),
    mspName: text('msp_name').notNull(),
    timezone: text('timezone').notNull(),
    workDays: text('work_days').notNull().default('1,2,3,4,5'),
    dayStart: bigint('day_start', { mode: 'number' }).notNull().default(480),
    dayEnd: bigint('day_end', { mode: 'number' }).notNull().default(1020),
    internalHandle: json('internal_handle'),
    mspHandle: json('msp_handle'),
    morningOffsetMinutes: bigint('morning_offset_minutes', { mode: 'number' }).notNull().default(0),
    ackTimeouts: json('ack_timeouts').notNull(),
    /** The escalation ladders by priority; null, or a priority missing, means the default ladder. */
    ladders: json('ladders'),
    escalationSeq: bigint('escalation_seq', { mode: 'number' }).notNull().default(0),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    /** A fresh random token from every matrix write, in its transaction: MatrixRepo.version, seen by every process. */
    matrixVersion: text('matrix_version').notNull().default(''),
    /**
     * Set by `setup reset`: the row and its history are kept, its conversation is free for a new setup
     * (the external id gets a `#retired-<id>` suffix) and nothing is scheduled for it any more.
     */
    retiredAt: bigint('retired_at', { mode: 'number' }),
  },
  (t) => [uniqueIndex('channels_platform_external').on(t.platform, t.externalId)],
);

export const holidays = pgTable(
  'holidays',
  {
    channelId: bigint('channel_id', { mode: 'number' })
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    name: text('name').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.date] })],
);

export const people = pgTable(
  'people',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    platform: text('platform').notNull(),
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    /** The organisation the platform last reported for the person: a Slack home workspace, a Teams tenant. */
    orgId: text('org_id'),
  },
  (t) => [uniqueIndex('people_platform_external').on(t.platform, t.externalId)],
);

export const managers = pgTable(
  'managers',
  {
    channelId: bigint('channel_id', { mode: 'number' })
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => people.id),
    addedAt: bigint('added_at', { mode: 'number' }).notNull(),
    /** The side the person manages: `internal` or `msp`. */
    side: text('side', { enum: ['internal', 'msp'] })
      .notNull()
      .default('internal'),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.personId] })],
);

/** Platform conversation references (Teams needs them for proactive posts), refreshed on every inbound activity. */
export const conversations = pgTable(
  'conversations',
  {
    platform: text('platform').notNull(),
    externalId: text('external_id').notNull(),
    reference: json('reference').notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.externalId] })],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    channelId: bigint('channel_id', { mode: 'number' })
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    at: bigint('at', { mode: 'number' }).notNull(),
    actorId: bigint('actor_id', { mode: 'number' }).references(() => people.id),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    subject: text('subject').notNull(),
    before: json('before'),
    after: json('after'),
    outcome: text('outcome', { enum: ['ok', 'refused'] }).notNull(),
    /** How many refusals the row stands for (a rate-limited person's later refusals only count here). */
    count: bigint('count', { mode: 'number' }).notNull().default(1),
    /** The whole matrix after a matrix change, as CSV: the versions of `matrix history`. */
    matrix: text('matrix'),
  },
  (t) => [
    index('audit_log_channel_at').on(t.channelId, t.at),
    index('audit_log_channel_actor_at').on(t.channelId, t.actorId, t.at),
  ],
);
