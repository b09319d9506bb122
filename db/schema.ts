import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Instants are stored as integer milliseconds since the epoch (UTC); local dates as `YYYY-MM-DD`;
// times of day as minutes since local midnight. JSON columns hold small structured values.

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
    escalationSeq: integer('escalation_seq').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    /** A fresh random token from every matrix write, in its transaction: MatrixRepo.version, seen by every process. */
    matrixVersion: text('matrix_version').notNull().default(''),
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
  },
  (t) => [primaryKey({ columns: [t.channelId, t.personId] })],
);

export const matrixAreas = sqliteTable(
  'matrix_areas',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The normalised name: unique per channel, so "Patching" and "patching" are one area. */
    key: text('key').notNull(),
    businessOwner: text('business_owner', { enum: ['internal', 'msp', 'shared'] }).notNull(),
    afterHoursOwner: text('after_hours_owner', { enum: ['internal', 'msp', 'shared'] }).notNull(),
    contact: text('contact', { mode: 'json' }),
    note: text('note').notNull().default(''),
    position: integer('position').notNull(),
  },
  (t) => [uniqueIndex('matrix_areas_channel_key').on(t.channelId, t.key)],
);

export const matrixAliases = sqliteTable(
  'matrix_aliases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    areaId: integer('area_id')
      .notNull()
      .references(() => matrixAreas.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [index('matrix_aliases_area').on(t.areaId)],
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
  },
  (t) => [index('audit_log_channel_at').on(t.channelId, t.at)],
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

export const escalations = sqliteTable(
  'escalations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    summary: text('summary').notNull(),
    areaId: integer('area_id').references(() => matrixAreas.id, { onDelete: 'set null' }),
    areaName: text('area_name'),
    priority: text('priority', { enum: ['P1', 'P2', 'P3', 'P4'] }).notNull(),
    ticket: text('ticket'),
    fromPersonId: integer('from_person_id').references(() => people.id),
    fromTeam: text('from_team', { enum: ['internal', 'msp'] }).notNull(),
    toTeam: text('to_team', { enum: ['internal', 'msp'] }).notNull(),
    state: text('state', { enum: ['open', 'acknowledged', 'handed_back', 'resolved'] }).notNull(),
    afterHours: integer('after_hours', { mode: 'boolean' }).notNull(),
    openedAt: integer('opened_at').notNull(),
    acknowledgedAt: integer('acknowledged_at'),
    acknowledgedBy: integer('acknowledged_by').references(() => people.id),
    handedBackAt: integer('handed_back_at'),
    handedBackBy: integer('handed_back_by').references(() => people.id),
    handbackNote: text('handback_note'),
    resolvedAt: integer('resolved_at'),
    resolvedBy: integer('resolved_by').references(() => people.id),
    resolutionNote: text('resolution_note'),
    renotifyCount: integer('renotify_count').notNull().default(0),
  },
  (t) => [
    uniqueIndex('escalations_channel_seq').on(t.channelId, t.seq),
    index('escalations_channel_opened').on(t.channelId, t.openedAt),
    index('escalations_channel_state').on(t.channelId, t.state),
  ],
);

/** Every transition and note on an escalation: who and when. */
export const escalationEvents = sqliteTable(
  'escalation_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    escalationId: integer('escalation_id')
      .notNull()
      .references(() => escalations.id, { onDelete: 'cascade' }),
    at: integer('at').notNull(),
    actorId: integer('actor_id').references(() => people.id),
    kind: text('kind').notNull(),
    note: text('note'),
  },
  // By kind and time: notes in a window (the morning post, weekly agendas) without walking every escalation's history.
  (t) => [
    index('escalation_events_escalation').on(t.escalationId),
    index('escalation_events_kind_at').on(t.kind, t.at),
  ],
);

export const handoffNotes = sqliteTable(
  'handoff_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    at: integer('at').notNull(),
    authorId: integer('author_id').references(() => people.id),
    text: text('text').notNull(),
    /** Written during business hours but meant for the next morning post. */
    overnight: integer('overnight', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('handoff_notes_channel_at').on(t.channelId, t.at)],
);

export const cadences = sqliteTable(
  'cadences',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['weekly', 'monthly', 'quarterly'] }).notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    weekday: integer('weekday').notNull(),
    /** first | second | third | fourth | last; null for weekly. */
    ordinal: text('ordinal'),
    /** 1, 2 or 3: the month of the quarter; null unless quarterly. */
    quarterMonth: integer('quarter_month'),
    time: integer('time').notNull(),
    durationMinutes: integer('duration_minutes').notNull().default(60),
    /** Reminder lead times in minutes before the meeting. */
    leads: text('leads', { mode: 'json' }).notNull(),
  },
  (t) => [uniqueIndex('cadences_channel_kind').on(t.channelId, t.kind)],
);

export const cadenceSkips = sqliteTable(
  'cadence_skips',
  {
    cadenceId: integer('cadence_id')
      .notNull()
      .references(() => cadences.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cadenceId, t.date] })],
);

/** Durable scheduled work. One row per occurrence; the key makes creating it twice a no-op. */
export const jobs = sqliteTable(
  'jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    channelId: integer('channel_id').references(() => channels.id, { onDelete: 'cascade' }),
    dueAt: integer('due_at').notNull(),
    payload: text('payload', { mode: 'json' }).notNull(),
    occurrenceKey: text('occurrence_key').notNull(),
    state: text('state', { enum: ['pending', 'running', 'done', 'dropped', 'failed', 'cancelled'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: integer('lease_expires_at'),
    result: text('result'),
    createdAt: integer('created_at').notNull(),
    finishedAt: integer('finished_at'),
  },
  // jobs_channel_kind: a channel's pending jobs of a kind (planning after every run, replanning) without reading
  // every pending job.
  (t) => [
    uniqueIndex('jobs_occurrence_key').on(t.occurrenceKey),
    index('jobs_state_due').on(t.state, t.dueAt),
    index('jobs_channel_kind').on(t.channelId, t.kind, t.state, t.dueAt),
  ],
);

/** Every outgoing post or update, written in the transaction that causes it. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    idempotencyKey: text('idempotency_key').notNull(),
    platform: text('platform').notNull(),
    conversationId: text('conversation_id').notNull(),
    /** `post` a new message, or `update` the message posted under messageKey. */
    op: text('op', { enum: ['post', 'update'] }).notNull(),
    /** A logical message (e.g. `escalation:12`) whose platform id is kept in `messages` for later updates. */
    messageKey: text('message_key'),
    reply: text('reply', { mode: 'json' }).notNull(),
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
    uniqueIndex('outbox_idempotency_key').on(t.idempotencyKey),
    index('outbox_state_next').on(t.state, t.nextAttemptAt),
  ],
);

/** Platform ids of posted messages, so a logical message can be updated in place. */
export const messages = sqliteTable('messages', {
  messageKey: text('message_key').primaryKey(),
  platform: text('platform').notNull(),
  conversationId: text('conversation_id').notNull(),
  platformMessageId: text('platform_message_id').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Inbound platform deliveries already handled (Slack retries, Teams redeliveries, double clicks). */
export const inboundSeen = sqliteTable('inbound_seen', {
  key: text('key').primaryKey(),
  at: integer('at').notNull(),
});
