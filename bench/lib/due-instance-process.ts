/**
 * One Tandem instance's scheduler for the postgres case: forked with IPC, it opens the database
 * (BENCH_DB_URL, PostgreSQL; else the SQLite file BENCH_DB_PATH) as production does, answers
 * { type: 'ready' }, and on { type: 'go' } ticks at BENCH_DUE_AT (ms since the epoch) until a tick
 * finds nothing to claim, then answers { type: 'done', ran, ms, ticks }. Its own process, so that two
 * instances on one PostgreSQL database run side by side as two machines' processes would.
 */
import { openDatabase } from '../../db/open.js';
import { createJobKinds } from '../../src/features/index.js';
import { ManualClock } from '../../src/kernel/clock.js';
import { silentLogger } from '../../src/kernel/logger.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { msSince } from './stats.js';

const dueAt = new Date(Number(process.env.BENCH_DUE_AT));
const database = await openDatabase({ url: process.env.BENCH_DB_URL, path: process.env.BENCH_DB_PATH ?? '' });
const scheduler = new Scheduler({
  store: database.store,
  clock: new ManualClock(dueAt),
  log: silentLogger,
  kinds: createJobKinds(),
  owner: process.env.BENCH_OWNER ?? `bench-${process.pid}`,
});

async function runDue(): Promise<void> {
  let ran = 0;
  let ticks = 0;
  const start = process.hrtime.bigint();
  for (;;) {
    const report = await scheduler.tick(dueAt);
    ticks++;
    ran += report.done + report.dropped + report.failed;
    if (report.done + report.dropped + report.failed + report.retried + report.lost === 0 || ticks > 1000) break;
  }
  process.send!({ type: 'done', ran, ms: msSince(start), ticks });
}

process.on('message', (m: { type: string }) => {
  if (m.type === 'go') {
    runDue().catch((err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    });
  }
  if (m.type === 'stop') void database.close().finally(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready', port: 0 });
