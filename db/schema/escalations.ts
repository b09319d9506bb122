import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { channels, people } from './channels.js';
import { matrixAreas } from './matrix.js';

/*
 * Escalations, their history, and handoff notes.
 * See index.ts for how values are stored.
 */

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
    fromTeam: text('from_team', { enum: ['internal', 'msp', 'unknown'] }).notNull(),
    toTeam: text('to_team', { enum: ['internal', 'msp'] }).notNull(),
    /** Sent to both sides; whoever acknowledges first takes it (then false, and to_team is theirs). */
    shared: integer('shared', { mode: 'boolean' }).notNull().default(false),
    routedBy: text('routed_by', { enum: ['matrix', 'choice'] })
      .notNull()
      .default('matrix'),
    /** What the matrix said when it was opened: internal, msp or shared. */
    matrixOwner: text('matrix_owner', { enum: ['internal', 'msp', 'shared'] })
      .notNull()
      .default('msp'),
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
    /** The escalation this one duplicates: kept out of MTTA, MTTR and missed-timeout counts. */
    duplicateOf: integer('duplicate_of'),
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
