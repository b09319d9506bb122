import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/client.js';
import { IN_LIST } from '../../db/prepared.js';
import { createStore } from '../../db/store.js';
import { ManualClock } from '../../src/kernel/clock.js';
import { addChannel } from '../helpers/add-channel.js';

describe('reads over a list of channels (preparedIn: a fixed in-list, run per IN_LIST ids)', () => {
  it('answers every channel asked for, in lists longer and shorter than one run, no row twice', async () => {
    const db = openDb(':memory:');
    const store = createStore(db);
    const clock = new ManualClock(new Date('2026-12-01T09:00:00Z'));
    const ids: number[] = [];
    for (let i = 0; i < 2 * IN_LIST + 5; i++) {
      const channel = await addChannel(store, clock, 'slack', `C${i}`, 'Europe/London');
      await store.channels.putHoliday(channel.id, { date: '2026-12-28', name: `Boxing Day ${i}` });
      await store.channels.putHoliday(channel.id, { date: '2026-12-25', name: `Christmas ${i}` });
      ids.push(channel.id);
    }

    const all = await store.channels.holidaysOf(ids);
    expect(all.size).toBe(ids.length);
    for (const [i, id] of ids.entries())
      expect(all.get(id)).toEqual([
        { date: '2026-12-25', name: `Christmas ${i}` },
        { date: '2026-12-28', name: `Boxing Day ${i}` },
      ]);

    const few = await store.channels.holidaysOf([ids[3]!, ids[68]!]);
    expect([...few.keys()]).toEqual([ids[3], ids[68]]);
    expect(few.get(ids[68]!)?.map((h) => h.name)).toEqual(['Christmas 68', 'Boxing Day 68']);
    expect((await store.channels.holidaysOf([])).size).toBe(0);
    db.$client.close();
  });
});
