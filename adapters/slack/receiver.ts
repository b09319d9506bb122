import { type Logger as BoltLogger, ExpressReceiver, type Receiver, SocketModeReceiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import { Router } from 'express';
import type { HttpServer } from '../http/server.js';

/** Where Slack sends slash commands, events and interactivity in HTTP mode (the manifest's request URLs). */
export const SLACK_EVENTS_PATH = '/slack/events';

export interface ReceiverHandle {
  receiver: Receiver;
  /** For /healthz. */
  ready: () => boolean;
  /** HTTP mode: later requests get 503 (an express route cannot be unmounted). */
  stop: () => void;
}

/**
 * HTTP mode on the process's shared express app, so Slack, Teams and /healthz share one port.
 * Bolt's ExpressReceiver verifies the signature over the raw body itself: nothing may parse the
 * body of /slack/events before it (an app-wide `express.json()` would break verification).
 */
export function httpReceiver(opts: { signingSecret: string; logger: BoltLogger; http: HttpServer }): ReceiverHandle {
  let stopped = false;
  const router = Router();
  router.use(SLACK_EVENTS_PATH, (req, res, next) => {
    if (stopped) res.status(503).end();
    else if (fromTheFuture(req.headers['x-slack-request-timestamp'], Date.now())) res.status(401).end();
    else next();
  });
  const receiver = new ExpressReceiver({
    signingSecret: opts.signingSecret,
    logger: opts.logger,
    endpoints: SLACK_EVENTS_PATH,
    app: opts.http.app,
    router,
    // Ack is sent as soon as a listener calls ack(); the command runs after.
    processBeforeResponse: false,
  });
  return {
    receiver,
    ready: () => !stopped,
    stop: () => {
      stopped = true;
    },
  };
}

/** How far a request's timestamp may be from now, either way: Slack's own replay window. */
export const MAX_REQUEST_AGE_S = 5 * 60;

/**
 * A request stamped more than five minutes ahead. Bolt refuses stale timestamps but not future
 * ones, and a request signed with a future timestamp could be replayed for as long as it lies ahead.
 * A missing or unreadable timestamp is left to Bolt's signature check, which refuses it.
 */
export function fromTheFuture(header: string | string[] | undefined, nowMs: number): boolean {
  const ts = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(ts) && ts - nowMs / 1000 > MAX_REQUEST_AGE_S;
}

/** Socket Mode: Slack pushes over a WebSocket the app opens, so no public URL is needed. */
export function socketReceiver(opts: {
  appToken: string;
  logger: BoltLogger;
  clientOptions: WebClientOptions;
}): ReceiverHandle {
  let connected = false;
  let stopped = false;
  const receiver = new SocketModeReceiver({
    appToken: opts.appToken,
    logger: opts.logger,
    installerOptions: { clientOptions: opts.clientOptions },
  });
  receiver.client.on('connected', () => {
    connected = true;
  });
  receiver.client.on('disconnected', () => {
    connected = false;
  });
  receiver.client.on('reconnecting', () => {
    connected = false;
  });
  return {
    receiver,
    ready: () => connected && !stopped,
    stop: () => {
      stopped = true;
    },
  };
}
