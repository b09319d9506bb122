import { and, asc, count, desc, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type {
  Escalation,
  EscalationEvent,
  EscalationEventKind,
  EscalationFacts,
  EscalationPatch,
  EscalationState,
} from '../../src/domain/escalation.js';
import { UNRESOLVED_STATES } from '../../src/domain/escalation.js';
import type { EscalationRepo, NewEscalation, NewEscalationEvent } from '../../src/kernel/ports/escalations.js';
import { fixedLimit, p, prepared } from '../prepared.js';
import type { Tables } from '../sql-context.js';
import { factQueries, type InstantColumn, inWindow, toFacts } from './escalation-facts.js';
import { groupBy, SqlRepo } from './repo.js';

type Row = Tables['escalations']['$inferSelect'];
type EventRow = Tables['escalationEvents']['$inferSelect'];

const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));
const ms = (d: Date | null | undefined): number | null | undefined =>
  d === undefined ? undefined : d === null ? null : d.getTime();

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
    shared: r.shared,
    routedBy: r.routedBy,
    matrixOwner: r.matrixOwner,
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
    duplicateOf: r.duplicateOf,
  };
}

function toEvent(r: EventRow): EscalationEvent {
  return { ...r, at: new Date(r.at), kind: r.kind as EscalationEventKind };
}

export class SqlEscalationRepo extends SqlRepo implements EscalationRepo {
  private readonly facts = factQueries(this.ctx);

  async open(input: NewEscalation): Promise<Escalation> {
    const { channels, escalations } = this.t;
    // The counter lives on the channel row: numbers are never reused, even if an escalation is deleted.
    const [counter] = await this.db
      .update(channels)
      .set({ escalationSeq: sql`${channels.escalationSeq} + 1` })
      .where(eq(channels.id, input.channelId))
      .returning({ seq: channels.escalationSeq });
    if (!counter) throw new Error(`channel ${input.channelId} does not exist`);
    const [row] = await this.db
      .insert(escalations)
      .values({ ...input, seq: counter.seq, state: 'open', openedAt: input.openedAt.getTime() })
      .returning();
    await this.addEvent(row!.id, { at: input.openedAt, actorId: input.fromPersonId, kind: 'opened', note: null });
    return toEscalation(row!);
  }

  private readonly byId = prepared(this.ctx, (db, { escalations }) =>
    db
      .select()
      .from(escalations)
      .where(eq(escalations.id, p('id')))
      .limit(fixedLimit(1)),
  );

  async get(id: number): Promise<Escalation | null> {
    const [r] = await this.byId({ id });
    return r ? toEscalation(r) : null;
  }

  async bySeq(channelId: number, seq: number): Promise<Escalation | null> {
    const { escalations } = this.t;
    const [r] = await this.db
      .select()
      .from(escalations)
      .where(and(eq(escalations.channelId, channelId), eq(escalations.seq, seq)))
      .limit(fixedLimit(1));
    return r ? toEscalation(r) : null;
  }

  async update(id: number, patch: EscalationPatch): Promise<Escalation> {
    const { escalations } = this.t;
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
    if (patch.toTeam !== undefined) set.toTeam = patch.toTeam;
    if (patch.shared !== undefined) set.shared = patch.shared;
    if (patch.duplicateOf !== undefined) set.duplicateOf = patch.duplicateOf;
    if (Object.keys(set).length > 0) await this.db.update(escalations).set(set).where(eq(escalations.id, id));
    const updated = await this.get(id);
    if (!updated) throw new Error(`escalation ${id} does not exist`);
    return updated;
  }

  async addEvent(escalationId: number, event: NewEscalationEvent): Promise<void> {
    await this.db
      .insert(this.t.escalationEvents)
      .values({ escalationId, at: event.at.getTime(), actorId: event.actorId, kind: event.kind, note: event.note });
  }

  async events(escalationId: number): Promise<EscalationEvent[]> {
    const { escalationEvents } = this.t;
    const rows = await this.db
      .select()
      .from(escalationEvents)
      .where(eq(escalationEvents.escalationId, escalationId))
      .orderBy(asc(escalationEvents.at), asc(escalationEvents.id));
    return rows.map(toEvent);
  }

  async recent(channelId: number, limit: number, states?: readonly EscalationState[]): Promise<Escalation[]> {
    const { escalations } = this.t;
    const rows = await this.db
      .select()
      .from(escalations)
      .where(this.inChannel(channelId, states))
      .orderBy(desc(escalations.seq))
      .limit(fixedLimit(limit));
    return rows.map(toEscalation);
  }

  async count(channelId: number, states?: readonly EscalationState[]): Promise<number> {
    const [r] = await this.db.select({ n: count() }).from(this.t.escalations).where(this.inChannel(channelId, states));
    return r?.n ?? 0;
  }

  async openedBetween(channelId: number, from: Date, to: Date): Promise<Escalation[]> {
    return this.window(channelId, 'openedAt', from, to);
  }

  async handedBackBetween(channelId: number, from: Date, to: Date): Promise<Escalation[]> {
    return this.window(channelId, 'handedBackAt', from, to);
  }

  async resolvedBetween(channelId: number, from: Date, to: Date): Promise<Escalation[]> {
    return this.window(channelId, 'resolvedAt', from, to);
  }

  async unresolved(channelId: number): Promise<Escalation[]> {
    const { escalations } = this.t;
    const rows = await this.db
      .select()
      .from(escalations)
      .where(this.inChannel(channelId, UNRESOLVED_STATES))
      .orderBy(asc(escalations.openedAt), asc(escalations.seq));
    return rows.map(toEscalation);
  }

  async unresolvedOf(channelIds: readonly number[]): Promise<Map<number, Escalation[]>> {
    const { escalations } = this.t;
    const rows = await this.db
      .select()
      .from(escalations)
      .where(and(inArray(escalations.channelId, [...channelIds]), inArray(escalations.state, [...UNRESOLVED_STATES])))
      .orderBy(asc(escalations.openedAt), asc(escalations.seq));
    return groupBy(channelIds, rows, (r) => r.channelId, toEscalation);
  }

  async notesBetween(
    channelId: number,
    from: Date,
    to: Date,
  ): Promise<{ escalation: Escalation; event: EscalationEvent }[]> {
    const { escalations, escalationEvents } = this.t;
    const rows = await this.db
      .select({ escalation: escalations, event: escalationEvents })
      .from(escalationEvents)
      .innerJoin(escalations, eq(escalationEvents.escalationId, escalations.id))
      .where(this.notesInWindow(channelId, from, to))
      .orderBy(asc(escalationEvents.at), asc(escalationEvents.id));
    return rows.map((r) => ({ escalation: toEscalation(r.escalation), event: toEvent(r.event) }));
  }

  async factsInWindow(channelId: number, from: Date, to: Date): Promise<EscalationFacts[]> {
    const rows = await this.facts.factsWithin({ channelId, from: from.getTime(), to: to.getTime() });
    return rows.map(toFacts);
  }

  async unresolvedFacts(channelId: number, openedBefore: Date): Promise<EscalationFacts[]> {
    const rows = await this.facts.unresolvedBefore({ channelId, before: openedBefore.getTime() });
    return rows.map(toFacts);
  }

  async noteFactsBetween(
    channelId: number,
    from: Date,
    to: Date,
  ): Promise<{ escalation: EscalationFacts; event: EscalationEvent }[]> {
    const rows = await this.facts.notesWithin({ channelId, from: from.getTime(), to: to.getTime() });
    return rows.map(({ escalation, event }) => ({
      escalation: toFacts(escalation),
      event: { ...event, escalationId: escalation.id, at: new Date(event.at), kind: 'note' as const },
    }));
  }

  private inChannel(channelId: number, states?: readonly EscalationState[]): SQL | undefined {
    const { escalations } = this.t;
    const inChannel = eq(escalations.channelId, channelId);
    return states ? and(inChannel, inArray(escalations.state, [...states])) : inChannel;
  }

  async pruneResolved(before: Date, limit: number): Promise<number> {
    const { escalations } = this.t;
    const old = await this.db
      .select({ id: escalations.id })
      .from(escalations)
      .where(and(eq(escalations.state, 'resolved'), lt(escalations.resolvedAt, before.getTime())))
      .limit(fixedLimit(limit));
    // Their events go with them (ON DELETE CASCADE).
    if (old.length > 0)
      await this.db.delete(escalations).where(
        inArray(
          escalations.id,
          old.map((r) => r.id),
        ),
      );
    return old.length;
  }

  /** Escalations of a channel whose instant in one column falls in `from <= at < to`: one prepared query per column. */
  private readonly windows = {
    openedAt: this.windowQuery((t) => t.escalations.openedAt),
    handedBackAt: this.windowQuery((t) => t.escalations.handedBackAt),
    resolvedAt: this.windowQuery((t) => t.escalations.resolvedAt),
  };

  private windowQuery(columnOf: (t: Tables) => InstantColumn) {
    return prepared(this.ctx, (db, t) => {
      const { escalations } = t;
      const column = columnOf(t);
      return db
        .select()
        .from(escalations)
        .where(and(eq(escalations.channelId, p('channelId')), inWindow(column)))
        .orderBy(asc(column), asc(escalations.seq));
    });
  }

  private async window(
    channelId: number,
    column: keyof SqlEscalationRepo['windows'],
    from: Date,
    to: Date,
  ): Promise<Escalation[]> {
    const rows = await this.windows[column]({ channelId, from: from.getTime(), to: to.getTime() });
    return rows.map(toEscalation);
  }

  /** Notes on a channel's escalations written in `from <= at < to`. */
  private notesInWindow(channelId: number, from: Date, to: Date) {
    const { escalations, escalationEvents } = this.t;
    return and(
      eq(escalations.channelId, channelId),
      eq(escalationEvents.kind, 'note'),
      gte(escalationEvents.at, from.getTime()),
      lt(escalationEvents.at, to.getTime()),
    );
  }
}
