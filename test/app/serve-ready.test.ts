import { afterEach, describe, expect, it } from 'vitest';
import { FACES } from '../../adapters/faces.js';
import { openDb } from '../../db/client.js';
import { createStore } from '../../db/store.js';
import { loadConfig } from '../../src/app/config.js';
import { type Running, serve } from '../../src/app/serve.js';
import type { Clock } from '../../src/kernel/clock.js';
import { silentLogger } from '../../src/kernel/logger.js';
import { addChannel } from '../harness.js';

const CHANNELS = 600;
const systemClock: Clock = { now: () => new Date() };

describe('serve: ready first, planning after', () => {
  let running: Running | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it('answers /healthz while the channels are still being planned, and plans every one of them after', async () => {
    const db = openDb(':memory:');
    const store = createStore(db);
    await store.transaction(async (tx) => {
      for (let i = 0; i < CHANNELS; i++) await addChannel(tx, systemClock, 'slack', `C${i}`);
    });
    const channelsWithJobs = () =>
      (
        db.$client.prepare("select count(distinct channel_id) as n from jobs where state = 'pending'").get() as {
          n: number;
        }
      ).n;
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1' }, FACES);
    running = await serve({ config: config.base, faces: [], store, log: silentLogger });

    const health = await fetch(`http://127.0.0.1:${running.port}/healthz`);
    expect(health.status).toBe(200);
    expect(channelsWithJobs()).toBeLessThan(CHANNELS);
    await expect.poll(channelsWithJobs, { timeout: 60_000, interval: 50 }).toBe(CHANNELS);
  }, 90_000);
});
