import type { Person } from '../../domain/model.js';
import type { Platform } from '../types.js';

export interface PeopleRepo {
  /** The person with this platform id, created or renamed to `name`. */
  upsert(platform: Platform, externalId: string, name: string): Person;
  get(id: number): Person | null;
}

export interface ManagerRepo {
  list(channelId: number): Person[];
  isManager(channelId: number, personId: number): boolean;
  /** False when already a manager. */
  add(channelId: number, personId: number, at: Date): boolean;
  /** False when not a manager. */
  remove(channelId: number, personId: number): boolean;
}
