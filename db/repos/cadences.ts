import { and, asc, eq, inArray } from 'drizzle-orm';
import { CADENCE_KINDS, type Cadence, type CadenceKind, type CadenceSettings } from '../../src/domain/cadence.js';
import type { IsoWeekday } from '../../src/domain/model.js';
import type { Ordinal } from '../../src/domain/recurrence.js';
import type { CadencePatch, CadenceRepo } from '../../src/kernel/ports/cadences.js';
import { fixedLimit, p, prepared, preparedIn } from '../prepared.js';
import type { Tables } from '../sql-context.js';
import { groupBy, SqlRepo } from './repo.js';

type Row = Tables['cadences']['$inferSelect'];

function toCadence(r: Row): Cadence {
  return {
    id: r.id,
    channelId: r.channelId,
    kind: r.kind,
    enabled: r.enabled,
    weekday: r.weekday as IsoWeekday,
    ordinal: (r.ordinal as Ordinal | null) ?? null,
    quarterMonth: (r.quarterMonth as 1 | 2 | 3 | null) ?? null,
    time: r.time,
    durationMinutes: r.durationMinutes,
    leads: (r.leads as number[]) ?? [],
  };
}

const byKind = (a: Cadence, b: Cadence) => CADENCE_KINDS.indexOf(a.kind) - CADENCE_KINDS.indexOf(b.kind);

export class SqlCadenceRepo extends SqlRepo implements CadenceRepo {
  private readonly ofChannel = prepared(this.ctx, (db, { cadences }) =>
    db
      .select()
      .from(cadences)
      .where(eq(cadences.channelId, p('channelId'))),
  );

  async list(channelId: number): Promise<Cadence[]> {
    const rows = await this.ofChannel({ channelId });
    return rows.map(toCadence).sort(byKind);
  }

  private readonly cadencesIn = preparedIn(this.ctx, (db, { cadences }, ids) =>
    db.select().from(cadences).where(inArray(cadences.channelId, ids)),
  );

  private readonly skipsIn = preparedIn(this.ctx, (db, { cadenceSkips }, ids) =>
    db
      .select({ cadenceId: cadenceSkips.cadenceId, date: cadenceSkips.date })
      .from(cadenceSkips)
      .where(inArray(cadenceSkips.cadenceId, ids))
      .orderBy(asc(cadenceSkips.date)),
  );

  async listOf(channelIds: readonly number[]): Promise<Map<number, Cadence[]>> {
    const rows = await this.cadencesIn(channelIds);
    const byChannel = groupBy(channelIds, rows, (r) => r.channelId, toCadence);
    for (const list of byChannel.values()) list.sort(byKind);
    return byChannel;
  }

  async get(channelId: number, kind: CadenceKind): Promise<Cadence | null> {
    const { cadences } = this.t;
    const [r] = await this.db
      .select()
      .from(cadences)
      .where(and(eq(cadences.channelId, channelId), eq(cadences.kind, kind)))
      .limit(fixedLimit(1));
    return r ? toCadence(r) : null;
  }

  async ensure(channelId: number, settings: readonly CadenceSettings[]): Promise<Cadence[]> {
    const { cadences } = this.t;
    for (const s of settings) {
      await this.db
        .insert(cadences)
        .values({ channelId, ...s })
        .onConflictDoNothing({ target: [cadences.channelId, cadences.kind] });
    }
    return this.list(channelId);
  }

  async update(id: number, patch: CadencePatch): Promise<Cadence> {
    const { cadences } = this.t;
    const set: Partial<Row> = {};
    for (const key of ['enabled', 'weekday', 'ordinal', 'quarterMonth', 'time', 'durationMinutes', 'leads'] as const) {
      if (patch[key] !== undefined) (set as Record<string, unknown>)[key] = patch[key];
    }
    if (Object.keys(set).length > 0) await this.db.update(cadences).set(set).where(eq(cadences.id, id));
    const [r] = await this.db.select().from(cadences).where(eq(cadences.id, id)).limit(fixedLimit(1));
    if (!r) throw new Error(`cadence ${id} does not exist`);
    return toCadence(r);
  }

  private readonly skipsById = prepared(this.ctx, (db, { cadenceSkips }) =>
    db
      .select({ date: cadenceSkips.date })
      .from(cadenceSkips)
      .where(eq(cadenceSkips.cadenceId, p('cadenceId')))
      .orderBy(asc(cadenceSkips.date)),
  );

  async skips(cadenceId: number): Promise<string[]> {
    const rows = await this.skipsById({ cadenceId });
    return rows.map((r) => r.date);
  }

  async skipsOf(cadenceIds: readonly number[]): Promise<Map<number, string[]>> {
    const rows = await this.skipsIn(cadenceIds);
    return groupBy(
      cadenceIds,
      rows,
      (r) => r.cadenceId,
      (r) => r.date,
    );
  }

  async addSkip(cadenceId: number, date: string): Promise<boolean> {
    const { cadenceSkips } = this.t;
    const added = await this.db
      .insert(cadenceSkips)
      .values({ cadenceId, date })
      .onConflictDoNothing()
      .returning({ date: cadenceSkips.date });
    return added.length > 0;
  }

  async removeSkip(cadenceId: number, date: string): Promise<boolean> {
    const { cadenceSkips } = this.t;
    const removed = await this.db
      .delete(cadenceSkips)
      .where(and(eq(cadenceSkips.cadenceId, cadenceId), eq(cadenceSkips.date, date)))
      .returning({ date: cadenceSkips.date });
    return removed.length > 0;
  }
}
