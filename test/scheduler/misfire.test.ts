import { expect, it } from 'vitest';
import * as z from 'zod';
import { JobKindError } from '../../src/kernel/errors.js';
import { defineJobKind, JobKindRegistry } from '../../src/kernel/job-kind.js';
import { inChannel, paragraph } from '../../src/kernel/reply.js';
import { broken, dailyPost, notePost, reminder, TEST_KINDS } from '../fixtures/scheduler-kinds.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeSchedulerChannel } from '../helpers/scheduler-channel.js';

const at = (iso: string) => new Date(iso);

async function harness(start: string) {
  const h = await makeSchedulerChannel({
    start,
    kinds: TEST_KINDS,
    scheduler: { retryBaseMs: 60_000, maxAttempts: 3 },
  });
  const daily = (date: string, due: string) =>
    h.store.jobs.schedule(
      dailyPost.newJob(h.seeded.id, {
        dueAt: at(due),
        payload: { date },
        occurrenceKey: `daily:${h.seeded.id}:${date}`,
      }),
      h.clock.now(),
    );
  return Object.assign(h, { daily });
}

describeEachDialect('misfire policies, declared with the kind', () => {
  it('on time: the post goes out at its due time and is not marked late', async () => {
    const h = await harness('2026-12-01T12:00:00Z');
    await h.daily('2026-12-01', '2026-12-01T13:00:00Z'); // 08:00 EST
    await h.advanceTo('2026-12-01T14:00:00Z');
    expect(h.chat.delivered).toHaveLength(1);
    expect(h.chat.delivered[0]!.at.toISOString()).toBe('2026-12-01T13:00:00.000Z');
    expect(h.chat.texts()[0]).not.toMatch(/late/i);
  });

  it(
    'late within its window (Tandem was down at 08:00, back at 10:30): sent once, marked late with ' + 'the due time',
    async () => {
      const h = await harness('2026-12-01T15:30:00Z'); // 10:30 EST
      await h.daily('2026-12-01', '2026-12-01T13:00:00Z');
      const report = await h.scheduler.tick();
      await h.sender.drain();
      expect(report).toMatchObject({ done: 1, late: 1, dropped: 0 });
      expect(h.chat.texts()).toEqual([
        'Good morning: daily post for 2026-12-01\n  Posted late: this was due Tue 1 Dec 2026 08:00 EST.',
      ]);
      expect(await h.jobByKey(`daily:${h.seeded.id}:2026-12-01`)).toMatchObject({
        state: 'done',
        result: 'done (late)',
      });
      await h.scheduler.tick();
      await h.sender.drain();
      expect(h.chat.delivered).toHaveLength(1);
    },
  );

  it('late past its window (back after the business day ended): dropped, with the reason recorded', async () => {
    const h = await harness('2026-12-01T22:05:00Z'); // 17:05 EST
    await h.daily('2026-12-01', '2026-12-01T13:00:00Z');
    expect(await h.scheduler.tick()).toMatchObject({ done: 0, dropped: 1 });
    await h.sender.drain();
    expect(h.chat.delivered).toEqual([]);
    expect(await h.jobByKey(`daily:${h.seeded.id}:2026-12-01`)).toMatchObject({
      state: 'dropped',
      result:
        'not sent: the business day was over (due Tue 1 Dec 2026 08:00 EST, found Tue 1 Dec 2026 17:05 EST, after ' +
        'its deadline Tue 1 Dec 2026 17:00 EST)',
    });
  });

  it(
    'drop-if-late: a reminder found within its grace runs; one found after the meeting started is dropped, saying ' +
      'why',
    async () => {
      const h = await harness('2026-12-01T15:08:00Z');
      const schedule = (key: string, due: string) =>
        h.store.jobs.schedule(
          reminder.newJob(h.seeded.id, { dueAt: at(due), payload: { meeting: key }, occurrenceKey: key }),
          h.clock.now(),
        );
      await schedule('weekly sync', '2026-12-01T15:00:00Z'); // 8 min late: within 10 min grace
      await schedule('monthly review', '2026-12-01T14:45:00Z'); // 23 min late
      await h.scheduler.tick();
      await h.sender.drain();
      expect(h.chat.texts()).toEqual(['Reminder: weekly sync starts soon']);
      expect((await h.jobByKey('monthly review'))!.result).toBe(
        'not sent: the meeting had already started (due Tue 1 Dec 2026 09:45 EST, found Tue 1 Dec 2026 10:08 EST, ' +
          'more than 10 min late)',
      );
    },
  );

  it('once: a one-off post still due days later is sent, once, marked late', async () => {
    const h = await harness('2026-12-04T12:00:00Z');
    await h.store.jobs.schedule(
      notePost.newJob(h.seeded.id, {
        dueAt: at('2026-12-01T12:00:00Z'),
        payload: { text: 'ESC-4 still not acknowledged' },
        occurrenceKey: 'ack:4:1',
      }),
      h.clock.now(),
    );
    await h.advanceTo('2026-12-05T12:00:00Z');
    expect(h.chat.texts()).toEqual([
      'ESC-4 still not acknowledged\n  Posted late: this was due Tue 1 Dec 2026 07:00 EST.',
    ]);
  });

  it(
    'a job of an unknown kind or with a payload that does not fit is failed with the reason; the ' + 'others still run',
    async () => {
      const h = await harness('2026-12-01T12:00:00Z');
      const now = h.clock.now();
      await h.store.jobs.schedule(
        { kind: 'retired-kind', channelId: h.seeded.id, dueAt: now, payload: {}, occurrenceKey: 'old' },
        now,
      );
      await h.store.jobs.schedule(
        { kind: 'note-post', channelId: h.seeded.id, dueAt: now, payload: { txt: 'typo' }, occurrenceKey: 'bad' },
        now,
      );
      await h.store.jobs.schedule(
        notePost.newJob(h.seeded.id, { dueAt: now, payload: { text: 'fine' }, occurrenceKey: 'good' }),
        now,
      );
      expect(await h.scheduler.tick()).toMatchObject({ done: 1, failed: 2 });
      await h.sender.drain();
      expect(h.chat.texts()).toEqual(['fine']);
      expect(await h.jobByKey('old')).toMatchObject({ state: 'failed', result: 'unknown job kind "retired-kind"' });
      expect((await h.jobByKey('bad'))!.state).toBe('failed');
      expect((await h.jobByKey('bad'))!.result).toMatch(/^payload does not fit the note-post schema: text /);
      // Nothing left to retry: no crash loop.
      expect(await h.scheduler.tick()).toMatchObject({ done: 0, failed: 0, retried: 0 });
    },
  );

  it(
    'a throwing job is retried with growing delays, then failed; what it wrote before throwing is ' + 'never sent',
    async () => {
      const h = await harness('2026-12-01T12:00:00Z');
      await h.store.jobs.schedule(
        broken.newJob(h.seeded.id, { dueAt: h.clock.now(), payload: {}, occurrenceKey: 'b' }),
        h.clock.now(),
      );
      expect(await h.scheduler.tick()).toMatchObject({ retried: 1 });
      expect((await h.scheduler.nextDueAt())?.toISOString()).toBe('2026-12-01T12:01:00.000Z');
      expect(await h.scheduler.tick(at('2026-12-01T12:00:59Z'))).toMatchObject({ retried: 0 });
      expect(await h.scheduler.tick(at('2026-12-01T12:01:00Z'))).toMatchObject({ retried: 1 });
      expect((await h.scheduler.nextDueAt())?.toISOString()).toBe('2026-12-01T12:03:00.000Z');
      expect(await h.scheduler.tick(at('2026-12-01T12:03:00Z'))).toMatchObject({ failed: 1 });
      expect(await h.jobByKey('b')).toMatchObject({
        state: 'failed',
        attempts: 3,
        result: 'failed after 3 attempts: the agenda service is down',
      });
      await h.sender.drain();
      expect(h.chat.delivered).toEqual([]);
      expect(await h.scheduler.nextDueAt()).toBeNull();
    },
  );

  it('a throwing job among others due at once: the others post once, only the thrower is retried', async () => {
    const h = await harness('2026-12-01T12:00:00Z');
    const due = h.clock.now();
    const note = (key: string) =>
      notePost.newJob(h.seeded.id, { dueAt: due, payload: { text: key }, occurrenceKey: key });
    await h.store.jobs.schedule(note('first'), due);
    await h.store.jobs.schedule(broken.newJob(h.seeded.id, { dueAt: due, payload: {}, occurrenceKey: 'b' }), due);
    await h.store.jobs.schedule(note('last'), due);
    expect(await h.scheduler.tick()).toMatchObject({ done: 2, retried: 1 });
    await h.advance(1);
    expect(h.chat.texts()).toEqual(['first', 'last']);
    expect(await h.jobByKey('b')).toMatchObject({ state: 'pending', attempts: 2 });
  });

  it(
    'a job kind that reports a mistake in how it is written is failed at once, not retried, and ' + 'posts nothing',
    async () => {
      const misdeclared = defineJobKind({
        kind: 'broken-kind',
        payload: z.object({}),
        misfire: { kind: 'once' },
        async run(ctx) {
          await ctx.post(inChannel(paragraph('never')));
          throw new JobKindError('broken-kind needs a channel with cadences');
        },
      });
      const h = await makeSchedulerChannel({ kinds: [misdeclared] });
      const due = h.clock.now();
      await h.store.jobs.schedule(
        misdeclared.newJob(h.seeded.id, { dueAt: due, payload: {}, occurrenceKey: 'a' }),
        due,
      );
      expect(await h.scheduler.tick()).toMatchObject({ failed: 1, retried: 0 });
      expect(await h.jobByKey('a')).toMatchObject({
        state: 'failed',
        result: expect.stringMatching(/needs a channel with cadences/),
      });
      await h.sender.drain();
      // The post was written in the run's transaction, which rolled back with the throw.
      expect(h.chat.delivered).toEqual([]);
    },
  );

  it('rejects two kinds with one id', () => {
    expect(() => new JobKindRegistry([notePost, notePost])).toThrow(/"note-post" is declared twice/);
  });
});
