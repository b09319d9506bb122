import { and, asc, eq } from 'drizzle-orm';
import type { Side } from '../../src/domain/sides.js';
import type { ChannelOrg, ChannelPerson, SideRepo } from '../../src/kernel/ports/sides.js';
import { fixedLimit, p, prepared } from '../prepared.js';
import type { Tables } from '../sql-context.js';
import { SqlRepo } from './repo.js';

type PersonRow = Tables['channelPeople']['$inferSelect'] & { person: Tables['people']['$inferSelect'] };
type OrgRow = Tables['channelOrgs']['$inferSelect'];

const date = (ms: number | null) => (ms === null ? null : new Date(ms));

function toChannelPerson(r: PersonRow): ChannelPerson {
  return {
    person: r.person,
    assigned: r.side,
    assignedBy: r.sideSetBy,
    assignedAt: date(r.sideSetAt),
    firstSeenAt: new Date(r.firstSeenAt),
  };
}

function toOrg(r: OrgRow): ChannelOrg {
  return {
    orgId: r.orgId,
    side: r.side,
    mappedBy: r.mappedBy,
    mappedAt: date(r.mappedAt),
    firstSeenAt: new Date(r.firstSeenAt),
  };
}

export class SqlSideRepo extends SqlRepo implements SideRepo {
  // Run after every command in a channel: prepared once. Each asks before it inserts, so that a lookup by
  // someone known writes nothing and takes no write lock (an insert that meets a conflict would take it).
  private readonly personKnown = prepared(this.ctx, (db, { channelPeople }) =>
    db
      .select({ p: channelPeople.personId })
      .from(channelPeople)
      .where(and(eq(channelPeople.channelId, p('channelId')), eq(channelPeople.personId, p('personId'))))
      .limit(fixedLimit(1)),
  );

  private readonly personSeen = prepared(this.ctx, (db, { channelPeople }) =>
    db
      .insert(channelPeople)
      .values({ channelId: p('channelId'), personId: p('personId'), firstSeenAt: p('at') })
      .onConflictDoNothing()
      .returning({ p: channelPeople.personId }),
  );

  private readonly orgKnown = prepared(this.ctx, (db, { channelOrgs }) =>
    db
      .select({ o: channelOrgs.orgId })
      .from(channelOrgs)
      .where(and(eq(channelOrgs.channelId, p('channelId')), eq(channelOrgs.orgId, p('orgId'))))
      .limit(fixedLimit(1)),
  );

  private readonly orgFirstSeen = prepared(this.ctx, (db, { channelOrgs }) =>
    db
      .insert(channelOrgs)
      .values({ channelId: p('channelId'), orgId: p('orgId'), firstSeenAt: p('at') })
      .onConflictDoNothing()
      .returning({ o: channelOrgs.orgId }),
  );

  async seen(channelId: number, personId: number, at: Date): Promise<boolean> {
    if ((await this.personKnown({ channelId, personId })).length > 0) return false;
    return (await this.personSeen({ channelId, personId, at: at.getTime() })).length > 0;
  }

  async person(channelId: number, personId: number): Promise<ChannelPerson | null> {
    const [row] = await this.select(and(eq(this.t.channelPeople.channelId, channelId), this.of(personId)));
    return row ? toChannelPerson(row) : null;
  }

  async people(channelId: number): Promise<ChannelPerson[]> {
    return (await this.select(eq(this.t.channelPeople.channelId, channelId))).map(toChannelPerson);
  }

  async assign(channelId: number, personId: number, side: Side | null, by: string, at: Date): Promise<void> {
    const { channelPeople } = this.t;
    const set = { side, sideSetBy: side ? by : null, sideSetAt: side ? at.getTime() : null };
    await this.db
      .insert(channelPeople)
      .values({ channelId, personId, firstSeenAt: at.getTime(), ...set })
      .onConflictDoUpdate({ target: [channelPeople.channelId, channelPeople.personId], set });
  }

  async orgSeen(channelId: number, orgId: string, at: Date): Promise<boolean> {
    if ((await this.orgKnown({ channelId, orgId })).length > 0) return false;
    return (await this.orgFirstSeen({ channelId, orgId, at: at.getTime() })).length > 0;
  }

  async org(channelId: number, orgId: string): Promise<ChannelOrg | null> {
    const { channelOrgs } = this.t;
    const [row] = await this.db
      .select()
      .from(channelOrgs)
      .where(and(eq(channelOrgs.channelId, channelId), eq(channelOrgs.orgId, orgId)))
      .limit(fixedLimit(1));
    return row ? toOrg(row) : null;
  }

  async orgs(channelId: number): Promise<ChannelOrg[]> {
    const { channelOrgs } = this.t;
    const rows = await this.db
      .select()
      .from(channelOrgs)
      .where(eq(channelOrgs.channelId, channelId))
      .orderBy(asc(channelOrgs.firstSeenAt), asc(channelOrgs.orgId));
    return rows.map(toOrg);
  }

  async mapOrg(channelId: number, orgId: string, side: Side | null, by: string, at: Date): Promise<void> {
    const { channelOrgs } = this.t;
    await this.db
      .update(channelOrgs)
      .set({ side, mappedBy: side ? by : null, mappedAt: side ? at.getTime() : null })
      .where(and(eq(channelOrgs.channelId, channelId), eq(channelOrgs.orgId, orgId)));
  }

  private of(personId: number) {
    return eq(this.t.channelPeople.personId, personId);
  }

  private async select(where: ReturnType<typeof eq> | undefined): Promise<PersonRow[]> {
    const { channelPeople, people } = this.t;
    const rows = await this.db
      .select({ row: channelPeople, person: people })
      .from(channelPeople)
      .innerJoin(people, eq(people.id, channelPeople.personId))
      .where(where)
      .orderBy(asc(channelPeople.firstSeenAt), asc(people.id));
    return rows.map((r) => ({ ...r.row, person: r.person }));
  }
}
