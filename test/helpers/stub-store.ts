import type { Store } from '../../src/kernel/ports/store.js';

/** The repositories of a Store, by name. */
type RepoName = Exclude<keyof Store, 'transaction'>;

/**
 * Replaces some methods of one of the store's repositories, for a fault a test injects; the
 * repository's other methods keep working. The store's repositories cannot have their methods
 * assigned, so the store gets a repository that inherits from the real one.
 */
export function stubRepo<K extends RepoName>(store: Store, name: K, methods: Partial<Store[K]>): void {
  const overrides = Object.fromEntries(
    Object.entries(methods).map(([method, value]) => [method, { value, writable: true }]),
  );
  store[name] = Object.create(store[name], overrides) as Store[K];
}
