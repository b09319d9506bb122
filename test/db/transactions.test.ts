import { setTimeout as sleep } from 'node:timers/promises';
import { DrizzleQueryError } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../../db/store.js';
import { StoreBusy } from '../../src/kernel/errors.js';
import type { Store } from '../../src/kernel/ports/store.js';
import type { Reply } from '../../src/kernel/reply.js';
import { AT, area, CONVERSATION, closeOpened, open, setUp, tempFile } from '../helpers/store-fixture.js';

const REPLY: Reply = { visibility: 'channel', blocks: [] };

afterEach(closeOpened);

const audit = (channelId: number, action: string) => ({
  channelId,
  at: AT,
  actorId: null,
  actorName: 'test',
  action,
  subject: '',
  before: null,
  after: null,
  outcome: 'ok' as const,
});

const actions = async (store: Store, channelId: number) =>
  (await store.audit.between(channelId, new Date(0), new Date(8.64e15))).map((e) => e.action);

/** A promise and the function that resolves it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/**
 * A transaction of `store` that records `action`, then stays open until `finish()`: it then commits,
 * or rolls back (`ended` rejects with "rolled back"). `written` settles once the write is made.
 */
function heldOpen(store: Store, channelId: number, action: string, end: 'commit' | 'roll back') {
  const wrote = gate();
  const finish = gate();
  const ended = store.transaction(async (t) => {
    await t.audit.record(audit(channelId, action));
    wrote.open();
    await finish.opened;
    if (end === 'roll back') throw new Error('rolled back');
  });
  return { written: wrote.opened, finish: finish.open, ended };
}

describe('Store.transaction on SQLite', () => {
  it('rolls back every write of the transaction when fn throws, and rethrows', async () => {
    const { store, channelId } = await setUp();
    const boom = new Error('boom');
    await expect(
      store.transaction(async (tx) => {
        await tx.people.upsert('console', 'u1', 'ann');
        await tx.audit.record(audit(channelId, 'one'));
        await tx.matrix.put(channelId, area('Patching', ['updates']));
        await tx.outbox.enqueuePost({ conversation: CONVERSATION, reply: REPLY, idempotencyKey: 'k1' }, AT);
        await tx.deliveries.markSeen('delivery-1', AT);
        throw boom;
      }),
    ).rejects.toBe(boom);

    expect(await store.people.get(1)).toBeNull();
    expect(await actions(store, channelId)).toEqual([]);
    expect(await store.matrix.list(channelId)).toEqual([]);
    expect((await store.outbox.backlog(CONVERSATION)).waiting).toBe(0);
    expect(await store.deliveries.seen('delivery-1')).toBe(false);
  });

  it('commits what fn wrote and returns its result', async () => {
    const { store, channelId } = await setUp();
    const person = await store.transaction(async (tx) => {
      await tx.audit.record(audit(channelId, 'one'));
      return tx.people.upsert('console', 'u1', 'ann');
    });
    expect(await store.people.get(person.id)).toEqual(person);
    expect(await actions(store, channelId)).toEqual(['one']);
  });

  it('commits a transaction that need not be durable, and the next transaction is durable again', async () => {
    const path = tempFile();
    const { db, store } = await setUp(open(path));
    await store.transaction((tx) => tx.deliveries.markSeen('lookup-1', AT), { durable: false });
    await store.transaction((tx) => tx.deliveries.markSeen('change-1', AT));
    expect(db.$client.pragma('synchronous', { simple: true })).toBe(2); // FULL again for the next
    db.$client.close();
    expect(await createStore(open(path)).deliveries.seen('lookup-1')).toBe(true);
  });

  it('writes nothing for a person who is already known under the same name', async () => {
    const { db, store } = await setUp();
    const ann = await store.people.upsert('console', 'u1', 'ann', 'T1');
    const before = db.$client.prepare('select total_changes()').pluck().get();
    expect(await store.people.upsert('console', 'u1', 'ann')).toEqual(ann);
    expect(await store.people.upsert('console', 'u1', 'ann', 'T1')).toEqual(ann);
    expect(db.$client.prepare('select total_changes()').pluck().get()).toBe(before);
    expect(await store.people.upsert('console', 'u1', 'Ann', 'T2')).toEqual({ ...ann, name: 'Ann', orgId: 'T2' });
  });

  it('runs two transactions started together one after the other', async () => {
    const { store, channelId } = await setUp();
    const log: string[] = [];
    const work = (name: string) =>
      store.transaction(async (tx) => {
        log.push(`${name}:begin`);
        for (let i = 0; i < 3; i++) {
          await tx.audit.record(audit(channelId, `${name}${i}`));
          await sleep(2); // gives the other transaction every chance to cut in
        }
        log.push(`${name}:end`);
      });
    await Promise.all([work('a'), work('b')]);
    expect(log).toEqual(['a:begin', 'a:end', 'b:begin', 'b:end']);
    expect(await actions(store, channelId)).toEqual(['a0', 'a1', 'a2', 'b0', 'b1', 'b2']);
  });

  it('serialises transactions of two stores over one connection', async () => {
    const { db, store, channelId } = await setUp();
    const other = createStore(db);
    const log: string[] = [];
    const work = (s: Store, name: string) =>
      s.transaction(async (tx) => {
        log.push(`${name}:begin`);
        await tx.audit.record(audit(channelId, name));
        await sleep(2);
        log.push(`${name}:end`);
      });
    await Promise.all([work(store, 'a'), work(other, 'b')]);
    expect(log).toEqual(['a:begin', 'a:end', 'b:begin', 'b:end']);
  });

  it('joins a transaction called inside another: no deadlock, and it rolls back with the outer one', async () => {
    const { store, channelId } = await setUp();
    const boom = new Error('boom');
    await expect(
      store.transaction(async (tx) => {
        await tx.audit.record(audit(channelId, 'outer'));
        const inner = await tx.transaction(async (tx2) => {
          await tx2.audit.record(audit(channelId, 'inner'));
          await tx2.transaction(async (tx3) => tx3.audit.record(audit(channelId, 'innermost')));
          return 'inner done';
        });
        expect(inner).toBe('inner done');
        expect(await tx.audit.recent(channelId, 10)).toHaveLength(3);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await actions(store, channelId)).toEqual([]);
  });

  it('refuses the outer store inside its own transaction (it would wait for that transaction for ever)', async () => {
    const { store, channelId } = await setUp();
    const misuse = /inside a transaction: use the transaction's own store/;
    await store.transaction(async (tx) => {
      await tx.audit.record(audit(channelId, 'kept'));
      await expect(store.audit.record(audit(channelId, 'outer store'))).rejects.toThrow(misuse);
      await expect(store.transaction(async () => 'nested')).rejects.toThrow(misuse);
    });
    expect(await actions(store, channelId)).toEqual(['kept']);
  });

  it('runs a call of `tx` made after its transaction ended on its own, not in another store’s open one', async () => {
    const { db, store, channelId } = await setUp();
    let kept: Store | undefined;
    await store.transaction(async (tx) => {
      kept = tx;
    });
    const other = heldOpen(createStore(db), channelId, 'rolled back', 'roll back');
    await other.written;
    const late = kept!.audit.record(audit(channelId, 'late'));
    other.finish();
    await expect(other.ended).rejects.toThrow('rolled back');
    await late;
    expect(await actions(store, channelId)).toEqual(['late']);
  });

  it('a read outside any transaction waits for the open one and never sees its uncommitted writes', async () => {
    const { store, channelId } = await setUp();
    const wrote = gate();
    const finish = gate();
    const log: string[] = [];
    const tx = store.transaction(async (t) => {
      await t.audit.record(audit(channelId, 'uncommitted'));
      wrote.open();
      await finish.opened;
      log.push('tx:end');
      throw new Error('rolled back');
    });
    await wrote.opened;
    const read = actions(store, channelId).then((seen) => {
      log.push('read');
      return seen;
    });
    await sleep(20);
    expect(log).toEqual([]); // the read is waiting, not reading the open transaction's write
    finish.open();
    await expect(tx).rejects.toThrow('rolled back');
    expect(await read).toEqual([]);
    expect(log).toEqual(['tx:end', 'read']);
  });

  it('a read outside any transaction returns after the open one commits, with its writes', async () => {
    const { store, channelId } = await setUp();
    const tx = heldOpen(store, channelId, 'committed', 'commit');
    await tx.written;
    const read = actions(store, channelId);
    tx.finish();
    await tx.ended;
    expect(await read).toEqual(['committed']);
  });

  it('a write outside any transaction is not swept into another caller’s transaction and its rollback', async () => {
    const { store, channelId } = await setUp();
    const tx = heldOpen(store, channelId, 'in-tx', 'roll back');
    await tx.written;
    const outside = store.audit.record(audit(channelId, 'outside'));
    tx.finish();
    await expect(tx.ended).rejects.toThrow('rolled back');
    await outside;
    expect(await actions(store, channelId)).toEqual(['outside']);
  });

  it('turns a busy statement (as drizzle wraps it) into StoreBusy after rolling back', async () => {
    const { store, channelId } = await setUp();
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const rejected = store.transaction(async (tx) => {
      await tx.audit.record(audit(channelId, 'lost'));
      throw new DrizzleQueryError('insert into audit_log ...', [], busy);
    });
    await expect(rejected).rejects.toBeInstanceOf(StoreBusy);
    expect(await actions(store, channelId)).toEqual([]);
  });
});

describe('Store.transaction against another connection', () => {
  it('is StoreBusy after busyTimeoutMs while another connection holds the write lock; writes nothing', async () => {
    const path = tempFile();
    const { db, store } = await setUp(open(path));
    const other = open(path);
    other.$client.exec('BEGIN IMMEDIATE');
    let ran = false;
    const started = Date.now();
    const attempt = store.transaction(
      async (tx) => {
        ran = true;
        await tx.people.upsert('console', 'u1', 'ann');
      },
      { busyTimeoutMs: 50 },
    );
    await expect(attempt).rejects.toBeInstanceOf(StoreBusy);
    expect(Date.now() - started).toBeLessThan(2_000); // the 50 ms, not the connection's 5 s
    expect(ran).toBe(false);
    expect(db.$client.inTransaction).toBe(false);

    other.$client.exec('ROLLBACK');
    expect(await store.people.get(1)).toBeNull();
    // A call with no timeout of its own waits the connection's usual 5 s again.
    expect(db.$client.pragma('busy_timeout', { simple: true })).toBe(5000);
    // The connection is usable again once the lock is released.
    await store.transaction(async (tx) => tx.people.upsert('console', 'u1', 'ann'));
    expect(await store.people.get(1)).toMatchObject({ name: 'ann' });
  });
});
