import type { Reply } from '../reply.js';
import type { ConversationRef } from '../types.js';

/** The thread a post replies in: the message posted under `messageKey`. */
export interface PostThread {
  messageKey: string;
  /** Also shown in the channel (Slack `reply_broadcast`), for the last step of a P1's ladder. */
  broadcast?: boolean;
}

export interface OutgoingPost {
  conversation: ConversationRef;
  reply: Reply;
  /** Makes queueing the same post twice a no-op, e.g. `morning:3:2026-11-30`. */
  idempotencyKey: string;
  /** A logical message that later updates replace in place, e.g. `escalation:12`. */
  messageKey?: string;
  /** A reply in the thread of another post: waits until that post is delivered. */
  thread?: PostThread;
}

/**
 * Outgoing messages, written in the same transaction as the state change that causes them and
 * delivered afterwards by the outbox sender.
 */
export interface OutboxRepo {
  /** Queues a new post; false when a post with that idempotency key was queued before. */
  enqueuePost(post: OutgoingPost, now: Date): Promise<boolean>;
  /**
   * Queues an in-place update of the message posted under `messageKey`. Updates wait for that post
   * to be delivered; a newer update of the same message replaces a pending older one.
   */
  enqueueUpdate(messageKey: string, conversation: ConversationRef, reply: Reply, now: Date): Promise<void>;
}
