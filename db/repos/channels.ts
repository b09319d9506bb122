import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { type Ladders, laddersOf } from '../../src/domain/ladder.js';
import type { Channel, Holiday, IsoWeekday, Mention, Priority } from '../../src/domain/model.js';
import type { ChannelPatch, ChannelRepo, NewChannel } from '../../src/kernel/ports/channels.js';
import type { ConversationRef } from '../../src/kernel/types.js';
import { fixedLimit, p, prepared, preparedIn, preparedPerLimit } from '../prepared.js';
import type { Tables } from '../sql-context.js';
import { groupBy, SqlRepo } from './repo.js';

type Row = Tables['channels']['$inferSelect'];

function toChannel(r: Row): Channel {
  return {
    id: r.id,
    platform: r.platform,
    externalId: r.externalId,
    orgName: r.orgName,
    mspName: r.mspName,
    timezone: r.timezone,
    workDays: r.workDays.split(',').filter(Boolean).map(Number) as IsoWeekday[],
    dayStart: r.dayStart,
    dayEnd: r.dayEnd,
    internalHandle: (r.internalHandle as Mention | null) ?? null,
    mspHandle: (r.mspHandle as Mention | null) ?? null,
    morningOffsetMinutes: r.morningOffsetMinutes,
    ackTimeouts: r.ackTimeouts as Record<Priority, number | null>,
    ladders: laddersOf(r.ladders as Partial<Ladders> | null),
    createdAt: new Date(r.createdAt),
  };
}

function toRow(c: ChannelPatch): Partial<Row> {
  const row: Partial<Row> = {};
  if (c.orgName !== undefined) row.orgName = c.orgName;
  if (c.mspName !== undefined) row.mspName = c.mspName;
  if (c.timezone !== undefined) row.timezone = c.timezone;
  if (c.workDays !== undefined) row.workDays = c.workDays.join(',');
  if (c.dayStart !== undefined) row.dayStart = c.dayStart;
  if (c.dayEnd !== undefined) row.dayEnd = c.dayEnd;
  if (c.internalHandle !== undefined) row.internalHandle = c.internalHandle;
  if (c.mspHandle !== undefined) row.mspHandle = c.mspHandle;
  if (c.morningOffsetMinutes !== undefined) row.morningOffsetMinutes = c.morningOffsetMinutes;
  if (c.ackTimeouts !== undefined) row.ackTimeouts = c.ackTimeouts;
  if (c.ladders !== undefined) row.ladders = c.ladders;
  return row;
}

export class SqlChannelRepo extends SqlRepo implements ChannelRepo {
  // Every command looks its channel up, and `who owns` its holidays: prepared once.
  private readonly byRef = prepared(this.ctx, (db, { channels }) =>
    db
      .select()
      .from(channels)
      .where(and(eq(channels.platform, p('platform')), eq(channels.externalId, p('externalId'))))
      .limit(fixedLimit(1)),
  );

  private readonly holidaysOfChannel = prepared(this.ctx, (db, { holidays }) =>
    db
      .select({ date: holidays.date, name: holidays.name })
      .from(holidays)
      .where(eq(holidays.channelId, p('channelId')))
      .orderBy(asc(holidays.date)),
  );

  async find(ref: ConversationRef): Promise<Channel | null> {
    const [r] = await this.byRef({ platform: ref.platform, externalId: ref.channelId });
    return r ? toChannel(r) : null;
  }

  private readonly byId = prepared(this.ctx, (db, { channels }) =>
    db
      .select()
      .from(channels)
      .where(eq(channels.id, p('id')))
      .limit(fixedLimit(1)),
  );

  async get(id: number): Promise<Channel> {
    const [r] = await this.byId({ id });
    if (!r) throw new Error(`channel ${id} does not exist`);
    return toChannel(r);
  }

  async all(): Promise<Channel[]> {
    const { channels } = this.t;
    const rows = await this.db.select().from(channels).where(isNull(channels.retiredAt)).orderBy(asc(channels.id));
    return rows.map(toChannel);
  }

  private readonly paging = preparedPerLimit(this.ctx, (db, { channels }, limit) =>
    db
      .select()
      .from(channels)
      .where(and(isNull(channels.retiredAt), gt(channels.id, p('afterId'))))
      .orderBy(asc(channels.id))
      .limit(limit),
  );

  async page(afterId: number, limit: number): Promise<Channel[]> {
    return (await this.paging(limit, { afterId })).map(toChannel);
  }

  async create(input: NewChannel): Promise<Channel> {
    const [r] = await this.db
      .insert(this.t.channels)
      .values({
        ...(toRow(input) as Required<Pick<Row, 'orgName' | 'mspName' | 'timezone' | 'ackTimeouts'>>),
        platform: input.platform,
        externalId: input.externalId,
        createdAt: input.createdAt.getTime(),
      })
      .returning();
    return toChannel(r!);
  }

  async update(id: number, patch: ChannelPatch): Promise<Channel> {
    const { channels } = this.t;
    const row = toRow(patch);
    if (Object.keys(row).length > 0) await this.db.update(channels).set(row).where(eq(channels.id, id));
    return this.get(id);
  }

  async retire(id: number, at: Date): Promise<void> {
    const { channels } = this.t;
    const channel = await this.get(id);
    await this.db
      .update(channels)
      .set({ retiredAt: at.getTime(), externalId: `${channel.externalId}#retired-${id}` })
      .where(eq(channels.id, id));
  }

  async holidays(channelId: number): Promise<Holiday[]> {
    return this.holidaysOfChannel({ channelId });
  }

  private readonly holidaysIn = preparedIn(this.ctx, (db, { holidays }, ids) =>
    db
      .select({ channelId: holidays.channelId, date: holidays.date, name: holidays.name })
      .from(holidays)
      .where(inArray(holidays.channelId, ids))
      .orderBy(asc(holidays.date)),
  );

  async holidaysOf(channelIds: readonly number[]): Promise<Map<number, Holiday[]>> {
    const rows = await this.holidaysIn(channelIds);
    return groupBy(
      channelIds,
      rows,
      (r) => r.channelId,
      ({ date, name }) => ({ date, name }),
    );
  }

  async putHoliday(channelId: number, holiday: Holiday): Promise<void> {
    const { holidays } = this.t;
    await this.db
      .insert(holidays)
      .values({ channelId, ...holiday })
      .onConflictDoUpdate({ target: [holidays.channelId, holidays.date], set: { name: holiday.name } });
  }

  async removeHoliday(channelId: number, date: string): Promise<boolean> {
    const { holidays } = this.t;
    const removed = await this.db
      .delete(holidays)
      .where(and(eq(holidays.channelId, channelId), eq(holidays.date, date)))
      .returning({ date: holidays.date });
    return removed.length > 0;
  }
}
