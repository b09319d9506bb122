import type { Server } from 'node:http';
import express, { type Express } from 'express';
import type { Logger } from '../../src/kernel/logger.js';

/**
 * The one HTTP server of the process: Slack mounts `/slack/events`, Teams `/api/messages`, and
 * `/healthz` answers 200 once every face that registered a readiness check is ready.
 */
export class HttpServer {
  readonly app: Express = express();
  #server: Server | null = null;
  readonly #ready = new Map<string, () => boolean>();

  constructor(private readonly log: Logger) {
    this.app.disable('x-powered-by');
    this.app.get('/healthz', (_req, res) => {
      const pending = [...this.#ready].filter(([, ok]) => !ok()).map(([name]) => name);
      if (pending.length) res.status(503).json({ ok: false, waiting_for: pending });
      else res.json({ ok: true });
    });
  }

  /** A face reports readiness through this check; /healthz is 503 until every check passes. */
  addReadiness(name: string, check: () => boolean): void {
    this.#ready.set(name, check);
  }

  /** Starts listening; resolves with the bound port (useful with port 0). */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const server = this.app.listen(port, host, (err?: Error) => {
        if (err) return reject(err);
        const address = server.address();
        const bound = typeof address === 'object' && address ? address.port : port;
        this.log.info({ port: bound, host }, 'HTTP server listening');
        resolve(bound);
      });
      server.on('error', reject);
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
}
