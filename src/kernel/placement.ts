import type { Channel, Person } from '../domain/model.js';
import { type Placement, place, type Side, type SideOrUnknown } from '../domain/sides.js';
import type { Store } from './ports/store.js';

/** Which side `person` is on in the channel, and why (see src/domain/sides.ts). */
export async function placementOf(store: Store, channelId: number, person: Person): Promise<Placement> {
  const seen = await store.sides.person(channelId, person.id);
  const managerOf = await store.managers.sideOf(channelId, person.id);
  const orgId = person.orgId ?? null;
  const org = orgId ? await store.sides.org(channelId, orgId) : null;
  return place({ assigned: seen?.assigned ?? null, managerOf, orgId, orgSide: org?.side ?? null });
}

/** A side as people read it in this channel: `Acme (internal IT)`, `Northwind (MSP)`, or `side unknown`. */
export function sideName(side: SideOrUnknown | null, channel: Pick<Channel, 'orgName' | 'mspName'>): string {
  if (side === 'internal') return `${channel.orgName} (internal IT)`;
  if (side === 'msp') return `${channel.mspName} (MSP)`;
  return 'side unknown';
}

/** The organisation's short name for a side: `Acme`, `Northwind`. */
export function sideOrgName(side: Side, channel: Pick<Channel, 'orgName' | 'mspName'>): string {
  return side === 'internal' ? channel.orgName : channel.mspName;
}
