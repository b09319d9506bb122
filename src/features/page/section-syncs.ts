import { describeRule } from '../../domain/cadence.js';
import { formatLocal } from '../../domain/zoned-time.js';
import { type Html, html } from './html.js';
import type { PageView } from './page-view.js';

/** The three syncs and when each meets next. */
export function syncsSection(view: PageView): Html {
  const tz = view.channel.timezone;
  const rows = view.syncs.map(
    (s) => html`<tr><th scope="row">${s.title}</th><td>${describeRule(s.cadence)}</td>
      <td>${s.next ? formatLocal(s.next, tz, 'EEE d MMM yyyy HH:mm zzz') : s.cadence.enabled ? '—' : 'off'}</td></tr>`,
  );
  return html`<section id="syncs">
  <h2>Syncs</h2>
  <div class="scroll"><table class="syncs"><thead><tr>
    <th scope="col">Sync</th><th scope="col">When</th><th scope="col">Next</th>
  </tr></thead>
  <tbody>${rows}</tbody></table></div>
</section>`;
}
