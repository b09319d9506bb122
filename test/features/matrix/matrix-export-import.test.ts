import { describe, expect, it, vi } from 'vitest';
import type { Store, TransactionOptions } from '../../../src/kernel/ports/store.js';
import { makeHarness, SETUP } from '../../harness.js';
import { sayConfirmed } from '../../helpers/confirm.js';

/** Whether a write transaction was open each time the CSV was read. */
const seen = vi.hoisted(() => ({ open: false, readInTransaction: [] as boolean[] }));
vi.mock('../../../src/domain/matrix-csv.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/domain/matrix-csv.js')>();
  return {
    ...original,
    csvToMatrix: (csv: string) => {
      seen.readInTransaction.push(seen.open);
      return original.csvToMatrix(csv);
    },
  };
});

async function channel() {
  const h = await makeHarness({ setup: SETUP });
  const inner = h.store.transaction.bind(h.store);
  h.store.transaction = async <T>(fn: (tx: Store) => Promise<T>, options?: TransactionOptions): Promise<T> => {
    const outer = !seen.open;
    seen.open = true;
    try {
      return await inner(fn, options);
    } finally {
      if (outer) seen.open = false;
    }
  };
  seen.readInTransaction.length = 0;
  return h;
}

const HEADER = 'area,business,after_hours,contact,aliases,note';

describe('matrix import reads its CSV before the write transaction', () => {
  it('parses and checks the CSV with no transaction open, then writes it', async () => {
    const h = await channel();
    const reply = await sayConfirmed(h, 'alice', `matrix import ${HEADER}\npatching,msp,msp,,,\n${'\n'.repeat(5_000)}`);
    expect(reply).toContain('Imported the matrix: 1 areas');
    // Read when asked with no transaction open. (The confirmation reads the stored line again inside its own.)
    expect(seen.readInTransaction[0]).toBe(false);
    h.close();
  });

  it('a member’s import is refused as any change is, before what is wrong with the CSV', async () => {
    const h = await channel();
    const reply = await h.sayText('bob', `matrix import ${HEADER}\npatching,vendor,msp,,,\n`);
    expect(reply).toMatch(/^Only managers of this channel can run `matrix import`/);
    expect(await h.sayText('alice', `matrix import ${HEADER}\npatching,vendor,msp,,,\n`)).toBe(
      'Line 2: business must be internal, msp or shared (got "vendor").',
    );
    expect(seen.readInTransaction.every((open) => !open)).toBe(true);
    h.close();
  });
});
