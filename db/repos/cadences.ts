import { and, asc, eq } from 'drizzle-orm';
import type { IsoWeekday } from '../../src/domain/model.js';
import type { CadencePatch, CadenceRepo } from '../../src/kernel/ports/cadences.js';
import { CADENCE_KINDS, type Cadence, type CadenceKind, type CadenceSettings } from '../../src/domain/cadence.js';
import type { Ordinal } from '../../src/domain/recurrence.js';
import type { Db } from '../client.js';
import { cadenceSkips, cadences } from '../schema.js';

type Row = typeof cadences.$inferSelect;

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

export class SqliteCadenceRepo implements CadenceRepo {
  constructor(private readonly db: Db) {}

  list(channelId: number): Cadence[] {
    return this.db.select().from(cadences).where(eq(cadences.channelId, channelId)).all().map(toCadence).sort(byKind);
  }

  get(channelId: number, kind: CadenceKind): Cadence | null {
    const r = this.db
      .select()
      .from(cadences)
      .where(and(eq(cadences.channelId, channelId), eq(cadences.kind, kind)))
      .get();
    return r ? toCadence(r) : null;
  }

  ensure(channelId: number, settings: readonly CadenceSettings[]): Cadence[] {
    for (const s of settings) {
      this.db
        .insert(cadences)
        .values({ channelId, ...s })
        .onConflictDoNothing({ target: [cadences.channelId, cadences.kind] })
        .run();
    }
    return this.list(channelId);
  }

  update(id: number, patch: CadencePatch): Cadence {
    const set: Partial<Row> = {};
    for (const key of ['enabled', 'weekday', 'ordinal', 'quarterMonth', 'time', 'durationMinutes', 'leads'] as const) {
      if (patch[key] !== undefined) (set as Record<string, unknown>)[key] = patch[key];
    }
    if (Object.keys(set).length > 0) this.db.update(cadences).set(set).where(eq(cadences.id, id)).run();
    const r = this.db.select().from(cadences).where(eq(cadences.id, id)).get();
    if (!r) throw new Error(`cadence ${id} does not exist`);
    return toCadence(r);
  }

  skips(cadenceId: number): string[] {
    return this.db
      .select({ date: cadenceSkips.date })
      .from(cadenceSkips)
      .where(eq(cadenceSkips.cadenceId, cadenceId))
      .orderBy(asc(cadenceSkips.date))
      .all()
      .map((r) => r.date);
  }

  addSkip(cadenceId: number, date: string): boolean {
    return this.db.insert(cadenceSkips).values({ cadenceId, date }).onConflictDoNothing().run().changes > 0;
  }

  removeSkip(cadenceId: number, date: string): boolean {
    return this.db.delete(cadenceSkips).where(and(eq(cadenceSkips.cadenceId, cadenceId), eq(cadenceSkips.date, date))).run().changes > 0;
  }
}
