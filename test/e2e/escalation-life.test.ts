import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runScript } from '../helpers/console-process.js';
import { joinPatterns } from '../helpers/pattern.js';

/** The transcript from `from` up to (not including) the next line that starts with `until`. */
function section(out: string, from: string, until: RegExp): string {
  const start = out.indexOf(from);
  expect(start, `transcript has “${from}”`).toBeGreaterThanOrEqual(0);
  const rest = out.slice(start + from.length);
  const end = rest.search(until);
  return end < 0 ? rest : rest.slice(0, end);
}

describe('examples/escalation-life.txt through npm start -- --script', () => {
  const lines = readFileSync(join(ROOT, 'examples/escalation-life.txt'), 'utf8').split('\n');
  const run = runScript(lines);
  const out = run.stdout;

  it('runs cleanly as a real process', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('opens ESC-1 after hours for the MSP and posts its card', () => {
    expect(out).toContain(
      'alice> escalate VPN down for the Boston office p1 ticket:https://psa.example.com/tickets/48213',
    );
    expect(out).toMatch(
      /ESC-1 is open and posted to the channel for Northwind \(MSP\): complex network issues is theirs after hours\./,
    );
    const card = section(out, 'Tandem posted:\n  == ESC-1 · P1 · Open ==', /\n\S/);
    expect(card).toContain('To: @northwind-noc (Northwind, MSP) · contact @pat');
    expect(card).toContain('Ladder: step 1 of 3 (team); next: contact at Mon 30 Nov 2026 21:15 EST');
    expect(card).toContain('Opened: Mon 30 Nov 2026 21:10 EST · after hours');
    expect(card).toContain('[Acknowledge: ack ESC-1]  [Resolve: resolve ESC-1]  [Hand back: handback ESC-1]');
  });

  it('after 5 minutes the ladder reaches the contact, in the card’s thread', () => {
    const renotify = out.match(
      joinPatterns(
        [
          /\[[^\]]*21:15[^\]]*\] Tandem replied in the thread of ESC-1:\n/,
          /\s+@pat: ESC-1 \(P1\) has waited 5 min without acknowledgement/,
        ],
        'g',
      ),
    );
    expect(renotify).toHaveLength(1);
    expect(out.match(/without acknowledgement/g)).toHaveLength(1);
  });

  it('the MSP acknowledges and hands back; the same card is updated each time', () => {
    const afterAck = section(out, 'bob> ack ESC-1', /\n(bob|carol)> /);
    expect(afterAck).toContain('You acknowledged ESC-1');
    expect(afterAck).toMatch(/Tandem updated its post:\n\s+== ESC-1 · P1 · Acknowledged ==/);
    expect(afterAck).toContain('State: Acknowledged by @bob, Mon 30 Nov 2026 21:16 EST');
    const afterHandback = section(out, 'bob> handback ESC-1', /\n(bob|carol)> /);
    expect(afterHandback).toMatch(/Tandem updated its post:\n\s+== ESC-1 · P1 · Handed back ==/);
    expect(afterHandback).toContain(
      'State: Handed back to @it-team (Acme, internal IT) by @bob, Mon 30 Nov 2026 21:46 EST — “VPN up on the ' +
        'backup link, ISP case 7781 open; confirm with the Boston office this morning”',
    );
    expect(afterHandback).toContain('[Acknowledge: ack ESC-1]  [Resolve: resolve ESC-1]');
  });

  it('the internal team finds it in the morning, picks it up and resolves it', () => {
    // The 08:00 morning post (another feature) lists what was handed back.
    expect(section(out, '[Tue 1 Dec 2026 08:00 EST] Tandem posted:', /\n\S/)).toContain('ESC-1');
    expect(section(out, 'carol> escalations\n', /\ncarol> /)).toContain(
      'ESC-1 · P1 · handed back to Acme (internal IT)',
    );
    const resolved = section(out, 'carol> resolve ESC-1', /\ncarol> /);
    expect(resolved).toMatch(/Tandem updated its post:\n\s+== ESC-1 · P1 · Resolved ==/);
    expect(resolved).toContain(
      'State: Resolved by @carol, Tue 1 Dec 2026 09:05 EST — “confirmed with Boston: everyone connected; ISP fixed ' +
        'the circuit”',
    );
    expect(resolved).not.toContain('[Acknowledge');
    expect(section(out, 'carol> escalations all', /$^/)).toContain('ESC-1 · P1 · resolved');
    // One card for the whole life: posted once, then only updated.
    expect(out.match(/Tandem posted:\n\s+== ESC-1/g)).toHaveLength(1);
    expect(out.match(/Tandem updated its post:\n\s+== ESC-1/g)!.length).toBeGreaterThanOrEqual(5);
  });
});
