import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from '../../harness.js';
import { makeMorningChannel } from '../../helpers/morning-channel.js';

// `handoff time`: when the morning post goes out, set by a manager.

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

describe('handoff time: when the post goes out (managers)', () => {
  it('moves the next post, says when it is, and is audited', async () => {
    const t = await tandem('2026-11-27T16:30');
    expect(await t.sayText('alice', 'handoff time +30m')).toBe(
      'The morning handoff now posts each business day at 08:30 (30 min after the start of business); it was 08:00. ' +
        'Next: Mon 30 Nov 2026 08:30 EST.',
    );
    expect(await t.sayText('alice', 'audit 1')).toMatch(
      /handoff\.time.*08:00 \(the start of business\).*08:30 \(30 min after the start of business\)/s,
    );
    await t.advanceTo('2026-11-30T09:00');
    expect(t.posts('Morning handoff').map((p) => p.at.toISOString())).toEqual(['2026-11-30T13:30:00.000Z']);
  });

  it('takes a local time too, and refuses times outside business hours and non-managers', async () => {
    const t = await tandem('2026-11-27T16:30');
    expect(await t.sayText('alice', 'handoff time 08:15')).toMatch(
      /^The morning handoff now posts each business day at 08:15 \(15 min after the start of business\)/,
    );
    expect(await t.sayText('alice', 'handoff time 07:30')).toMatch(/07:30 is before the start of business \(08:00\)/);
    expect(await t.sayText('alice', 'handoff time -15m')).toMatch(/goes out at the start or after it/);
    expect(await t.sayText('alice', 'handoff time 17:30')).toMatch(/after the end of business \(17:00\)/);
    expect(await t.sayText('bob', 'handoff time +1h')).toMatch(/Only managers of this channel can run `handoff time`/);
    expect(
      (await t.jobs('morning-post')).filter((j) => j.state === 'pending').map((j) => new Date(j.dueAt).toISOString()),
    ).toEqual(['2026-11-30T13:15:00.000Z']);
  });
});
