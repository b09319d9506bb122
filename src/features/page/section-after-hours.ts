import { formatLocal } from '../../domain/zoned-time.js';
import { type Html, html } from './html.js';
import type { PageView } from './page-view.js';

/** What the after-hours team wrote down lately (`handoff note`), newest last. */
export function afterHoursSection(view: PageView): Html {
  const tz = view.channel.timezone;
  const items = view.notes.map(
    (n) =>
      html`<li><time>${formatLocal(n.at, tz, 'EEE d MMM HH:mm zzz')}</time> · ${
        (n.authorId === null ? null : view.people.get(n.authorId)?.name) ?? 'someone'
      }${n.overnight ? ' (overnight)' : ''}: <q>${n.text}</q></li>`,
  );
  return html`<section id="after-hours">
  <h2>After-hours notes <small>since ${formatLocal(view.noteSince, tz, 'EEE d MMM')}</small></h2>
  ${items.length ? html`<ul class="notes">${items}</ul>` : html`<p>No handoff notes in the last two weeks.</p>`}
</section>`;
}
