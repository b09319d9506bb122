import { App } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import { StartError } from '../../src/kernel/errors.js';
import type { Logger } from '../../src/kernel/logger.js';
import type { CommandRegistry } from '../../src/kernel/registry.js';
import type { HttpServer } from '../http/server.js';
import { boltLogger } from './bolt-logger.js';
import { SlackChat } from './chat.js';
import type { SlackConfig } from './face.js';
import { type CommandHandler, registerListeners } from './listeners.js';
import { httpReceiver, SLACK_EVENTS_PATH, socketReceiver } from './receiver.js';
import { UserDirectory } from './users.js';
import { verifyToken } from './verify.js';

export { SlackChat } from './chat.js';
export { SLACK_EVENTS_PATH } from './receiver.js';

/** Every Web API call gives up after this; the outbox retries deliveries, a person retries a command. */
const API_TIMEOUT_MS = 10_000;
/** How long Socket Mode may take to connect at startup before we give up with a clear message. */
const SOCKET_CONNECT_TIMEOUT_MS = 30_000;

export interface StartSlackOptions {
  config: SlackConfig;
  /** The command registry: its slash-command shortcuts. */
  registry: CommandRegistry;
  bot: CommandHandler;
  log: Logger;
  /**
   * The process's one HTTP server: HTTP mode mounts `POST /slack/events` on it; both modes report readiness to
   * /healthz.
   */
  http?: HttpServer;
  /** Socket Mode's startup connection timeout, for tests. */
  socketConnectTimeoutMs?: number;
}

export interface SlackFace {
  mode: 'http' | 'socket';
  /** Outgoing posts and in-place updates: the outbox's ChatAdapter for Slack conversations. */
  chat: SlackChat;
  stop(): Promise<void>;
}

/**
 * Starts the Slack face: checks the bot token with auth.test, then receives slash commands,
 * mentions and button clicks over HTTP (on the shared server) or Socket Mode (when
 * SLACK_APP_TOKEN is set). Rejects with a StartError whose message says what to fix.
 */
export async function startSlack(opts: StartSlackOptions): Promise<SlackFace> {
  const { config, bot, http } = opts;
  const log = opts.log.child({ face: 'slack' });
  const token = config.SLACK_BOT_TOKEN;
  if (!token) throw new StartError('The Slack face needs SLACK_BOT_TOKEN (the Bot User OAuth Token, xoxb-…).');
  const mode = config.SLACK_APP_TOKEN ? 'socket' : 'http';
  if (mode === 'http' && !config.SLACK_SIGNING_SECRET) {
    throw new StartError(
      'Slack HTTP mode needs SLACK_SIGNING_SECRET (Basic Information → Signing Secret), or set SLACK_APP_TOKEN for ' +
        'Socket Mode.',
    );
  }
  if (mode === 'http' && !http)
    throw new StartError('Slack HTTP mode needs the shared HTTP server to mount /slack/events on.');

  const apiUrl = (config.SLACK_API_URL ?? 'https://slack.com/api/').replace(/\/*$/, '/');
  const logger = boltLogger(log);
  // The outbox owns retries and honours Retry-After: the client neither retries nor queues behind a 429.
  const clientOptions = (): WebClientOptions => ({
    slackApiUrl: apiUrl,
    logger,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: API_TIMEOUT_MS,
  });
  const client = new WebClient(token, clientOptions());
  const identity = await verifyToken(client, apiUrl);
  log.info({ team: identity.team, botUserId: identity.userId, mode }, 'Slack token verified');

  const chat = new SlackChat(client, log);
  const receiver =
    mode === 'http'
      ? httpReceiver({ signingSecret: config.SLACK_SIGNING_SECRET!, logger, http: http! })
      : socketReceiver({ appToken: config.SLACK_APP_TOKEN!, logger, clientOptions: clientOptions() });
  // tokenVerificationEnabled: false — the awaited auth.test above replaces Bolt's un-awaited one.
  const app = new App({
    token,
    receiver: receiver.receiver,
    logger,
    clientOptions: clientOptions(),
    tokenVerificationEnabled: false,
    // No conversation store: nothing reads context.conversation, and its lookup per event (a rejected promise
    // with a fresh Error and stack trace when nothing is stored) was paid by every request.
    convoStore: false,
    ...(identity.botId ? { botId: identity.botId } : {}),
    ...(identity.userId ? { botUserId: identity.userId } : {}),
  });
  registerListeners(app, {
    bot,
    chat,
    users: new UserDirectory(client, log, Date.now, identity.teamId),
    log,
    botUserId: identity.userId,
    shortcuts: opts.registry.shortcuts,
    wantsPlatformRole: (line) => opts.registry.wantsPlatformRole(line),
    readsOnly: (line) => opts.registry.readsOnly(line),
  });

  if (mode === 'socket') await connectSocket(app, opts.socketConnectTimeoutMs ?? SOCKET_CONNECT_TIMEOUT_MS);
  http?.addReadiness('slack', receiver.ready);
  log.info({ mode, path: mode === 'http' ? SLACK_EVENTS_PATH : undefined }, 'Slack face ready');

  return {
    mode,
    chat,
    async stop() {
      receiver.stop();
      if (mode !== 'socket') return;
      // A socket that never answers the close must not hold up shutdown.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, 3000)));
      await Promise.race([
        app.stop().catch((err: unknown) => log.warn({ err }, 'Socket Mode did not close cleanly')),
        late,
      ]);
      clearTimeout(timer);
    },
  };
}

async function connectSocket(app: App, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new StartError(
            `Socket Mode did not connect to Slack within ${Math.round(timeoutMs / 1000)} s. Check the network and ` +
              `SLACK_APP_TOKEN.`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    await Promise.race([app.start(), timeout]);
  } catch (err) {
    await app.stop().catch(() => undefined);
    if (err instanceof StartError) throw err;
    const code = (err as { data?: { error?: string } }).data?.error;
    throw new StartError(
      code
        ? `Slack refused SLACK_APP_TOKEN for Socket Mode: ${code}. Use an app-level token (xapp-…) with the ` +
            `connections:write scope, and turn Socket Mode on for the app.`
        : `Socket Mode could not connect to Slack: ${(err as Error).message}`,
      { cause: err },
    );
  } finally {
    clearTimeout(timer);
  }
}
