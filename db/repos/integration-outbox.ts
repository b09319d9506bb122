import { and, asc, count, desc, eq, gt, inArray, lt, lte, min, or, sql } from 'drizzle-orm';
import type { IntegrationMessage } from '../../src/domain/integrations.js';
import type { Dispatch, IntegrationOutboxRepo, NewDispatch } from '../../src/kernel/ports/integration-outbox.js';
import type { OutboxBacklog } from '../../src/kernel/ports/outbox-queue.js';
import { fixedLimit } from '../prepared.js';
import { forClaim, greatest } from '../sql-context.js';
import { SqlRepo } from './repo.js';

const CANDIDATES = 200;

type Row = typeof import('../schema/integrations.js').integrationOutbox.$inferSelect;

function toDispatch(r: Row): Dispatch {
  return {
    id: r.id,
    idempotencyKey: r.idempotencyKey,
    integration: r.integration,
    channelId: r.channelId,
    escalationId: r.escalationId,
    event: r.event,
    message: r.message as IntegrationMessage,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: new Date(r.nextAttemptAt),
    lastError: r.lastError,
    createdAt: new Date(r.createdAt),
    sentAt: r.sentAt === null ? null : new Date(r.sentAt),
  };
}

const subject = (r: Pick<Row, 'integration' | 'escalationId'>) => `${r.integration}\u0000${r.escalationId}`;

/** The integration outbox over the `integration_outbox` table; apart from the chat outbox and its claims. */
export class SqlIntegrationOutboxRepo extends SqlRepo implements IntegrationOutboxRepo {
  async enqueue(d: NewDispatch, now: Date): Promise<boolean> {
    const { integrationOutbox: o } = this.t;
    const queued = await this.db
      .insert(o)
      .values({ ...d, state: 'pending', nextAttemptAt: now.getTime(), createdAt: now.getTime() })
      .onConflictDoNothing({ target: o.idempotencyKey })
      .returning({ id: o.id });
    return queued.length > 0;
  }

  async pagedFor(escalationId: number): Promise<string[]> {
    const { integrationOutbox: o } = this.t;
    const rows = await this.db
      .selectDistinct({ integration: o.integration })
      .from(o)
      .where(and(eq(o.escalationId, escalationId), eq(o.event, 'trigger')))
      .orderBy(asc(o.integration));
    return rows.map((r) => r.integration);
  }

  async claim(
    now: Date,
    owner: string,
    leaseUntil: Date,
    integrations: readonly string[],
    limit: number,
  ): Promise<Dispatch[]> {
    const { integrationOutbox: o } = this.t;
    if (integrations.length === 0 || limit <= 0) return [];
    const t = now.getTime();
    const claimable = or(
      and(eq(o.state, 'pending'), lte(o.nextAttemptAt, t)),
      and(eq(o.state, 'sending'), lte(o.leaseExpiresAt, t)),
    );
    // On PostgreSQL the candidates are locked, and those another instance's claim holds are skipped.
    const candidates = await forClaim(
      this.ctx,
      this.db
        .select()
        .from(o)
        .where(and(inArray(o.integration, [...integrations]), claimable))
        .orderBy(asc(o.id))
        .limit(fixedLimit(CANDIDATES)),
    );
    const chosen: Dispatch[] = [];
    const taken = new Set<string>();
    for (const r of candidates) {
      if (taken.has(subject(r))) continue;
      taken.add(subject(r));
      // In order per integration and escalation: a trigger is sent before its acknowledgement.
      const older = await this.db
        .select({ id: o.id })
        .from(o)
        .where(
          and(
            eq(o.integration, r.integration),
            eq(o.escalationId, r.escalationId),
            lt(o.id, r.id),
            or(eq(o.state, 'pending'), and(eq(o.state, 'sending'), gt(o.leaseExpiresAt, t))),
          ),
        )
        .limit(fixedLimit(1));
      if (older.length > 0) continue;
      // Still claimable: a row another instance took meanwhile is left to it.
      const claimed = await this.db
        .update(o)
        .set({
          state: 'sending',
          leaseOwner: owner,
          leaseExpiresAt: leaseUntil.getTime(),
          attempts: sql`${o.attempts} + 1`,
        })
        .where(and(eq(o.id, r.id), claimable))
        .returning({ id: o.id });
      if (claimed.length === 0) continue;
      chosen.push({ ...toDispatch(r), state: 'sending', attempts: r.attempts + 1 });
      if (chosen.length >= limit) break;
    }
    return chosen;
  }

  async markSent(id: number, owner: string, now: Date): Promise<boolean> {
    return this.finish(id, owner, { state: 'sent', sentAt: now.getTime(), lastError: null });
  }

  async retryLater(id: number, owner: string, at: Date, error: string): Promise<boolean> {
    return this.finish(id, owner, { state: 'pending', nextAttemptAt: at.getTime(), lastError: error });
  }

  async markFailed(id: number, owner: string, error: string): Promise<boolean> {
    return this.finish(id, owner, { state: 'failed', lastError: error });
  }

  async release(owner: string): Promise<number> {
    const { integrationOutbox: o } = this.t;
    const released = await this.db
      .update(o)
      .set({
        state: 'pending',
        leaseOwner: null,
        leaseExpiresAt: null,
        attempts: greatest(this.ctx, sql`${o.attempts} - 1`, 0),
      })
      .where(and(eq(o.state, 'sending'), eq(o.leaseOwner, owner)))
      .returning({ id: o.id });
    return released.length;
  }

  async nextWakeAt(now: Date, integrations: readonly string[]): Promise<Date | null> {
    const { integrationOutbox: o } = this.t;
    if (integrations.length === 0) return null;
    const t = now.getTime();
    const [pending] = await this.db
      .select({ at: min(o.nextAttemptAt) })
      .from(o)
      .where(and(inArray(o.integration, [...integrations]), eq(o.state, 'pending'), gt(o.nextAttemptAt, t)));
    const [sending] = await this.db
      .select({ at: min(o.leaseExpiresAt) })
      .from(o)
      .where(and(inArray(o.integration, [...integrations]), eq(o.state, 'sending'), gt(o.leaseExpiresAt, t)));
    const times = [pending?.at, sending?.at].filter((x): x is number => typeof x === 'number');
    return times.length ? new Date(Math.min(...times)) : null;
  }

  async backlog(channelId: number): Promise<OutboxBacklog> {
    const { integrationOutbox: o } = this.t;
    const [waiting] = await this.db
      .select({ n: count(), oldest: min(o.createdAt) })
      .from(o)
      .where(and(eq(o.channelId, channelId), inArray(o.state, ['pending', 'sending'])));
    const [failed] = await this.db
      .select({ n: count() })
      .from(o)
      .where(and(eq(o.channelId, channelId), eq(o.state, 'failed')));
    const oldest = waiting?.oldest;
    return { waiting: waiting?.n ?? 0, oldest: oldest == null ? null : new Date(oldest), failed: failed?.n ?? 0 };
  }

  async failed(channelId: number, limit: number): Promise<Dispatch[]> {
    const { integrationOutbox: o } = this.t;
    const rows = await this.db
      .select()
      .from(o)
      .where(and(eq(o.channelId, channelId), eq(o.state, 'failed')))
      .orderBy(desc(o.id))
      .limit(fixedLimit(limit));
    return rows.map(toDispatch);
  }

  private async finish(id: number, owner: string, set: Partial<Row>): Promise<boolean> {
    const { integrationOutbox: o } = this.t;
    const held = await this.db
      .update(o)
      .set({ ...set, leaseOwner: null, leaseExpiresAt: null })
      .where(and(eq(o.id, id), eq(o.state, 'sending'), eq(o.leaseOwner, owner)))
      .returning({ id: o.id });
    return held.length > 0;
  }
}
