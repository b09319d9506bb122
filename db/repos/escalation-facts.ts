import { and, asc, eq, gte, inArray, lt, or } from 'drizzle-orm';
import { type EscalationFacts, UNRESOLVED_STATES } from '../../src/domain/escalation.js';
import { p, prepared } from '../prepared.js';
import type { SqlContext, Tables } from '../sql-context.js';

type Row = Tables['escalations']['$inferSelect'];
export type InstantColumn = Tables['escalations']['openedAt' | 'handedBackAt' | 'resolvedAt'];
type FactsRow = Pick<Row, 'id' | 'seq' | 'priority' | 'state' | 'toTeam' | 'handedBackAt' | 'openedAt'>;

/** `from <= column < to`, with `from` and `to` given at each call of a prepared query. */
export const inWindow = (column: InstantColumn) => and(gte(column, p('from')), lt(column, p('to')));

/** The columns of EscalationFacts: bulk reads (the morning post) select only these, not whole rows. */
export function factColumns(t: Tables) {
  const { id, seq, priority, state, toTeam, handedBackAt, openedAt } = t.escalations;
  return { id, seq, priority, state, toTeam, handedBackAt, openedAt };
}

export function toFacts(r: FactsRow): EscalationFacts {
  return {
    ...r,
    handedBackAt: r.handedBackAt === null ? null : new Date(r.handedBackAt),
    openedAt: new Date(r.openedAt),
  };
}

/**
 * What the morning post reads of a channel's escalations, by facts only (a busy night has
 * thousands): fixed-shape queries, prepared once on SQLite (db/prepared.ts).
 */
export function factQueries(ctx: SqlContext) {
  return {
    factsWithin: prepared(ctx, (db, t) => {
      const { escalations } = t;
      return db
        .select(factColumns(t))
        .from(escalations)
        .where(
          and(
            eq(escalations.channelId, p('channelId')),
            or(inWindow(escalations.openedAt), inWindow(escalations.handedBackAt), inWindow(escalations.resolvedAt)),
          ),
        )
        .orderBy(asc(escalations.seq));
    }),

    unresolvedBefore: prepared(ctx, (db, t) =>
      db
        .select(factColumns(t))
        .from(t.escalations)
        .where(
          and(
            eq(t.escalations.channelId, p('channelId')),
            inArray(t.escalations.state, [...UNRESOLVED_STATES]),
            lt(t.escalations.openedAt, p('before')),
          ),
        )
        .orderBy(asc(t.escalations.openedAt), asc(t.escalations.seq)),
    ),

    notesWithin: prepared(ctx, (db, t) => {
      const { escalations, escalationEvents: ev } = t;
      return db
        .select({ escalation: factColumns(t), event: { id: ev.id, at: ev.at, actorId: ev.actorId, note: ev.note } })
        .from(ev)
        .innerJoin(escalations, eq(ev.escalationId, escalations.id))
        .where(
          and(
            eq(escalations.channelId, p('channelId')),
            eq(ev.kind, 'note'),
            gte(ev.at, p('from')),
            lt(ev.at, p('to')),
          ),
        )
        .orderBy(asc(ev.at), asc(ev.id));
    }),
  };
}
