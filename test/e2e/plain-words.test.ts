import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runScript } from '../helpers/console-process.js';

describe('examples/plain-words.txt through `npm start -- --script`', { timeout: 90_000 }, () => {
  const lines = readFileSync(join(ROOT, 'examples/plain-words.txt'), 'utf8').split('\n');
  const run = runScript(lines);
  const out = run.stdout;
  /** What Tandem answered to `line` (typed by `who`), up to the next line typed. */
  const answer = (who: string, line: string) => {
    const start = out.indexOf(`${who}> ${line}\n`);
    if (start < 0) return `(“${line}” was not typed)`;
    const rest = out.slice(start + who.length + line.length + 3);
    const next = rest.search(/^(?:\w+> |# )/m);
    return next < 0 ? rest : rest.slice(0, next);
  };

  it('runs cleanly', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('refuses a zone abbreviation with the zones it may mean, and stores the zone in its proper case', () => {
    expect(answer('alice', 'setup org:Acme msp:Northwind tz:AEST')).toMatch(
      /“AEST” is an abbreviation or an offset, not a timezone[^\n]*Did you mean Australia\/Sydney/,
    );
    expect(answer('alice', 'setup org:Acme msp:Northwind tz:australia/sydney')).toContain(
      'Business hours: Mon–Fri 08:00–17:00 (Australia/Sydney)',
    );
    expect(out).toContain('(the time is now Thu 3 Dec 2026 07:00 AEDT)');
  });

  it('answers questions in the words people use, as a command and as a mention', () => {
    const asked: [string, string][] = [
      ['@Tandem who is responsible for backups?', 'backup and disaster recovery'],
      ['hey, who do I call about the VPN', 'complex network issues'],
      ['which team owns e-mail?', 'email and collaboration'],
      ['whose is netsuite', 'business applications'],
      ['who own the wildcard cert', 'certificates, domains and DNS'],
    ];
    for (const [question, area] of asked) expect(answer('alice', question)).toContain(`  ${area} is owned by `);
  });

  it('suggests a command only when one is close, and help fits a screen', () => {
    expect(answer('alice', 'foo')).toContain("I don't know the command “foo”. Type `help`");
    expect(answer('alice', 'foo')).not.toMatch(/Did you mean/);
    expect(answer('alice', 'matrix sett patching business:msp')).toContain('Did you mean `matrix set`?');
    expect(answer('alice', 'help').split('\n').length).toBeLessThan(12);
    expect(answer('alice', 'help matrix set')).toContain('aliases+:"c" aliases-:"d"');
  });

  it('adds and removes aliases without replacing the rest, and asks before a near-duplicate area', () => {
    expect(answer('alice', 'matrix set "complex network issues" aliases+:"meraki dashboard, vpn"')).toMatch(
      /Aliases added meraki dashboard; vpn was already there; now firewall, /,
    );
    expect(answer('alice', 'who owns the meraki dashboard')).toContain('complex network issues is owned by');
    expect(answer('alice', 'matrix set "complex network issues" aliases-:"meraki dashboard"')).toContain(
      'Aliases removed meraki dashboard; now firewall, ',
    );
    expect(answer('alice', 'matrix set network')).toMatch(
      /`who owns network` already answers “complex network issues”[\s\S]*`matrix set "network" new:yes`/,
    );
  });

  it('shows how it read a priority, and refuses words it cannot read instead of filing them in the summary', () => {
    expect(answer('bob', 'escalate payroll server down P0')).toContain('P0 read as P1');
    expect(out).toContain('== ESC-1 · P1 · Open ==\n  payroll server down\n');
    expect(answer('bob', 'escalate payroll server down urgent')).toContain('“urgent” reads like a priority');
    expect(answer('bob', 'escalate label printer jams tikcet:HL-2231')).toContain('Did you mean `ticket:`?');
    expect(out).not.toContain('ESC-2');
  });

  it('takes 12-hour times and spaced ranges, and moves a reminder off the weekend', () => {
    expect(answer('alice', 'hours set mon-fri 7:30am-5:30pm')).toContain('Mon–Fri 07:30–17:30 (Australia/Sydney)');
    expect(answer('alice', 'hours set mon-fri 07:30 - 17:30')).toContain('Mon–Fri 07:30–17:30 (Australia/Sydney)');
    // The Monday 09:00 sync's day-before reminder comes on Friday at 09:00, not on Sunday.
    const status = answer('alice', 'status');
    expect(status).toContain('Fri 4 Dec 2026 09:00 AEDT — sync reminder');
    expect(status).not.toMatch(/Sun 6 Dec/);
  });

  it('reads a multi-line matrix import up to the blank line', () => {
    expect(answer('alice', 'matrix import')).toContain('This import replaces the whole matrix: 2 areas;');
    expect(answer('alice', ':click Confirm')).toContain('Imported the matrix: 2 areas (it had 26).');
    expect(answer('alice', 'who owns windows updates')).toContain('patching is owned by Northwind (MSP)');
  });
});
