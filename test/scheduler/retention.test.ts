import { expect, it } from 'vitest';
import { type Harness, makeHarness, SETUP } from '../harness.js';
import { busyChannel } from '../helpers/busy-channel.js';
import { describeEachDialect } from '../helpers/dialects.js';

const DAY = 24 * 60 * 60_000;
const count = async (h: Harness, sql: string, ...args: unknown[]) =>
  Number((await h.rows<{ n: number }>(sql, ...args))[0]?.n);
/** The ids a table ever handed out, deleted rows included. */
const everMade = (h: Harness, table: string) =>
  h.dialect === 'postgres'
    ? count(h, `select last_value as n from ${table}_id_seq`)
    : count(h, `select seq as n from sqlite_sequence where name = '${table}'`);

describeEachDialect('retention: a year of a busy channel leaves a bounded number of rows', () => {
  it('keeps a month of sent posts and finished jobs, a day of delivery ids; escalations and notes stay', async () => {
    const h = await makeHarness({ setup: SETUP, platform: 'slack', start: '2026-01-05T14:00:00Z' });
    await busyChannel(h, 365);
    const now = h.clock.now().getTime();
    const monthAgo = now - 30 * DAY - 60 * 60_000;
    const everPosted = await everMade(h, 'outbox');
    const everJobs = await everMade(h, 'jobs');
    const kept = (table: string) => count(h, `select count(*) as n from ${table}`);
    console.log(
      `[retention] a year: ${everPosted} posts and ${everJobs} jobs made; kept ${await kept('outbox')} posts, ` +
        `${await kept('jobs')} jobs, ${await kept('inbound_seen')} delivery ids`,
    );
    expect(await count(h, 'select count(*) as n from outbox where next_attempt_at < ?', monthAgo)).toBe(0);
    expect(await count(h, "select count(*) as n from jobs where state <> 'pending' and due_at < ?", monthAgo)).toBe(0);
    expect(await count(h, 'select count(*) as n from inbound_seen where at < ?', now - DAY - 60 * 60_000)).toBe(0);
    expect(await count(h, 'select count(*) as n from command_uses where at < ?', now - DAY - 60 * 60_000)).toBe(0);
    // About a month of the year's posts and jobs is left: bounded, not growing with the year.
    expect(await count(h, 'select count(*) as n from outbox')).toBeLessThan((everPosted * 40) / 365);
    expect(await count(h, 'select count(*) as n from jobs')).toBeLessThan((everJobs * 45) / 365);
    // The history is kept by default: every escalation and note of the year.
    expect(await count(h, 'select count(*) as n from escalations')).toBeGreaterThan(700);
    expect(await count(h, 'select count(*) as n from handoff_notes')).toBeGreaterThan(250);
    h.close();
  }, 900_000);

  it('with a history retention, resolved escalations and notes older than it go too; open ones stay', async () => {
    const h = await makeHarness({
      setup: SETUP,
      platform: 'slack',
      start: '2026-01-05T14:00:00Z',
      scheduler: { retention: { historyMs: 30 * DAY } },
    });
    await h.say('bob', 'escalate still waiting on the vendor area:patching p4');
    await busyChannel(h, 90);
    const cutoff = h.clock.now().getTime() - 30 * DAY - 60 * 60_000;
    expect(
      await count(h, "select count(*) as n from escalations where state = 'resolved' and resolved_at < ?", cutoff),
    ).toBe(0);
    const orphans =
      'select count(*) as n from escalation_events where escalation_id not in (select id from escalations)';
    expect(await count(h, orphans)).toBe(0);
    expect(await count(h, 'select count(*) as n from handoff_notes where at < ?', cutoff)).toBe(0);
    expect(await count(h, "select count(*) as n from escalations where seq = 1 and state = 'open'")).toBe(1);
    expect(await h.sayText('erin', 'ack ESC-1')).toContain('ESC-1');
    h.close();
  }, 900_000);
});
