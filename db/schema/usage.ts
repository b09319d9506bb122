import { index, integer, sqliteTable } from 'drizzle-orm/sqlite-core';
import { channels, people } from './channels.js';

/**
 * Uses of the commands that post to their channel (escalate, notes), for the posting limits per
 * person and per channel. Kept only as long as the longest limit's window; see index.ts for how
 * values are stored.
 */
export const commandUses = sqliteTable(
  'command_uses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    actorId: integer('actor_id')
      .notNull()
      .references(() => people.id),
    at: integer('at').notNull(),
  },
  (t) => [
    index('command_uses_channel_at').on(t.channelId, t.at),
    index('command_uses_channel_actor_at').on(t.channelId, t.actorId, t.at),
  ],
);
