import { and, asc, eq } from 'drizzle-orm';
import type { Person } from '../../src/domain/model.js';
import type { ManagerRepo, PeopleRepo } from '../../src/kernel/ports/people.js';
import type { Platform } from '../../src/kernel/types.js';
import type { Db } from '../client.js';
import { managers, people } from '../schema.js';

export class SqlitePeopleRepo implements PeopleRepo {
  constructor(private readonly db: Db) {}

  upsert(platform: Platform, externalId: string, name: string): Person {
    return this.db
      .insert(people)
      .values({ platform, externalId, name })
      .onConflictDoUpdate({ target: [people.platform, people.externalId], set: { name } })
      .returning()
      .get();
  }

  get(id: number): Person | null {
    return this.db.select().from(people).where(eq(people.id, id)).get() ?? null;
  }
}

export class SqliteManagerRepo implements ManagerRepo {
  constructor(private readonly db: Db) {}

  list(channelId: number): Person[] {
    return this.db
      .select({ id: people.id, platform: people.platform, externalId: people.externalId, name: people.name })
      .from(managers)
      .innerJoin(people, eq(people.id, managers.personId))
      .where(eq(managers.channelId, channelId))
      .orderBy(asc(managers.addedAt), asc(people.id))
      .all();
  }

  isManager(channelId: number, personId: number): boolean {
    return !!this.db
      .select({ p: managers.personId })
      .from(managers)
      .where(and(eq(managers.channelId, channelId), eq(managers.personId, personId)))
      .get();
  }

  add(channelId: number, personId: number, at: Date): boolean {
    const r = this.db.insert(managers).values({ channelId, personId, addedAt: at.getTime() }).onConflictDoNothing().run();
    return r.changes > 0;
  }

  remove(channelId: number, personId: number): boolean {
    const r = this.db.delete(managers).where(and(eq(managers.channelId, channelId), eq(managers.personId, personId))).run();
    return r.changes > 0;
  }
}
