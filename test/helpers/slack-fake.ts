import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Web API call as the fake received it; `blocks` (a JSON string on the wire) is parsed. */
export interface FakeCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  /** What the fake answered (e.g. the `ts` of a posted message). */
  answer?: FakeAnswer;
}

/** One answer to a slash command or click: in the body of its ack, or a POST to its response_url. */
export interface FakeResponse {
  id: string;
  body: Record<string, unknown>;
  via: 'ack' | 'response_url';
}

export interface FakeAnswer {
  status?: number;
  headers?: Record<string, string>;
  body: { ok?: boolean; ts?: string; [key: string]: unknown };
}

type Handler = (args: Record<string, unknown>, call: FakeCall) => FakeAnswer | undefined;

/**
 * A Slack Web API on 127.0.0.1 (`POST /api/<method>`, what `slackApiUrl` points at) that records
 * every call, plus response_urls (`POST /respond/<id>`). Answers like Slack by default; `on(method)`
 * overrides one method, returning undefined falls back to the default.
 */
export class FakeSlack {
  readonly calls: FakeCall[] = [];
  readonly responses: FakeResponse[] = [];
  readonly users = new Map<string, string>();
  /** Users that users.info reports as workspace admins. */
  readonly admins = new Set<string>();
  /** Users' home workspaces, as users.info reports them (T1, the app's own, by default). */
  readonly teams = new Map<string, string>();
  readonly #handlers = new Map<string, Handler>();
  #seq = 0;
  #server: Server | null = null;
  #port = 0;

  static async start(): Promise<FakeSlack> {
    const fake = new FakeSlack();
    await fake.#listen();
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** The raw node server, e.g. to attach a WebSocket server for Socket Mode. */
  get server(): Server {
    return this.#server!;
  }

  responseUrl(id: string): string {
    return `${this.url}/respond/${id}`;
  }

  on(method: string, handler: Handler): this {
    this.#handlers.set(method, handler);
    return this;
  }

  callsTo(method: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** What the asker of `id` saw, in order: the answer in the ack's body first (if any), then the response_url's. */
  responsesTo(id: string): Record<string, unknown>[] {
    return this.responses.filter((r) => r.id === id).map((r) => r.body);
  }

  /**
   * Reads a slash command's HTTP answer, as Slack does: a message in its body is shown to the asker
   * first, so it is recorded ahead of any answer to `id` that reached the response_url while the body
   * was being read. An empty body is a bare ack. Returns the body.
   */
  async readAck(id: string, res: Response): Promise<string> {
    const text = await res.text();
    if (res.status !== 200 || !text) return text;
    const later = this.responses.findIndex((r) => r.id === id);
    const answer: FakeResponse = { id, body: JSON.parse(text), via: 'ack' };
    if (later === -1) this.responses.push(answer);
    else this.responses.splice(later, 0, answer);
    return text;
  }

  /** Polls until `check` returns a value that is not undefined (or false), or fails after `timeoutMs`. */
  async waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs = 3000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = check();
      if (v !== undefined && v !== false) return v;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
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

  #listen(): Promise<void> {
    this.#server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const answer = this.#answer(req, raw);
        res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body));
      });
    });
    return new Promise((resolve) => {
      this.#server!.listen(0, '127.0.0.1', () => {
        this.#port = (this.#server!.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  #answer(req: IncomingMessage, raw: string): FakeAnswer {
    const url = req.url ?? '';
    const args = parseArgs(raw, req.headers['content-type']);
    const respond = /^\/respond\/([^/?]+)/.exec(url);
    if (respond) {
      this.responses.push({ id: respond[1]!, body: args, via: 'response_url' });
      return { body: { ok: true } };
    }
    const api = /^\/api\/([\w.]+)/.exec(url);
    if (!api) return { status: 404, body: { ok: false, error: 'unknown_path' } };
    const auth = req.headers.authorization;
    const call: FakeCall = { method: api[1]!, args, token: auth?.replace(/^Bearer /, '') };
    this.calls.push(call);
    call.answer = this.#handlers.get(call.method)?.(args, call) ?? this.#default(call);
    return call.answer;
  }

  #default(call: FakeCall): FakeAnswer {
    const { method, args } = call;
    switch (method) {
      case 'auth.test':
        return {
          body: {
            ok: true,
            url: 'https://acme.slack.com/',
            team: 'Acme',
            user: 'tandem',
            team_id: 'T1',
            user_id: 'UBOT',
            bot_id: 'BBOT',
          },
        };
      case 'chat.postMessage': {
        const ts = `1700000000.${String(++this.#seq).padStart(6, '0')}`;
        return { body: { ok: true, channel: args.channel, ts, message: { ts, text: args.text } } };
      }
      case 'chat.update':
        return { body: { ok: true, channel: args.channel, ts: String(args.ts), text: args.text } };
      case 'chat.delete':
        return { body: { ok: true, channel: args.channel, ts: String(args.ts) } };
      case 'users.info': {
        const id = String(args.user);
        const name = this.users.get(id);
        const team_id = this.teams.get(id) ?? 'T1';
        return name
          ? {
              body: {
                ok: true,
                user: { id, name, team_id, is_admin: this.admins.has(id), profile: { display_name: name } },
              },
            }
          : { body: { ok: false, error: 'user_not_found' } };
      }
      default:
        return { body: { ok: false, error: 'unknown_method' } };
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.startsWith('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
  for (const key of ['blocks', 'attachments']) {
    if (typeof args[key] === 'string') args[key] = JSON.parse(args[key] as string);
  }
  return args;
}
