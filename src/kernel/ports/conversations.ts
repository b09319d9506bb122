import type { ConversationRef } from '../types.js';

/** What a face stored to reach a conversation later. The reference is the face's own data, opaque to the core. */
export interface StoredConversation {
  reference: unknown;
  /** When the reference last changed. */
  updatedAt: Date;
}

/**
 * Conversation references: Teams can only post proactively (scheduled posts, outbox deliveries) to a
 * conversation whose reference it saw in an inbound activity, so faces store them here.
 */
export interface ConversationRepo {
  /** Stores or replaces the reference; false when the same reference was already stored (nothing written). */
  save(conversation: ConversationRef, reference: unknown, at: Date): Promise<boolean>;
  find(conversation: ConversationRef): Promise<StoredConversation | null>;
  /** Forgets the conversation (the bot was removed from it); false when it was not stored. */
  remove(conversation: ConversationRef): Promise<boolean>;
}
