import type { Cadence } from '../domain/cadence.js';
import type { Holiday } from '../domain/model.js';
import type { Store } from '../kernel/ports/store.js';

/** Reads of the channels and cadences repositories that change nothing: they leave what is known in place. */
const READS = new Set(['get', 'find', 'all', 'holidays', 'holidaysOf', 'list', 'listOf', 'skips', 'skipsOf']);

/**
 * The store a slice of due jobs runs on, inside the slice's transaction: a channel's holidays, its
 * cadences and their skips (what a morning post or a reminder reads several times, and plans its
 * next occurrence from) are read once for the channels of the next jobs (`upcoming`), in three
 * queries, and answered from memory after. Any other call to those two repositories (a write)
 * forgets all of it, so a job that changes them reads them afresh. Valid for one transaction only.
 */
export function sliceReads(tx: Store, upcoming: () => readonly number[]): Store {
  const holidays = new Map<number, Holiday[]>();
  const cadences = new Map<number, Cadence[]>();
  const skips = new Map<number, string[]>();
  const forget = () => {
    holidays.clear();
    cadences.clear();
    skips.clear();
  };
  const unknown = (known: Map<number, unknown>, id: number) => [
    ...new Set([id, ...upcoming().filter((c) => !known.has(c))]),
  ];
  const holidaysOf = async (channelId: number): Promise<Holiday[]> => {
    if (!holidays.has(channelId))
      for (const [id, list] of await tx.channels.holidaysOf(unknown(holidays, channelId))) holidays.set(id, list);
    return holidays.get(channelId)!.map((h) => ({ ...h }));
  };
  const cadencesOf = async (channelId: number): Promise<Cadence[]> => {
    if (!cadences.has(channelId))
      for (const [id, list] of await tx.cadences.listOf(unknown(cadences, channelId))) cadences.set(id, list);
    return cadences.get(channelId)!.map((c) => ({ ...c, leads: [...c.leads] }));
  };
  const skipsOf = async (cadenceId: number): Promise<string[]> => {
    if (!skips.has(cadenceId)) {
      // The skips of every cadence known so far and not yet read: those of the next jobs' channels.
      const ids = new Set([cadenceId]);
      for (const list of cadences.values()) for (const c of list) if (!skips.has(c.id)) ids.add(c.id);
      for (const [id, dates] of await tx.cadences.skipsOf([...ids])) skips.set(id, dates);
    }
    return [...skips.get(cadenceId)!];
  };
  const store: Store = {
    ...tx,
    transaction: (fn, options) => tx.transaction(() => fn(store), options),
    channels: remembering(tx.channels, { holidays: holidaysOf }, forget),
    cadences: remembering(tx.cadences, { list: cadencesOf, skips: skipsOf }, forget),
  };
  return store;
}

/** `repo` with some reads answered by `known`, and `forget` called before any call that is not a read. */
function remembering<R extends object>(
  repo: R,
  known: Record<string, (id: number) => Promise<unknown>>,
  forget: () => void,
): R {
  // A proxy of an empty object, not of the repository: its answers are bound by none of the repository's properties.
  return new Proxy({} as R, {
    get(_, prop) {
      const value = Reflect.get(repo, prop) as unknown;
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      const answer = known[prop];
      if (answer) return answer;
      const call = (value as (...args: unknown[]) => unknown).bind(repo);
      if (READS.has(prop)) return call;
      return (...args: unknown[]) => {
        forget();
        return call(...args);
      };
    },
  });
}
