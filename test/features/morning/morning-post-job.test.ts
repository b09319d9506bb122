import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from '../../harness.js';
import { sayConfirmed } from '../../helpers/confirm.js';
import { makeMorningChannel, sayAt } from '../../helpers/morning-channel.js';
import { joinPatterns } from '../../helpers/pattern.js';

let open: Harness[] = [];
afterEach(() => {
  for (const t of open) {
    try {
      t.close();
    } catch {
      // already closed by the test
    }
  }
  open = [];
});
async function tandem(at: string): Promise<Harness> {
  const t = await makeMorningChannel(at);
  open.push(t);
  return t;
}
const times = (t: Harness) => t.posts('Morning handoff').map((p) => p.at.toISOString());

describe('a morning post due while Tandem was down', () => {
  it('goes out when Tandem is back the same business day, marked late, covering the same window', async () => {
    const t = await tandem('2026-11-27T16:30');
    await t.advanceTo('2026-11-28T03:00');
    await t.sayText('nina', 'handoff note restarted the mail relay');
    // Down from Saturday 03:00 until Monday 10:15.
    await t.restart('2026-11-30T10:15');
    const [post] = t.posts('Morning handoff');
    expect(post!.at.toISOString()).toBe('2026-11-30T15:15:00.000Z');
    expect(post!.text.split('\n').slice(0, 3)).toEqual([
      '== Morning handoff — Mon 30 Nov ==',
      '@it-team: here is what happened over the weekend, from Fri 27 Nov 17:00 EST to Mon 30 Nov 08:00 EST (63 hours).',
      '  Posted late: Tandem was not running at 08:00 EST, when this was due. It covers the same window.',
    ]);
    expect(post!.text).toContain('@nina: restarted the mail relay');
    // The next morning is on time and not marked late.
    await t.advanceTo('2026-12-01T09:00');
    expect(times(t)).toEqual(['2026-11-30T15:15:00.000Z', '2026-12-01T13:00:00.000Z']);
    expect(t.posts('Morning handoff')[1]!.text).not.toContain('Posted late');
  });

  it(
    'is dropped once that business day is over, with the reason recorded, and the next morning ' + 'still comes',
    async () => {
      const t = await tandem('2026-11-27T16:30');
      await t.restart('2026-11-30T17:30');
      expect(t.posts('Morning handoff')).toEqual([]);
      const monday = (await t.jobs('morning-post')).find((j) => j.key === 'morning:1:2026-11-30')!;
      expect(monday.state).toBe('dropped');
      expect(monday.result).toMatch(/^not sent: the business day it was for was over/);
      await t.advanceTo('2026-12-01T09:00');
      expect(times(t)).toEqual(['2026-12-01T13:00:00.000Z']);
    },
  );

  it('after two days down, only the day in progress gets its post (late); the missed days are not posted', async () => {
    const t = await tandem('2026-11-27T16:30');
    await t.restart('2026-12-02T10:00');
    const posts = t.posts('Morning handoff');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.text).toContain('== Morning handoff — Wed 2 Dec ==');
    expect(posts[0]!.text).toContain('Posted late');
    expect(posts[0]!.text).toContain('from Tue 1 Dec 17:00 EST to Wed 2 Dec 08:00 EST');
  });
});

describe('exactly one morning post per business day', () => {
  it('a restart right after the post does not post it again', async () => {
    const t = await tandem('2026-11-27T16:30');
    await t.advanceTo('2026-11-30T08:00');
    expect(times(t)).toEqual(['2026-11-30T13:00:00.000Z']);
    await t.restart('2026-11-30T08:01');
    await t.restart('2026-11-30T11:00');
    await t.advanceTo('2026-11-30T16:59');
    expect(times(t)).toEqual(['2026-11-30T13:00:00.000Z']);
  });

  it('a process that stopped after the job ran but before delivering: the next one delivers it, once', async () => {
    const t = await tandem('2026-11-27T16:30');
    await t.advanceTo('2026-11-30T07:59');
    t.jumpTo('2026-11-30T08:00');
    await t.tick();
    expect(t.posts('Morning handoff')).toEqual([]);
    await t.restart('2026-11-30T08:05');
    await t.restart('2026-11-30T08:10');
    expect(t.posts('Morning handoff')).toHaveLength(1);
    // Delivered by the second process, but not marked late: it was made on time.
    expect(t.posts('Morning handoff')[0]!.text).not.toContain('Posted late');
  });

  it('two processes on the same database at 08:00 post it once', async () => {
    const t = await tandem('2026-11-27T16:30');
    await t.advanceTo('2026-11-30T07:59');
    const other = await t.otherProcess();
    t.jumpTo('2026-11-30T08:00');
    await other.tick();
    await t.tick();
    await Promise.all([other.drain(), t.advanceTo('2026-11-30T08:00')]);
    await other.runDue();
    other.close();
    expect(times(t)).toEqual(['2026-11-30T13:00:00.000Z']);
  });
});

describe('changes to the calendar move the next morning post', () => {
  it('hours set, hours tz, holiday add and remove each replan the pending post', async () => {
    const t = await tandem('2026-11-27T16:30');
    const pending = async () =>
      (await t.jobs('morning-post'))
        .filter((j) => j.state === 'pending')
        .map((j) => `${j.key} ${new Date(j.dueAt).toISOString()}`);
    expect(await pending()).toEqual(['morning:1:2026-11-30 2026-11-30T13:00:00.000Z']);
    await t.sayText('alice', 'hours set mon-fri 09:00-18:00');
    expect(await pending()).toEqual(['morning:1:2026-11-30 2026-11-30T14:00:00.000Z']);
    await t.sayText('alice', 'holiday add 2026-11-30 Company day');
    expect(await pending()).toEqual(['morning:1:2026-12-01 2026-12-01T14:00:00.000Z']);
    await t.sayText('alice', 'holiday remove 2026-11-30');
    expect(await pending()).toEqual(['morning:1:2026-11-30 2026-11-30T14:00:00.000Z']);
    await sayConfirmed(t, 'alice', 'hours tz Europe/London');
    expect(await pending()).toEqual(['morning:1:2026-11-30 2026-11-30T09:00:00.000Z']);
  });

  it('a holiday added for Monday makes Tuesday’s post cover the whole long weekend', async () => {
    const t = await tandem('2026-11-27T16:30');
    await t.sayText('alice', 'holiday add 2026-11-30 Company day');
    await sayAt(t, '2026-11-30T11:00', 'nina', 'handoff note swapped the core switch PSU');
    await t.advanceTo('2026-12-01T09:00');
    const [post, ...others] = t.posts('Morning handoff');
    expect(others).toEqual([]);
    expect(post!.text).toContain(
      'over Company day (Mon 30 Nov) and the weekend, from Fri 27 Nov 17:00 EST to Tue 1 Dec 08:00 EST (87 hours)',
    );
    expect(post!.text).toContain('@nina: swapped the core switch PSU');
  });

  it('a channel set up after its morning gets no post that day; the first one is the next business day', async () => {
    const t = await tandem('2026-11-30T10:00');
    await t.advanceTo('2026-12-01T09:00');
    expect(t.posts('Morning handoff').map((p) => p.at.toISOString())).toEqual(['2026-12-01T13:00:00.000Z']);
  });
});

describe('the escalations in the morning post', () => {
  it('are listed P1 first within each group, with their ticket references', async () => {
    const t = await tandem('2026-11-30T22:00:00Z'); // Mon 17:00 EST
    t.clock.set(new Date('2026-12-01T02:00:00Z')); // Mon 21:00 EST
    await t.say('alice', 'escalate printer queue stuck p3 ticket:48213');
    await t.say('alice', 'escalate VPN down for the Boston office p1 ticket:INC-0042');
    await t.advanceTo('2026-12-01T13:01:00Z'); // Tue 08:01 EST
    const morning = t.posts().find((p) => p.text.startsWith('== Morning handoff'))!;
    expect(morning.text).toMatch(
      joinPatterns([
        /ESC-2 · P1 · VPN down for the Boston office · ticket INC-0042[^\n]*\n/,
        /\s+• ESC-1 · P3 · printer queue stuck · ticket 48213/,
      ]),
    );
  });
});
