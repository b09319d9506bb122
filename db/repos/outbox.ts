import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, gt, inArray, lt, lte, max, min, or, sql } from 'drizzle-orm';
import type { OutboxRepo, OutgoingPost } from '../../src/kernel/ports/outbox.js';
import type {
  Delivery,
  OutboxBacklog,
  OutboxEntry,
  OutboxQueue,
  SendRules,
} from '../../src/kernel/ports/outbox-queue.js';
import type { Reply } from '../../src/kernel/reply.js';
import type { ConversationRef, Platform } from '../../src/kernel/types.js';
import { greatest, type SqlContext, type Tables } from '../sql-context.js';
import { SqlMessageRepo } from './messages.js';
import { SqlRepo } from './repo.js';

type Row = Tables['outbox']['$inferSelect'];

/** How many due rows one claim looks at; the rest wait for the next one. */
const CANDIDATES = 500;

function toEntry(r: Row): OutboxEntry {
  return {
    id: r.id,
    idempotencyKey: r.idempotencyKey,
    conversation: { platform: r.platform, channelId: r.conversationId },
    op: r.op,
    messageKey: r.messageKey,
    reply: r.reply as Reply,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: new Date(r.nextAttemptAt),
    lastError: r.lastError,
    createdAt: new Date(r.createdAt),
    sentAt: r.sentAt === null ? null : new Date(r.sentAt),
  };
}

const convKey = (platform: Platform, conversationId: string) => `${platform}\u0000${conversationId}`;

/** The outbox: the features' OutboxRepo and the sender's OutboxQueue over the `outbox` table. */
export class SqlOutboxRepo extends SqlRepo implements OutboxRepo, OutboxQueue {
  private readonly messages: SqlMessageRepo;

  constructor(ctx: SqlContext) {
    super(ctx);
    this.messages = new SqlMessageRepo(ctx);
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

  async claimSendable(
    now: Date,
    owner: string,
    leaseUntil: Date,
    rules: SendRules,
    limit: number,
  ): Promise<Delivery[]> {
    const { outbox } = this.t;
    if (rules.platforms.length === 0 || limit <= 0) return [];
    const t = now.getTime();
    const candidates = await this.db
      .select()
      .from(outbox)
      .where(
        and(
          inArray(outbox.platform, [...rules.platforms]),
          or(
            and(eq(outbox.state, 'pending'), lte(outbox.nextAttemptAt, t)),
            and(eq(outbox.state, 'sending'), lte(outbox.leaseExpiresAt, t)),
          ),
        ),
      )
      .orderBy(asc(outbox.id))
      .limit(CANDIDATES);
    if (candidates.length === 0) return [];
    const inFlight = await this.inFlight(t);
    const lastSent = await this.lastSent(t, rules);
    const chosen: Delivery[] = [];
    for (const r of candidates) {
      const key = convKey(r.platform, r.conversationId);
      if (inFlight.has(key)) continue;
      const last = lastSent.get(key);
      if (last !== undefined && t < last + rules.minIntervalMs(r.platform)) continue;
      let targetMessageId: string | null = null;
      if (r.op === 'update') {
        const target = await this.updateTarget(r, t, rules);
        if (target === null) continue;
        targetMessageId = target;
      }
      const attempts = sql`${outbox.attempts} + 1`;
      await this.db
        .update(outbox)
        .set({ state: 'sending', leaseOwner: owner, leaseExpiresAt: leaseUntil.getTime(), attempts })
        .where(eq(outbox.id, r.id));
      inFlight.add(key);
      chosen.push({ ...toEntry(r), state: 'sending', attempts: r.attempts + 1, targetMessageId });
      if (chosen.length >= limit) break;
    }
    return chosen;
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

  async nextWakeAt(now: Date, rules: SendRules): Promise<Date | null> {
    const { outbox } = this.t;
    if (rules.platforms.length === 0) return null;
    const t = now.getTime();
    const rows = await this.db
      .select()
      .from(outbox)
      .where(and(inArray(outbox.platform, [...rules.platforms]), inArray(outbox.state, ['pending', 'sending'])));
    const lastSent = await this.lastSent(t, rules);
    let next: number | null = null;
    for (const r of rows) {
      let at: number;
      if (r.state === 'sending') at = r.leaseExpiresAt ?? t;
      else {
        const last = lastSent.get(convKey(r.platform, r.conversationId));
        at = Math.max(r.nextAttemptAt, last === undefined ? 0 : last + rules.minIntervalMs(r.platform));
        // An update waiting for its post wakes with the post, or fails when it has waited too long.
        if (r.op === 'update' && r.messageKey && !(await this.messages.get(r.messageKey))) {
          at = Math.max(at, r.createdAt + rules.maxWaitForPostMs);
        }
      }
      if (at > t && (next === null || at < next)) next = at;
    }
    return next === null ? null : new Date(next);
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

  /**
   * The platform id of the message an update replaces, or null to leave the update waiting
   * (failing it when it cannot be delivered).
   */
  private async updateTarget(r: Row, t: number, rules: SendRules): Promise<string | null> {
    const { outbox } = this.t;
    const messageKey = r.messageKey;
    if (!messageKey) return this.failWaiting(r, 'an update without a message key cannot be delivered');
    // Updates of one message go out in order: wait while an older row of the same message is unfinished.
    const older = await this.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.messageKey, messageKey), lt(outbox.id, r.id), inArray(outbox.state, ['pending', 'sending'])))
      .limit(1);
    if (older.length > 0) return null;
    const posted = await this.messages.get(messageKey);
    if (posted) return posted.platformMessageId;
    const postFailed = await this.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.messageKey, messageKey), eq(outbox.op, 'post'), eq(outbox.state, 'failed')))
      .limit(1);
    if (postFailed.length > 0) return this.failWaiting(r, 'the post it updates could not be delivered');
    if (t - r.createdAt >= rules.maxWaitForPostMs) {
      return this.failWaiting(r, 'the post it updates was never delivered');
    }
    return null;
  }

  private async failWaiting(r: Row, error: string): Promise<null> {
    const { outbox } = this.t;
    await this.db
      .update(outbox)
      .set({ state: 'failed', lastError: error, leaseOwner: null, leaseExpiresAt: null })
      .where(eq(outbox.id, r.id));
    return null;
  }

  /** Conversations with a row being sent under a live lease. */
  private async inFlight(t: number): Promise<Set<string>> {
    const { outbox } = this.t;
    const rows = await this.db
      .selectDistinct({ platform: outbox.platform, conversationId: outbox.conversationId })
      .from(outbox)
      .where(and(eq(outbox.state, 'sending'), gt(outbox.leaseExpiresAt, t)));
    return new Set(rows.map((r) => convKey(r.platform, r.conversationId)));
  }

  /** When each paced conversation last received a message, if recently enough to matter: the pacing reference. */
  private async lastSent(t: number, rules: SendRules): Promise<Map<string, number>> {
    const { outbox } = this.t;
    const paced = rules.platforms.filter((p) => rules.minIntervalMs(p) > 0);
    if (paced.length === 0) return new Map();
    const window = Math.max(...paced.map((p) => rules.minIntervalMs(p)));
    const rows = await this.db
      .select({ platform: outbox.platform, conversationId: outbox.conversationId, at: max(outbox.sentAt) })
      .from(outbox)
      .where(and(eq(outbox.state, 'sent'), inArray(outbox.platform, paced), gt(outbox.sentAt, t - window)))
      .groupBy(outbox.platform, outbox.conversationId);
    return new Map(rows.filter((r) => r.at !== null).map((r) => [convKey(r.platform, r.conversationId), r.at!]));
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
