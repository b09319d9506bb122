import { and, eq } from 'drizzle-orm';
import type { ConversationRepo, StoredConversation } from '../../src/kernel/ports/conversations.js';
import type { ConversationRef } from '../../src/kernel/types.js';
import { fixedLimit } from '../prepared.js';
import { SqlRepo } from './repo.js';

export class SqlConversationRepo extends SqlRepo implements ConversationRepo {
  async save(conversation: ConversationRef, reference: unknown, at: Date): Promise<boolean> {
    const { conversations } = this.t;
    const [existing] = await this.db
      .select({ reference: conversations.reference })
      .from(conversations)
      .where(this.key(conversation))
      .limit(fixedLimit(1));
    // Every inbound activity refreshes the reference; only a change is worth a write.
    if (existing && JSON.stringify(existing.reference) === JSON.stringify(reference)) return false;
    const updatedAt = at.getTime();
    await this.db
      .insert(conversations)
      .values({ platform: conversation.platform, externalId: conversation.channelId, reference, updatedAt })
      .onConflictDoUpdate({
        target: [conversations.platform, conversations.externalId],
        set: { reference, updatedAt },
      });
    return true;
  }

  async find(conversation: ConversationRef): Promise<StoredConversation | null> {
    const [r] = await this.db.select().from(this.t.conversations).where(this.key(conversation)).limit(fixedLimit(1));
    return r ? { reference: r.reference, updatedAt: new Date(r.updatedAt) } : null;
  }

  async remove(conversation: ConversationRef): Promise<boolean> {
    const { conversations } = this.t;
    const removed = await this.db
      .delete(conversations)
      .where(this.key(conversation))
      .returning({ platform: conversations.platform });
    return removed.length > 0;
  }

  private key(c: ConversationRef) {
    const { conversations } = this.t;
    return and(eq(conversations.platform, c.platform), eq(conversations.externalId, c.channelId));
  }
}
