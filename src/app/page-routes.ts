import type { Express, Response } from 'express';
import { type PageResponse, pageRequest, pageStylesheet } from '../features/page/index.js';
import type { Clock } from '../kernel/clock.js';
import type { Logger } from '../kernel/logger.js';
import type { Store } from '../kernel/ports/store.js';

/** No script at all, styles and pictures only from Tandem itself, never framed, links leak no token onwards. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/** Serves each channel's read-only page and its charts on the process's HTTP server. */
export function mountPage(app: Express, store: Store, clock: Clock, log: Logger): void {
  const send = (res: Response, r: PageResponse) => {
    res.status(r.status).set(PAGE_HEADERS).type(r.type).send(r.body);
  };
  const answer = async (res: Response, request: Parameters<typeof pageRequest>[2]) => {
    try {
      send(res, await pageRequest(store, clock.now(), request));
    } catch (err) {
      log.error({ err, channel: request.channel }, 'page failed');
      send(res, { status: 500, type: 'text/plain; charset=utf-8', body: 'Something went wrong; try again later.' });
    }
  };
  app.get('/page/style.css', (_req, res) => send(res, pageStylesheet));
  app.get('/page/:channel', (req, res) => answer(res, { channel: req.params.channel, key: req.query.key }));
  app.get('/page/:channel/:file', (req, res) => {
    const file = req.params.file;
    if (!file.endsWith('.png')) return void res.status(404).set(PAGE_HEADERS).type('text/plain').send('Not found');
    return answer(res, { channel: req.params.channel, file: file.slice(0, -4), key: req.query.key });
  });
}
