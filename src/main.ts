import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FACES } from '../adapters/faces.js';
import { type OpenDatabase, openDatabase } from '../db/open.js';
import { type LoadedConfig, loadConfig } from './app/config.js';
import { runConsoleFace } from './app/console.js';
import { directoryOf } from './app/integrations-config.js';
import { createLogger } from './app/logging.js';
import { type Running, serve } from './app/serve.js';
import { ConfigError, StartError } from './kernel/errors.js';

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: LoadedConfig;
  try {
    config = loadConfig(process.env, FACES);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const consoleMode = config.faces.length === 0;
  // In the console, logs would interleave with the chat: only warnings unless asked for more.
  const log = createLogger(config.base.LOG_LEVEL ?? (consoleMode ? 'warn' : 'info'));
  let db: OpenDatabase;
  try {
    db = await openDatabase({ url: config.base.DATABASE_URL, path: config.base.DATABASE_PATH, log });
  } catch (err) {
    if (config.base.DATABASE_URL === undefined) throw err;
    // The driver's reason (refused, unknown host, authentication failed) never carries the password.
    process.stderr.write(`Tandem cannot open its database: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const { store } = db;

  if (consoleMode) {
    const scriptPath = argValue('--script');
    await runConsoleFace({
      store,
      log,
      scriptPath,
      userName: argValue('--as') ?? (scriptPath ? 'you' : process.env.USER || 'you'),
      out: (text) => process.stdout.write(`${text}\n`),
      // The wall clock is read here, at the entry point: the console's simulated time starts now.
      start: new Date(),
      admins: config.base.TANDEM_ADMINS,
      integrations: directoryOf(config.integrations),
      publicUrl: config.base.TANDEM_PUBLIC_URL ?? `http://localhost:${config.base.PORT}`,
      chartDir: join(dirname(config.base.DATABASE_PATH), 'charts'),
    });
    await db.close();
    return 0;
  }
  let running: Running;
  try {
    running = await serve({
      config: config.base,
      faces: config.faces,
      store,
      log,
      integrations: config.integrations,
      pingDatabase: db.ping,
      ...(db.wakeups ? { wakeups: db.wakeups } : {}),
    });
  } catch (err) {
    await db.close();
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
  await db.close();
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
