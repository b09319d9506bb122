import { type Logger as BoltLogger, type Receiver, SocketModeReceiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { HttpServer } from '../http/server.js';
import { SlackHttpReceiver } from './http-receiver.js';

export { fromTheFuture, MAX_REQUEST_AGE_S } from './http-receiver.js';

/** Where Slack sends slash commands, events and interactivity in HTTP mode (the manifest's request URLs). */
export const SLACK_EVENTS_PATH = '/slack/events';

export interface ReceiverHandle {
  receiver: Receiver;
  /** For /healthz. */
  ready: () => boolean;
  /** HTTP mode: later requests get 503. */
  stop: () => void;
}

/**
 * HTTP mode on the process's shared server, so Slack, Teams and /healthz share one port. The
 * receiver claims `/slack/events` before express sees it: the express router cost every slash command
 * time before its ack, and the signature is checked over the raw body, which nothing else may read first.
 */
export function httpReceiver(opts: { signingSecret: string; logger: BoltLogger; http: HttpServer }): ReceiverHandle {
  const receiver = new SlackHttpReceiver({ signingSecret: opts.signingSecret, logger: opts.logger });
  opts.http.handleRaw(SLACK_EVENTS_PATH, receiver.handle);
  return {
    receiver,
    ready: () => !receiver.stopped,
    stop: () => void receiver.stop(),
  };
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
