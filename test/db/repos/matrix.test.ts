import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../helpers/dialects.js';
import { another, area, closeOpened, fresh, setUp } from '../../helpers/store-fixture.js';

afterEach(closeOpened);

describeEachDialect('matrix version', (dialect) => {
  it('changes on put, remove and replaceAll, and not on reads', async () => {
    const { store, channelId } = await setUp(await fresh(dialect));
    const versions = [await store.matrix.version(channelId)];
    const changedBy = async (write: () => Promise<unknown>) => {
      await write();
      const v = await store.matrix.version(channelId);
      expect(versions).not.toContain(v);
      versions.push(v);
    };
    await changedBy(() => store.matrix.put(channelId, area('Patching')));
    await changedBy(() => store.matrix.put(channelId, area('Patching', ['updates']))); // a replacement
    await changedBy(() => store.matrix.put(channelId, area('Backups')));
    await changedBy(() => store.matrix.remove(channelId, 'backups'));
    await changedBy(() => store.matrix.replaceAll(channelId, [area('Network'), area('Email')]));

    const before = await store.matrix.version(channelId);
    expect((await store.matrix.list(channelId)).map((a) => a.name)).toEqual(['Network', 'Email']);
    expect(await store.matrix.version(channelId)).toBe(before);
  });

  it('is seen by a second connection', async () => {
    const first = await fresh(dialect, { file: true });
    const { store, channelId } = await setUp(first);
    const { store: other } = await setUp(await another(first));
    await store.matrix.put(channelId, area('Patching'));
    const v1 = await store.matrix.version(channelId);
    expect(await other.matrix.version(channelId)).toBe(v1);
    await store.transaction(async (tx) => tx.matrix.replaceAll(channelId, [area('Network')]));
    const v2 = await store.matrix.version(channelId);
    expect(v2).not.toBe(v1);
    expect(await other.matrix.version(channelId)).toBe(v2);
  });

  it('goes back with a rolled-back write, and what that write saw never comes back', async () => {
    const { store, channelId } = await setUp(await fresh(dialect));
    await store.matrix.put(channelId, area('Patching'));
    const committed = await store.matrix.version(channelId);
    let uncommitted = '';
    await expect(
      store.transaction(async (tx) => {
        await tx.matrix.put(channelId, area('Backups'));
        uncommitted = await tx.matrix.version(channelId);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(uncommitted).not.toBe(committed);
    expect(await store.matrix.version(channelId)).toBe(committed);

    // The next write moves on to a version of its own, never the rolled-back one.
    await store.matrix.put(channelId, area('Network'));
    const next = await store.matrix.version(channelId);
    expect([committed, uncommitted]).not.toContain(next);
  });
});
