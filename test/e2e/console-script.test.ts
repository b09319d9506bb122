import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../helpers/console-process.js';
import { joinPatterns } from '../helpers/pattern.js';

describe('npm start -- --script', { timeout: 90_000 }, () => {
  it('answers who owns with a typo after setup, as a real process on an on-disk database', () => {
    const run = runScript([
      ':as alice',
      '/tandem setup org:Acme msp:Northwind tz:America/New_York',
      ':at 2026-11-30T10:00',
      '/tandem who owns bakups',
      ':as bob',
      '/tandem matrix set patching business:internal',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('alice> /tandem who owns bakups');
    expect(run.stdout).toMatch(
      /backup and disaster recovery is owned by Northwind \(MSP\) right now \(business hours\)/,
    );
    expect(run.stdout).toContain('(the time is now Mon 30 Nov 2026 10:00 EST)');
    expect(run.stdout).toMatch(/During business hours|After hours: Northwind \(MSP\)/);
    expect(run.stdout).toMatch(
      joinPatterns([
        /bob> \/tandem matrix set patching business:internal\n/,
        /Tandem \(only you see this\):\n\s+Only managers of this channel/,
      ]),
    );
    expect(existsSync(join(run.dir, 'tandem.db'))).toBe(true);
  });

  it('keeps its data across runs on the same database', () => {
    const first = runScript([
      ':as alice',
      'setup org:Acme msp:Northwind tz:Europe/London',
      'matrix set "badge readers" business:internal aliases:"door access, key cards"',
    ]);
    expect(first.stdout).toMatch(/Added badge readers/);
    expect(first.stdout).not.toContain('UTC: the channel has no timezone');
    const second = runScript([':at 2026-12-01T12:00', 'who owns key cards'], {}, first.dir);
    expect(second.stdout).toMatch(/badge readers is owned by Acme \(internal IT\) right now \(business hours\)/);
  });

  it(':at jumps the clock: scheduled posts are planned from the new time, nothing in between is posted late', () => {
    const run = runScript([
      ':as alice',
      'setup org:Acme msp:Northwind tz:America/New_York',
      ':at 2026-12-02T07:30',
      ':advance 1h',
    ]);
    const posts = run.stdout.match(/\[[^\]]+\] Tandem posted:/g) ?? [];
    expect(posts).toEqual(['[Wed 2 Dec 2026 08:00 EST] Tandem posted:']);
    expect(run.stdout).not.toMatch(/late/i);
  });

  it('stops with a clear message naming a bad configuration value', () => {
    const run = runScript(['help'], { LOG_LEVEL: 'loud' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/LOG_LEVEL: .*"fatal".*"trace"/);
    expect(run.stdout).toBe('');
  });
});
