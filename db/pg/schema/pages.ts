import { bigint, pgTable, text } from 'drizzle-orm/pg-core';
import { channels } from './channels.js';

/**
 * The secret that signs a channel's page links. `page revoke` replaces it, which invalidates every
 * link given out before; the row is created by the first `page`.
 */
export const pageKeys = pgTable('page_keys', {
  channelId: bigint('channel_id', { mode: 'number' })
    .primaryKey()
    .references(() => channels.id, { onDelete: 'cascade' }),
  /** 32 random bytes, base64url. */
  secret: text('secret').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
});
