import type { Person } from '../../domain/model.js';
import type { Platform } from '../types.js';

export interface PeopleRepo {
  /** The person with this platform id, created or renamed to `name`. */
  upsert(platform: Platform, externalId: string, name: string): Promise<Person>;
  get(id: number): Promise<Person | null>;
}

export interface ManagerRepo {
  list(channelId: number): Promise<Person[]>;
  isManager(channelId: number, personId: number): Promise<boolean>;
  /** False when already a manager. */
  add(channelId: number, personId: number, at: Date): Promise<boolean>;
  /** False when not a manager. */
  remove(channelId: number, personId: number): Promise<boolean>;
}
