import { HttpServer } from '../../adapters/http/server.js';
import { mountPage } from '../../src/app/page-routes.js';
import type { Clock } from '../../src/kernel/clock.js';
import { silentLogger } from '../../src/kernel/logger.js';
import type { Store } from '../../src/kernel/ports/store.js';

/** The page routes on a real HTTP server on 127.0.0.1, over a test's store and clock. */
export async function startPageServer(store: Store, clock: Clock) {
  const http = new HttpServer(silentLogger);
  mountPage(http.app, store, clock, silentLogger);
  const port = await http.listen(0, '127.0.0.1');
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    /** A link Tandem gave out (on its public address), fetched from this server instead. */
    local: (url: string) => url.replace(/^https?:\/\/[^/]+/, origin),
    get: (url: string) => fetch(url.replace(/^https?:\/\/[^/]+/, origin)),
    close: () => http.close(),
  };
}

/** The link in a `page` reply. */
export function linkIn(text: string): string {
  const m = /https?:\/\/\S+\/page\/\d+\?key=\S+/.exec(text);
  if (!m) throw new Error(`no page link in: ${text}`);
  return m[0];
}
