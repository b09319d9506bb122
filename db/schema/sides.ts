import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { channels, people } from './channels.js';

/*
 * Who is on which side of a channel, the organisations seen in it, and the confirmations waiting for
 * their `confirm <code>`. See index.ts for how values are stored.
 */

/** People seen in a channel, and the side a manager assigned them (null: none assigned). */
export const channelPeople = sqliteTable(
  'channel_people',
  {
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    side: text('side', { enum: ['internal', 'msp'] }),
    sideSetBy: text('side_set_by'),
    sideSetAt: integer('side_set_at'),
    firstSeenAt: integer('first_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.personId] })],
);

/** Organisations the platform reported in a channel, and the side a manager mapped each to (null: not mapped). */
export const channelOrgs = sqliteTable(
  'channel_orgs',
  {
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    orgId: text('org_id').notNull(),
    side: text('side', { enum: ['internal', 'msp'] }),
    mappedBy: text('mapped_by'),
    mappedAt: integer('mapped_at'),
    firstSeenAt: integer('first_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.orgId] })],
);

/** A destructive command waiting for its author's `confirm <code>`. */
export const confirmations = sqliteTable('confirmations', {
  code: text('code').primaryKey(),
  channelId: integer('channel_id')
    .notNull()
    .references(() => channels.id, { onDelete: 'cascade' }),
  personId: integer('person_id')
    .notNull()
    .references(() => people.id),
  /** The command line as it was typed, run again once confirmed. */
  line: text('line').notNull(),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
});
