import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runScript } from '../helpers/console-process.js';

const script = readFileSync(join(ROOT, 'examples', 'paging.txt'), 'utf8').split('\n');

describe('examples/paging.txt through npm start -- --script, with examples/integrations.yaml', () => {
  const run = runScript(script, { TANDEM_INTEGRATIONS: join(ROOT, 'examples', 'integrations.yaml') });
  const out = run.stdout;

  it('runs cleanly as a real process, without the secrets (the console sends nothing)', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('lists the configured integrations and where they are used', () => {
    expect(out).toContain('pagerduty-msp — PagerDuty; sends to events.pagerduty.com');
    expect(out).toContain('mail-noc — e-mail; to noc@northwind.example');
  });

  it('prints what each paging step would send, at its minute, and the acknowledgement PagerDuty would hear', () => {
    expect(out).toContain(
      '[Mon 30 Nov 2026 21:15 EST] Tandem would send → pagerduty-msp (PagerDuty): trigger ESC-1 (P1, critical) ' +
        '“VPN down for the Boston office” — key tandem-1-ESC-1, step 5 min, ' +
        'links https://psa.example.com/tickets/48213',
    );
    // The page comes from the P1 ladder's second step, said in the card's thread.
    expect(out).toContain('The P1 ladder is now 0:team 5:pagerduty-msp 15:managers');
    expect(out).toMatch(/Step 2 of 3 \(pagerduty-msp\)/);
    expect(out).toContain('[Mon 30 Nov 2026 21:20 EST] Tandem would send → mail-noc (e-mail): trigger ESC-1');
    expect(out).toMatch(/would send → pagerduty-msp \(PagerDuty\): acknowledge ESC-1 .* by bob/);
    expect(out).toMatch(/would send → pagerduty-msp \(PagerDuty\): resolve ESC-1/);
    expect(out).not.toMatch(/mail-noc \(e-mail\): (acknowledge|resolve)/);
  });

  it('a missing integrations file stops the start with the variable and the path', () => {
    const bad = runScript(['help'], { TANDEM_INTEGRATIONS: '/nonexistent/integrations.yaml' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('the integrations file /nonexistent/integrations.yaml (TANDEM_INTEGRATIONS)');
  });
});
