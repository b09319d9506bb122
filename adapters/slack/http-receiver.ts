import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type App,
  type Logger as BoltLogger,
  HTTPModuleFunctions as boltHttp,
  HTTPResponseAck,
  type Receiver,
} from '@slack/bolt';
import { errorBody } from '../http/server.js';

/**
 * The largest request body accepted. Slack's payloads (a slash command, an event, a click carrying its
 * message) stay far below this; a larger body is not from Slack and is refused before it is read.
 */
export const SLACK_BODY_LIMIT = 1024 * 1024;

/** How far a request's timestamp may be from now, either way: Slack's own replay window. */
export const MAX_REQUEST_AGE_S = 5 * 60;

/** What Slack sends: slash commands and clicks as a form, events as JSON. */
const SLACK_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'application/json']);

/**
 * A request stamped more than five minutes ahead. Bolt refuses stale timestamps but not future
 * ones, and a request signed with a future timestamp could be replayed for as long as it lies ahead.
 * A missing or unreadable timestamp is left to Bolt's signature check, which refuses it.
 */
export function fromTheFuture(header: string | string[] | undefined, nowMs: number): boolean {
  const ts = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(ts) && ts - nowMs / 1000 > MAX_REQUEST_AGE_S;
}

const mediaType = (header: string | undefined) => (header ?? '').split(';', 1)[0]!.trim().toLowerCase();

/** A refusal: the status and the server's short JSON body, never what was sent. */
function refuse(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
    .end(JSON.stringify(errorBody(status)));
}

/**
 * Slack's HTTP mode as a handler of the shared server's `/slack/events`, with no express in the way:
 * what Bolt's own HTTPReceiver does per request (signature check over the raw body, ssl_check and
 * url_verification, ack on the listener's ack()) with Tandem's refusals in front. The shared server
 * listens, not this receiver: Tandem does not call Bolt's app.start() in HTTP mode.
 */
export class SlackHttpReceiver implements Receiver {
  #app: App | undefined;
  #stopped = false;
  readonly #signingSecret: string;
  readonly #logger: BoltLogger;
  readonly #bodyLimit: number;

  constructor(opts: { signingSecret: string; logger: BoltLogger; bodyLimit?: number }) {
    this.#signingSecret = opts.signingSecret;
    this.#logger = opts.logger;
    this.#bodyLimit = opts.bodyLimit ?? SLACK_BODY_LIMIT;
  }

  init(app: App): void {
    this.#app = app;
  }

  /** Nothing to open: the shared server is already listening, or will be, for every face. */
  start(): Promise<void> {
    return Promise.resolve();
  }

  /** Later requests get 503: a load balancer or Slack's retry goes elsewhere, and no command starts. */
  stop(): Promise<void> {
    this.#stopped = true;
    return Promise.resolve();
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** The request handler for the shared server's raw path. */
  readonly handle = (req: IncomingMessage, res: ServerResponse): Promise<void> | void => {
    if (this.#stopped) return refuse(res, 503);
    if (req.method !== 'POST') return refuse(res, 405, { allow: 'POST' });
    if (fromTheFuture(req.headers['x-slack-request-timestamp'], Date.now())) return refuse(res, 401);
    if (!SLACK_CONTENT_TYPES.has(mediaType(req.headers['content-type']))) return refuse(res, 415);
    // A declared length over the limit is refused unread; the connection closes rather than draining it.
    if (Number(req.headers['content-length']) > this.#bodyLimit) return refuse(res, 413, { connection: 'close' });
    return this.#receive(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.end();
      boltHttp.defaultDispatchErrorHandler({
        error: error as Error,
        logger: this.#logger,
        request: req,
        response: res,
      });
    });
  };

  async #receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const logger = this.#logger;
    const app = this.#app;
    if (!app) throw new Error('the Slack receiver got a request before Bolt initialised it');
    let buffered: Awaited<ReturnType<typeof boltHttp.parseAndVerifyHTTPRequest>>;
    try {
      // Reads the body (up to the limit) and checks its signature and age; an ssl_check needs no signature.
      buffered = await boltHttp.parseAndVerifyHTTPRequest(
        { enabled: true, signingSecret: this.#signingSecret, bodyLimit: this.#bodyLimit },
        req,
      );
    } catch (err) {
      if (boltHttp.isRawBodyError(err) && (err.type === 'entity.too.large' || err.statusCode === 413)) {
        logger.warn(`Request body exceeded the maximum allowed size (limit: ${this.#bodyLimit} bytes)`);
        return refuse(res, 413, { connection: 'close' });
      }
      // Bolt's messages name the failed check (signature mismatch, stale timestamp), never the secret or body.
      logger.warn(`Failed to parse and verify the request data: ${(err as Error).message}`);
      return refuse(res, 401);
    }
    // biome-ignore lint/suspicious/noExplicitAny: Slack's payloads are Bolt's to type, per listener.
    let body: any;
    try {
      body = boltHttp.parseHTTPRequestBody(buffered);
    } catch (err) {
      // Not the parser's message: it quotes the body.
      logger.warn(`Malformed request body (${(err as Error).name})`);
      return refuse(res, 400);
    }
    if (body?.ssl_check === '1') return boltHttp.buildSSLCheckResponse(res);
    if (body?.type === 'url_verification') return boltHttp.buildUrlVerificationResponse(res, body);

    const ack = new HTTPResponseAck({
      logger,
      // The listener's ack() answers Slack at once; the command runs after, within Slack's 3 seconds or not.
      processBeforeResponse: false,
      unhandledRequestHandler: boltHttp.defaultUnhandledRequestHandler,
      unhandledRequestTimeoutMillis: 3001,
      httpRequest: buffered,
      httpRequestBody: body,
      httpResponse: res,
    });
    try {
      await app.processEvent({
        body,
        ack: ack.bind(),
        retryNum: boltHttp.extractRetryNumFromHTTPRequest(req),
        retryReason: boltHttp.extractRetryReasonFromHTTPRequest(req),
        customProperties: {},
      });
    } catch (error) {
      const acknowledged = await boltHttp.defaultProcessEventErrorHandler({
        error: error as Error,
        logger,
        request: req,
        response: res,
        storedResponse: ack.storedResponse,
      });
      // Only when the handler answered: otherwise a listener's own ack() may still be on its way.
      if (acknowledged) ack.ack();
    }
  }
}
