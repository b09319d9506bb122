import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, inArray, min, sql } from 'drizzle-orm';
import type { OutboxRepo, OutgoingPost } from '../../src/kernel/ports/outbox.js';
import type {
  Delivery,
  OutboxBacklog,
  OutboxEntry,
  OutboxQueue,
  SendRules,
} from '../../src/kernel/ports/outbox-queue.js';
import type { Reply } from '../../src/kernel/reply.js';
import type { ConversationRef } from '../../src/kernel/types.js';
import { greatest, type SqlContext } from '../sql-context.js';
import { SqlMessageRepo } from './messages.js';
import { SqlOutboxClaims } from './outbox-claims.js';
import { toEntry } from './outbox-entry.js';
import { SqlRepo } from './repo.js';

/** The outbox: the features' OutboxRepo and the sender's OutboxQueue over the `outbox` table. */
export class SqlOutboxRepo extends SqlRepo implements OutboxRepo, OutboxQueue {
  private readonly messages: SqlMessageRepo;
  private readonly claims: SqlOutboxClaims;

  constructor(ctx: SqlContext) {
    super(ctx);
    this.messages = new SqlMessageRepo(ctx);
    this.claims = new SqlOutboxClaims(ctx);
  }

  async enqueuePost(post: OutgoingPost, now: Date): Promise<boolean> {
    const { outbox } = this.t;
    const queued = await this.db
      .insert(outbox)
      .values({
        idempotencyKey: post.idempotencyKey,
        platform: post.conversation.platform,
        conversationId: post.conversation.channelId,
        op: 'post',
        messageKey: post.messageKey ?? null,
        replyTo: post.thread?.messageKey ?? null,
        broadcast: post.thread?.broadcast ?? false,
        reply: post.reply,
        state: 'pending',
        nextAttemptAt: now.getTime(),
        createdAt: now.getTime(),
      })
      .onConflictDoNothing({ target: outbox.idempotencyKey })
      .returning({ id: outbox.id });
    return queued.length > 0;
  }

  async enqueueUpdate(messageKey: string, conversation: ConversationRef, reply: Reply, now: Date): Promise<void> {
    const { outbox } = this.t;
    // Only the newest content matters: a pending update not yet picked up is replaced.
    const replaced = await this.db
      .update(outbox)
      .set({ reply })
      .where(and(eq(outbox.op, 'update'), eq(outbox.messageKey, messageKey), eq(outbox.state, 'pending')))
      .returning({ id: outbox.id });
    if (replaced.length > 0) return;
    await this.db.insert(outbox).values({
      idempotencyKey: `update:${messageKey}:${randomUUID()}`,
      platform: conversation.platform,
      conversationId: conversation.channelId,
      op: 'update',
      messageKey,
      reply,
      state: 'pending',
      nextAttemptAt: now.getTime(),
      createdAt: now.getTime(),
    });
  }

  // ---- the sender's side ----------------------------------------------------------------------

  claimSendable(now: Date, owner: string, leaseUntil: Date, rules: SendRules, limit: number): Promise<Delivery[]> {
    return this.claims.claim(now, owner, leaseUntil, rules, limit);
  }

  async markSent(id: number, owner: string, now: Date, platformMessageId: string | null): Promise<boolean> {
    const { outbox } = this.t;
    const [r] = await this.db
      .update(outbox)
      .set({ state: 'sent', sentAt: now.getTime(), leaseOwner: null, leaseExpiresAt: null, lastError: null })
      .where(this.held(id, owner))
      .returning();
    if (!r) return false;
    if (r.op === 'post' && r.messageKey && platformMessageId !== null) {
      const conversation = { platform: r.platform, channelId: r.conversationId };
      await this.messages.put(r.messageKey, { conversation, platformMessageId }, now);
    }
    return true;
  }

  async retryLater(id: number, owner: string, at: Date, error: string): Promise<boolean> {
    const { outbox } = this.t;
    const held = await this.db
      .update(outbox)
      .set({ state: 'pending', nextAttemptAt: at.getTime(), lastError: error, leaseOwner: null, leaseExpiresAt: null })
      .where(this.held(id, owner))
      .returning({ id: outbox.id });
    return held.length > 0;
  }

  async holdConversation(conversation: ConversationRef, until: Date): Promise<void> {
    const { outbox } = this.t;
    await this.db
      .update(outbox)
      .set({ nextAttemptAt: greatest(this.ctx, outbox.nextAttemptAt, until.getTime()) })
      .where(and(this.ofConversation(conversation), eq(outbox.state, 'pending')));
  }

  async markFailed(id: number, owner: string, error: string): Promise<boolean> {
    const { outbox } = this.t;
    const held = await this.db
      .update(outbox)
      .set({ state: 'failed', lastError: error, sentAt: null, leaseOwner: null, leaseExpiresAt: null })
      .where(this.held(id, owner))
      .returning({ id: outbox.id });
    return held.length > 0;
  }

  async release(owner: string): Promise<number> {
    const { outbox } = this.t;
    const attempts = greatest(this.ctx, sql`${outbox.attempts} - 1`, 0);
    const released = await this.db
      .update(outbox)
      .set({ state: 'pending', leaseOwner: null, leaseExpiresAt: null, attempts })
      .where(and(eq(outbox.state, 'sending'), eq(outbox.leaseOwner, owner)))
      .returning({ id: outbox.id });
    return released.length;
  }

  nextWakeAt(now: Date, rules: SendRules): Promise<Date | null> {
    return this.claims.nextWakeAt(now, rules);
  }

  async backlog(conversation: ConversationRef): Promise<OutboxBacklog> {
    const { outbox } = this.t;
    const [waiting] = await this.db
      .select({ n: count(), oldest: min(outbox.createdAt) })
      .from(outbox)
      .where(and(this.ofConversation(conversation), inArray(outbox.state, ['pending', 'sending'])));
    const [failed] = await this.db
      .select({ n: count() })
      .from(outbox)
      .where(and(this.ofConversation(conversation), eq(outbox.state, 'failed')));
    const oldest = waiting?.oldest;
    return { waiting: waiting?.n ?? 0, oldest: oldest == null ? null : new Date(oldest), failed: failed?.n ?? 0 };
  }

  async failed(conversation: ConversationRef, limit: number): Promise<OutboxEntry[]> {
    const { outbox } = this.t;
    const rows = await this.db
      .select()
      .from(outbox)
      .where(and(this.ofConversation(conversation), eq(outbox.state, 'failed')))
      .orderBy(desc(outbox.id))
      .limit(limit);
    return rows.map(toEntry);
  }

  private ofConversation(c: ConversationRef) {
    const { outbox } = this.t;
    return and(eq(outbox.platform, c.platform), eq(outbox.conversationId, c.channelId));
  }

  private held(id: number, owner: string) {
    const { outbox } = this.t;
    return and(eq(outbox.id, id), eq(outbox.state, 'sending'), eq(outbox.leaseOwner, owner));
  }
}
