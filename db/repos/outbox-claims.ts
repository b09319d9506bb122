import { and, asc, eq, gt, inArray, lt, lte, max, or, sql } from 'drizzle-orm';
import type { Delivery, SendRules } from '../../src/kernel/ports/outbox-queue.js';
import type { Platform } from '../../src/kernel/types.js';
import type { SqlContext } from '../sql-context.js';
import { SqlMessageRepo } from './messages.js';
import { type OutboxRow, toEntry } from './outbox-entry.js';
import { SqlRepo } from './repo.js';

/** How many due rows one claim looks at; the rest wait for the next one. */
const CANDIDATES = 500;

const convKey = (platform: Platform, conversationId: string) => `${platform}\u0000${conversationId}`;

/**
 * Which outbox rows may go now, and when the next may: one delivery in flight per conversation,
 * each platform's pacing kept, an update only after the post it replaces and after older updates
 * of the same message. The outbox repository's sender side claims through it.
 */
export class SqlOutboxClaims extends SqlRepo {
  private readonly messages: SqlMessageRepo;

  constructor(ctx: SqlContext) {
    super(ctx);
    this.messages = new SqlMessageRepo(ctx);
  }

  async claim(now: Date, owner: string, leaseUntil: Date, rules: SendRules, limit: number): Promise<Delivery[]> {
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
      let threadMessageId: string | null = null;
      if (r.op === 'update') {
        const target = await this.updateTarget(r, t, rules);
        if (target === null) continue;
        targetMessageId = target;
      } else if (r.replyTo) {
        const parent = await this.postedTarget(r, r.replyTo, t, rules, 'the post it replies to');
        if (parent === null) continue;
        threadMessageId = parent;
      }
      const attempts = sql`${outbox.attempts} + 1`;
      await this.db
        .update(outbox)
        .set({ state: 'sending', leaseOwner: owner, leaseExpiresAt: leaseUntil.getTime(), attempts })
        .where(eq(outbox.id, r.id));
      inFlight.add(key);
      chosen.push({ ...toEntry(r), state: 'sending', attempts: r.attempts + 1, targetMessageId, threadMessageId });
      if (chosen.length >= limit) break;
    }
    return chosen;
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
        const waitsFor = r.op === 'update' ? r.messageKey : r.replyTo;
        if (waitsFor && !(await this.messages.get(waitsFor))) {
          at = Math.max(at, r.createdAt + rules.maxWaitForPostMs);
        }
      }
      if (at > t && (next === null || at < next)) next = at;
    }
    return next === null ? null : new Date(next);
  }

  /**
   * The platform id of the message an update replaces, or null to leave the update waiting
   * (failing it when it cannot be delivered).
   */
  private async updateTarget(r: OutboxRow, t: number, rules: SendRules): Promise<string | null> {
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
    return this.postedTarget(r, messageKey, t, rules, 'the post it updates');
  }

  /**
   * The platform id of the message posted under `messageKey` (updated, or replied to in its thread), or
   * null to leave the row waiting for it, failing the row when that post failed or never came.
   */
  private async postedTarget(
    r: OutboxRow,
    messageKey: string,
    t: number,
    rules: SendRules,
    what: string,
  ): Promise<string | null> {
    const { outbox } = this.t;
    const posted = await this.messages.get(messageKey);
    if (posted) return posted.platformMessageId;
    const postFailed = await this.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.messageKey, messageKey), eq(outbox.op, 'post'), eq(outbox.state, 'failed')))
      .limit(1);
    if (postFailed.length > 0) return this.failWaiting(r, `${what} could not be delivered`);
    if (t - r.createdAt >= rules.maxWaitForPostMs) return this.failWaiting(r, `${what} was never delivered`);
    return null;
  }

  private async failWaiting(r: OutboxRow, error: string): Promise<null> {
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
}
