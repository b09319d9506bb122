import { escalationLabel } from '../../domain/escalation.js';
import { formatLocal } from '../../domain/zoned-time.js';
import { sideName } from '../../kernel/placement.js';
import { type Html, html } from './html.js';
import type { PageView } from './page-view.js';

/** What happened out of business hours: the escalations opened then, and the after-hours team's notes. */
export function afterHoursSection(view: PageView): Html {
  const tz = view.channel.timezone;
  const when = (d: Date) => formatLocal(d, tz, 'EEE d MMM HH:mm zzz');
  const escalations = view.afterHours.map(
    (
      e,
    ) => html`<li><strong>${escalationLabel(e)}</strong> (${e.priority}) <time>${when(e.openedAt)}</time> · ${e.summary}
      · handled by ${sideName(e.toTeam, view.channel)} · ${e.state.replace('_', ' ')}</li>`,
  );
  const notes = view.notes.map(
    (n) =>
      html`<li><time>${when(n.at)}</time> · ${
        (n.authorId === null ? null : view.people.get(n.authorId)?.name) ?? 'someone'
      }${n.overnight ? ' (overnight)' : ''}: <q>${n.text}</q></li>`,
  );
  return html`<section id="after-hours">
  <h2>After hours <small>since ${formatLocal(view.noteSince, tz, 'd MMM yyyy')}</small></h2>
  <h3>Escalations opened after hours <small>(${escalations.length})</small></h3>
  ${escalations.length ? html`<ul class="after-hours">${escalations}</ul>` : html`<p>None.</p>`}
  <h3>Handoff notes <small>(${notes.length})</small></h3>
  ${notes.length ? html`<ul class="notes">${notes}</ul>` : html`<p>No handoff notes.</p>`}
</section>`;
}
