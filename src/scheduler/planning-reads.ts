import type { Channel } from '../domain/model.js';
import type { Store } from '../kernel/ports/store.js';

/**
 * The store a batch of channels is planned through: what the planned kinds read per channel (holidays,
 * cadences with their skips, unresolved escalations) is read for the whole batch in four queries
 * beforehand and answered from memory; everything else, and any other channel, goes to `tx`.
 * Valid while nothing but jobs is written: planning's own transaction.
 */
export async function prefetchedForPlanning(tx: Store, batch: readonly Channel[]): Promise<Store> {
  const ids = batch.map((c) => c.id);
  // One after another: a transaction is one connection, and PostgreSQL's driver wants one query at a time on it.
  const holidays = await tx.channels.holidaysOf(ids);
  const cadences = await tx.cadences.listOf(ids);
  const unresolved = await tx.escalations.unresolvedOf(ids);
  const skips = await tx.cadences.skipsOf([...cadences.values()].flat().map((c) => c.id));
  return {
    ...tx,
    channels: answering(tx.channels, { holidays: (id: number) => holidays.get(id) }),
    cadences: answering(tx.cadences, { list: (id: number) => cadences.get(id), skips: (id: number) => skips.get(id) }),
    escalations: answering(tx.escalations, { unresolved: (id: number) => unresolved.get(id) }),
  };
}

/** `repo` with some one-id reads answered from memory when known; copies, so callers may change what they get. */
function answering<R extends object>(repo: R, known: Record<string, (id: number) => unknown[] | undefined>): R {
  // A proxy of an empty object, not of the repository: its answers are bound by none of the repository's properties.
  // Each method is wrapped once: planning reads them for every channel and kind.
  const wrapped = new Map<string | symbol, unknown>();
  return new Proxy({} as R, {
    get(_, prop) {
      if (wrapped.has(prop)) return wrapped.get(prop);
      const value = Reflect.get(repo, prop) as unknown;
      if (typeof value !== 'function') return value;
      const call = (value as (...args: unknown[]) => unknown).bind(repo);
      const fromMemory = typeof prop === 'string' ? known[prop] : undefined;
      const method = fromMemory
        ? (id: number, ...rest: unknown[]) => {
            const hit = fromMemory(id);
            return hit ? Promise.resolve([...hit]) : call(id, ...rest);
          }
        : call;
      wrapped.set(prop, method);
      return method;
    },
  });
}
