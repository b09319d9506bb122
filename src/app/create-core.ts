import { CoreHookInbox, createJobKinds, createRegistry } from '../features/index.js';
import { Bot } from '../kernel/bot.js';
import type { Clock } from '../kernel/clock.js';
import type { Logger } from '../kernel/logger.js';
import type { IntegrationDirectory } from '../kernel/ports/integrations.js';
import type { Store } from '../kernel/ports/store.js';
import type { PostingLimits } from '../kernel/posting-limits.js';
import type { Platform } from '../kernel/types.js';
import { plannerFor } from '../scheduler/planning.js';

export interface CoreDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  afterCommit?: () => void;
  /** How long a command keeps trying while another process holds the database's write lock. */
  busyPatienceMs?: number;
  /** The operators' administrators (TANDEM_ADMINS), as `platform:userId`. */
  admins?: ReadonlySet<string>;
  /** Limits on the commands that post; the defaults when absent. */
  postingLimits?: PostingLimits;
  /** Each platform's pacing, from the faces (to say when a channel's backlog clears). */
  pacingMs?: (platform: Platform) => number;
  /** The integrations the operator configured, without secrets. */
  integrations?: IntegrationDirectory;
  /** Tandem's public address (TANDEM_PUBLIC_URL, no trailing slash): links to its pages; none when unset. */
  publicUrl?: string | undefined;
}

/** The platform-neutral core: every feature's commands and job kinds, and the bot that dispatches to them. */
export function createCore(deps: CoreDeps) {
  const registry = createRegistry();
  const jobKinds = createJobKinds();
  const bot = new Bot({ ...deps, registry, jobKinds, planner: plannerFor(jobKinds) });
  const hooks = new CoreHookInbox(deps);
  return { registry, jobKinds, bot, hooks };
}
