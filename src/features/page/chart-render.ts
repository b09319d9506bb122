import type { Loader } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartSpec } from '../../domain/review-charts.js';

/*
 * Vega, Vega-Lite and resvg (tens of megabytes) are imported on the first chart, not at start:
 * a process that never draws one never loads them.
 *
 * Charts drawn on the server with Vega-Lite (5.x: its 6.x needs Node 22): SVG for the page, PNG
 * (through resvg, which draws SVG without a browser) for the pictures in posts. A spec carries its
 * data inline; the loader refuses any URL, so drawing never reaches the network or the disk.
 */

const noLoading = {
  load: () => Promise.reject(new Error('charts load no data')),
  sanitize: () => Promise.reject(new Error('charts load no data')),
  http: () => Promise.reject(new Error('charts load no data')),
  file: () => Promise.reject(new Error('charts load no data')),
};

export async function chartSvg(spec: ChartSpec): Promise<string> {
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = compile(spec as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), {
    renderer: 'none',
    loader: noLoading as unknown as Loader,
  });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The chart as PNG, at twice its size so that it stays sharp on high-density screens. */
export async function chartPng(spec: ChartSpec): Promise<Buffer> {
  const [svg, { Resvg }] = await Promise.all([chartSvg(spec), import('@resvg/resvg-js')]);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans' },
  });
  return resvg.render().asPng();
}
