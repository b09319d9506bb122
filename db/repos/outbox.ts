import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, inArray, lt, min, sql } from 'drizzle-orm';
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
import { fixedLimit, p, prepared } from '../prepared.js';
import { greatest, type SqlContext } from '../sql-context.js';
import { SqlMessageRepo } from './messages.js';
import { SqlOutboxClaims } from './outbox-claims.js';
import { toEntry } from './outbox-entry.js';
import { SqlRepo } from './repo.js';

const laneOf = (c: ConversationRef) => ({ platform: c.platform, conversationId: c.channelId });

/** The outbox: the features' OutboxRepo and the sender's OutboxQueue over the `outbox` table. */
export class SqlOutboxRepo extends SqlRepo implements OutboxRepo, OutboxQueue {
  private readonly messages: SqlMessageRepo;
  private readonly claims: SqlOutboxClaims;

  constructor(ctx: SqlContext) {
    super(ctx);
    this.messages = new SqlMessageRepo(ctx);
    this.claims = new SqlOutboxClaims(ctx);
  }

  /** A post, unless one with its idempotency key was queued before: placeholders of its columns. */
  private readonly posting = prepared(this.ctx, (db, { outbox }) =>
    db
      .insert(outbox)
      .values({
        idempotencyKey: p('idempotencyKey'),
        platform: p('platform'),
        conversationId: p('conversationId'),
        op: 'post',
        messageKey: p('messageKey'),
        replyTo: p('replyTo'),
        broadcast: p('broadcast'),
        reply: p('reply'),
        state: 'pending',
        nextAttemptAt: p('now'),
        createdAt: p('now'),
      })
      .onConflictDoNothing({ target: outbox.idempotencyKey })
      .returning({ id: outbox.id }),
  );

  async enqueuePost(post: OutgoingPost, now: Date): Promise<boolean> {
    const queued = await this.posting({
      idempotencyKey: post.idempotencyKey,
      platform: post.conversation.platform,
      conversationId: post.conversation.channelId,
      messageKey: post.messageKey ?? null,
      replyTo: post.thread?.messageKey ?? null,
      broadcast: post.thread?.broadcast ?? false,
      reply: post.reply,
      now: now.getTime(),
    });
    if (queued.length === 0) return false;
    await this.claims.lanes.due(laneOf(post.conversation), now.getTime());
    return true;
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
    await this.claims.lanes.due(laneOf(conversation), now.getTime());
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
    const row = r ?? (await this.row(id));
    // The message reached the platform even when the lease was lost: the pacing counts from it.
    if (row) await this.claims.lanes.sent(row, owner, now.getTime());
    if (!r) return false;
    if (r.op === 'post' && r.messageKey && platformMessageId !== null) {
      const conversation = { platform: r.platform, channelId: r.conversationId };
      await this.messages.put(r.messageKey, { conversation, platformMessageId }, now);
    }
    return true;
  }

  async retryLater(id: number, owner: string, at: Date, error: string): Promise<boolean> {
    const { outbox } = this.t;
    const [r] = await this.db
      .update(outbox)
      .set({ state: 'pending', nextAttemptAt: at.getTime(), lastError: error, leaseOwner: null, leaseExpiresAt: null })
      .where(this.held(id, owner))
      .returning({ platform: outbox.platform, conversationId: outbox.conversationId });
    if (!r) return false;
    await this.claims.lanes.free(r, owner);
    await this.claims.lanes.due(r, at.getTime());
    return true;
  }

  async holdConversation(conversation: ConversationRef, until: Date): Promise<void> {
    const { outbox } = this.t;
    // The waiting rows keep their order: the one the platform refused still goes first.
    await this.db
      .update(outbox)
      .set({ nextAttemptAt: greatest(this.ctx, outbox.nextAttemptAt, until.getTime()) })
      .where(and(this.ofConversation(conversation), eq(outbox.state, 'pending')));
    await this.claims.lanes.hold(laneOf(conversation), until.getTime());
    await this.claims.lanes.refresh(laneOf(conversation));
  }

  async markFailed(id: number, owner: string, error: string): Promise<boolean> {
    const { outbox } = this.t;
    const [r] = await this.db
      .update(outbox)
      .set({ state: 'failed', lastError: error, sentAt: null, leaseOwner: null, leaseExpiresAt: null })
      .where(this.held(id, owner))
      .returning({ platform: outbox.platform, conversationId: outbox.conversationId });
    if (!r) return false;
    await this.claims.lanes.free(r, owner);
    return true;
  }

  async release(owner: string): Promise<number> {
    const { outbox } = this.t;
    const attempts = greatest(this.ctx, sql`${outbox.attempts} - 1`, 0);
    const released = await this.db
      .update(outbox)
      .set({ state: 'pending', leaseOwner: null, leaseExpiresAt: null, attempts })
      .where(and(eq(outbox.state, 'sending'), eq(outbox.leaseOwner, owner)))
      .returning({ id: outbox.id });
    await this.claims.lanes.releaseAll(owner);
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
      .limit(fixedLimit(limit));
    return rows.map(toEntry);
  }

  async pruneSent(before: Date, limit: number): Promise<number> {
    const { outbox } = this.t;
    // Through outbox_state_next: a row's last attempt was due before it was sent or failed.
    const old = await this.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(inArray(outbox.state, ['sent', 'failed']), lt(outbox.nextAttemptAt, before.getTime())))
      .limit(fixedLimit(limit));
    if (old.length > 0)
      await this.db.delete(outbox).where(
        inArray(
          outbox.id,
          old.map((r) => r.id),
        ),
      );
    await this.claims.lanes.pruneIdle(before.getTime(), limit);
    return old.length;
  }

  private async row(id: number) {
    const { outbox } = this.t;
    const [r] = await this.db.select().from(outbox).where(eq(outbox.id, id)).limit(fixedLimit(1));
    return r ?? null;
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
