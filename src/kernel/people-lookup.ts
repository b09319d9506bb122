import type { Person } from '../domain/model.js';
import type { Store } from './ports/store.js';

/** People by id, read once each: presenters then name them without going back to the store. */
export async function peopleById(store: Store, ids: Iterable<number | null>): Promise<Map<number, Person>> {
  const found = new Map<number, Person>();
  for (const id of new Set(ids)) {
    if (id === null || found.has(id)) continue;
    const person = await store.people.get(id);
    if (person) found.set(id, person);
  }
  return found;
}
