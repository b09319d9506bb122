import { afterEach, describe, expect, it } from 'vitest';
import { readPriorityPhrase, readPriorityWord } from '../../../src/features/escalation/priority-words.js';
import type { Harness } from '../../harness.js';
import { escalationSnapshot, makeEscalationChannel } from '../../helpers/escalation-channel.js';

const DAY = '2026-12-01T15:00:00Z'; // Tue 1 Dec 10:00 EST

describe('readPriorityWord', () => {
  it('takes p1–p4, reads p0 and sev0–sev4 as the nearest priority and says so, refuses the rest', () => {
    expect(readPriorityWord('P2')).toEqual({ kind: 'priority', priority: 'P2' });
    expect(readPriorityWord('p0')).toMatchObject({ kind: 'priority', priority: 'P1', mapped: /^P0 read as P1/ });
    expect(readPriorityWord('sev1')).toMatchObject({ kind: 'priority', priority: 'P1', mapped: /^SEV1 read as P1/ });
    expect(readPriorityWord('SEV-3')).toMatchObject({ kind: 'priority', priority: 'P3' });
    expect(readPriorityWord('severity0')).toMatchObject({ kind: 'priority', priority: 'P1' });
    expect(readPriorityWord('p5')).toMatchObject({ kind: 'refused', message: /“p5” is not a priority/ });
    expect(readPriorityWord('sev9')).toMatchObject({ kind: 'refused' });
    expect(readPriorityWord('URGENT!')).toMatchObject({ kind: 'refused', message: /p1 \(the most urgent\) to p4/ });
    expect(readPriorityWord('printer')).toBeNull();
    expect(readPriorityWord('p2p')).toBeNull();
    expect(readPriorityPhrase('high', 'priority')).toMatchObject({ kind: 'refused' });
    expect(readPriorityPhrase('top', 'secret')).toBeNull();
  });
});

describe('escalate swallows no mistake', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('P0 opens a P1 and the reply says how it was read; nothing of it lands in the summary', async () => {
    h = await makeEscalationChannel({ start: DAY });
    const reply = await h.sayText('alice', 'escalate payroll server down P0');
    expect(reply).toMatch(/ESC-1 is open[\s\S]* · P1 · [\s\S]*P0 read as P1: Tandem's priorities run from P1/);
    expect(h.cardText(1)).toMatch(/^== ESC-1 · P1 · Open ==\npayroll server down\n/);
  });

  it.each([
    [
      'escalate disk full on FS01 tikcet:HL-2231',
      /`tikcet:` is not an option of `escalate`\. Did you mean `ticket:`\?/,
    ],
    ['escalate payroll down urgent', /“urgent” reads like a priority: say how urgent with p1/],
    ['escalate printer jam p7', /“p7” is not a priority/],
    ['escalate printer jam low priority', /“low priority” reads like a priority/],
    ['escalate VPN flapping priority:urgent', /“urgent” reads like a priority/],
  ])('%s is refused with the right form and opens nothing', async (line, message) => {
    h = await makeEscalationChannel({ start: DAY });
    const before = escalationSnapshot(h);
    expect(await h.sayText('alice', line)).toMatch(message);
    expect(escalationSnapshot(h)).toBe(before);
  });

  it('keeps a quoted word and a link in the summary', async () => {
    h = await makeEscalationChannel({ start: DAY });
    await h.say('alice', 'escalate "urgent" request from the CFO: see https://status.example.com p4');
    expect(h.cardText(1)).toMatch(/\nurgent request from the CFO: see https:\/\/status\.example\.com\n/);
  });
});
