import type { RunningFace } from '../../adapters/face.js';
import { HttpServer } from '../../adapters/http/server.js';
import { integrationClients } from '../../adapters/integrations/clients.js';
import { mountHooks } from '../../adapters/integrations/hooks.js';
import type { Clock } from '../kernel/clock.js';
import { StartError } from '../kernel/errors.js';
import type { Logger } from '../kernel/logger.js';
import type { ChatAdapter } from '../kernel/ports/chat.js';
import type { Store } from '../kernel/ports/store.js';
import type { Wakeups } from '../kernel/ports/wakeups.js';
import type { Platform } from '../kernel/types.js';
import { type Background, startBackground } from '../scheduler/background.js';
import { DEFAULT_RETENTION, type RetentionPolicy } from '../scheduler/retention.js';
import type { Config, WantedFace } from './config.js';
import { createCore } from './create-core.js';
import { directoryOf, type IntegrationsConfig, NO_INTEGRATION_SPECS } from './integrations-config.js';
import { mountPage } from './page-routes.js';

/** The wall clock: read here, in the composition root, and handed to everything else. */
export const systemClock: Clock = { now: () => new Date() };

export interface Running {
  port: number;
  /** Graceful shutdown: no new requests, scheduled work finished or released, server closed. */
  stop(): Promise<void>;
}

export interface ServeOptions {
  config: Config;
  faces: readonly WantedFace[];
  store: Store;
  log: Logger;
  clock?: Clock;
  /** The integrations file, read and checked: clients for the outbox, secrets for the inbound hooks. */
  integrations?: IntegrationsConfig;
  /** Resolves when the database answers: /readyz asks it. */
  pingDatabase?: () => Promise<void>;
  /** Wake-ups between the instances on one database (PostgreSQL). */
  wakeups?: Wakeups;
}

/** Starts the wanted faces on one HTTP server, with the scheduler and the outbox delivering through them. */
export async function serve(opts: ServeOptions): Promise<Running> {
  const { config, store, log } = opts;
  const integrations = opts.integrations ?? NO_INTEGRATION_SPECS;
  const clock = opts.clock ?? systemClock;
  let background: Background | undefined;
  // The bot exists before the background, which needs the faces, which need the bot.
  const adapters = new Map<Platform, ChatAdapter>();
  const { bot, registry, jobKinds, hooks } = createCore({
    store,
    clock,
    log,
    afterCommit: () => {
      background?.wake();
      opts.wakeups?.notify();
    },
    admins: config.TANDEM_ADMINS,
    pacingMs: (platform) => adapters.get(platform)?.pacingMs ?? 0,
    integrations: directoryOf(integrations),
    publicUrl: config.TANDEM_PUBLIC_URL,
  });
  const http = new HttpServer(log, {
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
    headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_SECONDS * 1000,
    keepAliveTimeoutMs: config.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
    maxConnections: config.HTTP_MAX_CONNECTIONS,
  });
  if (opts.pingDatabase) http.addDependency('database', opts.pingDatabase);
  mountHooks(http, { specs: integrations.specs, inbox: hooks, clock, log: log.child({ component: 'hooks' }) });
  mountPage(http.app, store, clock, log);
  const running: RunningFace[] = [];
  const stopFaces = () => Promise.allSettled(running.map((f) => f.stop()));
  try {
    for (const { face, config: section } of opts.faces) {
      const started = await face.start(section, { bot, registry, store, clock, log, http });
      running.push(started);
      adapters.set(face.platform, started.chat);
    }
  } catch (err) {
    await stopFaces();
    throw err;
  }
  let port: number;
  try {
    port = await http.listen(config.PORT, config.HOST);
  } catch (err) {
    await stopFaces();
    const why = `Cannot listen on ${config.HOST}:${config.PORT}: ${(err as Error).message}. Set PORT to a free port.`;
    throw new StartError(why, { cause: err });
  }
  // Ready first: the scheduler and the outbox start once the server listens (before it handles a request), so
  // that neither reading every channel to plan it nor the first tick's set-up holds up /healthz.
  background = startBackground({
    store,
    clock,
    log,
    adapters,
    kinds: jobKinds,
    publicUrl: config.TANDEM_PUBLIC_URL,
    tickSeconds: config.SCHEDULER_TICK_SECONDS,
    scheduler: { retention: retentionOf(config) },
    sender: { integrations: integrationClients(integrations.specs, clock) },
  });
  // Another instance queued posts: deliver them now rather than at the next tick.
  let stopListening = async () => {};
  try {
    if (opts.wakeups) stopListening = await opts.wakeups.listen(() => background?.wake());
  } catch (err) {
    log.warn({ err }, 'cannot listen for other instances: their posts go out at the next tick');
  }
  log.info({ faces: opts.faces.map((f) => f.face.platform), port }, 'Tandem is ready');
  return {
    port,
    async stop() {
      for (const f of running) await f.stop();
      await bot.close(); // the delivery ids of the last lookups, before the database closes
      await stopListening();
      await background?.stop();
      await http.close();
    },
  };
}

const DAY_MS = 24 * 60 * 60_000;

/** The retention policy the configuration asks for. */
export function retentionOf(config: Config): RetentionPolicy {
  return {
    ...DEFAULT_RETENTION,
    sentMs: config.RETENTION_SENT_DAYS * DAY_MS,
    deliveryIdsMs: config.RETENTION_DELIVERY_IDS_HOURS * 60 * 60_000,
    historyMs: config.RETENTION_DAYS === undefined ? null : config.RETENTION_DAYS * DAY_MS,
  };
}
