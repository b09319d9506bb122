import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/** One call the bot made to the Bot Framework connector. */
export interface ConnectorCall {
  method: string;
  /** The decoded conversation id of `/v3/conversations/{id}/activities[/{activityId}]`. */
  conversationId: string;
  /** The activity replied to (POST) or updated (PUT); null for a new message. */
  activityId: string | null;
  body: Record<string, unknown>;
}

export interface FakeAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** The tenant of the fixtures' team (test/fixtures/teams): its members' home tenant unless `members` says otherwise. */
export const HOST_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** A member as the connector describes one (TeamsChannelAccount). */
export interface FakeMember {
  tenantId?: string;
  userRole?: 'user' | 'guest';
  name?: string;
  aadObjectId?: string;
}

/**
 * A Bot Framework connector on 127.0.0.1: records what the bot sends and answers like the real
 * one (`{ id }` for each new activity), or as `answer` says for faults.
 */
export async function startFakeConnector() {
  const calls: ConnectorCall[] = [];
  /** Member lookups (GET …/members/{userId}), kept apart from what the bot sent. */
  const memberLookups: { conversationId: string; userId: string }[] = [];
  /** Members by their Teams user id (`29:…`); anyone else is a member of the host tenant. */
  const members = new Map<string, FakeMember | null>();
  let next = 1;
  let answer: ((call: ConnectorCall) => FakeAnswer | null) | null = null;
  const waiters: (() => void)[] = [];

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/?]+)/.exec(req.url ?? '');
      if (member && req.method === 'GET') {
        const userId = decodeURIComponent(member[2]!);
        memberLookups.push({ conversationId: decodeURIComponent(member[1]!), userId });
        const known = members.get(userId);
        if (known === null) {
          res
            .writeHead(404, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: { code: 'NotFound' } }));
          return;
        }
        const body = { id: userId, name: 'someone', tenantId: HOST_TENANT, userRole: 'user', ...known };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        return;
      }
      const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
      if (!m) {
        res.writeHead(404).end();
        return;
      }
      const call: ConnectorCall = {
        method: req.method ?? '',
        conversationId: decodeURIComponent(m[1]!),
        activityId: m[2] ? decodeURIComponent(m[2]) : null,
        body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
      };
      calls.push(call);
      for (const w of waiters.splice(0)) w();
      const custom = answer?.(call);
      if (custom) {
        res
          .writeHead(custom.status, { 'content-type': 'application/json', ...custom.headers })
          .end(JSON.stringify(custom.body ?? {}));
        return;
      }
      const id = call.method === 'PUT' ? call.activityId : `msg-${next++}`;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    /** The serviceUrl to put in activities. */
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    memberLookups,
    /** What GET …/members/{userId} answers for a user; null answers 404. */
    members,
    /** Answers calls with a fault instead of success while `fn` returns one. */
    answerWith(fn: ((call: ConnectorCall) => FakeAnswer | null) | null) {
      answer = fn;
    },
    /** Resolves once `count` calls have arrived (replies are sent after the HTTP request is answered). */
    async waitForCalls(count: number, timeoutMs = 5000): Promise<ConnectorCall[]> {
      const deadline = Date.now() + timeoutMs;
      while (calls.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} connector calls, got ${calls.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return calls;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export type FakeConnector = Awaited<ReturnType<typeof startFakeConnector>>;

/** The Adaptive Card a connector call carries, or null. */
export function cardOf(call: ConnectorCall): Record<string, unknown> | null {
  const attachments = call.body.attachments as { contentType: string; content: Record<string, unknown> }[] | undefined;
  const card = attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return card?.content ?? null;
}

/** All text of a card (TextBlocks, facts, button titles), markdown escapes removed: what a reader sees. */
export function cardText(card: Record<string, unknown> | null): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (typeof o.title === 'string') out.push(o.title);
    if (typeof o.value === 'string') out.push(o.value);
    for (const [k, v] of Object.entries(o)) if (k !== 'msteams' && typeof v === 'object') walk(v);
  };
  walk(card?.body);
  // Unescaped `**` and `_` are emphasis the renderer added (a user's own are escaped).
  return out
    .join('\n')
    .replace(/(?<!\\)(\*\*|_)/g, '')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1');
}
