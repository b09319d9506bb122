import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { channels } from './channels.js';

/**
 * The secret that signs a channel's page links. `page revoke` replaces it, which invalidates every
 * link given out before; the row is created by the first `page`.
 */
export const pageKeys = sqliteTable('page_keys', {
  channelId: integer('channel_id')
    .primaryKey()
    .references(() => channels.id, { onDelete: 'cascade' }),
  /** 32 random bytes, base64url. */
  secret: text('secret').notNull(),
  createdAt: integer('created_at').notNull(),
});
