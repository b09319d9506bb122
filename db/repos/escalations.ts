import { and, asc, count, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Escalation, EscalationEvent, EscalationEventKind, EscalationFacts, EscalationPatch, EscalationState } from '../../src/domain/escalation.js';
import { UNRESOLVED_STATES } from '../../src/domain/escalation.js';
import type { EscalationRepo, NewEscalation, NewEscalationEvent } from '../../src/kernel/ports/escalations.js';
import type { Db } from '../client.js';
import { channels, escalationEvents, escalations } from '../schema.js';

type Row = typeof escalations.$inferSelect;
type EventRow = typeof escalationEvents.$inferSelect;

const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));
const ms = (d: Date | null | undefined): number | null | undefined => (d === undefined ? undefined : d === null ? null : d.getTime());

function toEscalation(r: Row): Escalation {
  return {
    id: r.id,
    channelId: r.channelId,
    seq: r.seq,
    summary: r.summary,
    areaId: r.areaId,
    areaName: r.areaName,
    priority: r.priority,
    ticket: r.ticket,
    fromPersonId: r.fromPersonId,
    fromTeam: r.fromTeam,
    toTeam: r.toTeam,
    state: r.state,
    afterHours: r.afterHours,
    openedAt: new Date(r.openedAt),
    acknowledgedAt: date(r.acknowledgedAt),
    acknowledgedBy: r.acknowledgedBy,
    handedBackAt: date(r.handedBackAt),
    handedBackBy: r.handedBackBy,
    handbackNote: r.handbackNote,
    resolvedAt: date(r.resolvedAt),
    resolvedBy: r.resolvedBy,
    resolutionNote: r.resolutionNote,
    renotifyCount: r.renotifyCount,
  };
}

/**
 * The columns of EscalationFacts, in this order. Bulk reads take them as raw values and map them by
 * position: by the thousand that is several times cheaper than whole rows mapped by the query builder.
 */
const FACT_COLUMNS = {
  id: escalations.id,
  seq: escalations.seq,
  priority: escalations.priority,
  state: escalations.state,
  toTeam: escalations.toTeam,
  handedBackAt: escalations.handedBackAt,
  openedAt: escalations.openedAt,
};

/** EscalationFacts from a raw row that starts with the FACT_COLUMNS. */
function factsOf(v: unknown[]): EscalationFacts {
  return {
    id: v[0] as number,
    seq: v[1] as number,
    priority: v[2] as Escalation['priority'],
    state: v[3] as EscalationState,
    toTeam: v[4] as Escalation['toTeam'],
    handedBackAt: date(v[5] as number | null),
    openedAt: new Date(v[6] as number),
  };
}

function toEvent(r: EventRow): EscalationEvent {
  return { id: r.id, escalationId: r.escalationId, at: new Date(r.at), actorId: r.actorId, kind: r.kind as EscalationEventKind, note: r.note };
}

export class SqliteEscalationRepo implements EscalationRepo {
  constructor(private readonly db: Db) {}

  open(input: NewEscalation): Escalation {
    // The counter lives on the channel row: numbers are never reused, even if an escalation is deleted.
    const counter = this.db
      .update(channels)
      .set({ escalationSeq: sql`${channels.escalationSeq} + 1` })
      .where(eq(channels.id, input.channelId))
      .returning({ seq: channels.escalationSeq })
      .get();
    if (!counter) throw new Error(`channel ${input.channelId} does not exist`);
    const row = this.db
      .insert(escalations)
      .values({ ...input, seq: counter.seq, state: 'open', openedAt: input.openedAt.getTime() })
      .returning()
      .get();
    this.addEvent(row.id, { at: input.openedAt, actorId: input.fromPersonId, kind: 'opened', note: null });
    return toEscalation(row);
  }

  get(id: number): Escalation | null {
    const r = this.db.select().from(escalations).where(eq(escalations.id, id)).get();
    return r ? toEscalation(r) : null;
  }

  bySeq(channelId: number, seq: number): Escalation | null {
    const r = this.db
      .select()
      .from(escalations)
      .where(and(eq(escalations.channelId, channelId), eq(escalations.seq, seq)))
      .get();
    return r ? toEscalation(r) : null;
  }

  update(id: number, patch: EscalationPatch): Escalation {
    const set: Partial<Row> = {};
    if (patch.state !== undefined) set.state = patch.state;
    if (patch.acknowledgedAt !== undefined) set.acknowledgedAt = ms(patch.acknowledgedAt)!;
    if (patch.acknowledgedBy !== undefined) set.acknowledgedBy = patch.acknowledgedBy;
    if (patch.handedBackAt !== undefined) set.handedBackAt = ms(patch.handedBackAt)!;
    if (patch.handedBackBy !== undefined) set.handedBackBy = patch.handedBackBy;
    if (patch.handbackNote !== undefined) set.handbackNote = patch.handbackNote;
    if (patch.resolvedAt !== undefined) set.resolvedAt = ms(patch.resolvedAt)!;
    if (patch.resolvedBy !== undefined) set.resolvedBy = patch.resolvedBy;
    if (patch.resolutionNote !== undefined) set.resolutionNote = patch.resolutionNote;
    if (patch.renotifyCount !== undefined) set.renotifyCount = patch.renotifyCount;
    if (Object.keys(set).length > 0) this.db.update(escalations).set(set).where(eq(escalations.id, id)).run();
    const updated = this.get(id);
    if (!updated) throw new Error(`escalation ${id} does not exist`);
    return updated;
  }

  addEvent(escalationId: number, event: NewEscalationEvent): void {
    this.db
      .insert(escalationEvents)
      .values({ escalationId, at: event.at.getTime(), actorId: event.actorId, kind: event.kind, note: event.note })
      .run();
  }

  events(escalationId: number): EscalationEvent[] {
    return this.db
      .select()
      .from(escalationEvents)
      .where(eq(escalationEvents.escalationId, escalationId))
      .orderBy(asc(escalationEvents.at), asc(escalationEvents.id))
      .all()
      .map(toEvent);
  }

  recent(channelId: number, limit: number, states?: readonly EscalationState[]): Escalation[] {
    return this.db
      .select()
      .from(escalations)
      .where(this.inChannel(channelId, states))
      .orderBy(desc(escalations.seq))
      .limit(limit)
      .all()
      .map(toEscalation);
  }

  count(channelId: number, states?: readonly EscalationState[]): number {
    return this.db.select({ n: count() }).from(escalations).where(this.inChannel(channelId, states)).get()?.n ?? 0;
  }

  openedBetween(channelId: number, from: Date, to: Date): Escalation[] {
    return this.window(channelId, escalations.openedAt, from, to);
  }

  handedBackBetween(channelId: number, from: Date, to: Date): Escalation[] {
    return this.window(channelId, escalations.handedBackAt, from, to);
  }

  resolvedBetween(channelId: number, from: Date, to: Date): Escalation[] {
    return this.window(channelId, escalations.resolvedAt, from, to);
  }

  unresolved(channelId: number): Escalation[] {
    return this.db
      .select()
      .from(escalations)
      .where(this.inChannel(channelId, UNRESOLVED_STATES))
      .orderBy(asc(escalations.openedAt), asc(escalations.seq))
      .all()
      .map(toEscalation);
  }

  notesBetween(channelId: number, from: Date, to: Date): { escalation: Escalation; event: EscalationEvent }[] {
    return this.db
      .select()
      .from(escalationEvents)
      .innerJoin(escalations, eq(escalationEvents.escalationId, escalations.id))
      .where(notesInWindow(channelId, from, to))
      .orderBy(asc(escalationEvents.at), asc(escalationEvents.id))
      .all()
      .map((r) => ({ escalation: toEscalation(r.escalations), event: toEvent(r.escalation_events) }));
  }

  factsInWindow(channelId: number, from: Date, to: Date): EscalationFacts[] {
    const inWindow = (column: typeof escalations.openedAt | typeof escalations.handedBackAt | typeof escalations.resolvedAt) =>
      and(gte(column, from.getTime()), lt(column, to.getTime()));
    return this.db
      .select(FACT_COLUMNS)
      .from(escalations)
      .where(and(eq(escalations.channelId, channelId), or(inWindow(escalations.openedAt), inWindow(escalations.handedBackAt), inWindow(escalations.resolvedAt))))
      .orderBy(asc(escalations.seq))
      .values()
      .map(factsOf);
  }

  unresolvedFacts(channelId: number, openedBefore: Date): EscalationFacts[] {
    return this.db
      .select(FACT_COLUMNS)
      .from(escalations)
      .where(and(this.inChannel(channelId, UNRESOLVED_STATES), lt(escalations.openedAt, openedBefore.getTime())))
      .orderBy(asc(escalations.openedAt), asc(escalations.seq))
      .values()
      .map(factsOf);
  }

  noteFactsBetween(channelId: number, from: Date, to: Date): { escalation: EscalationFacts; event: EscalationEvent }[] {
    return this.db
      .select({ ...FACT_COLUMNS, eventId: escalationEvents.id, at: escalationEvents.at, actorId: escalationEvents.actorId, note: escalationEvents.note })
      .from(escalationEvents)
      .innerJoin(escalations, eq(escalationEvents.escalationId, escalations.id))
      .where(notesInWindow(channelId, from, to))
      .orderBy(asc(escalationEvents.at), asc(escalationEvents.id))
      .values()
      .map((v) => {
        const escalation = factsOf(v);
        const event: EscalationEvent = { id: v[7] as number, escalationId: escalation.id, at: new Date(v[8] as number), actorId: v[9] as number | null, kind: 'note', note: v[10] as string | null };
        return { escalation, event };
      });
  }

  private inChannel(channelId: number, states?: readonly EscalationState[]): SQL | undefined {
    return states ? and(eq(escalations.channelId, channelId), inArray(escalations.state, [...states])) : eq(escalations.channelId, channelId);
  }

  private window(channelId: number, column: typeof escalations.openedAt | typeof escalations.handedBackAt | typeof escalations.resolvedAt, from: Date, to: Date): Escalation[] {
    return this.db
      .select()
      .from(escalations)
      .where(and(eq(escalations.channelId, channelId), gte(column, from.getTime()), lt(column, to.getTime())))
      .orderBy(asc(column), asc(escalations.seq))
      .all()
      .map(toEscalation);
  }
}

/** Notes on a channel's escalations written in `from <= at < to`. */
function notesInWindow(channelId: number, from: Date, to: Date) {
  return and(
    eq(escalations.channelId, channelId),
    eq(escalationEvents.kind, 'note'),
    gte(escalationEvents.at, from.getTime()),
    lt(escalationEvents.at, to.getTime()),
  );
}
