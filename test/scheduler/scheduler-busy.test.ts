import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/client.js';
import { createStore } from '../../db/store.js';
import { ManualClock } from '../../src/kernel/clock.js';
import { JobKindRegistry } from '../../src/kernel/job-kind.js';
import { silentLogger } from '../../src/kernel/logger.js';
import type { Store, TransactionOptions } from '../../src/kernel/ports/store.js';
import { OutboxSender } from '../../src/outbox/sender.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { notePost } from '../fixtures/scheduler-kinds.js';
import { addChannel, FakeChat } from '../helpers/scheduler-harness.js';

describe('the scheduler and the outbox while another process holds the database', () => {
  it('leave their claims to the next tick after a brief wait, then run them once the lock is gone', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tandem-busy-')), 'tandem.db');
    const store = createStore(openDb(file));
    const clock = new ManualClock(new Date('2026-11-30T15:00:00Z'));
    const channel = await addChannel(store, clock, 'slack', 'C1');
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
    const chat = new FakeChat('slack', clock);
    const scheduler = new Scheduler({
      store,
      clock,
      log: silentLogger,
      kinds: new JobKindRegistry([notePost]),
      owner: 's',
    });
    const sender = new OutboxSender({
      store,
      clock,
      log: silentLogger,
      adapters: new Map([['slack', chat]]),
      owner: 's',
      random: () => 0.5,
    });

    const other = new Database(file);
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
  });
});
