import { describe, expect, it } from 'vitest';
import { notePost } from '../fixtures/scheduler-kinds.js';
import { makeHarness, SETUP } from '../harness.js';
import { makeSchedulerChannel } from '../helpers/scheduler-channel.js';

/*
 * Two instances on one PostgreSQL database, sharing the clock and the Slack channel's record: what
 * one of them claimed when it died (its leases left in the database, its connections gone) is taken
 * over by the other once the lease expires, and nothing is posted twice or lost.
 */
describe('two instances on PostgreSQL: one dies holding work, the other takes it over', () => {
  it('500 due posts across 50 channels are each delivered once, the survivor taking over after one lease', async () => {
    const a = await makeSchedulerChannel({
      dialect: 'postgres',
      kinds: [notePost],
      pacing: false,
      scheduler: { owner: 'a', batchSize: 50, maxBatchesPerTick: 4 },
      sender: { owner: 'a' },
    });
    const channels = [a.seeded];
    for (let i = 2; i <= 50; i++) channels.push(await a.addChannel(`C${i}`));
    const due = a.clock.now();
    for (let n = 0; n < 500; n++) {
      const channel = channels[n % 50]!;
      const job = { dueAt: due, payload: { text: `post ${n}` }, occurrenceKey: `post-${n}` };
      await a.store.jobs.schedule(notePost.newJob(channel.id, job), due);
    }
    // The other instance: the same database, clock and channels' record, its own leases.
    const b = await makeSchedulerChannel({
      dialect: 'postgres',
      dbPath: a.path,
      clock: a.clock,
      chat: a.chat,
      seed: false,
      kinds: [notePost],
      pacing: false,
      scheduler: { owner: 'b', batchSize: 50, maxBatchesPerTick: 4 },
      sender: { owner: 'b' },
    });
    const lease = 60_000;

    // Mid-burst: both run a batch; then A takes a batch more and dies before running it.
    await Promise.all([a.tick(), b.tick()]);
    const held = await a.store.transaction((tx) => tx.jobs.claimDue(due, 'a', new Date(due.getTime() + lease), 50));
    expect(held).toHaveLength(50);
    await a.close();

    // B delivers what may go and runs what is free; A's claimed jobs wait for their lease.
    await b.runDue();
    const beforeExpiry = b.posts().length;
    expect(beforeExpiry).toBe(450);
    await b.advance(1);
    expect(b.posts().length).toBe(500);

    const owners = await b.rows<{ owner: string; n: number }>(
      "select lease_owner as owner, count(*) as n from jobs where state = 'running' group by lease_owner",
    );
    expect(owners).toEqual([]);
    const texts = b.posts().map((p) => p.text);
    expect(new Set(texts).size).toBe(500);
    const rows = await b.rows<{ state: string; n: number }>('select state, count(*) as n from jobs group by state');
    expect(rows).toEqual([{ state: 'done', n: 500 }]);
    await b.close();
  });

  it('a slash command Slack retries to the other instance acts once', async () => {
    const a = await makeHarness({ dialect: 'postgres', platform: 'slack', setup: SETUP });
    const b = await a.otherProcess();
    const inbound = {
      conversation: a.conversation,
      actor: { platform: 'slack' as const, userId: 'U1', name: 'alice' },
      text: 'escalate printer queue stuck p3',
    };
    // The first delivery and Slack's retry arrive at the two instances at once.
    const replies = await Promise.all([
      a.bot.handleOnce(inbound, 'slack:command:T1:trigger-1'),
      b.bot.handleOnce(inbound, 'slack:command:T1:trigger-1'),
    ]);
    expect(replies.filter((r) => r !== null)).toHaveLength(1);
    expect(await a.rows('select seq, summary from escalations')).toEqual([{ seq: 1, summary: 'printer queue stuck' }]);
    await b.close();
    await a.close();
  });
});
