import { and, asc, eq } from 'drizzle-orm';
import type { Person } from '../../src/domain/model.js';
import type { ManagerRepo, PeopleRepo } from '../../src/kernel/ports/people.js';
import type { Platform } from '../../src/kernel/types.js';
import { SqlRepo } from './repo.js';

export class SqlPeopleRepo extends SqlRepo implements PeopleRepo {
  async upsert(platform: Platform, externalId: string, name: string): Promise<Person> {
    const { people } = this.t;
    const [person] = await this.db
      .insert(people)
      .values({ platform, externalId, name })
      .onConflictDoUpdate({ target: [people.platform, people.externalId], set: { name } })
      .returning();
    return person!;
  }

  async get(id: number): Promise<Person | null> {
    const { people } = this.t;
    const [person] = await this.db.select().from(people).where(eq(people.id, id)).limit(1);
    return person ?? null;
  }
}

export class SqlManagerRepo extends SqlRepo implements ManagerRepo {
  async list(channelId: number): Promise<Person[]> {
    const { managers, people } = this.t;
    return this.db
      .select({ id: people.id, platform: people.platform, externalId: people.externalId, name: people.name })
      .from(managers)
      .innerJoin(people, eq(people.id, managers.personId))
      .where(eq(managers.channelId, channelId))
      .orderBy(asc(managers.addedAt), asc(people.id));
  }

  async isManager(channelId: number, personId: number): Promise<boolean> {
    const { managers } = this.t;
    const rows = await this.db
      .select({ p: managers.personId })
      .from(managers)
      .where(this.membership(channelId, personId))
      .limit(1);
    return rows.length > 0;
  }

  async add(channelId: number, personId: number, at: Date): Promise<boolean> {
    const { managers } = this.t;
    const added = await this.db
      .insert(managers)
      .values({ channelId, personId, addedAt: at.getTime() })
      .onConflictDoNothing()
      .returning({ p: managers.personId });
    return added.length > 0;
  }

  async remove(channelId: number, personId: number): Promise<boolean> {
    const { managers } = this.t;
    const removed = await this.db
      .delete(managers)
      .where(this.membership(channelId, personId))
      .returning({ p: managers.personId });
    return removed.length > 0;
  }

  private membership(channelId: number, personId: number) {
    const { managers } = this.t;
    return and(eq(managers.channelId, channelId), eq(managers.personId, personId));
  }
}
