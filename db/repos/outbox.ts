import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, gt, inArray, lt, lte, max, min, or, sql } from 'drizzle-orm';
import type { OutboxRepo, OutgoingPost } from '../../src/kernel/ports/outbox.js';
import type { Reply } from '../../src/kernel/reply.js';
import type { ConversationRef, Platform } from '../../src/kernel/types.js';
import type { Delivery, OutboxBacklog, OutboxEntry, OutboxQueue, SendRules } from '../../src/kernel/ports/outbox-queue.js';
import type { Db } from '../client.js';
import { outbox } from '../schema.js';
import { SqliteMessageRepo } from './messages.js';

type Row = typeof outbox.$inferSelect;

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
const ofConversation = (c: ConversationRef) => and(eq(outbox.platform, c.platform), eq(outbox.conversationId, c.channelId));

/** The outbox: the features' OutboxRepo and the sender's OutboxQueue over the `outbox` table. */
export class SqliteOutboxRepo implements OutboxRepo, OutboxQueue {
  readonly messages: SqliteMessageRepo;

  constructor(private readonly db: Db) {
    this.messages = new SqliteMessageRepo(db);
  }

  enqueuePost(post: OutgoingPost, now: Date): boolean {
    const r = this.db
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
      .run();
    return r.changes > 0;
  }

  enqueueUpdate(messageKey: string, conversation: ConversationRef, reply: Reply, now: Date): void {
    // Only the newest content matters: a pending update not yet picked up is replaced.
    const replaced = this.db
      .update(outbox)
      .set({ reply })
      .where(and(eq(outbox.op, 'update'), eq(outbox.messageKey, messageKey), eq(outbox.state, 'pending')))
      .run();
    if (replaced.changes > 0) return;
    this.db
      .insert(outbox)
      .values({
        idempotencyKey: `update:${messageKey}:${randomUUID()}`,
        platform: conversation.platform,
        conversationId: conversation.channelId,
        op: 'update',
        messageKey,
        reply,
        state: 'pending',
        nextAttemptAt: now.getTime(),
        createdAt: now.getTime(),
      })
      .run();
  }

  // ---- the sender's side ----------------------------------------------------------------------

  claimSendable(now: Date, owner: string, leaseUntil: Date, rules: SendRules, limit: number): Delivery[] {
    if (rules.platforms.length === 0 || limit <= 0) return [];
    const t = now.getTime();
    const candidates = this.db
      .select()
      .from(outbox)
      .where(
        and(
          inArray(outbox.platform, [...rules.platforms]),
          or(and(eq(outbox.state, 'pending'), lte(outbox.nextAttemptAt, t)), and(eq(outbox.state, 'sending'), lte(outbox.leaseExpiresAt, t))),
        ),
      )
      .orderBy(asc(outbox.id))
      .limit(CANDIDATES)
      .all();
    if (candidates.length === 0) return [];
    const inFlight = this.inFlight(t);
    const lastSent = this.lastSent(t, rules);
    const chosen: Delivery[] = [];
    for (const r of candidates) {
      const key = convKey(r.platform, r.conversationId);
      if (inFlight.has(key)) continue;
      const last = lastSent.get(key);
      if (last !== undefined && t < last + rules.minIntervalMs(r.platform)) continue;
      let targetMessageId: string | null = null;
      if (r.op === 'update') {
        const target = this.updateTarget(r, t, rules);
        if (target === null) continue;
        targetMessageId = target;
      }
      this.db
        .update(outbox)
        .set({ state: 'sending', leaseOwner: owner, leaseExpiresAt: leaseUntil.getTime(), attempts: sql`${outbox.attempts} + 1` })
        .where(eq(outbox.id, r.id))
        .run();
      inFlight.add(key);
      chosen.push({ ...toEntry(r), state: 'sending', attempts: r.attempts + 1, targetMessageId });
      if (chosen.length >= limit) break;
    }
    return chosen;
  }

  markSent(id: number, owner: string, now: Date, platformMessageId: string | null): boolean {
    const r = this.db
      .update(outbox)
      .set({ state: 'sent', sentAt: now.getTime(), leaseOwner: null, leaseExpiresAt: null, lastError: null })
      .where(this.held(id, owner))
      .returning()
      .get();
    if (!r) return false;
    if (r.op === 'post' && r.messageKey && platformMessageId !== null) {
      this.messages.put(r.messageKey, { conversation: { platform: r.platform, channelId: r.conversationId }, platformMessageId }, now);
    }
    return true;
  }

  retryLater(id: number, owner: string, at: Date, error: string): boolean {
    const r = this.db
      .update(outbox)
      .set({ state: 'pending', nextAttemptAt: at.getTime(), lastError: error, leaseOwner: null, leaseExpiresAt: null })
      .where(this.held(id, owner))
      .run();
    return r.changes > 0;
  }

  holdConversation(conversation: ConversationRef, until: Date): void {
    this.db
      .update(outbox)
      .set({ nextAttemptAt: sql`max(${outbox.nextAttemptAt}, ${until.getTime()})` })
      .where(and(ofConversation(conversation), eq(outbox.state, 'pending')))
      .run();
  }

  markFailed(id: number, owner: string, error: string): boolean {
    const r = this.db
      .update(outbox)
      .set({ state: 'failed', lastError: error, sentAt: null, leaseOwner: null, leaseExpiresAt: null })
      .where(this.held(id, owner))
      .run();
    return r.changes > 0;
  }

  release(owner: string): number {
    const r = this.db
      .update(outbox)
      .set({ state: 'pending', leaseOwner: null, leaseExpiresAt: null, attempts: sql`max(${outbox.attempts} - 1, 0)` })
      .where(and(eq(outbox.state, 'sending'), eq(outbox.leaseOwner, owner)))
      .run();
    return r.changes;
  }

  nextWakeAt(now: Date, rules: SendRules): Date | null {
    if (rules.platforms.length === 0) return null;
    const t = now.getTime();
    const rows = this.db
      .select()
      .from(outbox)
      .where(and(inArray(outbox.platform, [...rules.platforms]), inArray(outbox.state, ['pending', 'sending'])))
      .all();
    const lastSent = this.lastSent(t, rules);
    let next: number | null = null;
    for (const r of rows) {
      let at: number;
      if (r.state === 'sending') at = r.leaseExpiresAt ?? t;
      else {
        const last = lastSent.get(convKey(r.platform, r.conversationId));
        at = Math.max(r.nextAttemptAt, last === undefined ? 0 : last + rules.minIntervalMs(r.platform));
        // An update waiting for its post wakes with the post, or fails when it has waited too long.
        if (r.op === 'update' && r.messageKey && !this.messages.get(r.messageKey)) at = Math.max(at, r.createdAt + rules.maxWaitForPostMs);
      }
      if (at > t && (next === null || at < next)) next = at;
    }
    return next === null ? null : new Date(next);
  }

  backlog(conversation: ConversationRef): OutboxBacklog {
    const waiting = this.db
      .select({ n: count(), oldest: min(outbox.createdAt) })
      .from(outbox)
      .where(and(ofConversation(conversation), inArray(outbox.state, ['pending', 'sending'])))
      .get();
    const failed = this.db
      .select({ n: count() })
      .from(outbox)
      .where(and(ofConversation(conversation), eq(outbox.state, 'failed')))
      .get();
    return { waiting: waiting?.n ?? 0, oldest: waiting?.oldest == null ? null : new Date(waiting.oldest), failed: failed?.n ?? 0 };
  }

  failed(conversation: ConversationRef, limit: number): OutboxEntry[] {
    return this.db
      .select()
      .from(outbox)
      .where(and(ofConversation(conversation), eq(outbox.state, 'failed')))
      .orderBy(desc(outbox.id))
      .limit(limit)
      .all()
      .map(toEntry);
  }

  /** The platform id of the message an update replaces, or null to leave the update waiting (failing it when it cannot be delivered). */
  private updateTarget(r: Row, t: number, rules: SendRules): string | null {
    const messageKey = r.messageKey;
    if (!messageKey) return this.failWaiting(r, 'an update without a message key cannot be delivered');
    // Updates of one message go out in order: wait while an older row of the same message is unfinished.
    const older = this.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.messageKey, messageKey), lt(outbox.id, r.id), inArray(outbox.state, ['pending', 'sending'])))
      .limit(1)
      .get();
    if (older) return null;
    const posted = this.messages.get(messageKey);
    if (posted) return posted.platformMessageId;
    const postFailed = this.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.messageKey, messageKey), eq(outbox.op, 'post'), eq(outbox.state, 'failed')))
      .limit(1)
      .get();
    if (postFailed) return this.failWaiting(r, 'the post it updates could not be delivered');
    if (t - r.createdAt >= rules.maxWaitForPostMs) return this.failWaiting(r, 'the post it updates was never delivered');
    return null;
  }

  private failWaiting(r: Row, error: string): null {
    this.db
      .update(outbox)
      .set({ state: 'failed', lastError: error, leaseOwner: null, leaseExpiresAt: null })
      .where(eq(outbox.id, r.id))
      .run();
    return null;
  }

  /** Conversations with a row being sent under a live lease. */
  private inFlight(t: number): Set<string> {
    const rows = this.db
      .selectDistinct({ platform: outbox.platform, conversationId: outbox.conversationId })
      .from(outbox)
      .where(and(eq(outbox.state, 'sending'), gt(outbox.leaseExpiresAt, t)))
      .all();
    return new Set(rows.map((r) => convKey(r.platform, r.conversationId)));
  }

  /** When each paced conversation last received a message, if recently enough to matter: the pacing reference. */
  private lastSent(t: number, rules: SendRules): Map<string, number> {
    const paced = rules.platforms.filter((p) => rules.minIntervalMs(p) > 0);
    if (paced.length === 0) return new Map();
    const window = Math.max(...paced.map((p) => rules.minIntervalMs(p)));
    const rows = this.db
      .select({ platform: outbox.platform, conversationId: outbox.conversationId, at: max(outbox.sentAt) })
      .from(outbox)
      .where(and(eq(outbox.state, 'sent'), inArray(outbox.platform, paced), gt(outbox.sentAt, t - window)))
      .groupBy(outbox.platform, outbox.conversationId)
      .all();
    return new Map(rows.filter((r) => r.at !== null).map((r) => [convKey(r.platform, r.conversationId), r.at!]));
  }

  private held(id: number, owner: string) {
    return and(eq(outbox.id, id), eq(outbox.state, 'sending'), eq(outbox.leaseOwner, owner));
  }
}
