import { formatLocal } from '../../domain/zoned-time.js';
import { type Html, html } from './html.js';
import type { PageView } from './page-view.js';
import { afterHoursSection } from './section-after-hours.js';
import { chartsSection } from './section-charts.js';
import { escalationsSection } from './section-escalations.js';
import { matrixSection } from './section-matrix.js';
import { reviewSection } from './section-review.js';
import { syncsSection } from './section-syncs.js';

/** A section of the page: its anchor, its name in the contents, and how it renders. A new section is one line here. */
interface Section {
  id: string;
  title: string;
  render(view: PageView): Html;
}

export const SECTIONS: readonly Section[] = [
  { id: 'escalations', title: 'Escalations', render: escalationsSection },
  { id: 'review', title: 'Review', render: reviewSection },
  { id: 'charts', title: 'Trends', render: chartsSection },
  { id: 'matrix', title: 'Matrix', render: matrixSection },
  { id: 'after-hours', title: 'After hours', render: afterHoursSection },
  { id: 'syncs', title: 'Syncs', render: syncsSection },
];

/** The whole page: server-rendered, no script, one stylesheet. */
export function pageHtml(view: PageView): string {
  const { channel, now } = view;
  const title = `${channel.orgName} and ${channel.mspName} — Tandem`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${title}</title>
<link rel="stylesheet" href="/page/style.css">
</head>
<body>
<header class="page">
  <h1>${channel.orgName} and ${channel.mspName}</h1>
  <p>Co-managed IT with Tandem · as of ${formatLocal(now, channel.timezone)} · times in ${channel.timezone}</p>
  <nav class="toc" aria-label="Contents">${SECTIONS.map((s) => html`<a href="#${s.id}">${s.title}</a>`)}</nav>
</header>
<main>
${SECTIONS.map((s) => s.render(view))}
</main>
<footer>A read-only view from Tandem. This link is personal and expires;
ask Tandem for a new one with <code>page</code>.</footer>
</body>
</html>
`.value;
}
