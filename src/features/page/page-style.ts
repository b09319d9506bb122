/** The page's one stylesheet, served from /page/style.css (the Content-Security-Policy allows no inline style). */
export const PAGE_CSS = `
:root { color-scheme: light; --ink: #1d232b; --muted: #5b6571; --line: #d5dae0; --band: #f4f6f8; --accent: #3b6ea5; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif;
  color: var(--ink); background: #fff; }
header.page { padding: 16px 20px; border-bottom: 3px solid var(--accent); background: var(--band); }
header.page h1 { margin: 0 0 4px; font-size: 1.35rem; }
header.page p { margin: 0; color: var(--muted); }
nav.toc { display: flex; flex-wrap: wrap; gap: 4px 14px; margin-top: 8px; }
nav.toc a { color: var(--accent); }
main { padding: 8px 20px 40px; max-width: 1200px; overflow-wrap: break-word; }
section { margin-top: 22px; min-width: 0; }
header.page { overflow-wrap: anywhere; }
h2 { font-size: 1.15rem; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1rem; margin-top: 18px; }
small, .muted { color: var(--muted); font-weight: normal; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
table.escalations, table.matrix { min-width: 760px; }
table.figures, table.months { min-width: 520px; }
caption { text-align: left; color: var(--muted); padding: 4px 0; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
thead th { background: var(--band); white-space: nowrap; }
tbody th { font-weight: 600; }
table.figures td, table.months td, table.areas td { font-variant-numeric: tabular-nums; }
.prio { display: inline-block; padding: 0 6px; border-radius: 3px; color: #fff; background: #9e9e9e; font-weight: 600; }
.prio-P1 { background: #b2182b; } .prio-P2 { background: #d6604d; } .prio-P3 { background: #4393c3; }
.tag { font-size: 0.8rem; background: #fff2cc; padding: 0 5px; border-radius: 3px; }
ol.timeline { margin: 0; padding-left: 18px; font-size: 0.85rem; }
ol.timeline li { margin: 0 0 2px; }
q { quotes: "“" "”"; }
figure.chart { margin: 14px 0; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: 0.88rem; }
footer { color: var(--muted); font-size: 0.85rem; padding: 0 20px 24px; }
@media (max-width: 640px) {
  body { font-size: 14px; }
  main, header.page { padding-left: 12px; padding-right: 12px; }
  th, td { padding: 5px 6px; }
}
@media print {
  nav.toc, footer { display: none; }
  header.page { background: none; }
  .scroll { overflow: visible; }
  section, figure.chart, tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;
