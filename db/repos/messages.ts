import { eq } from 'drizzle-orm';
import type { ConversationRef } from '../../src/kernel/types.js';
import type { Db } from '../client.js';
import { messages } from '../schema.js';

/** Where a logical message (e.g. `escalation:12`) was posted, so that updates replace it in place. */
export interface PostedMessageRef {
  conversation: ConversationRef;
  platformMessageId: string;
}

/** messageKey → the platform's id of the posted message. */
export class SqliteMessageRepo {
  constructor(private readonly db: Db) {}

  get(messageKey: string): PostedMessageRef | null {
    const r = this.db.select().from(messages).where(eq(messages.messageKey, messageKey)).get();
    return r ? { conversation: { platform: r.platform, channelId: r.conversationId }, platformMessageId: r.platformMessageId } : null;
  }

  /** Remembers (or, when the message was posted again, replaces) where `messageKey` was posted. */
  put(messageKey: string, ref: PostedMessageRef, now: Date): void {
    const row = {
      platform: ref.conversation.platform,
      conversationId: ref.conversation.channelId,
      platformMessageId: ref.platformMessageId,
      updatedAt: now.getTime(),
    };
    this.db
      .insert(messages)
      .values({ messageKey, ...row })
      .onConflictDoUpdate({ target: messages.messageKey, set: row })
      .run();
  }
}
