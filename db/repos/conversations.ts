import { and, eq } from 'drizzle-orm';
import type { ConversationRepo, StoredConversation } from '../../src/kernel/ports/conversations.js';
import type { ConversationRef } from '../../src/kernel/types.js';
import type { Db } from '../client.js';
import { conversations } from '../schema.js';

const key = (c: ConversationRef) => and(eq(conversations.platform, c.platform), eq(conversations.externalId, c.channelId));

export class SqliteConversationRepo implements ConversationRepo {
  constructor(private readonly db: Db) {}

  save(conversation: ConversationRef, reference: unknown, at: Date): boolean {
    const existing = this.db.select({ reference: conversations.reference }).from(conversations).where(key(conversation)).get();
    // Every inbound activity refreshes the reference; only a change is worth a write.
    if (existing && JSON.stringify(existing.reference) === JSON.stringify(reference)) return false;
    this.db
      .insert(conversations)
      .values({ platform: conversation.platform, externalId: conversation.channelId, reference, updatedAt: at.getTime() })
      .onConflictDoUpdate({ target: [conversations.platform, conversations.externalId], set: { reference, updatedAt: at.getTime() } })
      .run();
    return true;
  }

  find(conversation: ConversationRef): StoredConversation | null {
    const r = this.db.select().from(conversations).where(key(conversation)).get();
    return r ? { reference: r.reference, updatedAt: new Date(r.updatedAt) } : null;
  }

  remove(conversation: ConversationRef): boolean {
    return this.db.delete(conversations).where(key(conversation)).run().changes > 0;
  }
}
