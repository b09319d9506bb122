import type { Store } from '../../src/kernel/ports/store.js';

/** The repositories of a Store, by name. */
type RepoName = Exclude<keyof Store, 'transaction'>;

/** The methods to replace, or a function of the real repository (of the store or transaction at hand) giving them. */
type Stubs<K extends RepoName> = Partial<Store[K]> | ((real: Store[K]) => Partial<Store[K]>);

/**
 * Replaces some methods of one of the store's repositories, for a fault a test injects; the
 * repository's other methods keep working. The same stubs apply to the store each of its
 * transactions is handed (a command's reads and writes go there). The store gets a repository that
 * inherits from the real one, so that the real one, shared by every store, stays as it is.
 */
export function stubRepo<K extends RepoName>(store: Store, name: K, stubs: Stubs<K>): void {
  const stub = (target: Store) => {
    const real = target[name];
    const methods = typeof stubs === 'function' ? stubs(real) : stubs;
    const overrides = Object.fromEntries(
      Object.entries(methods).map(([method, value]) => [method, { value, writable: true }]),
    );
    target[name] = Object.create(real, overrides) as Store[K];
  };
  stub(store);
  // Each transaction of the store is handed a store of its own, made for it: stubbed once here.
  const transaction = store.transaction.bind(store);
  store.transaction = (fn, options) =>
    transaction((tx) => {
      stub(tx);
      return fn(tx);
    }, options);
}
