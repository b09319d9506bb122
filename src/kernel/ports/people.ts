import type { Person } from '../../domain/model.js';
import type { Side } from '../../domain/sides.js';
import type { Platform } from '../types.js';

export interface PeopleRepo {
  /**
   * The person with this platform id, created or renamed to `name`; an `orgId` the platform reported
   * replaces the one stored (none leaves it).
   */
  upsert(platform: Platform, externalId: string, name: string, orgId?: string): Promise<Person>;
  get(id: number): Promise<Person | null>;
}

/** A manager of a channel, and the side they manage. */
export type Manager = Person & { side: Side };

export interface ManagerRepo {
  /** Both sides' managers, in the order they were added. */
  list(channelId: number): Promise<Manager[]>;
  /** The side the person manages, or null when they are not a manager. */
  sideOf(channelId: number, personId: number): Promise<Side | null>;
  /** False when already a manager (of either side). */
  add(channelId: number, personId: number, side: Side, at: Date): Promise<boolean>;
  /** False when not a manager. */
  remove(channelId: number, personId: number): Promise<boolean>;
}
