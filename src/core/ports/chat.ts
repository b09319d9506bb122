import { TandemError } from '../errors.js';
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
  post(conversation: ConversationRef, reply: Reply): Promise<PostedMessage>;
  update(conversation: ConversationRef, platformMessageId: string, reply: Reply): Promise<void>;
}

/** The platform asked us to slow down; retry no sooner than `retryAfterMs`. */
export class RateLimited extends TandemError {
  constructor(readonly retryAfterMs: number, options?: { cause?: unknown }) {
    super('rate_limited', `rate limited; retry after ${retryAfterMs} ms`, options);
  }
}

/** A delivery failure that retrying will not fix (bad token, channel gone, message too large). */
export class PermanentDeliveryError extends TandemError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('delivery_permanent', message, options);
  }
}
