import { describe, expect, it } from 'vitest';
import { runScript } from '../helpers/console-process.js';

// The console's own behaviour, through `npm start -- --script` as a real process: blocks, and :at as a jump.

describe('the console', { timeout: 90_000 }, () => {
  it('reads matrix import and the CSV lines after it, up to a blank line, as one message', () => {
    const run = runScript([
      'setup org:Acme msp:Northwind tz:America/New_York',
      'matrix import',
      'area,business,after_hours,contact,aliases,note',
      'backups,msp,msp,,"backup, restore",',
      'printers,internal,msp,,toner,',
      '',
      ':click Confirm',
      'who owns toner',
    ]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('(reading the lines that follow as one message, up to a blank line)');
    expect(run.stdout).toContain('… printers,internal,msp,,toner,');
    expect(run.stdout).toContain('Imported the matrix: 2 areas (it had 26).');
    expect(run.stdout).not.toMatch(/I don't know the command/);
    expect(run.stdout).toMatch(/\n {2}printers is owned by /);
  });

  it('says :at before setup reads UTC, and setup offers to read it again in the new zone', () => {
    const run = runScript([
      ':at 2026-11-27T10:00',
      'setup org:Acme msp:Northwind tz:America/New_York',
      ':at 2026-11-27T10:00',
    ]);
    expect(run.stdout).toContain('(the time is now Fri 27 Nov 2026 10:00 UTC — read as UTC: the channel has no');
    expect(run.stdout).toContain(
      '(The clock was set with :at 2026-11-27T10:00 before the channel had a timezone, so it was read as UTC; in ' +
        'America/New_York it is Fri 27 Nov 2026 05:00 EST. To read 2026-11-27T10:00 as America/New_York time ' +
        'instead, type :at 2026-11-27T10:00)',
    );
    expect(run.stdout).toContain('(the time is now Fri 27 Nov 2026 10:00 EST)');
  });

  it(':at jumps over a morning post without posting it late; ladder steps still waiting come at the new time', () => {
    const run = runScript([
      'setup org:Acme msp:Northwind tz:America/New_York',
      ':at 2026-11-27T10:00',
      'escalate server down p2',
      // Tuesday 10:00: Monday's and Tuesday's morning posts and days of re-notifications fell due in between.
      ':at 2026-12-01T10:00',
      ':advance 20m',
    ]);
    expect(run.stdout).not.toMatch(/Posted late|was not running/);
    expect(run.stdout).not.toContain('Morning handoff');
    // The P2 ladder's two later steps (15 and 60 minutes) were both due: each comes once, at the new time.
    const steps = run.stdout.match(/\[[^\]]+\] Tandem replied in the thread of ESC-1:\n.*\n.*Step \d of 3/g) ?? [];
    expect(steps.map((s) => `${s.slice(0, 26)} ${s.slice(-11)}`)).toEqual([
      '[Tue 1 Dec 2026 10:00 EST] Step 2 of 3',
      '[Tue 1 Dec 2026 10:00 EST] Step 3 of 3',
    ]);
  });
});
