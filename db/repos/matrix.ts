import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, max } from 'drizzle-orm';
import type { MatrixArea, MatrixAreaInput, Mention } from '../../src/domain/model.js';
import { areaKey } from '../../src/domain/normalize.js';
import type { MatrixRepo } from '../../src/kernel/ports/matrix.js';
import { fixedLimit, p, prepared } from '../prepared.js';
import { SqlRepo } from './repo.js';

export class SqlMatrixRepo extends SqlRepo implements MatrixRepo {
  readonly cacheKey: object = this;
  // Read by every lookup, to know whether the cached index is still good: prepared once.
  private readonly versionOf = prepared(this.ctx, (db, { channels }) =>
    db
      .select({ version: channels.matrixVersion })
      .from(channels)
      .where(eq(channels.id, p('channelId')))
      .limit(fixedLimit(1)),
  );

  async version(channelId: number): Promise<string> {
    const [r] = await this.versionOf({ channelId });
    return r?.version ?? '';
  }

  /**
   * A fresh token on the channel row, in the transaction of the write: another connection sees it
   * when the write commits. Random rather than counted, so that a version written in a transaction
   * that rolled back can never come back with other content. Written before the write itself, so
   * that outside a transaction even a write that fails halfway moves the version on.
   */
  private async changed(channelId: number): Promise<void> {
    const { channels } = this.t;
    await this.db.update(channels).set({ matrixVersion: randomUUID() }).where(eq(channels.id, channelId));
  }

  async list(channelId: number): Promise<MatrixArea[]> {
    const { matrixAreas, matrixAliases } = this.t;
    const areas = await this.db
      .select()
      .from(matrixAreas)
      .where(eq(matrixAreas.channelId, channelId))
      .orderBy(asc(matrixAreas.position), asc(matrixAreas.id));
    if (areas.length === 0) return [];
    const aliases = await this.db
      .select()
      .from(matrixAliases)
      .where(
        inArray(
          matrixAliases.areaId,
          areas.map((a) => a.id),
        ),
      )
      .orderBy(asc(matrixAliases.areaId), asc(matrixAliases.position));
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

  async put(channelId: number, area: MatrixAreaInput): Promise<MatrixArea> {
    const { matrixAreas, matrixAliases } = this.t;
    await this.changed(channelId);
    const key = areaKey(area.name);
    const [existing] = await this.db
      .select()
      .from(matrixAreas)
      .where(and(eq(matrixAreas.channelId, channelId), eq(matrixAreas.key, key)))
      .limit(fixedLimit(1));
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
      await this.db.update(matrixAreas).set(values).where(eq(matrixAreas.id, id));
      await this.db.delete(matrixAliases).where(eq(matrixAliases.areaId, id));
    } else {
      const [last] = await this.db
        .select({ p: max(matrixAreas.position) })
        .from(matrixAreas)
        .where(eq(matrixAreas.channelId, channelId));
      position = (last?.p ?? -1) + 1;
      const [created] = await this.db
        .insert(matrixAreas)
        .values({ ...values, channelId, key, position })
        .returning({ id: matrixAreas.id });
      id = created!.id;
    }
    await this.insertAliases(id, area.aliases);
    return { ...area, id, channelId, position };
  }

  async remove(channelId: number, name: string): Promise<MatrixArea | null> {
    const key = areaKey(name);
    const area = (await this.list(channelId)).find((a) => areaKey(a.name) === key) ?? null;
    if (!area) return null;
    await this.changed(channelId);
    await this.db.delete(this.t.matrixAreas).where(eq(this.t.matrixAreas.id, area.id));
    return area;
  }

  async replaceAll(channelId: number, areas: MatrixAreaInput[]): Promise<void> {
    const { matrixAreas } = this.t;
    await this.changed(channelId);
    await this.db.delete(matrixAreas).where(eq(matrixAreas.channelId, channelId));
    for (const [position, area] of areas.entries()) {
      const [created] = await this.db
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
        .returning({ id: matrixAreas.id });
      await this.insertAliases(created!.id, area.aliases);
    }
  }

  private async insertAliases(areaId: number, aliases: string[]): Promise<void> {
    if (aliases.length === 0) return;
    await this.db.insert(this.t.matrixAliases).values(aliases.map((alias, position) => ({ areaId, alias, position })));
  }
}
