import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { FACES } from '../../adapters/faces.js';
import { type LoadedConfig, loadConfig } from '../../src/app/config.js';
import { createLogger } from '../../src/app/logging.js';
import { serve } from '../../src/app/serve.js';
import type { Logger } from '../../src/kernel/logger.js';
import type { Store } from '../../src/kernel/ports/store.js';

/*
 * The app as `npm start` serves it, configured with known secret values, and how to find any of
 * them in what it logs, answers or sends: for the test that no secret leaks.
 */

export const SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-SECRET-111111111111-222222222222-TandemBotTokenValue',
  SLACK_SIGNING_SECRET: 'SIGNINGSECRET8f14e45fceea167a5a36dedd4bea2543',
  MICROSOFT_APP_PASSWORD: 'APPPASSWORD~Secret.Value_9a8b7c6d5e4f',
};
export const MICROSOFT_APP_ID = '00000000-aaaa-4bbb-8ccc-000000000001';
/**
 * Each secret as it could appear: as is, URL-encoded, base64 (e.g. inside a Basic header), and its distinctive
 * middle.
 */
const NEEDLES = Object.values(SECRETS).flatMap((s) => [
  s,
  encodeURIComponent(s),
  Buffer.from(s).toString('base64').slice(0, 24),
  s.slice(6, 30),
]);

export function leaks(text: string): string[] {
  return NEEDLES.filter((n) => text.includes(n));
}

/** Every log line, as written: pino at trace into memory. */
export function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, log: createLogger('trace', stream) };
}

export const env = (overrides: Record<string, string>): LoadedConfig =>
  loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'trace',
      SCHEDULER_TICK_SECONDS: '1',
      SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
      SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
      MICROSOFT_APP_ID,
      MICROSOFT_APP_PASSWORD: SECRETS.MICROSOFT_APP_PASSWORD,
      ...overrides,
    },
    FACES,
  );

/** serve, as main starts it, with the faces named (each with its section of `config`). */
export const serveFaces = (config: LoadedConfig, platforms: string[], store: Store, log: Logger) =>
  serve({
    config: config.base,
    faces: platforms.map((p) => ({ face: FACES.find((f) => f.platform === p)!, config: config.sections.get(p) })),
    store,
    log,
  });

/** A Slack Web API that drops the connection for every method but auth.test: network failures mid-run. */
export async function resettingSlack(): Promise<{ apiUrl: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/api/auth.test')) {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: true, team: 'Acme', user_id: 'UBOT', bot_id: 'BBOT' }));
    } else req.socket.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
