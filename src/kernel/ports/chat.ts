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
/** Where a post goes in its conversation: a reply in the thread of a message posted before. */
export interface ThreadTarget {
  /** The platform id of the message replied to, as its post returned it. */
  platformMessageId: string;
  /** Also shown in the channel, where the platform can (Slack `reply_broadcast`). */
  broadcast: boolean;
}

export interface ChatAdapter {
  readonly platform: Platform;
  /** The least time between two messages to one conversation, the platform's rate (Slack 1/s); none when absent. */
  readonly pacingMs?: number;
  /** A new message, or with `thread` a reply in that message's thread. */
  post(conversation: ConversationRef, reply: Reply, thread?: ThreadTarget): Promise<PostedMessage>;
  update(conversation: ConversationRef, platformMessageId: string, reply: Reply): Promise<void>;
}
