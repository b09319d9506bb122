import type { SqlContext } from '../sql-context.js';

/** Base of the repositories: queries go to `this.db`, read anew for each one (it may be a transaction). */
export abstract class SqlRepo {
  constructor(protected readonly ctx: SqlContext) {}

  protected get db(): SqlContext['db'] {
    return this.ctx.db;
  }

  protected get t(): SqlContext['t'] {
    return this.ctx.t;
  }
}

/** Rows grouped by an id, in their order, with an empty list for every id asked for that has none. */
export function groupBy<R, T>(
  ids: readonly number[],
  rows: readonly R[],
  idOf: (row: R) => number | null,
  map: (row: R) => T,
): Map<number, T[]> {
  const out = new Map<number, T[]>(ids.map((id) => [id, []]));
  for (const r of rows) {
    const id = idOf(r);
    if (id !== null) out.get(id)?.push(map(r));
  }
  return out;
}
