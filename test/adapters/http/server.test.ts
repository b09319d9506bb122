import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpServer } from '../../../adapters/http/server.js';
import { recordingLogger } from '../../helpers/teams-face.js';

let server: HttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Opens a raw connection; resolves when it is connected. */
function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}

/** Resolves with what the server sent before closing the connection, or `still open` after `ms`. */
function closedWithin(s: Socket, ms: number): Promise<string> {
  return new Promise((resolve) => {
    let got = '';
    s.on('data', (d: Buffer) => (got += d.toString()));
    s.on('error', () => undefined);
    const timer = setTimeout(() => resolve('still open'), ms);
    s.on('close', () => {
      clearTimeout(timer);
      resolve(got);
    });
  });
}

describe('the HTTP server: short errors, timeouts and a connection cap', () => {
  it('answers an unknown path and a failing route with a status and a short JSON body, never a stack', async () => {
    const log = recordingLogger();
    server = new HttpServer(log);
    server.app.get('/boom', () => {
      throw new Error('database exploded at /srv/tandem/db/client.ts:12');
    });
    const port = await server.listen(0, '127.0.0.1');
    const missing = await fetch(`http://127.0.0.1:${port}/wp-admin`);
    expect([missing.status, await missing.json()]).toEqual([404, { error: 'not found' }]);
    const boom = await fetch(`http://127.0.0.1:${port}/boom`);
    expect([boom.status, await boom.text()]).toEqual([500, '{"error":"internal error"}']);
    expect(log.lines.some((l) => l.level === 'error' && l.msg === 'HTTP request failed')).toBe(true);
  });

  it('closes a connection whose headers never finish, within the configured timeout', async () => {
    server = new HttpServer(recordingLogger(), { headersTimeoutMs: 500, requestTimeoutMs: 1_000 });
    const port = await server.listen(0, '127.0.0.1');
    const slow = await open(port);
    slow.write('POST /api/messages HTTP/1.1\r\nHost: x\r\n'); // …and nothing more
    const answer = await closedWithin(slow, 10_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('refuses connections past the cap; a freed place is taken again', async () => {
    server = new HttpServer(recordingLogger(), { maxConnections: 2 });
    const port = await server.listen(0, '127.0.0.1');
    const held = [await open(port), await open(port)];
    const third = await open(port);
    expect(await closedWithin(third, 5_000)).toBe('');
    held[0]!.destroy();
    await new Promise((r) => setTimeout(r, 50));
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    held[1]!.destroy();
  });
});

describe('a path a face claims before express', () => {
  it('gets its requests, with or without a query, while every other path still goes through express', async () => {
    server = new HttpServer(recordingLogger());
    server.handleRaw('/raw', (req, res) => void res.writeHead(200).end(`raw ${req.method} ${req.url}`));
    const port = await server.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${port}`;
    expect(await (await fetch(`${base}/raw?a=1`, { method: 'POST' })).text()).toBe('raw POST /raw?a=1');
    expect((await fetch(`${base}/raw/more`)).status).toBe(404);
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ ok: true });
  });

  it('answers what its handler throws or rejects with 500 and a short JSON body, logs it, serves on', async () => {
    const log = recordingLogger();
    server = new HttpServer(log);
    server.handleRaw('/throws', () => {
      throw new Error('secret detail at /srv/tandem/adapters/x.ts:1');
    });
    server.handleRaw('/rejects', async () => {
      await Promise.resolve();
      throw new Error('secret detail at /srv/tandem/adapters/y.ts:2');
    });
    const port = await server.listen(0, '127.0.0.1');
    for (const path of ['/throws', '/rejects?token=abc']) {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST' });
      expect([res.status, res.headers.get('content-type'), await res.text()]).toEqual([
        500,
        'application/json; charset=utf-8',
        '{"error":"internal error"}',
      ]);
    }
    const failures = log.lines.filter((l) => l.level === 'error' && l.msg === 'HTTP request failed');
    expect(failures.map((l) => (l.obj as { path: string }).path)).toEqual(['/throws', '/rejects']);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });
});
