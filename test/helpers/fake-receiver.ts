import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a fake receiver got. */
export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * A fake PagerDuty, Opsgenie or webhook receiver on 127.0.0.1: records every request and answers
 * from a script (then 202 with `{status:"success"}`, as PagerDuty does).
 */
export class FakeReceiver {
  readonly received: Received[] = [];
  readonly #script: Answer[] = [];
  #server: Server | null = null;
  port = 0;

  /** The next requests get these answers, in order. */
  answer(...answers: Answer[]): this {
    this.#script.push(...answers);
    return this;
  }

  url(path = ''): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** The JSON bodies received at a path, in order. */
  bodies(path?: string): Record<string, unknown>[] {
    return this.received
      .filter((r) => path === undefined || r.path === path)
      .map((r) => r.json as Record<string, unknown>);
  }

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: unknown = null;
        try {
          json = JSON.parse(body);
        } catch {}
        this.received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, json });
        const a = this.#script.shift() ?? { status: 202, body: { status: 'success' } };
        res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
        res.end(JSON.stringify(a.body ?? {}));
      });
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server!.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const s = this.#server;
    if (!s) return;
    this.#server = null;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}
