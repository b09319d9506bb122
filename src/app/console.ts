import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CONSOLE_CONVERSATION, ConsoleChat, runConsole } from '../../adapters/console/index.js';
import { consoleIntegrationClients } from '../../adapters/console/integrations.js';
import { formatLocal } from '../domain/zoned-time.js';
import { chartPng } from '../features/page/index.js';
import { ManualClock } from '../kernel/clock.js';
import type { Logger } from '../kernel/logger.js';
import { type IntegrationDirectory, NO_INTEGRATIONS } from '../kernel/ports/integrations.js';
import type { Store } from '../kernel/ports/store.js';
import type { ImageBlock } from '../kernel/reply.js';
import { createSimulatedBackground } from '../scheduler/background.js';
import { createCore } from './create-core.js';

/** Writes a post's chart as PNG under `dir`, named after the chart, and gives its path. */
async function writeChart(dir: string, block: ImageBlock): Promise<string> {
  const name = /\/([a-z0-9-]+)\.png\?/.exec(block.url)?.[1] ?? 'chart';
  await mkdir(dir, { recursive: true });
  const path = resolve(dir, `${name}.png`);
  await writeFile(path, await chartPng(block.chart));
  return path;
}

export interface ConsoleRun {
  store: Store;
  log: Logger;
  /** A file of lines to run; interactive on stdin when absent. */
  scriptPath?: string | undefined;
  userName: string;
  /** Where the chat goes: stdout. */
  out: (text: string) => void;
  /** The simulated clock starts here: the time the console was started. */
  start: Date;
  /** The operators' administrators (TANDEM_ADMINS), e.g. `console:alice`. */
  admins?: ReadonlySet<string>;
  /** The integrations configured: the console prints what it would send them. */
  integrations?: IntegrationDirectory;
  /** The address page links are made with (TANDEM_PUBLIC_URL, else this machine's PORT). */
  publicUrl: string;
  /** Where the charts of posts are written as PNG files (the console has no address to serve them from). */
  chartDir: string;
}

/** The console face: the same core on simulated time, which moves only by `:at` and `:advance`. */
export async function runConsoleFace(opts: ConsoleRun): Promise<void> {
  const { store, log, out } = opts;
  const clock = new ManualClock(opts.start);
  const integrations = opts.integrations ?? NO_INTEGRATIONS;
  const { bot, jobKinds } = createCore({
    store,
    clock,
    log,
    integrations,
    publicUrl: opts.publicUrl,
    ...(opts.admins ? { admins: opts.admins } : {}),
  });
  // Scheduled posts print with the simulated time at which they are delivered.
  const stamp = async () =>
    formatLocal(clock.now(), (await store.channels.find(CONSOLE_CONVERSATION))?.timezone ?? 'UTC');
  const chat = new ConsoleChat(out, stamp, (block) => writeChart(opts.chartDir, block));
  const background = await createSimulatedBackground({
    store,
    clock,
    log,
    kinds: jobKinds,
    adapters: new Map([['console', chat]]),
    sender: { integrations: consoleIntegrationClients(integrations, out, stamp) },
    publicUrl: opts.publicUrl,
  });
  await runConsole({
    bot,
    store,
    clock,
    out,
    scriptPath: opts.scriptPath,
    userName: opts.userName,
    advanceTo: (to) => background.runUntil(to),
    jumpTo: (to) => background.jumpTo(to),
    afterCommand: () => background.flush(),
  });
}
