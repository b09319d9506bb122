import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runScript } from '../helpers/console-process.js';
import { joinPatterns } from '../helpers/pattern.js';

describe('examples/monthly-cadence.txt through `npm start -- --script`', () => {
  const lines = readFileSync(join(ROOT, 'examples/monthly-cadence.txt'), 'utf8').split('\n');
  const run = runScript(lines);
  const out = run.stdout;
  /** The post printed at `stamp`, up to the next line that is not part of it. */
  const postAt = (stamp: string) => {
    const start = out.indexOf(`[${stamp}] Tandem posted:\n`);
    if (start < 0) return null;
    const rest = out.slice(start).split('\n');
    const body = [rest[0]!];
    for (const line of rest.slice(1)) {
      if (!line.startsWith('  ')) break;
      body.push(line);
    }
    return body.join('\n');
  };

  it('runs cleanly', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('the manager moves the monthly review to the last Friday and sees its next three dates', () => {
    expect(out).toMatch(
      joinPatterns([
        /alice> cadence set monthly last friday 15:00\nTandem \(only you see this\):\n/,
        /\s+The monthly operational review now meets last Friday of the month at 15:00, for 60 min\.\n[^\n]*\n/,
        /\s+• Fri 30 Oct 2026 15:00–16:00 EDT\n/,
        /\s+• Fri 27 Nov 2026 15:00–16:00 EST\n/,
        /\s+• Fri 25 Dec 2026 15:00–16:00 EST/,
      ]),
    );
  });

  it('turning the weekly sync off waits for the Confirm click, and the change is announced in the channel', () => {
    expect(out).toMatch(
      joinPatterns([
        /alice> cadence off weekly\nTandem \(only you see this\):\n/,
        /\s+This turns the weekly tactical sync off: no reminders and no agenda[^\n]*\n/,
        /\s+\[Confirm: confirm ([A-Z2-9]{6})\]\n/,
        /[\s\S]*?\(clicked Confirm: confirm [A-Z2-9]{6}\)\n/,
        /Tandem \(only you see this\):\n\s+The weekly tactical sync is off/,
      ]),
    );
    expect(out).toMatch(/Tandem posted:\n\s+alice \(Acme\) changed the weekly tactical sync: state: on → off/);
  });

  it('a non-manager is refused', () => {
    expect(out).toMatch(
      joinPatterns([
        /bob> cadence set monthly first monday 09:00\nTandem \(only you see this\):\n/,
        /\s+Only managers of this channel can run `cadence set`\. Here, managers of Acme \(internal IT\): @alice;/,
      ]),
    );
  });

  it('both reminders of the November review arrive, a day and 15 minutes before, with October’s figures', () => {
    const dayBefore = postAt('Thu 26 Nov 2026 15:00 EST');
    const quarterHour = postAt('Fri 27 Nov 2026 14:45 EST');
    expect(dayBefore).toContain('== Monthly operational review — tomorrow at 15:00 ==');
    expect(quarterHour).toContain('== Monthly operational review — in 15 min ==');
    for (const post of [dayBefore!, quarterHour!]) {
      expect(post).toContain('@it-team and @noc: the monthly operational review is on Fri 27 Nov 2026 15:00–16:00 EST');
      expect(post).toContain('Agenda — October 2026');
      expect(post).toContain('Escalations opened: 3');
      expect(post).toContain('By area: complex network issues 2 · backup and disaster recovery 1');
      expect(post).toContain('Opened by: Acme (internal IT) 3 · Northwind (MSP) 0\n');
      expect(post).toContain('Handled by (receiving side): Acme (internal IT) 0 · Northwind (MSP) 3');
      expect(post).toContain(
        'MTTA by handling side: Acme (internal IT) none handled · Northwind (MSP) median 10 min, 90th percentile ' +
          '40 min (3 acknowledged)',
      );
      // Acknowledged after 10, 40 and 8 minutes; resolved after 2 h 10 min and 5 h 40 min.
      expect(post).toContain('MTTA (time to acknowledge): median 10 min, 90th percentile 40 min (3 acknowledged)');
      expect(post).toContain(
        'MTTR (time to resolve): median 3 h 55 min, 90th percentile 5 h 40 min (2 resolved, 1 unresolved)',
      );
      expect(post).toContain('Opened after hours: 1 of 3 (33%)');
      expect(post).toContain('Acknowledgement timeouts missed: 1 (ESC-3)');
    }
  });

  it('the October review was reminded too (September had nothing), and no reminder came twice', () => {
    expect(postAt('Thu 29 Oct 2026 15:00 EDT')).toContain('No escalations were opened in September 2026.');
    expect(out.match(/== Monthly operational review — tomorrow at 15:00 ==/g)).toHaveLength(2);
    expect(out.match(/== Monthly operational review — in 15 min ==/g)).toHaveLength(2);
    // The default first-Wednesday review (7 Oct, 4 Nov) was replaced; the weekly sync is off.
    expect(out).not.toMatch(/Wed 4 Nov 2026 14:00–15:00 EST \(in/);
    expect(out).not.toContain('== Weekly tactical sync');
  });
});
