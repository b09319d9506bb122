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
