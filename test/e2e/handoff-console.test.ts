import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runScript } from '../helpers/console-process.js';
import { joinPatterns } from '../helpers/pattern.js';

/** The block printed for one post: its `[time] Tandem posted:` line and the indented lines after it. */
function postsIn(stdout: string): { at: string; text: string }[] {
  const out: { at: string; text: string }[] = [];
  const lines = stdout.split('\n');
  lines.forEach((line, i) => {
    const m = /^\[(.+)\] Tandem posted:$/.exec(line);
    if (!m) return;
    const body: string[] = [];
    for (let j = i + 1; j < lines.length && lines[j]!.startsWith('  '); j++) body.push(lines[j]!.slice(2));
    out.push({ at: m[1]!, text: body.join('\n') });
  });
  return out;
}

describe('examples/weekend-handoff.txt through npm start -- --script', () => {
  it(
    'posts Monday’s morning handoff at 08:00 local with everything from Friday 17:00 on, and nothing on the ' +
      'weekend',
    () => {
      const script = readFileSync(join(ROOT, 'examples/weekend-handoff.txt'), 'utf8').split('\n');
      const run = runScript(script);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);

      // Friday 16:30 the preview already holds the note left for the night.
      expect(run.stdout).toContain(
        'bob> handoff\nTandem (only you see this):\n  == Preview: Morning handoff — Mon 30 Nov ==',
      );
      expect(run.stdout).toMatch(
        joinPatterns([
          /== Preview: Morning handoff — Mon 30 Nov ==\n(?: {2}.*\n)*?/,
          / {4}• Fri 27 Nov 16:30 EST · @bob: the CFO travels this weekend/,
        ]),
      );

      const mornings = postsIn(run.stdout).filter((p) => p.text.startsWith('== Morning handoff'));
      expect(mornings.map((p) => p.at)).toEqual(['Mon 30 Nov 2026 08:00 EST']);
      const post = mornings[0]!.text;
      expect(post).toContain(
        '@it-team: here is what happened over the weekend, from Fri 27 Nov 17:00 EST to Mon 30 Nov 08:00 EST ' +
          '(63 hours).',
      );
      expect(post).toMatch(
        joinPatterns([
          /Handed back for internal follow-up \(1\)\n {2}• ESC-3 · P4 · new hire laptop not enrolled in Intune — /,
          /handed back by @nina, Sat 28 Nov 04:00 EST: “needs HR approval in the portal before enrolment”/,
        ]),
      );
      expect(post).toMatch(
        joinPatterns([
          /Still open \(1\)\n {2}• ESC-4 · P1 · phishing report from the CFO — /,
          /acknowledged by @omar, Sun 29 Nov 09:00 EST/,
        ]),
      );
      expect(post).toMatch(
        joinPatterns([
          /Resolved overnight \(1\)\n {2}• ESC-2 · P2 · VPN down at the Boston warehouse — /,
          /resolved by @nina, Fri 27 Nov 19:00 EST: “restarted the tunnel on the concentrator”/,
        ]),
      );
      expect(post).toContain('Fri 27 Nov 16:30 EST · @bob: the CFO travels this weekend; expect VPN calls');
      expect(post).toContain('Sat 28 Nov 04:00 EST · @nina: patched the file server; rebooted at 03:40');
      expect(post).toContain('Sun 29 Nov 09:00 EST · @omar on ESC-4: vendor case 7781 opened; mailbox rules removed');
      // The printer escalation of Friday 16:30 was business hours: not in the window, only still open.
      expect(post).not.toMatch(/• ESC-1/);
      expect(post).toContain('Still unresolved from before this window: ESC-1.');
      expect(post).toContain('In this window: 3 escalations — 1 resolved, 1 handed back, 1 still open · 4 notes.');
      expect(run.stdout.trimEnd().endsWith('(the time is now Mon 30 Nov 2026 09:00 EST)')).toBe(true);
    },
  );
});
