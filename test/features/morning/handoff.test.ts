import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from '../../harness.js';
import { makeMorningChannel, sayAt } from '../../helpers/morning-channel.js';

// `handoff`: the preview of the next morning post, for the asker only.

let open: Harness[] = [];
afterEach(() => {
  for (const t of open) t.close();
  open = [];
});
async function tandem(at: string): Promise<Harness> {
  const t = await makeMorningChannel(at);
  open.push(t);
  return t;
}

describe('handoff: the preview', () => {
  it('shows the next morning post only to the asker, as it stands now, and posts nothing', async () => {
    const t = await tandem('2026-11-27T16:30');
    await sayAt(t, '2026-11-28T02:00', 'nina', 'escalate VPN down at the warehouse p4');
    await sayAt(t, '2026-11-28T03:00', 'nina', 'handoff note rebooted the concentrator');
    const before = t.chat.delivered.length;
    const reply = await t.handle('bob', 'handoff');
    expect(reply.visibility).toBe('ephemeral');
    const text = (await t.sayText('bob', '/handoff')).split('\n');
    expect(text[0]).toBe('== Preview: Morning handoff — Mon 30 Nov ==');
    expect(text).toContain('  This is a preview. The post goes to the channel at Mon 30 Nov 2026 08:00 EST.');
    expect(text).toContain('  The window is still open: this is what the post would say now.');
    expect(text).toContain(
      '  • ESC-1 · P4 · VPN down at the warehouse — not acknowledged yet, waiting for Northwind (MSP)',
    );
    expect(text).toContain('  • Sat 28 Nov 03:00 EST · @nina: rebooted the concentrator');
    expect(t.chat.delivered.length).toBe(before);
  });

  it('before the window opens it holds only the notes left with --overnight', async () => {
    const t = await tandem('2026-11-27T14:00');
    expect(await t.sayText('carol', 'handoff note the CFO is travelling, expect VPN calls')).toBe(
      [
        'Logged at 14:00 EST.',
        'It is business hours, so this note is in no morning post. To put a note in the next one (Mon 30 Nov 2026 ' +
          '08:00 EST), write it with `--overnight`: `handoff note --overnight <text>`.',
      ].join('\n'),
    );
    expect(await t.sayText('carol', 'handoff note --overnight the CFO is travelling, expect VPN calls')).toBe(
      'Logged at 14:00 EST as an overnight note: it will be in the morning handoff posted Mon 30 Nov 2026 08:00 EST.',
    );
    const preview = await t.sayText('carol', 'handoff');
    expect(preview).toContain(
      'Its window opens at Fri 27 Nov 2026 17:00 EST; until then only notes logged with `handoff note --overnight` ' +
        'are in it.',
    );
    expect(preview.match(/expect VPN calls/g)).toHaveLength(1);
    expect(preview).toContain('In this window: no escalations · 1 note.');
  });

  it('points a mistyped handoff to the right commands', async () => {
    const t = await tandem('2026-11-27T14:00');
    expect(await t.sayText('bob', 'handoff notes')).toMatch(
      /`handoff` alone previews the next morning post\. To log what you did: `handoff note <text>`/,
    );
    expect(await t.sayText('bob', 'handoff note')).toMatch(/Say what you did/);
  });
});
