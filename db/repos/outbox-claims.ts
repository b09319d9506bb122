import { and, asc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Delivery, SendRules } from '../../src/kernel/ports/outbox-queue.js';
import { fixedLimit } from '../prepared.js';
import type { SqlContext } from '../sql-context.js';
import { SqlMessageRepo } from './messages.js';
import { type OutboxRow, toEntry } from './outbox-entry.js';
import { type LaneRow, laneId, SqlOutboxLanes } from './outbox-lanes.js';
import { SqlRepo } from './repo.js';

/** Rows of one conversation looked at per claim: the next one to send is nearly always the first. */
const ROWS_PER_LANE = 10;
/** Bounds the lanes one claim visits when many have nothing that may go. */
const MAX_LANE_QUERIES = 20;

/** What may be done with an update now. */
type UpdateTarget = { target: string } | { waitUntil: number } | { fail: string };

/**
 * Which outbox rows may go now, and when the next may: round-robin across conversations (the one
 * served longest ago first), each conversation's earliest due row, one delivery in flight per
 * conversation, each platform's pacing kept, an update only after the post it replaces and after
 * older updates of the same message. One conversation's backlog never holds back another's.
 */
export class SqlOutboxClaims extends SqlRepo {
  private readonly messages: SqlMessageRepo;
  readonly lanes: SqlOutboxLanes;

  constructor(ctx: SqlContext) {
    super(ctx);
    this.messages = new SqlMessageRepo(ctx);
    this.lanes = new SqlOutboxLanes(ctx);
  }

  async claim(now: Date, owner: string, leaseUntil: Date, rules: SendRules, limit: number): Promise<Delivery[]> {
    if (rules.platforms.length === 0 || limit <= 0) return [];
    const t = now.getTime();
    const chosen: Delivery[] = [];
    const visited = new Set<string>();
    for (let q = 0; q < MAX_LANE_QUERIES && chosen.length < limit; q++) {
      const lanes = await this.lanes.ready(t, rules, limit - chosen.length, visited);
      if (lanes.length === 0) break;
      for (const lane of lanes) {
        visited.add(laneId(lane));
        const d = await this.next(lane, t, rules);
        if (d) {
          await this.lease(d, owner, leaseUntil.getTime());
          chosen.push({ ...d, state: 'sending', attempts: d.attempts + 1 });
        }
        await this.lanes.refresh(lane, t);
      }
    }
    return chosen;
  }

  nextWakeAt(now: Date, rules: SendRules): Promise<Date | null> {
    if (rules.platforms.length === 0) return Promise.resolve(null);
    return this.lanes.nextWakeAt(now.getTime(), rules).then((at) => (at === null ? null : new Date(at)));
  }

  /**
   * The lane's next row that may go now: a dead process's delivery first, else the earliest due
   * pending row that can be sent. Rows that cannot go yet are put off until they could, or failed.
   */
  private async next(lane: LaneRow, t: number, rules: SendRules): Promise<Delivery | null> {
    const { outbox: o } = this.t;
    const ofLane = and(eq(o.platform, lane.platform), eq(o.conversationId, lane.conversationId));
    const rows: OutboxRow[] = [];
    if (lane.leaseExpiresAt !== null) {
      rows.push(
        ...(await this.db
          .select()
          .from(o)
          .where(and(ofLane, eq(o.state, 'sending')))
          .orderBy(asc(o.id))),
      );
    }
    rows.push(
      ...(await this.db
        .select()
        .from(o)
        .where(and(ofLane, eq(o.state, 'pending'), lte(o.nextAttemptAt, t)))
        .orderBy(asc(o.nextAttemptAt), asc(o.id))
        .limit(fixedLimit(ROWS_PER_LANE))),
    );
    for (const r of rows) {
      if (r.op === 'post' && !r.replyTo) return { ...toEntry(r), targetMessageId: null, threadMessageId: null };
      // A reply waits for the post whose thread it goes in; an update for the post it changes.
      const u =
        r.op === 'post'
          ? await this.postedTarget(r, r.replyTo!, t, rules, 'the post it replies to')
          : await this.updateTarget(r, t, rules);
      if ('target' in u)
        return r.op === 'post'
          ? { ...toEntry(r), targetMessageId: null, threadMessageId: u.target }
          : { ...toEntry(r), targetMessageId: u.target, threadMessageId: null };
      if ('fail' in u)
        await this.setRow(r.id, { state: 'failed', lastError: u.fail, leaseOwner: null, leaseExpiresAt: null });
      else
        await this.setRow(r.id, {
          state: 'pending',
          nextAttemptAt: u.waitUntil,
          leaseOwner: null,
          leaseExpiresAt: null,
        });
    }
    return null;
  }

  private async lease(d: Delivery, owner: string, until: number): Promise<void> {
    const { outbox: o } = this.t;
    await this.db
      .update(o)
      .set({ state: 'sending', leaseOwner: owner, leaseExpiresAt: until, attempts: sql`${o.attempts} + 1` })
      .where(eq(o.id, d.id));
    await this.lanes.lease(
      { platform: d.conversation.platform, conversationId: d.conversation.channelId },
      owner,
      until,
    );
  }

  /** The platform id of the message an update replaces; else when to look again, or why it fails. */
  private async updateTarget(r: OutboxRow, t: number, rules: SendRules): Promise<UpdateTarget> {
    const { outbox: o } = this.t;
    const messageKey = r.messageKey;
    if (!messageKey) return { fail: 'an update without a message key cannot be delivered' };
    // Updates of one message go out in order: wait while an older row of the same message is unfinished.
    const [older] = await this.db
      .select({ state: o.state, nextAttemptAt: o.nextAttemptAt, leaseExpiresAt: o.leaseExpiresAt })
      .from(o)
      .where(and(eq(o.messageKey, messageKey), lt(o.id, r.id), inArray(o.state, ['pending', 'sending'])))
      .orderBy(asc(o.id))
      .limit(fixedLimit(1));
    if (older) {
      const at = older.state === 'sending' ? (older.leaseExpiresAt ?? t) : older.nextAttemptAt;
      return { waitUntil: Math.max(at, t + 1) };
    }
    return this.postedTarget(r, messageKey, t, rules, 'the post it updates');
  }

  /**
   * The platform id of the message posted under `messageKey` (to update it, or to reply in its thread);
   * else when to look again, or why the row fails: that post failed or never came.
   */
  private async postedTarget(
    r: OutboxRow,
    messageKey: string,
    t: number,
    rules: SendRules,
    what: string,
  ): Promise<UpdateTarget> {
    const { outbox: o } = this.t;
    const posted = await this.messages.get(messageKey);
    if (posted) return { target: posted.platformMessageId };
    const [postFailed] = await this.db
      .select({ id: o.id })
      .from(o)
      .where(and(eq(o.messageKey, messageKey), eq(o.op, 'post'), eq(o.state, 'failed')))
      .limit(fixedLimit(1));
    if (postFailed) return { fail: `${what} could not be delivered` };
    const deadline = r.createdAt + rules.maxWaitForPostMs;
    if (t >= deadline) return { fail: `${what} was never delivered` };
    return { waitUntil: deadline };
  }

  private async setRow(id: number, values: Partial<OutboxRow>): Promise<void> {
    const { outbox: o } = this.t;
    await this.db.update(o).set(values).where(eq(o.id, id));
  }
}
