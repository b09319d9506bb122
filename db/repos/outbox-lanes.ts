import { and, eq, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { SendRules } from '../../src/kernel/ports/outbox-queue.js';
import { fixedLimit, given, p, prepared } from '../prepared.js';
import { forClaim, greatest, least, type Tables } from '../sql-context.js';
import { SqlRepo } from './repo.js';

/** A conversation as the outbox tables name it. */
export interface LaneKey {
  platform: string;
  conversationId: string;
}

export type LaneRow = Tables['outboxLanes']['$inferSelect'];

/**
 * The outbox's conversations ("lanes"): which may receive a message now, in round-robin order, and
 * when the next may. Every change to a lane's queue keeps its `next_at` no later than its earliest
 * pending row, so that choosing among conversations never reads their queues.
 */
export class SqlOutboxLanes extends SqlRepo {
  /** A row of the lane is pending from `at`: the lane exists and is ready no later than that. */
  async due(lane: LaneKey, at: number): Promise<void> {
    await this.making({ platform: lane.platform, conversationId: lane.conversationId, at });
  }

  private readonly making = prepared(this.ctx, (db, { outboxLanes: l }) =>
    db
      .insert(l)
      .values({ platform: p('platform'), conversationId: p('conversationId'), nextAt: p('at') })
      .onConflictDoUpdate({
        target: [l.platform, l.conversationId],
        set: { nextAt: sql`coalesce(${least(this.ctx, l.nextAt, given('at'))}, ${given('at')})` },
      }),
  );

  /** Sets `next_at` from the lane's pending rows; with `t`, also drops a lease that expired by then. */
  async refresh(lane: LaneKey, t?: number): Promise<void> {
    const { outboxLanes: l, outbox: o } = this.t;
    const ofLane = sql`${o.platform} = ${lane.platform} and ${o.conversationId} = ${lane.conversationId}`;
    const earliest = sql`(select min(${o.nextAttemptAt}) from ${o} where ${ofLane} and ${o.state} = 'pending')`;
    const expired = t === undefined ? sql`0 = 1` : sql`${l.leaseExpiresAt} <= ${t}`;
    await this.db
      .update(l)
      .set({
        nextAt: earliest,
        leaseOwner: sql`case when ${expired} then null else ${l.leaseOwner} end`,
        leaseExpiresAt: sql`case when ${expired} then null else ${l.leaseExpiresAt} end`,
      })
      .where(this.is(lane));
  }

  /**
   * Up to `limit` lanes that may receive a message at `t`, the one served longest ago first: a
   * pending row due, or a dead process's delivery to take over; not paced out, not held by the
   * platform, no delivery of a live process in flight.
   */
  async ready(t: number, rules: SendRules, limit: number, skip: ReadonlySet<string>): Promise<LaneRow[]> {
    const { outboxLanes: l } = this.t;
    const query = this.db
      .select()
      .from(l)
      .where(
        and(
          inArray(l.platform, [...rules.platforms]),
          or(lte(l.leaseExpiresAt, t), and(isNull(l.leaseExpiresAt), lte(l.nextAt, t))),
          sql`coalesce(${l.heldUntil}, 0) <= ${t}`,
          sql`coalesce(${l.lastSentAt} + ${this.pacing(rules)}, 0) <= ${t}`,
        ),
      )
      .orderBy(sql`coalesce(${l.lastSentAt}, 0)`, l.platform, l.conversationId)
      .limit(fixedLimit(limit + skip.size));
    const rows = await forClaim(this.ctx, query);
    return rows.filter((r) => !skip.has(laneId(r))).slice(0, limit);
  }

  /** The earliest instant after `t` at which some lane may receive a message; null when none waits. */
  async nextWakeAt(t: number, rules: SendRules): Promise<number | null> {
    const { outboxLanes: l } = this.t;
    const paced = greatest(this.ctx, l.nextAt, sql`coalesce(${l.lastSentAt} + ${this.pacing(rules)}, 0)`);
    const free = greatest(this.ctx, paced, sql`coalesce(${l.heldUntil}, 0)`);
    const wake = sql`case when ${l.leaseExpiresAt} is not null then ${l.leaseExpiresAt} else ${free} end`;
    const [row] = await this.db
      .select({ at: sql<number | null>`min(${wake})` })
      .from(l)
      .where(
        and(
          inArray(l.platform, [...rules.platforms]),
          or(sql`${l.leaseExpiresAt} is not null`, sql`${l.nextAt} is not null`),
          sql`${wake} > ${t}`,
        ),
      );
    return row?.at == null ? null : Number(row.at);
  }

  /** A delivery to the lane is in flight under `owner` until `until`. */
  async lease(lane: LaneKey, owner: string, until: number): Promise<void> {
    const { outboxLanes: l } = this.t;
    await this.db.update(l).set({ leaseOwner: owner, leaseExpiresAt: until }).where(this.is(lane));
  }

  /** A message reached the lane at `t` (the pacing reference); `owner`'s delivery is over. */
  async sent(lane: LaneKey, owner: string, t: number): Promise<void> {
    const { outboxLanes: l } = this.t;
    await this.db
      .update(l)
      .set({ lastSentAt: sql`coalesce(${greatest(this.ctx, l.lastSentAt, t)}, ${t})` })
      .where(this.is(lane));
    await this.free(lane, owner);
  }

  /** `owner`'s delivery to the lane is over (failed, put back or given up). */
  async free(lane: LaneKey, owner: string): Promise<void> {
    const { outboxLanes: l } = this.t;
    await this.db
      .update(l)
      .set({ leaseOwner: null, leaseExpiresAt: null })
      .where(and(this.is(lane), eq(l.leaseOwner, owner)));
  }

  /** Nothing goes to the lane before `until` (Retry-After). */
  async hold(lane: LaneKey, until: number): Promise<void> {
    const { outboxLanes: l } = this.t;
    await this.db
      .update(l)
      .set({ heldUntil: sql`coalesce(${greatest(this.ctx, l.heldUntil, until)}, ${until})` })
      .where(this.is(lane));
  }

  /** Every lane `owner` holds is freed (graceful shutdown); its rows were put back to pending. */
  async releaseAll(owner: string): Promise<void> {
    const { outboxLanes: l } = this.t;
    const held = await this.db
      .update(l)
      .set({ leaseOwner: null, leaseExpiresAt: null })
      .where(eq(l.leaseOwner, owner))
      .returning({ platform: l.platform, conversationId: l.conversationId });
    for (const lane of held) await this.refresh(lane);
  }

  /** Forgets up to `limit` lanes with nothing to send that last received a message before `before`. */
  async pruneIdle(before: number, limit: number): Promise<number> {
    const { outboxLanes: l } = this.t;
    const idle = await this.db
      .select({ platform: l.platform, conversationId: l.conversationId })
      .from(l)
      .where(and(isNull(l.nextAt), isNull(l.leaseOwner), sql`coalesce(${l.lastSentAt}, 0) < ${before}`))
      .limit(fixedLimit(limit));
    for (const lane of idle) await this.db.delete(l).where(and(this.is(lane), isNull(l.nextAt), isNull(l.leaseOwner)));
    return idle.length;
  }

  /** Each platform's pacing, as SQL: `case platform when 'slack' then 1000 … else 0 end`. */
  private pacing(rules: SendRules): SQL {
    const { outboxLanes: l } = this.t;
    const paced = rules.platforms.filter((p) => rules.minIntervalMs(p) > 0);
    if (paced.length === 0) return sql`0`;
    const whens = paced.map((p) => sql` when ${p} then ${rules.minIntervalMs(p)}`);
    return sql`(case ${l.platform}${sql.join(whens)} else 0 end)`;
  }

  private is(lane: LaneKey) {
    const { outboxLanes: l } = this.t;
    return and(eq(l.platform, lane.platform), eq(l.conversationId, lane.conversationId));
  }
}

/** A lane's identity as one string. */
export function laneId(lane: LaneKey): string {
  return `${lane.platform}\u0000${lane.conversationId}`;
}
