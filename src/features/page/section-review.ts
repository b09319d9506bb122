import type { PeriodFigures } from '../../domain/agenda.js';
import { type DurationStats, formatDuration } from '../../domain/metrics.js';
import { SIDES } from '../../domain/sides.js';
import { formatLocal } from '../../domain/zoned-time.js';
import { sideName } from '../../kernel/placement.js';
import { type Html, html } from './html.js';
import type { PageView } from './page-view.js';

const MAX_AREAS = 10;

/**
 * The review: the last whole quarter against the one before and the quarter so far, with the same
 * figures as the quarterly agenda (computed by its code), then top areas and the matrix changes.
 */
export function reviewSection(view: PageView): Html {
  const { lastQuarter: q, thisQuarter, channel } = view;
  const periods = [q.quarter, q.previous, thisQuarter];
  const head = html`<tr><th scope="col">Figure</th>
    <th scope="col">${q.quarter.period.label}</th><th scope="col">${q.previous.period.label}</th>
    <th scope="col">${thisQuarter.period.label} so far</th></tr>`;
  const row = (figure: string, label: string, cell: (f: PeriodFigures) => string) =>
    html`<tr><th scope="row">${label}</th>${periods.map((f, i) => cellOf(i === 0 ? figure : null, cell(f)))}</tr>`;
  const rows = [
    row('total', 'Escalations opened', (f) => String(f.summary.total)),
    ...(['internal', 'msp', 'unknown'] as const).map((side) =>
      row(`opened-by.${side}`, `Opened by ${sideName(side, channel)}`, (f) => String(f.summary.byOpener[side])),
    ),
    ...SIDES.map((side) =>
      row(`handled-by.${side}`, `Handled by ${sideName(side, channel)}`, (f) => String(f.summary.byTeam[side])),
    ),
    row('mtta.median', 'MTTA median', (f) => ms(f.summary.mtta.medianMs)),
    row('mtta.p90', 'MTTA 90th percentile', (f) => ms(f.summary.mtta.p90Ms)),
    ...SIDES.map((side) =>
      row(`mtta.${side}`, `MTTA, ${sideName(side, channel)}`, (f) => stats(f.summary.byHandler[side].mtta)),
    ),
    row('mttr.median', 'MTTR median', (f) => ms(f.summary.mttr.medianMs)),
    row('mttr.p90', 'MTTR 90th percentile', (f) => ms(f.summary.mttr.p90Ms)),
    ...SIDES.map((side) =>
      row(`mttr.${side}`, `MTTR, ${sideName(side, channel)}`, (f) => stats(f.summary.byHandler[side].mttr)),
    ),
    row('after-hours', 'Opened after hours', (f) => share(f)),
    row('missed-ack', 'Acknowledgement timeouts missed', (f) => String(f.summary.missedAckTimeouts)),
  ];
  return html`<section id="review">
  <h2>Review</h2>
  <div class="scroll"><table class="figures">
    <caption>Escalations opened in each period, as the quarterly review counts them</caption>
    <thead>${head}</thead><tbody>${rows}</tbody>
  </table></div>
  ${topAreas(view)}
  ${matrixChanges(view)}
</section>`;
}

function topAreas(view: PageView): Html {
  const { trend } = view.lastQuarter;
  const shown = trend.byArea.slice(0, MAX_AREAS);
  if (shown.length === 0) return html`<h3>Top areas</h3><p>No escalations in either quarter.</p>`;
  return html`<h3>Top areas</h3>
  <div class="scroll"><table class="areas"><thead><tr><th scope="col">Area</th>
    <th scope="col">${view.lastQuarter.quarter.period.label}</th>
    <th scope="col">${view.lastQuarter.previous.period.label}</th>
  </tr></thead><tbody>${shown.map(
    (a) => html`<tr><th scope="row">${a.area}</th><td>${a.current}</td><td>${a.previous}</td></tr>`,
  )}</tbody></table></div>`;
}

function matrixChanges(view: PageView): Html {
  const { matrixChanges: changes, quarter } = view.lastQuarter;
  const tz = view.channel.timezone;
  return html`<h3>Matrix changes in ${quarter.period.label} <small>(${changes.length})</small></h3>
  ${
    changes.length
      ? html`<ul class="changes">${changes.map(
          (c) =>
            html`<li><time>${formatLocal(c.at, tz, 'EEE d MMM yyyy')}</time>
              · ${c.actorName} · ${c.action} ${c.subject}${c.detail}</li>`,
        )}</ul>`
      : html`<p>The matrix was not changed that quarter.</p>`
  }`;
}

/** MTTA and MTTR per month, the figures behind the chart, for screen readers and print. */
export function monthTable(view: PageView): Html {
  const rows = view.months.map(
    (f) => html`<tr><th scope="row">${f.period.label}</th><td>${f.summary.total}</td><td>${share(f)}</td>
      <td>${ms(f.summary.mtta.medianMs)}</td><td>${ms(f.summary.mtta.p90Ms)}</td>
      <td>${ms(f.summary.mttr.medianMs)}</td><td>${ms(f.summary.mttr.p90Ms)}</td>
      <td>${f.summary.missedAckTimeouts}</td></tr>`,
  );
  return html`<div class="scroll"><table class="months">
    <caption>Per month</caption>
    <thead><tr><th scope="col">Month</th><th scope="col">Opened</th><th scope="col">After hours</th>
      <th scope="col">MTTA median</th><th scope="col">MTTA p90</th><th scope="col">MTTR median</th>
      <th scope="col">MTTR p90</th><th scope="col">Missed acks</th></tr></thead>
    <tbody>${rows}</tbody></table></div>`;
}

/** A cell of the first period carries the figure's name, for print and for checks against the agenda. */
const cellOf = (figure: string | null, value: string) =>
  figure ? html`<td data-figure="${figure}">${value}</td>` : html`<td>${value}</td>`;

const ms = (v: number | null) => (v === null ? '—' : formatDuration(v));

function stats(d: DurationStats): string {
  if (d.count === 0) return d.pending ? `— (${d.pending} waiting)` : '—';
  return `${formatDuration(d.medianMs!)} / ${formatDuration(d.p90Ms!)} (${d.count})`;
}

function share(f: PeriodFigures): string {
  const s = f.summary;
  return s.total ? `${s.afterHours} of ${s.total} (${Math.round(s.afterHoursShare * 100)}%)` : '—';
}
