import { readdirSync } from 'node:fs';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openPg, PG_MIGRATIONS_FOLDER } from '../../db/pg/client.js';
import { PgWakeups } from '../../db/pg/wakeups.js';
import { StoreBusy } from '../../src/kernel/errors.js';
import { createPgDatabase } from '../helpers/dialects.js';
import { another, closeOpened, fresh, setUp } from '../helpers/store-fixture.js';

/*
 * What only PostgreSQL has: several connections writing at once, so several Tandem instances on one
 * database. The repositories' behaviour on both dialects is tested by the repository, scheduler and
 * outbox tests (describeEachDialect).
 */

const AT = new Date('2026-11-30T15:00:00Z');
const clients: pg.Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.end()));
  await closeOpened();
});

async function rawClient(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  clients.push(c);
  return c;
}

async function withJobs(n: number) {
  const db = await fresh('postgres');
  const { store, channelId } = await setUp(db);
  for (let i = 0; i < n; i++) {
    const job = { kind: 'note-post', channelId, dueAt: AT, payload: { i }, occurrenceKey: `job-${i}` };
    await store.jobs.schedule(job, AT);
  }
  return { db, store, channelId };
}

describe('PostgreSQL: several instances on one database', () => {
  it('instances starting together apply the migrations once, under the advisory lock', async () => {
    const url = await createPgDatabase();
    const dbs = await Promise.all([openPg(url, { max: 2 }), openPg(url, { max: 2 }), openPg(url, { max: 2 })]);
    const applied = await dbs[0]!.$client.query('select count(*)::int as n from drizzle.__drizzle_migrations');
    await Promise.all(dbs.map((d) => d.$client.end()));
    const committed = readdirSync(PG_MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')).length;
    expect(applied.rows[0].n).toBe(committed);
  });

  it('two instances claiming at once share the due jobs: each job is claimed by exactly one', async () => {
    const { db } = await withJobs(60);
    const other = await another(db);
    const claim = (store: typeof db.store, owner: string) =>
      store.transaction((tx) => tx.jobs.claimDue(AT, owner, new Date(AT.getTime() + 60_000), 10));
    const claimed: string[][] = [[], []];
    for (let round = 0; round < 4; round++) {
      const [a, b] = await Promise.all([claim(db.store, 'a'), claim(other.store, 'b')]);
      claimed[0]!.push(...a.map((j) => j.occurrenceKey));
      claimed[1]!.push(...b.map((j) => j.occurrenceKey));
    }
    const all = [...claimed[0]!, ...claimed[1]!];
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(60);
    const owners = await db.rows<{ owner: string; n: number }>(
      'select lease_owner as owner, count(*) as n from jobs group by lease_owner order by lease_owner',
    );
    expect(owners).toEqual([
      { owner: 'a', n: claimed[0]!.length },
      { owner: 'b', n: claimed[1]!.length },
    ]);
  });

  it('a claim skips the jobs another instance has locked, without waiting for them', async () => {
    const { db } = await withJobs(3);
    const holder = await rawClient(db.location);
    await holder.query('begin');
    await holder.query("select id from jobs where occurrence_key = 'job-0' for update");
    const claimed = await db.store.transaction((tx) => tx.jobs.claimDue(AT, 'a', new Date(AT.getTime() + 60_000), 10), {
      busyTimeoutMs: 100,
    });
    expect(claimed.map((j) => j.occurrenceKey).sort()).toEqual(['job-1', 'job-2']);
    await holder.query('rollback');
  });

  it('is StoreBusy after busyTimeoutMs when a row it writes stays locked; nothing of it is written', async () => {
    const { db, channelId } = await withJobs(0);
    const holder = await rawClient(db.location);
    await holder.query('begin');
    await holder.query('select id from channels where id = $1 for update', [channelId]);
    const attempt = db.store.transaction(
      async (tx) => {
        await tx.audit.record({
          channelId,
          at: AT,
          actorId: null,
          actorName: 'alice',
          action: 'test.write',
          subject: 'x',
          before: null,
          after: null,
          outcome: 'ok',
        });
        await tx.channels.update(channelId, { dayStart: 600 });
      },
      { busyTimeoutMs: 100 },
    );
    await expect(attempt).rejects.toBeInstanceOf(StoreBusy);
    await holder.query('rollback');
    expect(await db.rows("select action from audit_log where action = 'test.write'")).toEqual([]);
  });

  it('a transaction called inside another joins it: both commit, or neither', async () => {
    const { db, channelId } = await withJobs(0);
    const note = (text: string) => ({ channelId, at: AT, authorId: null, text, overnight: false });
    await expect(
      db.store.transaction(async (tx) => {
        await tx.handoffNotes.add(note('outer'));
        await tx.transaction(async (inner) => inner.handoffNotes.add(note('inner')));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await db.rows('select text from handoff_notes')).toEqual([]);
    await db.store.transaction(async (tx) => {
      await tx.handoffNotes.add(note('outer'));
      await tx.transaction(async (inner) => inner.handoffNotes.add(note('inner')));
    });
    expect(await db.rows('select text from handoff_notes order by id')).toEqual([{ text: 'outer' }, { text: 'inner' }]);
  });

  it('an instance that queues work wakes the others (LISTEN/NOTIFY), not itself', async () => {
    const url = await createPgDatabase();
    const [dbA, dbB] = await Promise.all([openPg(url, { max: 2 }), openPg(url, { max: 2 })]);
    const a = new PgWakeups(dbA, url);
    const b = new PgWakeups(dbB, url);
    const woken: string[] = [];
    const waiters: { who: string; n: number; resolve: () => void }[] = [];
    const wake = (who: string) => () => {
      woken.push(who);
      for (const w of waiters) if (woken.filter((x) => x === w.who).length >= w.n) w.resolve();
    };
    const until = (who: string, n: number) => new Promise<void>((resolve) => waiters.push({ who, n, resolve }));
    const stopA = await a.listen(wake('a'));
    const stopB = await b.listen(wake('b'));
    a.notify();
    await until('b', 1);
    b.notify();
    await until('a', 1);
    a.notify();
    // Each listener gets notifications in commit order: b's own came before a's second, and was ignored.
    await until('b', 2);
    expect(woken).toEqual(['b', 'a', 'b']);
    await Promise.all([stopA(), stopB()]);
    await Promise.all([dbA.$client.end(), dbB.$client.end()]);
  });

  it('a delivery id is acted on once whichever instance sees it first (a Slack retry to the other)', async () => {
    const db = await fresh('postgres');
    const other = await another(db);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? other : db).store.transaction((tx) => tx.deliveries.markSeen('slack:Ev123', AT)),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
