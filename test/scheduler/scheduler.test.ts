import { expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { makeSchedulerChannel } from '../helpers/scheduler-channel.js';

const at = (iso: string) => new Date(iso);

describeEachDialect('jobs: durable occurrences under leases', () => {
  async function setup() {
    const h = await makeSchedulerChannel({ start: '2026-11-30T12:00:00Z' });
    const job = (key: string, due: string) => ({
      kind: 'note-post',
      channelId: h.seeded.id,
      dueAt: at(due),
      payload: { text: key },
      occurrenceKey: key,
    });
    const claim = (owner: string, now: string, leaseMs = 60_000, limit = 10) =>
      h.store.transaction((tx) => tx.jobs.claimDue(at(now), owner, new Date(at(now).getTime() + leaseMs), limit));
    return Object.assign(h, { job, claim });
  }

  it('scheduling the same occurrence twice keeps one job', async () => {
    const h = await setup();
    expect(await h.store.jobs.schedule(h.job('morning:1:2026-12-01', '2026-12-01T13:00:00Z'), h.clock.now())).toBe(
      true,
    );
    expect(await h.store.jobs.schedule(h.job('morning:1:2026-12-01', '2026-12-01T14:00:00Z'), h.clock.now())).toBe(
      false,
    );
    const pending = await h.store.jobs.pendingFor(h.seeded.id);
    expect(pending).toHaveLength(1);
    expect(pending[0]!.dueAt.toISOString()).toBe('2026-12-01T13:00:00.000Z');
  });

  it('claims only what is due, soonest first, and a claimed job is nobody else’s until its lease expires', async () => {
    const h = await setup();
    await h.store.jobs.schedule(h.job('b', '2026-11-30T11:00:00Z'), h.clock.now());
    await h.store.jobs.schedule(h.job('a', '2026-11-30T10:00:00Z'), h.clock.now());
    await h.store.jobs.schedule(h.job('future', '2026-11-30T13:00:00Z'), h.clock.now());

    const first = await h.claim('p1', '2026-11-30T12:00:00Z');
    expect(first.map((j) => j.occurrenceKey)).toEqual(['a', 'b']);
    expect(first.every((j) => j.state === 'running' && j.attempts === 1)).toBe(true);

    // Another process 30 s later: the lease still holds.
    expect(await h.claim('p2', '2026-11-30T12:00:30Z')).toEqual([]);
    // After the lease expired (p1 died), p2 takes both over as a second attempt.
    const takeover = await h.claim('p2', '2026-11-30T12:01:00Z');
    expect(takeover.map((j) => [j.occurrenceKey, j.attempts])).toEqual([
      ['a', 2],
      ['b', 2],
    ]);
    // p1 comes back: it no longer holds them and cannot record an outcome.
    expect(await h.store.jobs.holds(first[0]!.id, 'p1')).toBe(false);
    expect(await h.store.jobs.finish(first[0]!.id, 'p1', 'done', 'posted', at('2026-11-30T12:01:01Z'))).toBe(false);
    expect(await h.store.jobs.finish(first[0]!.id, 'p2', 'done', 'posted', at('2026-11-30T12:01:01Z'))).toBe(true);
    expect(await h.jobByKey('a')).toMatchObject({ state: 'done', result: 'posted', lease_owner: null });
  });

  it('a claim takes at most `limit` jobs', async () => {
    const h = await setup();
    for (let i = 0; i < 5; i++) await h.store.jobs.schedule(h.job(`k${i}`, '2026-11-30T11:00:00Z'), h.clock.now());
    expect(await h.claim('p1', '2026-11-30T12:00:00Z', 60_000, 3)).toHaveLength(3);
    expect(await h.claim('p2', '2026-11-30T12:00:00Z', 60_000, 3)).toHaveLength(2);
  });

  it('a job put back for retry is not due before its retry time', async () => {
    const h = await setup();
    await h.store.jobs.schedule(h.job('r', '2026-11-30T11:00:00Z'), h.clock.now());
    const [j] = await h.claim('p1', '2026-11-30T12:00:00Z');
    expect(await h.store.jobs.retryLater(j!.id, 'p1', at('2026-11-30T12:05:00Z'), 'attempt 1 failed: boom')).toBe(true);
    expect(await h.claim('p1', '2026-11-30T12:04:59Z')).toEqual([]);
    expect((await h.store.jobs.nextWakeAt())?.toISOString()).toBe('2026-11-30T12:05:00.000Z');
    expect((await h.claim('p1', '2026-11-30T12:05:00Z')).map((x) => x.attempts)).toEqual([2]);
  });

  it('release gives claimed jobs back as if never attempted', async () => {
    const h = await setup();
    await h.store.jobs.schedule(h.job('x', '2026-11-30T11:00:00Z'), h.clock.now());
    await h.claim('p1', '2026-11-30T12:00:00Z');
    expect(await h.store.jobs.release('p1')).toBe(1);
    expect(await h.jobByKey('x')).toMatchObject({ state: 'pending', attempts: 0, lease_owner: null });
    expect(await h.claim('p2', '2026-11-30T12:00:00Z')).toHaveLength(1);
  });

  it(
    'cancels by occurrence-key prefix; a cancelled occurrence can be scheduled again, a finished ' + 'one cannot',
    async () => {
      const h = await setup();
      await h.store.jobs.schedule(h.job('ack:12:1', '2026-11-30T13:00:00Z'), h.clock.now());
      await h.store.jobs.schedule(h.job('ack:12:2', '2026-11-30T14:00:00Z'), h.clock.now());
      await h.store.jobs.schedule(h.job('ack:120:1', '2026-11-30T13:00:00Z'), h.clock.now());
      expect(await h.store.jobs.cancelPending('ack:12:', h.clock.now())).toBe(2);
      expect((await h.jobByKey('ack:120:1'))!.state).toBe('pending');

      expect(await h.store.jobs.schedule(h.job('ack:12:1', '2026-11-30T15:00:00Z'), h.clock.now())).toBe(true);
      expect(await h.jobByKey('ack:12:1')).toMatchObject({
        state: 'pending',
        due_at: Date.parse('2026-11-30T15:00:00Z'),
      });

      const [done] = (await h.claim('p1', '2026-11-30T15:00:00Z')).filter((j) => j.occurrenceKey === 'ack:12:1');
      await h.store.jobs.finish(done!.id, 'p1', 'done', 'sent', h.clock.now());
      expect(await h.store.jobs.schedule(h.job('ack:12:1', '2026-11-30T16:00:00Z'), h.clock.now())).toBe(false);
      expect((await h.jobByKey('ack:12:1'))!.state).toBe('done');
    },
  );
});
