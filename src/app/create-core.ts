import { createRegistry } from '../features/index.js';
import { Bot } from '../kernel/bot.js';
import type { Clock } from '../kernel/clock.js';
import type { Logger } from '../kernel/logger.js';
import type { Store } from '../kernel/ports/store.js';
import { JOB_KINDS } from '../features/job-kinds.js';

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
