import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../../src/kernel/logger.js';

/** Limits of the HTTP server (the base configuration's HTTP_* variables). */
export interface HttpLimits {
  /** The whole request, headers and body, must arrive within this. */
  requestTimeoutMs: number;
  /** The headers must arrive within this (slow-header attacks). */
  headersTimeoutMs: number;
  /** An idle kept-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Connections open at once; more are refused. */
  maxConnections: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 512,
};

/** What a refused or failed request is told: its status and a few words, never a stack or a path. */
const SHORT: Record<number, string> = {
  400: 'the request could not be read',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not found',
  405: 'method not allowed',
  408: 'request timeout',
  413: 'the request body is too large',
  415: 'unsupported content type',
  503: 'not ready',
};

/** The short JSON body of an error response with this status. */
export function errorBody(status: number): { error: string } {
  return {
    error: SHORT[status] ?? (status >= 500 ? 'internal error' : (STATUS_CODES[status] ?? 'error')).toLowerCase(),
  };
}

/**
 * The one HTTP server of the process: Slack mounts `/slack/events`, Teams `/api/messages`, and
 * `/healthz` answers 200 once every face that registered a readiness check is ready (liveness: it reads
 * no dependency); `/readyz` also asks each dependency (the database) and is 503 while one does not
 * answer, so that a load balancer sends nothing to an instance that cannot act. Errors are
 * answered with a status and a short JSON body; timeouts and a connection cap bound what one
 * client can hold.
 */
/** Whether `check` resolves within READY_CHECK_MS; its reason is not shown (it may name hosts). */
async function answers(check: () => Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), READY_CHECK_MS);
  });
  try {
    return await Promise.race([check().then(() => true), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

const READY_CHECK_MS = 3000;

/** A handler that answers one exact path itself, without express (see HttpServer.handleRaw). */
export type RawHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** The path of a request target, without its query: cheaper than parsing a URL on every request. */
function pathOf(url: string | undefined): string {
  if (!url) return '';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

export class HttpServer {
  readonly app: Express = express();
  #server: Server | null = null;
  readonly #ready = new Map<string, () => boolean>();
  readonly #dependencies = new Map<string, () => Promise<void>>();
  readonly #raw = new Map<string, RawHandler>();
  readonly #limits: HttpLimits;

  constructor(
    private readonly log: Logger,
    limits: Partial<HttpLimits> = {},
  ) {
    this.#limits = { ...DEFAULT_HTTP_LIMITS, ...limits };
    this.app.disable('x-powered-by');
    this.app.get('/healthz', (_req, res) => {
      const pending = [...this.#ready].filter(([, ok]) => !ok()).map(([name]) => name);
      if (pending.length) res.status(503).json({ ok: false, waiting_for: pending });
      else res.json({ ok: true });
    });
    this.app.get('/readyz', async (_req, res) => {
      const pending = [...this.#ready].filter(([, ok]) => !ok()).map(([name]) => name);
      const checks = [...this.#dependencies].map(async ([name, check]) => ((await answers(check)) ? null : name));
      const unreachable = (await Promise.all(checks)).filter((name) => name !== null);
      if (pending.length || unreachable.length) res.status(503).json({ ok: false, waiting_for: pending, unreachable });
      else res.json({ ok: true });
    });
  }

  /** A dependency /readyz asks on each request: ready while `check` resolves within a few seconds. */
  addDependency(name: string, check: () => Promise<void>): void {
    this.#dependencies.set(name, check);
  }

  /** A face reports readiness through this check; /healthz is 503 until every check passes. */
  addReadiness(name: string, check: () => boolean): void {
    this.#ready.set(name, check);
  }

  /**
   * Claims one exact path: its requests go to `handler` before express sees them. For a busy endpoint
   * whose answer time matters (Slack's slash commands must be acknowledged within 3 seconds, and the
   * express router costs on every request). The handler answers every request itself; what it throws
   * or rejects with is answered 500 and logged, like an error in a route.
   */
  handleRaw(path: string, handler: RawHandler): void {
    this.#raw.set(path, handler);
  }

  /** Starts listening, after every face mounted its routes; resolves with the bound port (useful with port 0). */
  listen(port: number, host: string): Promise<number> {
    // Last in the chain: what no route answered, and every error a route or a body parser raised.
    this.app.use((_req: Request, res: Response) => {
      res.status(404).json(errorBody(404));
    });
    this.app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => this.#fail(err, req, res));
    const l = this.#limits;
    const headersTimeout = Math.min(l.headersTimeoutMs, l.requestTimeoutMs);
    return new Promise((resolve, reject) => {
      const server = createServer(
        {
          requestTimeout: l.requestTimeoutMs,
          headersTimeout,
          keepAliveTimeout: Math.min(l.keepAliveTimeoutMs, headersTimeout),
          // How often the timeouts above are checked (Node's default, 30 s, would let them run late).
          connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(headersTimeout / 4))),
        },
        (req, res) => this.#dispatch(req, res),
      );
      server.maxConnections = l.maxConnections;
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        server.on('error', (err) => this.log.error({ err }, 'HTTP server error'));
        const address = server.address();
        const bound = typeof address === 'object' && address ? address.port : port;
        this.log.info({ port: bound, host, ...l }, 'HTTP server listening');
        resolve(bound);
      });
      server.on('drop', () => this.log.warn({ maxConnections: l.maxConnections }, 'connection refused: too many open'));
      this.#server = server;
    });
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = null;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  #dispatch(req: IncomingMessage, res: ServerResponse): void {
    const raw = this.#raw.size ? this.#raw.get(pathOf(req.url)) : undefined;
    if (!raw) {
      this.app(req, res);
      return;
    }
    const failed = (err: unknown) => this.#failRaw(err, req, res);
    try {
      const pending = raw(req, res);
      if (pending instanceof Promise) pending.catch(failed);
    } catch (err) {
      failed(err);
    }
  }

  #fail(err: unknown, req: Request, res: Response): void {
    const status = this.#logFailure(err, req.method, req.path);
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(status).json(errorBody(status));
  }

  /** A raw handler's error: the same answer as #fail gives, written without express. */
  #failRaw(err: unknown, req: IncomingMessage, res: ServerResponse): void {
    const status = this.#logFailure(err, req.method, pathOf(req.url));
    if (res.headersSent) {
      res.end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(errorBody(status)));
  }

  /** Logs a failed or refused request (never its body or query) and says which status answers it. */
  #logFailure(err: unknown, method: string | undefined, path: string): number {
    const e = err as { status?: unknown; statusCode?: unknown; type?: unknown; message?: unknown } | null;
    const given = Number(e?.status ?? e?.statusCode);
    const status = Number.isInteger(given) && given >= 400 && given < 600 ? given : 500;
    const what = { status, method, path, type: typeof e?.type === 'string' ? e.type : undefined };
    if (status >= 500) this.log.error({ ...what, err }, 'HTTP request failed');
    else this.log.warn(what, 'HTTP request refused');
    return status;
  }
}
