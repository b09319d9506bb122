import { bigint, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { channels, people } from './channels.js';

/*
 * Who is on which side of a channel, the organisations seen in it, and the confirmations waiting for
 * their `confirm <code>`. See index.ts for how values are stored.
 */

/** People seen in a channel, and the side a manager assigned them (null: none assigned). */
export const channelPeople = pgTable(
  'channel_people',
  {
    channelId: bigint('channel_id', { mode: 'number' })
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    personId: bigint('person_id', { mode: 'number' })
      .notNull()
      .references(() => people.id),
    side: text('side', { enum: ['internal', 'msp'] }),
    sideSetBy: text('side_set_by'),
    sideSetAt: bigint('side_set_at', { mode: 'number' }),
    firstSeenAt: bigint('first_seen_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.personId] })],
);

/** Organisations the platform reported in a channel, and the side a manager mapped each to (null: not mapped). */
export const channelOrgs = pgTable(
  'channel_orgs',
  {
    channelId: bigint('channel_id', { mode: 'number' })
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    orgId: text('org_id').notNull(),
    side: text('side', { enum: ['internal', 'msp'] }),
    mappedBy: text('mapped_by'),
    mappedAt: bigint('mapped_at', { mode: 'number' }),
    firstSeenAt: bigint('first_seen_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.orgId] })],
);

/** A destructive command waiting for its author's `confirm <code>`. */
export const confirmations = pgTable('confirmations', {
  code: text('code').primaryKey(),
  channelId: bigint('channel_id', { mode: 'number' })
    .notNull()
    .references(() => channels.id, { onDelete: 'cascade' }),
  personId: bigint('person_id', { mode: 'number' })
    .notNull()
    .references(() => people.id),
  /** The command line as it was typed, run again once confirmed. */
  line: text('line').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
  usedAt: bigint('used_at', { mode: 'number' }),
});
