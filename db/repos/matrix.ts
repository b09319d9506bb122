import { and, asc, eq, inArray, max } from 'drizzle-orm';
import type { MatrixArea, MatrixAreaInput } from '../../src/domain/model.js';
import type { MatrixRepo } from '../../src/kernel/ports/matrix.js';
import { areaKey } from '../../src/domain/normalize.js';
import type { Db } from '../client.js';
import { matrixAliases, matrixAreas } from '../schema.js';
import type { Mention } from '../../src/domain/model.js';

/**
 * Matrix writes per connection and channel. Shared by every repository over one connection, so that
 * a write through one is seen by the version of another.
 */
const writesByConnection = new WeakMap<object, Map<number, number>>();

export class SqliteMatrixRepo implements MatrixRepo {
  private readonly writes: Map<number, number>;

  constructor(private readonly db: Db) {
    let writes = writesByConnection.get(db.$client);
    if (!writes) writesByConnection.set(db.$client, (writes = new Map()));
    this.writes = writes;
  }

  version(channelId: number): string {
    // data_version changes when another connection (another process) commits; our own writes are counted here.
    const others = this.db.$client.pragma('data_version', { simple: true }) as number;
    return `${this.writes.get(channelId) ?? 0}:${others}`;
  }

  /** Counted before the write, so that even a write that fails or is rolled back moves the version on. */
  private changed(channelId: number): void {
    this.writes.set(channelId, (this.writes.get(channelId) ?? 0) + 1);
  }

  list(channelId: number): MatrixArea[] {
    const areas = this.db
      .select()
      .from(matrixAreas)
      .where(eq(matrixAreas.channelId, channelId))
      .orderBy(asc(matrixAreas.position), asc(matrixAreas.id))
      .all();
    if (areas.length === 0) return [];
    const aliases = this.db
      .select()
      .from(matrixAliases)
      .where(inArray(matrixAliases.areaId, areas.map((a) => a.id)))
      .orderBy(asc(matrixAliases.areaId), asc(matrixAliases.position))
      .all();
    const byArea = new Map<number, string[]>();
    for (const a of aliases) {
      const list = byArea.get(a.areaId) ?? [];
      list.push(a.alias);
      byArea.set(a.areaId, list);
    }
    return areas.map((r) => ({
      id: r.id,
      channelId: r.channelId,
      name: r.name,
      businessOwner: r.businessOwner,
      afterHoursOwner: r.afterHoursOwner,
      contact: (r.contact as Mention | null) ?? null,
      note: r.note,
      position: r.position,
      aliases: byArea.get(r.id) ?? [],
    }));
  }

  put(channelId: number, area: MatrixAreaInput): MatrixArea {
    this.changed(channelId);
    const key = areaKey(area.name);
    const existing = this.db
      .select()
      .from(matrixAreas)
      .where(and(eq(matrixAreas.channelId, channelId), eq(matrixAreas.key, key)))
      .get();
    const values = {
      name: area.name,
      businessOwner: area.businessOwner,
      afterHoursOwner: area.afterHoursOwner,
      contact: area.contact,
      note: area.note,
    };
    let id: number;
    let position: number;
    if (existing) {
      id = existing.id;
      position = existing.position;
      this.db.update(matrixAreas).set(values).where(eq(matrixAreas.id, id)).run();
      this.db.delete(matrixAliases).where(eq(matrixAliases.areaId, id)).run();
    } else {
      const last = this.db
        .select({ p: max(matrixAreas.position) })
        .from(matrixAreas)
        .where(eq(matrixAreas.channelId, channelId))
        .get();
      position = (last?.p ?? -1) + 1;
      id = this.db.insert(matrixAreas).values({ ...values, channelId, key, position }).returning({ id: matrixAreas.id }).get().id;
    }
    this.insertAliases(id, area.aliases);
    return { ...area, id, channelId, position };
  }

  remove(channelId: number, name: string): MatrixArea | null {
    this.changed(channelId);
    const key = areaKey(name);
    const area = this.list(channelId).find((a) => areaKey(a.name) === key) ?? null;
    if (area) this.db.delete(matrixAreas).where(eq(matrixAreas.id, area.id)).run();
    return area;
  }

  replaceAll(channelId: number, areas: MatrixAreaInput[]): void {
    this.changed(channelId);
    this.db.delete(matrixAreas).where(eq(matrixAreas.channelId, channelId)).run();
    areas.forEach((area, position) => {
      const { id } = this.db
        .insert(matrixAreas)
        .values({
          channelId,
          key: areaKey(area.name),
          position,
          name: area.name,
          businessOwner: area.businessOwner,
          afterHoursOwner: area.afterHoursOwner,
          contact: area.contact,
          note: area.note,
        })
        .returning({ id: matrixAreas.id })
        .get();
      this.insertAliases(id, area.aliases);
    });
  }

  private insertAliases(areaId: number, aliases: string[]): void {
    if (aliases.length === 0) return;
    this.db
      .insert(matrixAliases)
      .values(aliases.map((alias, position) => ({ areaId, alias, position })))
      .run();
  }
}
