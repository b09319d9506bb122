import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderText } from '../../adapters/console/render.js';
import { PermanentDeliveryError, RateLimited } from '../../src/kernel/errors.js';
import type { ChatAdapter, PostedMessage } from '../../src/kernel/ports/chat.js';
import type { Reply } from '../../src/kernel/reply.js';
import type { ConversationRef, Platform } from '../../src/kernel/types.js';
import { platformPacingMs } from './recording-chat.js';

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * A fake chat platform on 127.0.0.1: answers each request with the next scripted answer (then
 * 200 with a fresh message id) and records what it received.
 */
export class FakePlatformServer {
  readonly requests: { path: string; body: Record<string, unknown> }[] = [];
  readonly script: ScriptedAnswer[] = [];
  /** Answer given when the script is empty; 200 with a message id unless set. */
  fallback: ScriptedAnswer | null = null;
  #server: Server | null = null;
  #next = 1;

  async start(): Promise<string> {
    this.#server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        this.requests.push({ path: req.url ?? '', body: JSON.parse(raw || '{}') as Record<string, unknown> });
        const answer = this.script.shift() ??
          this.fallback ?? { status: 200, body: { ok: true, id: `P${this.#next++}` } };
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body ?? { ok: false }));
      });
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }
}

/**
 * A generic ChatAdapter over HTTP, as a face would map its platform's answers: 429 → RateLimited
 * with Retry-After, 5xx or a network error → retryable, other 4xx → PermanentDeliveryError.
 */
export class LoopbackChat implements ChatAdapter {
  /** Paced like the platform it stands in for. */
  readonly pacingMs: number;

  constructor(
    readonly platform: Platform,
    private readonly baseUrl: string,
  ) {
    this.pacingMs = platformPacingMs(platform);
  }

  async post(conversation: ConversationRef, reply: Reply): Promise<PostedMessage> {
    const body = await this.call('/post', { conversation: conversation.channelId, text: renderText(reply) });
    return { platformMessageId: String(body.id) };
  }

  async update(conversation: ConversationRef, platformMessageId: string, reply: Reply): Promise<void> {
    await this.call('/update', {
      conversation: conversation.channelId,
      id: platformMessageId,
      text: renderText(reply),
    });
  }

  private async call(path: string, payload: unknown): Promise<Record<string, unknown>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(5_000),
    });
    const body = (await res.json()) as Record<string, unknown>;
    if (res.status === 429) throw new RateLimited(Number(res.headers.get('retry-after') ?? '1') * 1000);
    if (res.status >= 500) throw new Error(`HTTP ${res.status} from the platform`);
    if (res.status >= 400) throw new PermanentDeliveryError(`HTTP ${res.status}: ${String(body.error ?? 'rejected')}`);
    return body;
  }
}
