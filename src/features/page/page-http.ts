import { verifyGrant } from '../../kernel/page-links.js';
import type { Store } from '../../kernel/ports/store.js';
import { parseChartName, reviewCharts } from '../cadence/index.js';
import { chartPng } from './chart-render.js';
import { escapeHtml } from './html.js';
import { pageHtml } from './page-html.js';
import { PAGE_CSS } from './page-style.js';
import { loadPageView } from './page-view.js';

export interface PageResponse {
  status: number;
  type: string;
  body: string | Buffer;
}

/** One answer for every link that does not open: it says nothing of why, nor of the channel. */
const REFUSED: PageResponse = {
  status: 403,
  type: 'text/html; charset=utf-8',
  body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Link not valid</title>
<link rel="stylesheet" href="/page/style.css"></head><body><main><h1>This link is not valid</h1>
<p>Links to a channel's page are personal and expire.
Ask Tandem for a new one in the channel: ${escapeHtml('`page`')}.</p>
</main></body></html>`,
};

export const pageStylesheet: PageResponse = { status: 200, type: 'text/css; charset=utf-8', body: PAGE_CSS };

/**
 * A request for a channel's page (`file` absent) or one of its charts as PNG (`file` the chart's name),
 * with the link's `key`. Expired, forged, revoked and other-channel keys all get the same 403.
 */
export async function pageRequest(
  store: Store,
  now: Date,
  request: { channel: string; file?: string | undefined; key: unknown },
): Promise<PageResponse> {
  if (!/^\d{1,12}$/.test(request.channel) || typeof request.key !== 'string') return REFUSED;
  const channelId = Number(request.channel);
  const grant = await verifyGrant(store, channelId, request.key, now);
  if (!grant) return REFUSED;
  const channel = await store.channels.get(channelId);
  if (request.file === undefined) {
    if (grant.kind !== 'page') return REFUSED;
    return { status: 200, type: 'text/html; charset=utf-8', body: pageHtml(await loadPageView(store, channel, now)) };
  }
  if (grant.kind !== 'chart' || grant.chart !== request.file) return REFUSED;
  const named = parseChartName(request.file, channel.timezone);
  if (!named) return REFUSED;
  const specs = await reviewCharts(store, channel, named.period, now);
  return { status: 200, type: 'image/png', body: await chartPng(specs[named.chart]) };
}
