import { and, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { CommandUseRepo } from '../../src/kernel/ports/command-uses.js';
import { fixedLimit } from '../prepared.js';
import { SqlRepo } from './repo.js';

export class SqlCommandUseRepo extends SqlRepo implements CommandUseRepo {
  async record(channelId: number, actorId: number, at: Date): Promise<void> {
    await this.db.insert(this.t.commandUses).values({ channelId, actorId, at: at.getTime() });
  }

  async recent(channelId: number, actorId: number | null, since: Date, limit: number): Promise<Date[]> {
    const { commandUses: u } = this.t;
    const who = actorId === null ? eq(u.channelId, channelId) : and(eq(u.channelId, channelId), eq(u.actorId, actorId));
    const rows = await this.db
      .select({ at: u.at })
      .from(u)
      .where(and(who, gte(u.at, since.getTime())))
      .orderBy(desc(u.at))
      .limit(fixedLimit(limit));
    return rows.map((r) => new Date(r.at));
  }

  async prune(before: Date, limit: number): Promise<number> {
    const { commandUses: u } = this.t;
    const old = await this.db.select({ id: u.id }).from(u).where(lt(u.at, before.getTime())).limit(fixedLimit(limit));
    if (old.length === 0) return 0;
    await this.db.delete(u).where(
      inArray(
        u.id,
        old.map((r) => r.id),
      ),
    );
    return old.length;
  }
}
