import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runScript } from '../helpers/console-process.js';

describe('examples/review-page.txt through `npm start -- --script`', () => {
  const lines = readFileSync(join(ROOT, 'examples/review-page.txt'), 'utf8').split('\n');
  const run = runScript(lines, { TANDEM_PUBLIC_URL: 'https://tandem.example.com' });
  const out = run.stdout;

  it('runs cleanly', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('the quarterly reminder prints the PNG path of each chart it attaches, and the files are PNG', () => {
    const paths = [...out.matchAll(/\[chart: ([^\]]+) — PNG (\/\S+\.png)\]/g)].map((m) => [m[1]!, m[2]!] as const);
    expect(paths.map(([title]) => title)).toEqual([
      'Escalations per week by handling side, Q3 2026 (Jul–Sep)',
      'MTTA and MTTR per month, Apr 2026–Sep 2026',
    ]);
    for (const [, path] of paths) {
      expect(path.startsWith(join(run.dir, 'charts'))).toBe(true);
      expect(existsSync(path)).toBe(true);
      expect([...readFileSync(path).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    }
  });

  it('page prints a personal link on the public address, and page revoke is announced', () => {
    expect(out).toMatch(
      /This channel's page, for you: https:\/\/tandem\.example\.com\/page\/1\?key=p\.1\.\d+\.\d+\.\S{43}\n/,
    );
    expect(out).toContain("alice (Acme) revoked every link to this channel's page");
  });
});
