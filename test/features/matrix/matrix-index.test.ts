import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../../db/client.js';
import { createStore } from '../../../db/store.js';
import type { MatrixAreaInput } from '../../../src/domain/model.js';
import { ownershipIndexFor } from '../../../src/features/matrix/matrix-index.js';
import { makeHarness } from '../../harness.js';
import { codeIn } from '../../helpers/confirm.js';

/** Acme and Northwind in New York, without team handles. */
const PLAIN_SETUP = 'setup org:Acme msp:Northwind tz:America/New_York';

const area = (name: string, aliases: string[] = []): MatrixAreaInput => ({
  name,
  businessOwner: 'internal',
  afterHoursOwner: 'msp',
  contact: null,
  aliases,
  note: '',
});

describe('the who owns index cache', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('keeps the index from one command to the next: every transaction’s store reaches the same cache', async () => {
    const core = await makeHarness({ setup: PLAIN_SETUP });
    const id = (await core.findChannel())!.id;
    const inTransaction = () => core.store.transaction((tx) => ownershipIndexFor(tx, id));
    const first = await inTransaction();
    expect(await inTransaction()).toBe(first);
    expect(await ownershipIndexFor(core.store, id)).toBe(first);
  });

  it('reuses the index while the matrix is unchanged and rebuilds it after set, remove and import', async () => {
    const core = await makeHarness({ setup: PLAIN_SETUP });
    const id = (await core.findChannel())!.id;
    const first = await ownershipIndexFor(core.store, id);
    expect(await ownershipIndexFor(core.store, id)).toBe(first);

    await core.say('alice', 'matrix set "badge kiosks" business:msp aliases:"id cards"');
    const afterSet = await ownershipIndexFor(core.store, id);
    expect(afterSet).not.toBe(first);
    expect(afterSet.lookup('id cards')).toMatchObject({
      kind: 'match',
      area: { name: 'badge kiosks', businessOwner: 'msp' },
    });

    await core.say('alice', 'matrix set "badge kiosks" business:internal');
    expect((await ownershipIndexFor(core.store, id)).lookup('badge kiosks')).toMatchObject({
      kind: 'match',
      area: { businessOwner: 'internal' },
    });

    // Asked, not yet confirmed: the area is still found.
    const asked = await core.say('alice', 'matrix remove badge kiosks');
    expect((await ownershipIndexFor(core.store, id)).lookup('badge kiosks').kind).toBe('match');
    await core.say('alice', `confirm ${codeIn(asked)}`);
    expect((await ownershipIndexFor(core.store, id)).lookup('badge kiosks').kind).not.toBe('match');
  });

  it('answers who owns from the current matrix after a change', async () => {
    const core = await makeHarness({ setup: PLAIN_SETUP });
    expect(await core.sayText('bob', 'who owns patching')).toContain('Northwind');
    await core.say('alice', 'matrix set patching business:internal after-hours:internal');
    expect(await core.sayText('bob', 'who owns patching')).not.toContain('Northwind');
  });

  it('sees a change committed by another connection to the same database (another process)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-index-'));
    dirs.push(dir);
    const path = join(dir, 'tandem.db');
    const a = openDb(path);
    const b = openDb(path);
    try {
      const storeA = createStore(a);
      const storeB = createStore(b);
      a.$client
        .prepare(
          'insert into channels (platform, external_id, org_name, msp_name, timezone, ack_timeouts, created_at) ' +
            "values ('console', 'c1', 'Acme', 'Northwind', 'UTC', '{}', 0)",
        )
        .run();
      const id = (await storeA.channels.find({ platform: 'console', channelId: 'c1' }))!.id;
      await storeA.transaction((tx) => tx.matrix.replaceAll(id, [area('backups')]));
      expect((await ownershipIndexFor(storeA, id)).lookup('vpn').kind).toBe('none');

      await storeB.transaction((tx) => tx.matrix.put(id, area('vpn')));
      expect((await ownershipIndexFor(storeA, id)).lookup('vpn')).toMatchObject({
        kind: 'match',
        area: { name: 'vpn' },
      });
    } finally {
      a.$client.close();
      b.$client.close();
    }
  });

  it('shares the version between repositories over one connection', async () => {
    const core = await makeHarness({ setup: PLAIN_SETUP });
    const id = (await core.findChannel())!.id;
    const other = createStore(core.db);
    const before = await ownershipIndexFor(core.store, id);
    await other.transaction((tx) => tx.matrix.put(id, area('badge kiosks')));
    expect(await ownershipIndexFor(core.store, id)).not.toBe(before);
    expect((await ownershipIndexFor(core.store, id)).lookup('badge kiosks').kind).toBe('match');
  });
});
