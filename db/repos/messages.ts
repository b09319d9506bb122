import { eq } from 'drizzle-orm';
import type { ConversationRef } from '../../src/kernel/types.js';
import { fixedLimit } from '../prepared.js';
import { SqlRepo } from './repo.js';

/** Where a logical message (e.g. `escalation:12`) was posted, so that updates replace it in place. */
export interface PostedMessageRef {
  conversation: ConversationRef;
  platformMessageId: string;
}

/** messageKey → the platform's id of the posted message. */
export class SqlMessageRepo extends SqlRepo {
  async get(messageKey: string): Promise<PostedMessageRef | null> {
    const { messages } = this.t;
    const [r] = await this.db.select().from(messages).where(eq(messages.messageKey, messageKey)).limit(fixedLimit(1));
    if (!r) return null;
    const conversation = { platform: r.platform, channelId: r.conversationId };
    return { conversation, platformMessageId: r.platformMessageId };
  }

  /** Remembers (or, when the message was posted again, replaces) where `messageKey` was posted. */
  async put(messageKey: string, ref: PostedMessageRef, now: Date): Promise<void> {
    const { messages } = this.t;
    const row = {
      platform: ref.conversation.platform,
      conversationId: ref.conversation.channelId,
      platformMessageId: ref.platformMessageId,
      updatedAt: now.getTime(),
    };
    await this.db
      .insert(messages)
      .values({ messageKey, ...row })
      .onConflictDoUpdate({ target: messages.messageKey, set: row });
  }
}
