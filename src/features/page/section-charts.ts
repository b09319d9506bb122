import { type Html, html, trusted } from './html.js';
import type { PageView } from './page-view.js';
import { monthTable } from './section-review.js';

/** The charts (SVG drawn on the server), each with the figures behind it written out for screen readers. */
export function chartsSection(view: PageView): Html {
  const figure = (id: string, svg: string, caption: string) =>
    html`<figure class="chart" id="chart-${id}">${trusted(svg)}<figcaption>${caption}</figcaption></figure>`;
  return html`<section id="charts">
  <h2>Trends <small>${view.chartPeriod.label}</small></h2>
  ${figure('weeks-side', view.charts['weeks-side'], 'Escalations opened per week, by the side that handled them.')}
  ${figure('weeks-priority', view.charts['weeks-priority'], 'Escalations opened per week, by priority.')}
  ${figure('times', view.charts.times, 'MTTA and MTTR per month: median and 90th percentile, in minutes.')}
  ${monthTable(view)}
</section>`;
}
