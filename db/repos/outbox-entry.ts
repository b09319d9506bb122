import type { OutboxEntry } from '../../src/kernel/ports/outbox-queue.js';
import type { Reply } from '../../src/kernel/reply.js';
import type { Tables } from '../sql-context.js';

/** A row of the `outbox` table. */
export type OutboxRow = Tables['outbox']['$inferSelect'];

/** A row as the sender sees it. */
export function toEntry(r: OutboxRow): OutboxEntry {
  return {
    id: r.id,
    idempotencyKey: r.idempotencyKey,
    conversation: { platform: r.platform, channelId: r.conversationId },
    op: r.op,
    messageKey: r.messageKey,
    replyTo: r.replyTo,
    broadcast: r.broadcast,
    reply: r.reply as Reply,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: new Date(r.nextAttemptAt),
    lastError: r.lastError,
    createdAt: new Date(r.createdAt),
    sentAt: r.sentAt === null ? null : new Date(r.sentAt),
  };
}
