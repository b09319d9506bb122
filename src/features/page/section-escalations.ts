import { type Escalation, type EscalationEvent, escalationLabel } from '../../domain/escalation.js';
import { formatDuration } from '../../domain/metrics.js';
import type { Channel, Person } from '../../domain/model.js';
import { formatLocal } from '../../domain/zoned-time.js';
import { sideName } from '../../kernel/placement.js';
import { type Html, html } from './html.js';
import type { PageView, ShownEscalation } from './page-view.js';

const STATE_WORDS: Record<Escalation['state'], string> = {
  open: 'open, not acknowledged',
  acknowledged: 'acknowledged',
  handed_back: 'handed back',
  resolved: 'resolved',
};

const EVENT_WORDS: Record<EscalationEvent['kind'], string> = {
  opened: 'opened',
  acknowledged: 'acknowledged',
  handed_back: 'handed back',
  resolved: 'resolved',
  note: 'note',
  renotified: 're-notified',
  reopened: 'reopened',
  paged: 'paged',
};

/** Open escalations, then the latest resolved ones, each with its timeline. */
export function escalationsSection(view: PageView): Html {
  const more = view.openTotal - view.open.length;
  return html`<section id="escalations">
  <h2>Open escalations <small>(${view.openTotal})</small></h2>
  ${view.open.length ? escalationTable('open', view.open, view) : html`<p>Nothing open.</p>`}
  ${more > 0 ? html`<p class="muted">…and ${more} more, oldest shown first.</p>` : ''}
  <h2>Recently resolved <small>(latest ${view.resolved.length})</small></h2>
  ${view.resolved.length ? escalationTable('resolved', view.resolved, view) : html`<p>None resolved yet.</p>`}
</section>`;
}

function escalationTable(id: string, items: readonly ShownEscalation[], view: PageView): Html {
  const { channel, people, now } = view;
  const rows = items.map(({ escalation: e, timeline }) => {
    const age = formatDuration((e.resolvedAt ?? now).getTime() - e.openedAt.getTime());
    return html`<tr class="state-${e.state}">
      <th scope="row">${escalationLabel(e)}</th>
      <td><span class="prio prio-${e.priority}">${e.priority}</span></td>
      <td>${e.summary}${e.ticket ? html`<br><span class="muted">ticket ${e.ticket}</span>` : ''}</td>
      <td>${e.areaName ?? '—'}</td>
      <td>${sideName(e.fromTeam, channel)}</td>
      <td>${sideName(e.toTeam, channel)}</td>
      <td>${STATE_WORDS[e.state]}${e.afterHours ? html`<br><span class="tag">after hours</span>` : ''}</td>
      <td>${when(e.openedAt, channel)}<br><span class="muted">${e.resolvedAt ? 'took' : 'for'} ${age}</span></td>
      <td>${timelineList(timeline, people, channel)}</td>
    </tr>`;
  });
  return html`<div class="scroll"><table class="escalations" id="${id}-escalations">
    <thead><tr><th scope="col">Id</th><th scope="col">Priority</th><th scope="col">Summary</th><th scope="col">Area</th>
      <th scope="col">Opened by</th><th scope="col">Handled by</th><th scope="col">State</th><th scope="col">Opened</th>
      <th scope="col">Timeline</th></tr></thead>
    <tbody>${rows}</tbody>
  </table></div>`;
}

function timelineList(events: readonly EscalationEvent[], people: Map<number, Person>, channel: Channel): Html {
  const items = events.map((ev) => {
    const who = ev.actorId === null ? 'Tandem' : (people.get(ev.actorId)?.name ?? 'someone');
    return html`<li><time>${when(ev.at, channel)}</time> ${EVENT_WORDS[ev.kind]} by ${who}${
      ev.note ? html`: <q>${ev.note}</q>` : ''
    }</li>`;
  });
  return html`<ol class="timeline">${items}</ol>`;
}

function when(at: Date, channel: Channel): string {
  return formatLocal(at, channel.timezone, 'EEE d MMM HH:mm zzz');
}
