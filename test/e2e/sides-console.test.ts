import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runScript } from '../helpers/console-process.js';
import { joinPatterns } from '../helpers/pattern.js';

const script = (name: string) => readFileSync(join(ROOT, 'examples', name), 'utf8').split('\n');

/** The transcript from the line `from` up to the next prompt of a person or the next comment. */
function replyTo(out: string, from: string): string {
  const start = out.indexOf(`${from}\n`);
  expect(start, `the transcript has “${from}”`).toBeGreaterThanOrEqual(0);
  const rest = out.slice(start + from.length + 1);
  const end = rest.search(/\n(?:[a-z]+> |# )/);
  return end < 0 ? rest : rest.slice(0, end);
}

describe('examples/two-sides.txt through npm start -- --script', () => {
  const run = runScript(script('two-sides.txt'));
  const out = run.stdout;

  it('runs cleanly as a real process', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('offers to place a new organisation, and once it is mapped the card says the escalation came from the MSP', () => {
    expect(
      replyTo(out, 'nina> escalate new starter on Monday needs a laptop area:"onboarding and offboarding"'),
    ).toContain(
      'Organisation `northwind` is new in this channel. A manager places everyone from it with `people org ' +
        'northwind internal` or `people org northwind msp`.',
    );
    expect(out).toMatch(/== ESC-1 · P3 · Open ==[\s\S]*?From: @nina · side unknown/);
    expect(out).toMatch(/== ESC-2 · P3 · Open ==[\s\S]*?From: @nina · @northwind-noc \(Northwind, MSP\)/);
    expect(out).toContain(
      'dana (Acme) mapped organisation northwind to Northwind (MSP): everyone from it is placed there',
    );
  });

  it("the MSP's manager adds to the MSP side but cannot remove the internal manager", () => {
    expect(out).toContain('sam (Northwind) made @nina a manager of Northwind (MSP)');
    expect(replyTo(out, 'sam> managers remove @dana')).toContain(
      '@dana is the last manager of Acme (internal IT); each side always keeps one.',
    );
    expect(replyTo(out, 'sam> managers')).toMatch(
      /Managers of Acme \(internal IT\): @dana\n\s+Managers of Northwind \(MSP\): @sam, @nina/,
    );
  });

  it('matrix import shows its diff and changes nothing until confirmed', () => {
    const asked = replyTo(out, '… backup and disaster recovery,msp,msp,@sam,"backups, restore",');
    expect(asked).toContain('This import replaces the whole matrix: 2 areas; it adds 0, changes 2, removes 24.');
    expect(asked).toContain('• patching — business: msp → internal; contact: — → @dana');
    expect(asked).toMatch(/Removes \(24\)\n\s+• L1 support \/ help desk/);
    expect(asked).toMatch(/\[Confirm: confirm [A-Z2-9]{6}\]/);
    // Asked, not confirmed: the help desk area still answers; after the click it is gone.
    const [beforeClick, afterClick] = out
      .split('dana> who owns password reset\n')
      .slice(1)
      .map((s) => s.split('\n')[1]);
    expect(beforeClick).toContain('L1 support / help desk is owned by Acme (internal IT)');
    expect(afterClick).toContain('Nothing in the matrix matches “password reset”');
  });

  it('matrix restore brings back the version before the import', () => {
    expect(replyTo(out, 'dana> matrix history')).toMatch(
      joinPatterns([
        /• 2 · [^\n]* · dana · matrix.import 2 areas \(current\)\n/,
        /\s+• 1 · [^\n]* · dana · setup channel/,
      ]),
    );
    expect(out).toContain('Version 1 of the matrix is back: 26 areas.');
    const last = out.split('dana> who owns password reset\n').at(-1)!;
    expect(last.split('\n')[1]).toContain('L1 support / help desk is owned by Acme (internal IT)');
    expect(replyTo(out, 'dana> audit 5')).toMatch(/dana · matrix.restore version 1 — version 2 → version 1/);
  });
});

describe('examples/refusal-flood.txt through npm start -- --script', () => {
  const run = runScript(script('refusal-flood.txt'));
  const out = run.stdout;

  it('50 refusals leave the last real change at the top of audit, and are counted apart', () => {
    expect(run.stderr).toBe('');
    expect(
      out.match(/mallory> hours set mon-sun 00:00-23:59\nTandem \(only you see this\):\n\s+Only managers/g),
    ).toHaveLength(50);
    const audit = replyTo(out, 'dana> audit 3');
    expect(audit).toMatch(
      joinPatterns([
        /The last 2 changes, newest first\n\s+• [^\n]* · dana · hours.set business hours — /,
        /Mon–Fri 08:00–17:00 \(America\/New_York\) → Mon–Fri 07:30–17:30/,
      ]),
    );
    expect(audit).not.toContain('mallory');
    expect(replyTo(out, 'dana> audit refusals')).toMatch(
      /• mallory · hours.set · 50 times, Mon 30 Nov 2026 10:00 EST — /,
    );
  });
});
