import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeliveryBatch } from '../../src/kernel/delivery-batch.js';
import { StoreBusy } from '../../src/kernel/errors.js';
import { silentLogger } from '../../src/kernel/logger.js';
import type { Store } from '../../src/kernel/ports/store.js';
import { type Harness, makeHarness } from '../harness.js';

let h: Harness;
afterEach(() => h?.close());

const AT = new Date('2026-12-02T15:00:00Z');

/** The store, with its transactions failing as busy while `busy()` says so, and counting them. */
function flaky(store: Store, busy: () => boolean): { store: Store; transactions: () => number } {
  let n = 0;
  const wrapped = Object.create(store) as Store;
  wrapped.transaction = (fn, options) => {
    n++;
    return busy() ? Promise.reject(new StoreBusy(new Error('locked'))) : store.transaction(fn, options);
  };
  return { store: wrapped, transactions: () => n };
}

describe('the batch of answered deliveries', () => {
  it('records the ids waiting in one transaction, a moment after the first', async () => {
    h = await makeHarness({});
    const { store, transactions } = flaky(h.store, () => false);
    const batch = new DeliveryBatch(store, silentLogger, 20);
    for (const key of ['a', 'b', 'c']) batch.add(key, AT);
    expect(batch.has('b')).toBe(true);
    expect(await h.store.deliveries.seen('a')).toBe(false);
    await vi.waitFor(async () => expect(await h.store.deliveries.seen('c')).toBe(true));
    expect(await h.store.deliveries.seen('a')).toBe(true);
    expect(transactions()).toBe(1);
    expect(batch.has('b')).toBe(false);
  });

  it('keeps the ids while the database is busy and records them once it is free', async () => {
    h = await makeHarness({});
    let busy = true;
    const { store, transactions } = flaky(h.store, () => busy);
    const batch = new DeliveryBatch(store, silentLogger, 1);
    batch.add('a', AT);
    await vi.waitFor(() => expect(transactions()).toBeGreaterThanOrEqual(1));
    expect(batch.has('a')).toBe(true);
    busy = false;
    await batch.close();
    expect(await h.store.deliveries.seen('a')).toBe(true);
    expect(batch.has('a')).toBe(false);
  });

  it('records what waits when closed, without waiting for the delay', async () => {
    h = await makeHarness({});
    const batch = new DeliveryBatch(h.store, silentLogger, 60_000);
    batch.add('a', AT);
    batch.add('a', AT);
    await batch.close();
    expect(await h.store.deliveries.seen('a')).toBe(true);
  });

  it('forgets an id whose answer did not commit, so that a repeat runs', async () => {
    h = await makeHarness({});
    const batch = new DeliveryBatch(h.store, silentLogger, 60_000);
    batch.add('a', AT);
    batch.forget('a');
    await batch.close();
    expect(batch.has('a')).toBe(false);
    expect(await h.store.deliveries.seen('a')).toBe(false);
  });
});
