import type { Person } from '../../domain/model.js';
import type { Side } from '../../domain/sides.js';

/** A person seen in a channel, and the side a manager assigned them, if any. */
export interface ChannelPerson {
  person: Person;
  assigned: Side | null;
  /** Who assigned it (a name), and when. */
  assignedBy: string | null;
  assignedAt: Date | null;
  firstSeenAt: Date;
}

/** An organisation the platform reported in a channel, and the side a manager mapped it to, if any. */
export interface ChannelOrg {
  orgId: string;
  side: Side | null;
  mappedBy: string | null;
  mappedAt: Date | null;
  firstSeenAt: Date;
}

/** Who is on which side of a channel: people seen there with their assigned side, and organisations seen there. */
export interface SideRepo {
  /** Remembers that the person spoke in the channel; true the first time. */
  seen(channelId: number, personId: number, at: Date): Promise<boolean>;
  /** The channel's record of the person, or null when they were never seen there. */
  person(channelId: number, personId: number): Promise<ChannelPerson | null>;
  /** Everyone seen in the channel, in the order they were first seen. */
  people(channelId: number): Promise<ChannelPerson[]>;
  /** Sets (or clears, with null) the side a manager assigned; the person is seen in the channel from now on. */
  assign(channelId: number, personId: number, side: Side | null, by: string, at: Date): Promise<void>;
  /** Remembers an organisation the platform reported in the channel; true the first time. */
  orgSeen(channelId: number, orgId: string, at: Date): Promise<boolean>;
  org(channelId: number, orgId: string): Promise<ChannelOrg | null>;
  /** Every organisation seen in the channel, in the order first seen. */
  orgs(channelId: number): Promise<ChannelOrg[]>;
  /** Maps an organisation already seen to a side (or unmaps it, with null). */
  mapOrg(channelId: number, orgId: string, side: Side | null, by: string, at: Date): Promise<void>;
}
