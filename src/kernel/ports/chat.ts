import type { Reply } from '../reply.js';
import type { ConversationRef, Platform } from '../types.js';

/** What a face gives back for a post: the platform's id of the message, for later updates. */
export interface PostedMessage {
  platformMessageId: string;
}

/**
 * The small interface every face implements for outgoing messages. A face that cannot do
 * something throws NotSupported rather than silently doing nothing.
 */
export interface ChatAdapter {
  readonly platform: Platform;
  /** The least time between two messages to one conversation, the platform's rate (Slack 1/s); none when absent. */
  readonly pacingMs?: number;
  post(conversation: ConversationRef, reply: Reply): Promise<PostedMessage>;
  update(conversation: ConversationRef, platformMessageId: string, reply: Reply): Promise<void>;
}
