import type { Feature } from '../../kernel/feature.js';
import { pageLink, pageRevoke } from './page-commands.js';

/** A read-only web page per channel, opened by signed, expiring links. */
export const pageFeature: Feature = {
  name: 'page',
  commands: [pageLink, pageRevoke],
};

// What the composition root uses: the HTTP answers, and charts as PNG for the console.
export { chartPng, chartSvg } from './chart-render.js';
export { type PageResponse, pageRequest, pageStylesheet } from './page-http.js';
