import { describe, expect, it } from 'vitest';
import { makeSchedulerHarness } from '../helpers/scheduler-harness.js';

const at = (iso: string) => new Date(iso);

describe('jobs: durable occurrences under leases', () => {
  function setup() {
    const h = makeSchedulerHarness({ start: '2026-11-30T12:00:00Z' });
    const job = (key: string, due: string) => ({ kind: 'note-post', channelId: h.channel.id, dueAt: at(due), payload: { text: key }, occurrenceKey: key });
    const claim = (owner: string, now: string, leaseMs = 60_000, limit = 10) =>
      h.store.transaction(() => h.store.jobs.claimDue(at(now), owner, new Date(at(now).getTime() + leaseMs), limit));
    return { ...h, job, claim };
  }

  it('scheduling the same occurrence twice keeps one job', () => {
    const h = setup();
    expect(h.store.jobs.schedule(h.job('morning:1:2026-12-01', '2026-12-01T13:00:00Z'), h.clock.now())).toBe(true);
    expect(h.store.jobs.schedule(h.job('morning:1:2026-12-01', '2026-12-01T14:00:00Z'), h.clock.now())).toBe(false);
    const pending = h.store.jobs.pendingFor(h.channel.id);
    expect(pending).toHaveLength(1);
    expect(pending[0]!.dueAt.toISOString()).toBe('2026-12-01T13:00:00.000Z');
  });

  it('claims only what is due, soonest first, and a claimed job is nobody else’s until its lease expires', () => {
    const h = setup();
    h.store.jobs.schedule(h.job('b', '2026-11-30T11:00:00Z'), h.clock.now());
    h.store.jobs.schedule(h.job('a', '2026-11-30T10:00:00Z'), h.clock.now());
    h.store.jobs.schedule(h.job('future', '2026-11-30T13:00:00Z'), h.clock.now());

    const first = h.claim('p1', '2026-11-30T12:00:00Z');
    expect(first.map((j) => j.occurrenceKey)).toEqual(['a', 'b']);
    expect(first.every((j) => j.state === 'running' && j.attempts === 1)).toBe(true);

    // Another process 30 s later: the lease still holds.
    expect(h.claim('p2', '2026-11-30T12:00:30Z')).toEqual([]);
    // After the lease expired (p1 died), p2 takes both over as a second attempt.
    const takeover = h.claim('p2', '2026-11-30T12:01:00Z');
    expect(takeover.map((j) => [j.occurrenceKey, j.attempts])).toEqual([['a', 2], ['b', 2]]);
    // p1 comes back: it no longer holds them and cannot record an outcome.
    expect(h.store.jobs.holds(first[0]!.id, 'p1')).toBe(false);
    expect(h.store.jobs.finish(first[0]!.id, 'p1', 'done', 'posted', at('2026-11-30T12:01:01Z'))).toBe(false);
    expect(h.store.jobs.finish(first[0]!.id, 'p2', 'done', 'posted', at('2026-11-30T12:01:01Z'))).toBe(true);
    expect(h.jobByKey('a')).toMatchObject({ state: 'done', result: 'posted', lease_owner: null });
  });

  it('a claim takes at most `limit` jobs', () => {
    const h = setup();
    for (let i = 0; i < 5; i++) h.store.jobs.schedule(h.job(`k${i}`, '2026-11-30T11:00:00Z'), h.clock.now());
    expect(h.claim('p1', '2026-11-30T12:00:00Z', 60_000, 3)).toHaveLength(3);
    expect(h.claim('p2', '2026-11-30T12:00:00Z', 60_000, 3)).toHaveLength(2);
  });

  it('a job put back for retry is not due before its retry time', () => {
    const h = setup();
    h.store.jobs.schedule(h.job('r', '2026-11-30T11:00:00Z'), h.clock.now());
    const [j] = h.claim('p1', '2026-11-30T12:00:00Z');
    expect(h.store.jobs.retryLater(j!.id, 'p1', at('2026-11-30T12:05:00Z'), 'attempt 1 failed: boom')).toBe(true);
    expect(h.claim('p1', '2026-11-30T12:04:59Z')).toEqual([]);
    expect(h.store.jobs.nextWakeAt()?.toISOString()).toBe('2026-11-30T12:05:00.000Z');
    expect(h.claim('p1', '2026-11-30T12:05:00Z').map((x) => x.attempts)).toEqual([2]);
  });

  it('release gives claimed jobs back as if never attempted', () => {
    const h = setup();
    h.store.jobs.schedule(h.job('x', '2026-11-30T11:00:00Z'), h.clock.now());
    h.claim('p1', '2026-11-30T12:00:00Z');
    expect(h.store.jobs.release('p1')).toBe(1);
    expect(h.jobByKey('x')).toMatchObject({ state: 'pending', attempts: 0, lease_owner: null });
    expect(h.claim('p2', '2026-11-30T12:00:00Z')).toHaveLength(1);
  });

  it('cancels by occurrence-key prefix; a cancelled occurrence can be scheduled again, a finished one cannot', () => {
    const h = setup();
    h.store.jobs.schedule(h.job('ack:12:1', '2026-11-30T13:00:00Z'), h.clock.now());
    h.store.jobs.schedule(h.job('ack:12:2', '2026-11-30T14:00:00Z'), h.clock.now());
    h.store.jobs.schedule(h.job('ack:120:1', '2026-11-30T13:00:00Z'), h.clock.now());
    expect(h.store.jobs.cancelPending('ack:12:', h.clock.now())).toBe(2);
    expect(h.jobByKey('ack:120:1')!.state).toBe('pending');

    expect(h.store.jobs.schedule(h.job('ack:12:1', '2026-11-30T15:00:00Z'), h.clock.now())).toBe(true);
    expect(h.jobByKey('ack:12:1')).toMatchObject({ state: 'pending', due_at: Date.parse('2026-11-30T15:00:00Z') });

    const [done] = h.claim('p1', '2026-11-30T15:00:00Z').filter((j) => j.occurrenceKey === 'ack:12:1');
    h.store.jobs.finish(done!.id, 'p1', 'done', 'sent', h.clock.now());
    expect(h.store.jobs.schedule(h.job('ack:12:1', '2026-11-30T16:00:00Z'), h.clock.now())).toBe(false);
    expect(h.jobByKey('ack:12:1')!.state).toBe('done');
  });
});
