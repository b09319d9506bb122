/**
 * Case 6: a year of a busy channel (test/helpers/busy-channel.ts: three escalations a weekday,
 * acknowledged, re-notified, resolved, an overnight note, the morning posts and reminders) on a
 * fake clock, SQLite on disk, once with the default retention and once keeping everything, as
 * before retention: the database's size after the year, and how long each write transaction held
 * the write lock (commands apart from the scheduler, the outbox and pruning); then the worst
 * command there is for it, a 1,000-row `matrix import` at the 256 KB limit, padded with blank lines.
 */
import { statSync } from 'node:fs';
import type { Store, TransactionOptions } from '../src/kernel/ports/store.js';
import { makeHarness, SETUP } from '../test/harness.js';
import { busyChannel } from '../test/helpers/busy-channel.js';
import { type CaseRun, caseMain } from './lib/case.js';
import { note, quantile, round } from './lib/stats.js';

const DAYS = Number(process.env.BENCH_YEAR_DAYS ?? 365);
const FOREVER = 1e13;

interface Year {
  fileMb: number;
  usedMb: number;
  rows: Record<string, number>;
  command: number[];
  background: number[];
  importMs: number;
}

async function year(retention: boolean): Promise<Year> {
  const h = await makeHarness({
    setup: SETUP,
    platform: 'slack',
    start: '2026-01-05T14:00:00Z',
    dbPath: 'temp',
    ...(retention
      ? {}
      : { scheduler: { retention: { sentMs: FOREVER, deliveryIdsMs: FOREVER, commandUsesMs: FOREVER } } }),
  });
  const held = { command: [] as number[], background: [] as number[] };
  let inCommand = false;
  let depth = 0;
  const inner = h.store.transaction.bind(h.store);
  h.store.transaction = async <T>(fn: (tx: Store) => Promise<T>, options?: TransactionOptions): Promise<T> => {
    const t0 = performance.now();
    depth++;
    try {
      return await inner(fn, options);
    } finally {
      // A transaction called inside another joins it: only the outermost holds the lock.
      if (--depth === 0) (inCommand ? held.command : held.background).push(performance.now() - t0);
    }
  };
  const around = async <T>(command: () => Promise<T>): Promise<T> => {
    inCommand = true;
    try {
      return await command();
    } finally {
      inCommand = false;
    }
  };
  await busyChannel(h, DAYS, around);
  const before = held.command.length;
  const rows = Array.from({ length: 1000 }, (_, i) => `area ${i},msp,msp,,alias ${i},${'n'.repeat(180)}`);
  const csv = `area,business,after_hours,contact,aliases,note\n${rows.join('\n')}\n`;
  const padded = csv + '\n'.repeat(256 * 1024 - csv.length - 40);
  const reply = await around(() => h.sayText('alice', `matrix import ${padded}`));
  if (!/1,?000|imported/i.test(reply)) throw new Error(`the import did not run: ${reply.slice(0, 200)}`);
  const importMs = Math.max(...held.command.slice(before));
  h.db.$client.pragma('wal_checkpoint(TRUNCATE)');
  const n = (sql: string) => (h.db.$client.prepare(sql).get() as { n: number }).n;
  const pageSize = n('select page_size as n from pragma_page_size');
  const used =
    n('select page_count as n from pragma_page_count') - n('select freelist_count as n from pragma_freelist_count');
  const table = (t: string) => n(`select count(*) as n from ${t}`);
  const result = {
    fileMb: statSync(h.path).size / 1024 / 1024,
    usedMb: (used * pageSize) / 1024 / 1024,
    rows: Object.fromEntries(
      ['outbox', 'jobs', 'inbound_seen', 'command_uses', 'escalations', 'escalation_events', 'audit_log'].map((t) => [
        t,
        table(t),
      ]),
    ),
    command: held.command.slice(0, before),
    background: held.background,
    importMs,
  };
  h.close();
  return result;
}

const run: CaseRun = async () => {
  note(`a year (${DAYS} days) of a busy channel, default retention`);
  const pruned = await year(true);
  note('the same year keeping everything');
  const kept = await year(false);
  const q = (xs: number[], p: number) => round(quantile(xs, p));
  const worstCommand = Math.max(...pruned.command);
  const worstBackground = Math.max(...pruned.background);
  return {
    name: 'retention',
    fields: {
      year_db_mb: round(pruned.fileMb),
      year_db_used_mb: round(pruned.usedMb),
      year_db_kept_everything_mb: round(kept.fileMb),
      lock_command_p50_ms: q(pruned.command, 0.5),
      lock_command_p99_ms: q(pruned.command, 0.99),
      lock_command_max_ms: round(worstCommand),
      lock_background_p99_ms: q(pruned.background, 0.99),
      lock_background_max_ms: round(worstBackground),
      lock_matrix_import_ms: round(pruned.importMs),
    },
    rows: [
      {
        case: '6',
        what:
          `a year of a busy channel (3 escalations a weekday, acked, re-notified, resolved; notes; morning posts), ` +
          `fake clock, SQLite on disk; default retention vs keeping everything`,
        result:
          `database ${round(pruned.fileMb)} MB (${round(pruned.usedMb)} MB in use; ${pruned.rows.outbox} posts, ` +
          `${pruned.rows.jobs} jobs, ${pruned.rows.inbound_seen} delivery ids kept) vs ${round(kept.fileMb)} MB ` +
          `(${kept.rows.outbox} posts, ${kept.rows.jobs} jobs, ${kept.rows.inbound_seen} delivery ids); ` +
          `write lock held by a command p50 ${q(pruned.command, 0.5)} ms, p99 ${q(pruned.command, 0.99)} ms, ` +
          `worst ${round(worstCommand)} ms; by the scheduler, outbox and pruning p99 ` +
          `${q(pruned.background, 0.99)} ms, worst ${round(worstBackground)} ms; 1,000-row matrix import at ` +
          `256 KB ${round(pruned.importMs)} ms`,
        target: 'bounded; a command holds the lock a few ms',
        met: (pruned.rows.outbox ?? 0) < (kept.rows.outbox ?? 0) / 5 && q(pruned.command, 0.99) < 10,
      },
    ],
    detail: { pruned: pruned.rows, kept: kept.rows },
  };
};

caseMain(import.meta.url, run);
