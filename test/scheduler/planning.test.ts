import { expect, it } from 'vitest';
import { parseMinuteOfDay } from '../../src/domain/zoned-time.js';
import { argInput, fail } from '../../src/kernel/args.js';
import { defineCommand } from '../../src/kernel/command.js';
import { UserError } from '../../src/kernel/errors.js';
import { ephemeral, paragraph } from '../../src/kernel/reply.js';
import { dailyPost, TEST_KINDS } from '../fixtures/scheduler-kinds.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeSchedulerChannel } from '../helpers/scheduler-channel.js';

/** A stand-in for `hours set`: moves the start of business and re-plans, as features will. */
const startAt = defineCommand({
  id: 'test.start-at',
  path: ['start', 'at'],
  usage: 'start at <HH:MM> [fail]',
  summary: 'test',
  permission: 'anyone',
  requiresSetup: true,
  args: argInput.transform((input, ctx) => {
    const minute = parseMinuteOfDay(input.words[0]?.text ?? '');
    if (minute === null) return fail(ctx, 'give a time');
    return { minute, fail: input.words[1]?.text === 'fail' };
  }),
  async run(ctx, args) {
    await ctx.store.channels.update(ctx.channel.id, { dayStart: args.minute });
    await ctx.timesChanged();
    if (args.fail) throw new UserError('changed my mind');
    return ephemeral(paragraph('moved'));
  },
});

async function harness(start: string) {
  const h = await makeSchedulerChannel({ start, kinds: TEST_KINDS, commands: [startAt] });
  const conversation = { platform: 'slack', channelId: 'C1' };
  const say = (text: string) =>
    h.bot.handle({ conversation, actor: { platform: 'slack', userId: 'U1', name: 'alice' }, text });
  const pending = async () =>
    (await h.store.jobs.pendingFor(h.seeded.id)).map((j) => `${j.occurrenceKey} ${j.dueAt.toISOString()}`);
  const deliveries = () => h.chat.delivered.map((d) => `${d.at.toISOString()} ${d.text.split('\n')[0]}`);
  return { ...h, say, pending, deliveries };
}

describeEachDialect('planning: each kind keeps its next occurrence scheduled', () => {
  it('plans every channel at startup, in its own timezone, and planning again adds nothing', async () => {
    const h = await harness('2026-11-30T12:00:00Z'); // Mon 07:00 New York, 12:00 London
    const london = await h.addChannel('C2', 'Europe/London');
    expect(await h.scheduler.planAll()).toBe(2);
    expect(await h.scheduler.planAll()).toBe(0);
    expect(await h.pending()).toEqual([`daily:${h.seeded.id}:2026-11-30 2026-11-30T13:00:00.000Z`]);
    expect((await h.store.jobs.pendingFor(london.id)).map((j) => j.dueAt.toISOString())).toEqual([
      '2026-12-01T08:00:00.000Z',
    ]);
  });

  it('runs the daily post on business days only, at 08:00 local across the end of daylight saving', async () => {
    const h = await harness('2026-10-29T20:00:00Z'); // Thu 29 Oct 16:00 EDT
    await h.scheduler.planAll();
    await h.advanceTo('2026-11-04T00:00:00Z');
    expect(h.deliveries()).toEqual([
      '2026-10-30T12:00:00.000Z Good morning: daily post for 2026-10-30', // Fri 08:00 EDT
      '2026-11-02T13:00:00.000Z Good morning: daily post for 2026-11-02', // Mon 08:00 EST
      '2026-11-03T13:00:00.000Z Good morning: daily post for 2026-11-03',
    ]);
    expect(await h.pending()).toEqual([`daily:${h.seeded.id}:2026-11-04 2026-11-04T13:00:00.000Z`]);
  });

  it('a change re-planned by a command moves the post: sent at the new time, once', async () => {
    const h = await harness('2026-12-01T12:00:00Z'); // Tue 07:00 EST
    await h.scheduler.planAll();
    const reply = await h.say('start at 09:00');
    expect(reply.blocks).toEqual([paragraph('moved')]);
    expect(await h.pending()).toEqual([`daily:${h.seeded.id}:2026-12-01 2026-12-01T14:00:00.000Z`]);
    await h.advanceTo('2026-12-01T20:00:00Z');
    expect(h.deliveries()).toEqual(['2026-12-01T14:00:00.000Z Good morning: daily post for 2026-12-01']);
  });

  it('a command that fails after re-planning leaves the schedule as it was', async () => {
    const h = await harness('2026-12-01T12:00:00Z');
    await h.scheduler.planAll();
    const before = await h.pending();
    await h.say('start at 09:00 fail');
    expect(await h.pending()).toEqual(before);
  });

  it(
    're-planning keeps a post that is already due (missed while down), and never re-creates one ' + 'already sent',
    async () => {
      const h = await harness('2026-12-01T12:00:00Z');
      await h.scheduler.planAll(); // today's 08:00 is planned; then the process is down until 10:00
      h.clock.set(new Date('2026-12-01T15:00:00Z'));
      await h.say('start at 08:30');
      await h.advanceTo('2026-12-01T15:00:00Z');
      expect(h.deliveries()).toEqual(['2026-12-01T15:00:00.000Z Good morning: daily post for 2026-12-01']);
      expect(h.chat.texts()[0]).toMatch(/Posted late: this was due Tue 1 Dec 2026 08:00 EST/);
      // Moving the start back to 11:00, after today's post went out: today's is not posted again.
      await h.say('start at 11:00');
      await h.advanceTo('2026-12-02T17:00:00Z');
      expect(h.deliveries()).toEqual([
        '2026-12-01T15:00:00.000Z Good morning: daily post for 2026-12-01',
        '2026-12-02T16:00:00.000Z Good morning: daily post for 2026-12-02',
      ]);
    },
  );

  it('a restart after the start moved past a post already sent plans the next day’s, sent once', async () => {
    const h = await harness('2026-12-01T12:00:00Z'); // Tue 07:00 New York
    await h.scheduler.planAll();
    await h.advanceTo('2026-12-01T14:00:00Z');
    expect(h.deliveries()).toEqual(['2026-12-01T13:00:00.000Z Good morning: daily post for 2026-12-01']);
    // While Tandem was down the hours changed and nothing was planned again (tomorrow's post was
    // cancelled, the next one not planned): today's start is now 10:00, after the post that went
    // out. The restart at 09:00 finds today's already sent and plans on past it.
    await h.store.channels.update(h.seeded.id, { dayStart: 10 * 60 });
    expect(await h.store.jobs.cancelPending(`daily:${h.seeded.id}:`, h.clock.now())).toBe(1);
    expect(await h.scheduler.planAll()).toBe(1);
    expect(await h.pending()).toEqual([`daily:${h.seeded.id}:2026-12-02 2026-12-02T15:00:00.000Z`]);
    await h.advanceTo('2026-12-02T16:00:00Z');
    expect(h.deliveries()).toEqual([
      '2026-12-01T13:00:00.000Z Good morning: daily post for 2026-12-01',
      '2026-12-02T15:00:00.000Z Good morning: daily post for 2026-12-02',
    ]);
  });

  it('replan names no kind: every kind with a plan is planned again for the channel', async () => {
    const h = await harness('2026-12-01T12:00:00Z');
    await h.scheduler.planAll();
    const before = await h.pending();
    expect(await h.scheduler.replan(h.seeded.id)).toBe(1);
    expect(await h.pending()).toEqual(before);
    expect(dailyPost.plan).toBeDefined();
  });
});
