import type { Mention } from '../../domain/model.js';
import { ownerName } from '../../kernel/format.js';
import { type Html, html } from './html.js';
import type { PageView } from './page-view.js';

const contact = (m: Mention | null) => (m ? (m.label.startsWith('@') ? m.label : `@${m.label}`) : '—');

/** The responsibility matrix as a table: who owns each area in and out of business hours. */
export function matrixSection(view: PageView): Html {
  const { channel, matrix } = view;
  const rows = matrix.map(
    (a) => html`<tr>
      <th scope="row">${a.name}</th>
      <td>${ownerName(a.businessOwner, channel)}</td>
      <td>${ownerName(a.afterHoursOwner, channel)}</td>
      <td>${contact(a.contact)}</td>
      <td>${a.aliases.join(', ')}</td>
      <td>${a.note}</td>
    </tr>`,
  );
  return html`<section id="matrix">
  <h2>Responsibility matrix <small>(${matrix.length} areas)</small></h2>
  ${
    matrix.length
      ? html`<div class="scroll"><table class="matrix">
    <thead><tr><th scope="col">Area</th><th scope="col">Business hours</th><th scope="col">After hours</th>
      <th scope="col">Contact</th><th scope="col">Also called</th><th scope="col">Note</th></tr></thead>
    <tbody>${rows}</tbody>
  </table></div>`
      : html`<p>The matrix is empty.</p>`
  }
</section>`;
}
