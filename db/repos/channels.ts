import { and, asc, eq } from 'drizzle-orm';
import type { Channel, Holiday, IsoWeekday, Priority } from '../../src/domain/model.js';
import type { ChannelPatch, ChannelRepo, NewChannel } from '../../src/kernel/ports/channels.js';
import type { ConversationRef } from '../../src/kernel/types.js';
import type { Db } from '../client.js';
import { channels, holidays } from '../schema.js';
import type { Mention } from '../../src/domain/model.js';

type Row = typeof channels.$inferSelect;

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
  return row;
}

export class SqliteChannelRepo implements ChannelRepo {
  constructor(private readonly db: Db) {}

  find(ref: ConversationRef): Channel | null {
    const r = this.db
      .select()
      .from(channels)
      .where(and(eq(channels.platform, ref.platform), eq(channels.externalId, ref.channelId)))
      .get();
    return r ? toChannel(r) : null;
  }

  get(id: number): Channel {
    const r = this.db.select().from(channels).where(eq(channels.id, id)).get();
    if (!r) throw new Error(`channel ${id} does not exist`);
    return toChannel(r);
  }

  all(): Channel[] {
    return this.db.select().from(channels).orderBy(asc(channels.id)).all().map(toChannel);
  }

  create(input: NewChannel): Channel {
    const r = this.db
      .insert(channels)
      .values({
        ...(toRow(input) as Required<Pick<Row, 'orgName' | 'mspName' | 'timezone' | 'ackTimeouts'>>),
        platform: input.platform,
        externalId: input.externalId,
        createdAt: input.createdAt.getTime(),
      })
      .returning()
      .get();
    return toChannel(r);
  }

  update(id: number, patch: ChannelPatch): Channel {
    const row = toRow(patch);
    if (Object.keys(row).length > 0) this.db.update(channels).set(row).where(eq(channels.id, id)).run();
    return this.get(id);
  }

  holidays(channelId: number): Holiday[] {
    return this.db
      .select({ date: holidays.date, name: holidays.name })
      .from(holidays)
      .where(eq(holidays.channelId, channelId))
      .orderBy(asc(holidays.date))
      .all();
  }

  putHoliday(channelId: number, holiday: Holiday): void {
    this.db
      .insert(holidays)
      .values({ channelId, ...holiday })
      .onConflictDoUpdate({ target: [holidays.channelId, holidays.date], set: { name: holiday.name } })
      .run();
  }

  removeHoliday(channelId: number, date: string): boolean {
    const r = this.db.delete(holidays).where(and(eq(holidays.channelId, channelId), eq(holidays.date, date))).run();
    return r.changes > 0;
  }
}
