import { bigint, index, pgTable } from 'drizzle-orm/pg-core';
import { channels, people } from './channels.js';

/**
 * Uses of the commands that post to their channel (escalate, notes), for the posting limits per
 * person and per channel. Kept only as long as the longest limit's window; see index.ts for how
 * values are stored.
 */
export const commandUses = pgTable(
  'command_uses',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    channelId: bigint('channel_id', { mode: 'number' })
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    actorId: bigint('actor_id', { mode: 'number' })
      .notNull()
      .references(() => people.id),
    at: bigint('at', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('command_uses_channel_at').on(t.channelId, t.at),
    index('command_uses_channel_actor_at').on(t.channelId, t.actorId, t.at),
  ],
);
