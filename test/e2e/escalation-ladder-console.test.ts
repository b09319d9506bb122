import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runScript } from '../helpers/console-process.js';

/** The transcript from the line `from` up to the next prompt of a person or the next comment. */
function replyTo(out: string, from: string): string {
  const start = out.indexOf(`${from}\n`);
  expect(start, `the transcript has “${from}”`).toBeGreaterThanOrEqual(0);
  const rest = out.slice(start + from.length + 1);
  const end = rest.search(/\n(?:[a-z]+> |# )/);
  return end < 0 ? rest : rest.slice(0, end);
}

/** The ladder steps of one escalation, as `HH:MM who`, in order. */
function stepsOf(out: string, id: string): string[] {
  const re = new RegExp(
    String.raw`\[\w{3} \d+ \w{3} 2026 (\d\d:\d\d) EST\] Tandem replied in the thread of ${id}[^\n]*:\n` +
      String.raw`\s+(@[\w-]+(?: \([^)]*\))?): ${id} `,
    'g',
  );
  return [...out.matchAll(re)].map((m) => `${m[1]} ${m[2]}`);
}

describe('examples/escalation-ladder.txt through npm start -- --script', () => {
  const lines = readFileSync(join(ROOT, 'examples/escalation-ladder.txt'), 'utf8').split('\n');
  const run = runScript(lines);
  const out = run.stdout;

  it('runs cleanly as a real process', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('the 02:00 P1 on an area the internal on-call owns after hours goes to the internal side, as who owns', () => {
    expect(replyTo(out, 'sam> who owns the ERP')).toContain(
      'business applications is owned by Acme (internal IT) right now (after hours).',
    );
    const opened = replyTo(out, 'sam> escalate ERP batch jobs failing area:"business applications" p1');
    expect(opened).toContain(
      'ESC-1 is open and posted to the channel for Acme (internal IT): business applications is theirs after hours.',
    );
    expect(opened).toContain('To: @it-team (Acme, internal IT) · contact @erp-oncall');
  });

  it('a P1 left alone climbs team → contact → managers at 0/5/15 minutes in the thread; one top-level post', () => {
    expect(stepsOf(out, 'ESC-1')).toEqual(['02:05 @erp-oncall', '02:15 @dana']);
    expect(out.match(/Tandem posted:\n\s+== ESC-1 ·/g)).toHaveLength(1);
    expect(out).toContain('Tandem replied in the thread of ESC-1, also shown in the channel:');
    expect(replyTo(out, 'dana> ack ESC-1')).toContain('Ladder: stopped at step 3 of 3 (managers).');
  });

  it('an acknowledgement stops the ladder before the managers', () => {
    expect(stepsOf(out, 'ESC-2')).toEqual(['03:05 @pat']);
    expect(replyTo(out, 'bob> ack ESC-2')).toContain('Ladder: stopped at step 2 of 3 (contact).');
  });

  it('to: overrides the matrix, and the card says what the matrix says', () => {
    const opened = replyTo(
      out,
      'bob> escalate firewall rule needs Acme\'s sign-off area:"complex network issues" p2 to:internal',
    );
    expect(opened).toContain('sent there by choice; the matrix says Northwind (MSP).');
    expect(opened).toContain('Routing: sent to Acme by choice; the matrix says Northwind');
  });

  it('a P3 opened Saturday 22:00 notifies the MSP once and waits until Monday 08:00 for its next step', () => {
    expect(replyTo(out, 'dana> escalate VPN slow for one user p3')).toContain(
      'next: contact at Mon 7 Dec 2026 08:00 EST (waits for business hours)',
    );
    expect(stepsOf(out, 'ESC-4')).toEqual(['08:00 @pat']);
    expect(out).toContain('[Mon 7 Dec 2026 08:00 EST] Tandem replied in the thread of ESC-4:');
  });

  it('a manager changes a ladder and sees every ladder; minutes out of order are refused', () => {
    const changed = replyTo(out, 'dana> escalations ladder p2 0:team 10:contact 30:managers');
    expect(changed).toContain('The P2 ladder is now 0:team 10:contact 30:managers.');
    expect(changed).toContain('P1: 0:team 5:contact 15:managers');
    expect(changed).toContain('P3: 0:team 60:contact · later steps wait for business hours');
    expect(replyTo(out, 'dana> escalations ladder p2 0:team 30:contact 10:managers')).toContain(
      'The minutes go up step by step: “10:managers” comes after a step at 30 minutes.',
    );
  });
});
