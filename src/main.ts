import { existsSync } from 'node:fs';
import { CONSOLE_CONVERSATION, ConsoleChat, runConsole } from '../adapters/console/index.js';
import { openDb } from '../db/client.js';
import { createStore } from '../db/store.js';
import { createCore } from './app/create-core.js';
import { ManualClock } from './kernel/clock.js';
import { facesOf, loadConfig } from './app/config.js';
import { createLogger } from './app/logging.js';
import { formatLocal } from './domain/zoned-time.js';
import { createSimulatedBackground } from './scheduler/background.js';
import { serve } from './app/serve.js';
import { ConfigError, StartError } from './kernel/errors.js';

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const faces = facesOf(config);
  const consoleMode = faces.includes('console');
  // In the console, logs would interleave with the chat: only warnings unless asked for more.
  const log = createLogger(config.LOG_LEVEL ?? (consoleMode ? 'warn' : 'info'));
  const db = openDb(config.DATABASE_PATH);
  const store = createStore(db);

  if (consoleMode) {
    // The console runs on simulated time, starting now; :at and :advance move it.
    const clock = new ManualClock(new Date());
    const { bot } = createCore({ store, clock, log });
    const out = (text: string) => process.stdout.write(`${text}\n`);
    // Scheduled posts print with the simulated time at which they are delivered.
    const chat = new ConsoleChat(out, () => formatLocal(clock.now(), store.channels.find(CONSOLE_CONVERSATION)?.timezone ?? 'UTC'));
    const background = createSimulatedBackground({ store, clock, log, adapters: new Map([['console', chat]]) });
    const scriptPath = argValue('--script');
    await runConsole({
      bot,
      store,
      clock,
      out,
      scriptPath,
      userName: argValue('--as') ?? (scriptPath ? 'you' : process.env.USER || 'you'),
      advanceTo: (to) => background.runUntil(to),
      jumpTo: (to) => background.jumpTo(to),
      afterCommand: () => background.flush(),
    });
    db.$client.close();
    return 0;
  }
  let running;
  try {
    running = await serve({ config, faces, store, log });
  } catch (err) {
    db.$client.close();
    if (err instanceof StartError || err instanceof ConfigError) {
      process.stderr.write(`Tandem cannot start: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      log.info({ signal }, 'shutting down');
      resolve();
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  });
  await running.stop();
  db.$client.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`Tandem stopped: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
