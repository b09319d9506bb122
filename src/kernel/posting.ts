import type { PostThread } from './ports/outbox.js';
import type { Store } from './ports/store.js';
import type { Reply } from './reply.js';
import type { ConversationRef } from './types.js';

export interface PostOptions {
  /** Queueing a post with a key used before is a no-op, e.g. `escalation:12:card`, `morning:3:2026-11-30`. */
  idempotencyKey: string;
  /** A logical message that `updatePost` can later replace in place, e.g. `escalation:12`. */
  messageKey?: string;
  /** Posts as a reply in the thread of the message posted under this key (sent once that post is delivered). */
  thread?: PostThread;
}

/** What commands and jobs use to speak in their channel: rows in the outbox, written in the caller's transaction. */
export interface Posting {
  /** Queues a post; false when a post with that idempotency key was queued before. */
  post(reply: Reply, options: PostOptions): Promise<boolean>;
  /** Queues an in-place update of the message posted under `messageKey` (sent once that post is delivered). */
  updatePost(messageKey: string, reply: Reply): Promise<void>;
}

/** Posting to one conversation through the outbox, stamped `now`. */
export function postingTo(store: Store, conversation: () => ConversationRef, now: Date): Posting {
  return {
    post: (reply, options) =>
      store.outbox.enqueuePost(
        {
          conversation: conversation(),
          reply,
          idempotencyKey: options.idempotencyKey,
          ...(options.messageKey ? { messageKey: options.messageKey } : {}),
          ...(options.thread ? { thread: options.thread } : {}),
        },
        now,
      ),
    updatePost: (messageKey, reply) => store.outbox.enqueueUpdate(messageKey, conversation(), reply, now),
  };
}
