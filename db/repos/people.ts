import { and, asc, eq } from 'drizzle-orm';
import type { Person } from '../../src/domain/model.js';
import type { Side } from '../../src/domain/sides.js';
import type { Manager, ManagerRepo, PeopleRepo } from '../../src/kernel/ports/people.js';
import type { Platform } from '../../src/kernel/types.js';
import { fixedLimit, p, prepared } from '../prepared.js';
import { SqlRepo } from './repo.js';

export class SqlPeopleRepo extends SqlRepo implements PeopleRepo {
  private readonly byExternalId = prepared(this.ctx, (db, { people }) =>
    db
      .select()
      .from(people)
      .where(and(eq(people.platform, p('platform')), eq(people.externalId, p('externalId'))))
      .limit(fixedLimit(1)),
  );

  async upsert(platform: Platform, externalId: string, name: string, orgId?: string): Promise<Person> {
    // Every command names its author: read first, and write only a new person or a changed name or
    // organisation, so that a command that changes nothing writes nothing here.
    const [known] = await this.byExternalId({ platform, externalId });
    if (known && known.name === name && (orgId === undefined || known.orgId === orgId)) return known;
    const { people } = this.t;
    const [person] = await this.db
      .insert(people)
      .values({ platform, externalId, name, orgId: orgId ?? null })
      .onConflictDoUpdate({
        target: [people.platform, people.externalId],
        set: orgId === undefined ? { name } : { name, orgId },
      })
      .returning();
    return person!;
  }

  async get(id: number): Promise<Person | null> {
    const { people } = this.t;
    const [person] = await this.db.select().from(people).where(eq(people.id, id)).limit(fixedLimit(1));
    return person ?? null;
  }
}

export class SqlManagerRepo extends SqlRepo implements ManagerRepo {
  async list(channelId: number): Promise<Manager[]> {
    const { managers, people } = this.t;
    return this.db
      .select({
        id: people.id,
        platform: people.platform,
        externalId: people.externalId,
        name: people.name,
        orgId: people.orgId,
        side: managers.side,
      })
      .from(managers)
      .innerJoin(people, eq(people.id, managers.personId))
      .where(eq(managers.channelId, channelId))
      .orderBy(asc(managers.addedAt), asc(people.id));
  }

  private readonly sideOfPerson = prepared(this.ctx, (db, { managers }) =>
    db
      .select({ side: managers.side })
      .from(managers)
      .where(and(eq(managers.channelId, p('channelId')), eq(managers.personId, p('personId'))))
      .limit(fixedLimit(1)),
  );

  async sideOf(channelId: number, personId: number): Promise<Side | null> {
    const [row] = await this.sideOfPerson({ channelId, personId });
    return row?.side ?? null;
  }

  async add(channelId: number, personId: number, side: Side, at: Date): Promise<boolean> {
    const { managers } = this.t;
    const added = await this.db
      .insert(managers)
      .values({ channelId, personId, side, addedAt: at.getTime() })
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
