import { describe, expect, it } from 'vitest';
import type { ImageBlock } from '../../../src/kernel/reply.js';
import { linkIn, startPageServer } from '../../helpers/page-server.js';
import { PUBLIC_URL, reviewQuarter } from '../../helpers/review-quarter.js';

/** The value of a review figure on the page: the cell marked `data-figure`, unescaped. */
function figure(html: string, name: string): string {
  const m = new RegExp(`<td data-figure="${name.replace('.', '\\.')}">([^<]*)</td>`).exec(html);
  if (!m) throw new Error(`no figure ${name} on the page`);
  return m[1]!.replace(/&amp;/g, '&').replace(/&#39;/g, "'");
}

/** A line of the agenda's figures, after its label. */
function agendaLine(agenda: string, label: string): string {
  const line = agenda.split('\n').find((l) => l.includes(`• ${label}: `));
  if (!line) throw new Error(`no “${label}” in the agenda`);
  return line.slice(line.indexOf(': ') + 2);
}

describe('the page and the quarterly agenda agree on a seeded quarter', () => {
  it('every review figure of Q3 on the page is the one the quarterly reminder gave', async () => {
    const t = await reviewQuarter();
    const [reminder] = t.posts(/^== Quarterly strategic review — tomorrow/);
    const agenda = reminder!.text;
    const server = await startPageServer(t.store, t.clock);
    try {
      const res = await server.get(linkIn(await t.sayText('bob', 'page')));
      const html = await res.text();
      expect(html).toContain('<th scope="col">Q3 2026 (Jul–Sep)</th>');

      expect(agendaLine(agenda, 'Escalations opened')).toMatch(new RegExp(`^${figure(html, 'total')} \\(`));
      expect(figure(html, 'total')).toBe('4');
      const mtta = agendaLine(agenda, 'MTTA (time to acknowledge)');
      expect(mtta).toContain(`median ${figure(html, 'mtta.median')}, 90th percentile ${figure(html, 'mtta.p90')} `);
      expect([figure(html, 'mtta.median'), figure(html, 'mtta.p90')]).toEqual(['12 min', '45 min']);
      const mttr = agendaLine(agenda, 'MTTR (time to resolve)');
      expect(mttr).toContain(`median ${figure(html, 'mttr.median')}, 90th percentile ${figure(html, 'mttr.p90')} `);
      expect([figure(html, 'mttr.median'), figure(html, 'mttr.p90')]).toEqual(['3 h 10 min', '5 h 45 min']);
      // Per handling side: Northwind handled three, Acme one still waiting.
      expect(agendaLine(agenda, 'MTTA by handling side')).toContain(
        'Northwind (MSP) median 12 min, 90th percentile 45 min',
      );
      expect(figure(html, 'mtta.msp')).toBe('12 min / 45 min (3)');
      expect(figure(html, 'mtta.internal')).toBe('— (1 waiting)');
      expect(figure(html, 'mttr.msp')).toBe('3 h 10 min / 5 h 45 min (3)');

      expect(agendaLine(agenda, 'Opened after hours')).toMatch(
        new RegExp(`^${figure(html, 'after-hours').replace(/[()]/g, '\\$&')}`),
      );
      expect(figure(html, 'after-hours')).toBe('1 of 4 (25%)');
      expect(agendaLine(agenda, 'Acknowledgement timeouts missed')).toMatch(
        new RegExp(`^${figure(html, 'missed-ack')} \\(ESC-3\\)`),
      );

      const opened = agendaLine(agenda, 'Opened by');
      expect(opened).toContain(`Acme (internal IT) ${figure(html, 'opened-by.internal')} (was 0)`);
      expect(opened).toContain(`Northwind (MSP) ${figure(html, 'opened-by.msp')} (was 0)`);
      const handled = agendaLine(agenda, 'Handled by (receiving side)');
      expect(handled).toContain(`Acme (internal IT) ${figure(html, 'handled-by.internal')} (was 0)`);
      expect(handled).toContain(`Northwind (MSP) ${figure(html, 'handled-by.msp')} (was 0)`);

      // Top areas and the matrix change, as the agenda lists them.
      expect(html).toMatch(/<th scope="row">complex network issues<\/th><td>2<\/td><td>0<\/td>/);
      expect(agenda).toContain('matrix.set patching — businessOwner: msp → internal');
      expect(html).toContain('matrix.set patching — businessOwner: msp → internal');
      // The open escalation, with its sides, and the after-hours note.
      expect(html).toMatch(
        /ESC-4<\/th>[\s\S]*new service account for backups[\s\S]*Northwind \(MSP\)[\s\S]*Acme \(internal IT\)/,
      );
      expect(html).toContain('restarted the VPN concentrator after the ISP maintenance');
      expect(html).toMatch(/<section id="after-hours">[\s\S]*ESC-3[\s\S]*VPN down for all remote staff/);
    } finally {
      await server.close();
    }
  });

  it('the quarterly reminder carries its charts as pictures from the public address, with their series', async () => {
    const t = await reviewQuarter();
    const [reminder] = t.posts(/^== Quarterly strategic review — tomorrow/);
    const images = reminder!.reply.blocks.filter((b): b is ImageBlock => b.kind === 'image');
    expect(images.map((i) => i.url.split('?')[0])).toEqual([
      `${PUBLIC_URL}/page/1/weeks-side-2026-07-01-2026-10-01.png`,
      `${PUBLIC_URL}/page/1/times-2026-04-01-2026-10-01.png`,
    ]);
    const weeks = (images[0]!.chart.data as { values: { week: string; side: string; count: number }[] }).values;
    const total = (side: string) => weeks.filter((r) => r.side === side).reduce((n, r) => n + r.count, 0);
    expect([total('Acme (internal IT)'), total('Northwind (MSP)')]).toEqual([1, 3]);
    expect([...new Set(weeks.filter((r) => r.count > 0).map((r) => r.week))]).toEqual([
      '2026-07-06',
      '2026-08-10',
      '2026-09-14',
    ]);
    const times = (images[1]!.chart.data as { values: { month: string; measure: string; minutes: number }[] }).values;
    expect(times.filter((r) => r.measure === 'MTTA median')).toEqual([
      { month: '2026-07', measure: 'MTTA median', minutes: 10 },
      { month: '2026-08', measure: 'MTTA median', minutes: 28.5 },
    ]);

    const server = await startPageServer(t.store, t.clock);
    try {
      const png = await server.get(images[1]!.url);
      expect(png.status).toBe(200);
      expect(png.headers.get('content-type')).toBe('image/png');
    } finally {
      await server.close();
    }
  });

  it('without a public address the reminder has no pictures, only the written figures', async () => {
    const t = await reviewQuarter({ publicUrl: undefined as unknown as string });
    const [reminder] = t.posts(/^== Quarterly strategic review — tomorrow/);
    expect(reminder!.reply.blocks.some((b) => b.kind === 'image')).toBe(false);
    expect(reminder!.text).toContain('MTTA (time to acknowledge): median 12 min');
  });
});
