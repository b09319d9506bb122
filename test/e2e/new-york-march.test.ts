import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runScript } from '../helpers/console-process.js';

// Run as a real process under a server zone that is neither UTC nor New York's (Santiago skips its
// midnight hour on other dates): what the channel sees must not depend on it.
describe.each(['UTC', 'America/Santiago', 'Pacific/Chatham'])(
  'examples/new-york-march.txt under TZ=%s',
  { timeout: 90_000 },
  (tz) => {
    const lines = readFileSync(join(ROOT, 'examples/new-york-march.txt'), 'utf8').split('\n');
    const run = runScript(lines, { TZ: tz });
    const out = run.stdout;
    const stamps = (what: RegExp) =>
      [...out.matchAll(/^\[([^\]]+)\] Tandem posted:\n {2}(.*)$/gm)].filter((m) => what.test(m[2]!)).map((m) => m[1]);

    it('runs cleanly, and nothing is posted late', () => {
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(out).not.toMatch(/late/i);
    });

    it('posts the morning handoff at 08:00 EST before the change and 08:00 EDT after it', () => {
      expect(stamps(/^== Morning handoff/)).toEqual(['Sat 13 Mar 2027 08:00 EST', 'Sun 14 Mar 2027 08:00 EDT']);
      expect(out).toContain('The morning handoff now posts each business day at 08:00 (8 h after the start of');
    });

    it('moves a 02:30 sync in the gap to 03:30 EDT and reminds it a day before at the configured 02:30', () => {
      expect(out).toContain('• Sun 14 Mar 2027 03:30–04:30 EDT');
      expect(stamps(/^== Weekly tactical sync/)).toEqual(['Sat 13 Mar 2027 02:30 EST']);
      expect(out).toContain('== Weekly tactical sync — tomorrow at 03:30 ==');
    });
  },
);
