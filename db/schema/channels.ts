import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/*
 * A channel, its days off, its people and managers, its audit log; platform conversation references.
 * See index.ts for how values are stored.
 */

export const channels = sqliteTable(
  'channels',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    externalId: text('external_id').notNull(),
    orgName: text('org_name').notNull(),
    mspName: text('msp_name').notNull(),
    timezone: text('timezone').notNull(),
    workDays: text('work_days').notNull().default('1,2,3,4,5'),
    dayStart: integer('day_start').notNull().default(480),
    dayEnd: integer('day_end').notNull().default(1020),
    internalHandle: text('internal_handle', { mode: 'json' }),
    mspHandle: text('msp_handle', { mode: 'json' }),
    morningOffsetMinutes: integer('morning_offset_minutes').notNull().default(0),
    ackTimeouts: text('ack_timeouts', { mode: 'json' }).notNull(),
    /** The escalation ladders by priority; null, or a priority missing, means the default ladder. */
    ladders: text('ladders', { mode: 'json' }),
    escalationSeq: integer('escalation_seq').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    /** A fresh random token from every matrix write, in its transaction: MatrixRepo.version, seen by every process. */
    matrixVersion: text('matrix_version').notNull().default(''),
    /**
     * Set by `setup reset`: the row and its history are kept, its conversation is free for a new setup
     * (the external id gets a `#retired-<id>` suffix) and nothing is scheduled for it any more.
     */
    retiredAt: integer('retired_at'),
  },
  (t) => [uniqueIndex('channels_platform_external').on(t.platform, t.externalId)],
);

export const holidays = sqliteTable(
  'holidays',
  {
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    name: text('name').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.date] })],
);

export const people = sqliteTable(
  'people',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    /** The organisation the platform last reported for the person: a Slack home workspace, a Teams tenant. */
    orgId: text('org_id'),
  },
  (t) => [uniqueIndex('people_platform_external').on(t.platform, t.externalId)],
);

export const managers = sqliteTable(
  'managers',
  {
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    addedAt: integer('added_at').notNull(),
    /** The side the person manages: `internal` or `msp`. */
    side: text('side', { enum: ['internal', 'msp'] })
      .notNull()
      .default('internal'),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.personId] })],
);

/** Platform conversation references (Teams needs them for proactive posts), refreshed on every inbound activity. */
export const conversations = sqliteTable(
  'conversations',
  {
    platform: text('platform').notNull(),
    externalId: text('external_id').notNull(),
    reference: text('reference', { mode: 'json' }).notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.externalId] })],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    at: integer('at').notNull(),
    actorId: integer('actor_id').references(() => people.id),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    subject: text('subject').notNull(),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    outcome: text('outcome', { enum: ['ok', 'refused'] }).notNull(),
    /** How many refusals the row stands for (a rate-limited person's later refusals only count here). */
    count: integer('count').notNull().default(1),
    /** The whole matrix after a matrix change, as CSV: the versions of `matrix history`. */
    matrix: text('matrix'),
  },
  (t) => [
    index('audit_log_channel_at').on(t.channelId, t.at),
    index('audit_log_channel_actor_at').on(t.channelId, t.actorId, t.at),
  ],
);
