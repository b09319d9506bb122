import express from 'express';
import type { Bot } from '../../src/kernel/bot.js';
import type { Clock } from '../../src/kernel/clock.js';
import { ConfigError } from '../../src/kernel/errors.js';
import type { Logger } from '../../src/kernel/logger.js';
import type { Store } from '../../src/kernel/ports/store.js';
import { errorBody, type HttpServer } from '../http/server.js';
import type { TeamsChat } from './chat.js';
import type { TeamsConfig } from './face.js';

export type { TeamsChat } from './chat.js';

/** Where Azure Bot Service delivers activities (the bot's "messaging endpoint"). */
export const TEAMS_PATH = '/api/messages';

export interface TeamsDeps {
  config: TeamsConfig;
  bot: Bot;
  store: Store;
  log: Logger;
  /** The process's one HTTP server; Teams mounts its endpoint on it. */
  http: HttpServer;
  /** Stamps stored conversation references; the system clock by default. */
  clock?: Clock;
  /** The Bot Framework's token endpoints, e.g. its OpenID metadata URL: tests point them at loopback. */
  authEndpoints?: Record<string, string>;
}

export interface TeamsFace {
  /** Posts and updates for the outbox and the scheduler. */
  chat: TeamsChat;
  /** Refuses new activities (503) and waits for the turns in progress. */
  stop(): Promise<void>;
}

/**
 * Starts the Teams face: `POST /api/messages` on the shared HTTP server, handled by botbuilder's
 * CloudAdapter. With MICROSOFT_APP_ID set, requests without a valid Bot Framework token get 401;
 * without it the face runs only when TEAMS_ALLOW_UNAUTHENTICATED allows it, for local testing.
 */
export async function startTeams(deps: TeamsDeps): Promise<TeamsFace> {
  const { config, bot, store, http } = deps;
  const log = deps.log.child({ face: 'teams' });
  const clock = deps.clock ?? { now: () => new Date() };
  if (!config.MICROSOFT_APP_ID) {
    if (!config.TEAMS_ALLOW_UNAUTHENTICATED) {
      throw new ConfigError(
        'Teams needs MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD from its Azure Bot registration, or ' +
          'TEAMS_ALLOW_UNAUTHENTICATED=1 for local testing.',
      );
    }
    log.warn(
      { path: TEAMS_PATH },
      'Teams is running WITHOUT authentication because TEAMS_ALLOW_UNAUTHENTICATED is set: anyone who can reach ' +
        'this endpoint can act as any Teams user. Use it only for local testing.',
    );
  }

  // botbuilder, and what needs it, load only when the Teams face starts: a process without Teams
  // does not pay its ~40 MB of memory and ~0.4 s of startup.
  const [
    { CloudAdapter },
    { createAuthentication, createOutboundAuthentication },
    { createTurnHandler, describeError },
    { TeamsChat },
    { MemberDirectory },
    { allowedTenants, handleActivity },
  ] = await Promise.all([
    import('botbuilder'),
    import('./auth.js'),
    import('./turn.js'),
    import('./chat.js'),
    import('./members.js'),
    import('./endpoint.js'),
  ]);
  const inbound = new CloudAdapter(createAuthentication(config, deps.authEndpoints));
  inbound.onTurnError = async (ctx, err) => {
    log.error(
      { err: describeError(err), activity: ctx.activity?.type, conversation: ctx.activity?.conversation?.id },
      'Teams turn failed',
    );
    try {
      await ctx.sendActivity(
        'Something went wrong on my side. Please try again; if it keeps happening, tell whoever runs Tandem.',
      );
    } catch {
      // The connector is what failed; the log line above is all that can be done.
    }
  };
  // Proactive sends must fail loudly, so that the outbox sees the error and retries.
  const outbound = new CloudAdapter(createOutboundAuthentication(config, log));
  outbound.onTurnError = async (_ctx, err) => {
    throw err;
  };

  const handleTurn = createTurnHandler({ bot, store, clock, log, members: new MemberDirectory(log) });
  const tenants = allowedTenants(config.MICROSOFT_APP_TENANT_ID, config.TEAMS_ALLOWED_TENANTS);
  if (tenants.size === 0 && config.MICROSOFT_APP_ID) {
    log.info({}, 'Teams answers every tenant: set TEAMS_ALLOWED_TENANTS to the tenants that may use Tandem');
  }
  let accepting = true;
  const inFlight = new Set<Promise<void>>();
  http.app.post(TEAMS_PATH, express.json({ limit: '1mb' }), async (req, res) => {
    if (!accepting) {
      res.status(503).json({ error: 'Tandem is shutting down' });
      return;
    }
    const turn = handleActivity({ adapter: inbound, handleTurn, tenants, log }, req, res).catch((err: unknown) => {
      log.error({ err: describeError(err) }, 'Teams request failed');
      if (!res.headersSent) res.status(500).json(errorBody(500));
    });
    inFlight.add(turn);
    try {
      await turn;
    } finally {
      inFlight.delete(turn);
    }
  });
  http.addReadiness('teams', () => accepting);

  const chat = new TeamsChat(outbound, config.MICROSOFT_APP_ID ?? '', store.conversations);
  log.info({ path: TEAMS_PATH, authenticated: Boolean(config.MICROSOFT_APP_ID) }, 'Teams face ready');
  return {
    chat,
    async stop() {
      accepting = false;
      await Promise.allSettled([...inFlight]);
    },
  };
}
