import { bigint, boolean, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { channels, people } from './channels.js';
import { matrixAreas } from './matrix.js';

/*
 * Escalations, their history, and handoff notes.
 * See index.ts for how values are stored.
 */

export const escalations = pgTable(
  'escalations',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    channelId: bigint('channel_id', { mode: 'number' })
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    summary: text('summary').notNull(),
    areaId: bigint('area_id', { mode: 'number' }).references(() => matrixAreas.id, { onDelete: 'set null' }),
    areaName: text('area_name'),
    priority: text('priority', { enum: ['P1', 'P2', 'P3', 'P4'] }).notNull(),
    ticket: text('ticket'),
    fromPersonId: bigint('from_person_id', { mode: 'number' }).references(() => people.id),
    fromTeam: text('from_team', { enum: ['internal', 'msp', 'unknown'] }).notNull(),
    toTeam: text('to_team', { enum: ['internal', 'msp'] }).notNull(),
    /** Sent to both sides; whoever acknowledges first takes it (then false, and to_team is theirs). */
    shared: boolean('shared').notNull().default(false),
    routedBy: text('routed_by', { enum: ['matrix', 'choice'] })
      .notNull()
      .default('matrix'),
    /** What the matrix said when it was opened: internal, msp or shared. */
    matrixOwner: text('matrix_owner', { enum: ['internal', 'msp', 'shared'] })
      .notNull()
      .default('msp'),
    state: text('state', { enum: ['open', 'acknowledged', 'handed_back', 'resolved'] }).notNull(),
    afterHours: boolean('after_hours').notNull(),
    openedAt: bigint('opened_at', { mode: 'number' }).notNull(),
    acknowledgedAt: bigint('acknowledged_at', { mode: 'number' }),
    acknowledgedBy: bigint('acknowledged_by', { mode: 'number' }).references(() => people.id),
    handedBackAt: bigint('handed_back_at', { mode: 'number' }),
    handedBackBy: bigint('handed_back_by', { mode: 'number' }).references(() => people.id),
    handbackNote: text('handback_note'),
    resolvedAt: bigint('resolved_at', { mode: 'number' }),
    resolvedBy: bigint('resolved_by', { mode: 'number' }).references(() => people.id),
    resolutionNote: text('resolution_note'),
    renotifyCount: bigint('renotify_count', { mode: 'number' }).notNull().default(0),
    /** The escalation this one duplicates: kept out of MTTA, MTTR and missed-timeout counts. */
    duplicateOf: bigint('duplicate_of', { mode: 'number' }),
  },
  (t) => [
    uniqueIndex('escalations_channel_seq').on(t.channelId, t.seq),
    index('escalations_channel_opened').on(t.channelId, t.openedAt),
    index('escalations_channel_state').on(t.channelId, t.state),
  ],
);

/** Every transition and note on an escalation: who and when. */
export const escalationEvents = pgTable(
  'escalation_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    escalationId: bigint('escalation_id', { mode: 'number' })
      .notNull()
      .references(() => escalations.id, { onDelete: 'cascade' }),
    at: bigint('at', { mode: 'number' }).notNull(),
    actorId: bigint('actor_id', { mode: 'number' }).references(() => people.id),
    kind: text('kind').notNull(),
    note: text('note'),
  },
  // By kind and time: notes in a window (the morning post, weekly agendas) without walking every escalation's history.
  (t) => [
    index('escalation_events_escalation').on(t.escalationId),
    index('escalation_events_kind_at').on(t.kind, t.at),
  ],
);

export const handoffNotes = pgTable(
  'handoff_notes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    channelId: bigint('channel_id', { mode: 'number' })
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    at: bigint('at', { mode: 'number' }).notNull(),
    authorId: bigint('author_id', { mode: 'number' }).references(() => people.id),
    text: text('text').notNull(),
    /** Written during business hours but meant for the next morning post. */
    overnight: boolean('overnight').notNull().default(false),
  },
  (t) => [index('handoff_notes_channel_at').on(t.channelId, t.at)],
);
