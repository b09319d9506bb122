import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { linkIn, startPageServer } from '../helpers/page-server.js';
import { reviewQuarter } from '../helpers/review-quarter.js';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it when absent). */
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Screenshots for review, git-ignored. */
const OUTPUT = join(import.meta.dirname, '..', '..', 'test-output');

const INJECTED = {
  // The link-like word quoted: escalate refuses an unknown key:value, and quotes keep it in the summary.
  summary: '<img src=x onerror="document.title=\'pwned\'"> printer "javascript:alert(1)"',
  note: '<script>document.title="pwned"</script> rebooted the switch',
  areaNote: "'><b>bold</b><a href=https://evil.example>click</a>",
};

describe('the page in headless Chromium', () => {
  it('shows the matrix, the escalations and three SVG charts with their series; typed text stays text', async () => {
    const t = await reviewQuarter();
    await t.sayText('alice', `matrix set patching note:"${INJECTED.areaNote}"`);
    await t.sayText('bob', `escalate ${INJECTED.summary} area:"L1 support / help desk" p3`);
    await t.sayText('nina', `handoff note ${INJECTED.note}`);
    const server = await startPageServer(t.store, t.clock);
    const profile = mkdtempSync(join(tmpdir(), 'tandem-chromium-'));
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width: 1280, height: 900 },
    });
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const requests: string[] = [];
      page.on('request', (r) => requests.push(new URL(r.url()).pathname));
      const response = await page.goto(server.local(linkIn(await t.sayText('bob', 'page'))));
      expect(response!.status()).toBe(200);

      // The matrix: the 26 default areas, patching with its note as typed.
      const areas = await page.$$eval('#matrix tbody tr', (rows) => rows.map((r) => r.textContent ?? ''));
      expect(areas).toHaveLength(26);
      const patching = areas.find((a) => a.includes('patching'))!;
      expect(patching).toContain('Acme (internal IT)');
      expect(patching).toContain(INJECTED.areaNote);
      // Escalations: the open ones with their sides; the injected summary shown as typed.
      const open = await page.$$eval('#open-escalations tbody tr th', (ths) => ths.map((th) => th.textContent));
      expect(open).toEqual(['ESC-4', 'ESC-5']);
      // As stored (the command line's quoting aside), and shown exactly so.
      const summary = (await t.store.escalations.bySeq(1, 5))!.summary;
      expect(summary).toContain('<img src=x onerror=');
      expect(summary).toContain('javascript:alert(1)');
      expect(await page.textContent('#escalations')).toContain(summary);
      const [note] = (await t.store.handoffNotes.between(1, new Date(0), new Date(t.clock.now().getTime() + 1))).slice(
        -1,
      );
      expect(note!.text).toContain('<script>');
      expect(await page.textContent('#after-hours')).toContain(note!.text);
      expect(await page.textContent('[data-figure="mtta.median"]')).toBe('12 min');

      // Nothing typed became markup, script or a link; the page ran no script at all.
      expect(await page.title()).toBe('Acme and Northwind — Tandem');
      expect(dialogs).toEqual([]);
      expect(await page.$$eval('script', (s) => s.length)).toBe(0);
      expect(await page.$$eval('main img, main b, main a, [onerror]', (els) => els.map((e) => e.outerHTML))).toEqual(
        [],
      );
      expect(requests).toEqual([expect.stringMatching(/^\/page\/1$/), '/page/style.css']);
      expect(await page.evaluate('getComputedStyle(document.body).margin')).toBe('0px'); // the stylesheet applied

      // Three charts, drawn on the server as SVG, with the series expected.
      expect(await page.$$eval('figure.chart > svg', (s) => s.length)).toBe(3);
      const legend = (id: string) =>
        page.$$eval(`#chart-${id} svg .role-legend-label text`, (ts) => ts.map((x) => x.textContent));
      expect(await legend('weeks-side')).toEqual(['Acme (internal IT)', 'Northwind (MSP)']);
      expect(await legend('weeks-priority')).toEqual(['P1', 'P2', 'P3', 'P4']);
      expect(await legend('times')).toEqual([
        'MTTA median',
        'MTTA 90th percentile',
        'MTTR median',
        'MTTR 90th percentile',
      ]);
      const bars = await page.$$eval('#chart-weeks-side svg [aria-roledescription="bar"]', (ps) =>
        ps.map((p) => p.getAttribute('aria-label') ?? ''),
      );
      const drawn = bars.filter((b) => !/Escalations: 0(;|$)/.test(b));
      expect(drawn.some((b) => b.includes('Northwind (MSP)') && b.includes('2026-08-10'))).toBe(true);
      expect(drawn.some((b) => b.includes('Acme (internal IT)') && b.includes('2026-09-28'))).toBe(true);
      expect(await page.$$eval('#chart-times svg [aria-roledescription="line mark"]', (l) => l.length)).toBe(4);

      mkdirSync(OUTPUT, { recursive: true });
      await page.screenshot({ path: join(OUTPUT, 'page-desktop.png'), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      // On a phone the page does not scroll sideways: wide tables scroll inside their own box.
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await page.screenshot({ path: join(OUTPUT, 'page-phone.png'), fullPage: true });
    } finally {
      await browser.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }, 120_000);
});
