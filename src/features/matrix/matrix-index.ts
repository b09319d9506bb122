import { OwnershipIndex } from '../../domain/ownership.js';
import type { Store } from '../../kernel/ports/store.js';

/**
 * The cache's bounds, least recently used evicted first. An index takes about 180 KB for the
 * default matrix and about 2 KB an area at 10,000 areas (measured): together these keep it under
 * about 50 MB however many channels there are and however large their matrices.
 */
const MAX_CACHED_CHANNELS = 64;
const MAX_CACHED_AREAS = 20_000;

interface Entry {
  version: string;
  areas: number;
  index: OwnershipIndex;
}

/** Per repository (its cache key, the same in every transaction's store), channel id → index; Map order is recency. */
const caches = new WeakMap<object, Map<number, Entry>>();

/**
 * The channel's matrix indexed for matching, rebuilt only when the matrix changed (its repository
 * version): building one takes about 1 s at 10,000 areas, a lookup in it microseconds.
 *
 * Only for commands that do not write the matrix: an index built after a matrix write in the same
 * transaction would outlive a rollback of that transaction.
 */
export async function ownershipIndexFor(store: Store, channelId: number): Promise<OwnershipIndex> {
  let cache = caches.get(store.matrix.cacheKey);
  if (!cache) {
    cache = new Map();
    caches.set(store.matrix.cacheKey, cache);
  }
  const version = await store.matrix.version(channelId);
  const hit = cache.get(channelId);
  cache.delete(channelId);
  if (hit && hit.version === version) {
    cache.set(channelId, hit);
    return hit.index;
  }
  const areas = await store.matrix.list(channelId);
  const entry: Entry = { version, areas: areas.length, index: new OwnershipIndex(areas) };
  cache.set(channelId, entry);
  let total = 0;
  for (const e of cache.values()) total += e.areas;
  for (const [id, e] of cache) {
    if ((total <= MAX_CACHED_AREAS && cache.size <= MAX_CACHED_CHANNELS) || id === channelId) break;
    cache.delete(id);
    total -= e.areas;
  }
  return entry.index;
}
