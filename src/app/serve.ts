import { HttpServer } from '../../adapters/http/server.js';
import { startSlack } from '../../adapters/slack/index.js';
import { startTeams } from '../../adapters/teams/index.js';
import { createCore } from './create-core.js';
import type { Clock } from '../kernel/clock.js';
import type { Logger } from '../kernel/logger.js';
import type { ChatAdapter } from '../kernel/ports/chat.js';
import type { Store } from '../kernel/ports/store.js';
import type { Platform } from '../kernel/types.js';
import type { Config, Face } from './config.js';
import { startBackground, type Background } from '../scheduler/background.js';
import { StartError } from '../kernel/errors.js';

/** The wall clock: read here, in the composition root, and handed to everything else. */
export const systemClock: Clock = { now: () => new Date() };

export interface Running {
  port: number;
  /** Graceful shutdown: no new requests, scheduled work finished or released, server closed. */
  stop(): Promise<void>;
}

/**
 * Starts the Slack and/or Teams faces on one HTTP server, with the scheduler and the outbox
 * delivering through them.
 */
export async function serve(opts: { config: Config; faces: Face[]; store: Store; log: Logger; clock?: Clock }): Promise<Running> {
  const { config, faces, store, log } = opts;
  const clock = opts.clock ?? systemClock;
  let background: Background | undefined;
  // The bot exists before the background, which needs the faces, which need the bot.
  const { bot } = createCore({ store, clock, log, afterCommit: () => background?.wake() });
  const http = new HttpServer(log);
  const adapters = new Map<Platform, ChatAdapter>();
  const stops: (() => Promise<void>)[] = [];
  try {
    if (faces.includes('slack')) {
      const slack = await startSlack({ config, bot, log, http });
      adapters.set('slack', slack.chat);
      stops.push(() => slack.stop());
    }
    if (faces.includes('teams')) {
      const teams = await startTeams({ config, bot, store, log, http, clock });
      adapters.set('teams', teams.chat);
      stops.push(() => teams.stop());
    }
  } catch (err) {
    await Promise.allSettled(stops.map((s) => s()));
    throw err;
  }
  background = startBackground({ store, clock, log, adapters, tickSeconds: config.SCHEDULER_TICK_SECONDS });
  let port: number;
  try {
    port = await http.listen(config.PORT, config.HOST);
  } catch (err) {
    await background.stop();
    await Promise.allSettled(stops.map((s) => s()));
    throw new StartError(`Cannot listen on ${config.HOST}:${config.PORT}: ${(err as Error).message}. Set PORT to a free port.`, { cause: err });
  }
  log.info({ faces, port }, 'Tandem is ready');
  return {
    port,
    async stop() {
      for (const s of stops) await s();
      await background?.stop();
      await http.close();
    },
  };
}
