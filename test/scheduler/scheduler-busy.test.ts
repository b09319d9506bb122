import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Store, TransactionOptions } from '../../src/kernel/ports/store.js';
import { notePost } from '../fixtures/scheduler-kinds.js';
import { makeSchedulerChannel } from '../helpers/scheduler-channel.js';

describe('the scheduler and the outbox while another process holds the database', () => {
  it('leave their claims to the next tick after a brief wait, then run them once the lock is gone', async () => {
    const h = await makeSchedulerChannel({
      start: '2026-11-30T15:00:00Z',
      dbPath: 'temp',
      kinds: [notePost],
      scheduler: { owner: 's' },
      sender: { owner: 's' },
    });
    const { store, clock, chat, scheduler, sender, seeded: channel } = h;
    await store.jobs.schedule(
      { kind: 'note-post', channelId: channel.id, dueAt: clock.now(), payload: { text: 'hello' }, occurrenceKey: 'n1' },
      clock.now(),
    );

    // Every transaction's options, so we can see how long each was allowed to wait on the lock.
    const waits: (number | undefined)[] = [];
    const transaction = store.transaction.bind(store);
    store.transaction = <T>(fn: (tx: Store) => Promise<T>, options?: TransactionOptions): Promise<T> => {
      waits.push(options?.busyTimeoutMs);
      return transaction(fn, options);
    };

    const other = new Database(h.path);
    other.exec('BEGIN IMMEDIATE');
    expect(await scheduler.tick()).toMatchObject({ done: 0 });
    expect(waits).toEqual([100]);
    other.exec('ROLLBACK');

    expect(await scheduler.tick()).toMatchObject({ done: 1 });
    other.exec('BEGIN IMMEDIATE');
    waits.length = 0;
    await sender.drain();
    expect(waits).toEqual([100]);
    expect(chat.delivered).toHaveLength(0);
    other.exec('ROLLBACK');

    await sender.drain();
    expect(chat.delivered).toHaveLength(1);
    other.close();
    h.close();
  });
});
