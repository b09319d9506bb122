import { createRegistry } from './commands/index.js';
import { Bot } from './core/bot.js';
import type { Clock } from './core/clock.js';
import type { Logger } from './core/logger.js';
import type { Store } from './core/store.js';
import { JOB_KINDS } from './scheduler/kinds.js';

export interface CoreDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  afterCommit?: () => void;
  /** How long a command keeps trying while another process holds the database's write lock. */
  busyPatienceMs?: number;
}

/** The platform-neutral core: the command registry and the bot that dispatches to it. */
export function createCore(deps: CoreDeps) {
  const registry = createRegistry();
  const bot = new Bot({ ...deps, registry, jobKinds: JOB_KINDS });
  return { registry, bot };
}
