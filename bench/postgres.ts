/**
 * Case 7 — PostgreSQL beside SQLite, in one run on one machine: SQLite on disk (synchronous = FULL)
 * and a PostgreSQL server (a throwaway one with its durable defaults, or BENCH_DATABASE_URL).
 * (a) A command's latency through the Bot: `escalate`, `who owns`, `ack` in turns, the two databases
 *     alternating which goes first each round: p50/p99 of each and the ratio PostgreSQL/SQLite.
 * (b) Due jobs per second: 2,000 morning posts due at once across 2,000 channels, run by one instance
 *     on SQLite, one on PostgreSQL, and two on the same PostgreSQL (two processes sharing the work
 *     through SKIP LOCKED claims); every job must run once.
 */
import { join } from 'node:path';
import pg from 'pg';
import { openDb } from '../db/client.js';
import { openDatabase } from '../db/open.js';
import { DEFAULT_ACK_TIMEOUTS, type IsoWeekday } from '../src/domain/model.js';
import { createJobKinds } from '../src/features/index.js';
import { ManualClock } from '../src/kernel/clock.js';
import { silentLogger } from '../src/kernel/logger.js';
import { Scheduler } from '../src/scheduler/scheduler.js';
import { type CaseRun, caseMain } from './lib/case.js';
import { COMMANDS, type CommandName, type CommandSide, commandSide } from './lib/command-mix.js';
import { type BenchPg, startBenchPg } from './lib/pg-server.js';
import { cpuMs, forkHelper } from './lib/processes.js';
import { median, note, quantile, round } from './lib/stats.js';
import { tempDir } from './lib/tandem-core.js';

const ROUNDS = Number(process.env.BENCH_PG_ROUNDS ?? 6);
const PER_ROUND = Number(process.env.BENCH_PG_COMMANDS ?? 50);
const DUE = Number(process.env.BENCH_PG_DUE ?? 2000);
const DUE_RUNS = Number(process.env.BENCH_PG_DUE_RUNS ?? 2);
/** Tuesday 1 December 2026, 22:00 in New York: the morning posts fall due at 08:00 the next day. */
const START = new Date('2026-12-02T03:00:00Z');

type Where = { url: string } | { path: string };
type Setup = 'sqlite' | 'pg1' | 'pg2';

/** Raw SQL on either database, for counting what a burst left. */
async function rows<T>(where: Where, text: string, params: unknown[] = []): Promise<T[]> {
  if ('path' in where) {
    const db = openDb(where.path);
    try {
      return db.$client.prepare(text.replace(/\$\d+/g, '?')).all(...params) as T[];
    } finally {
      db.$client.close();
    }
  }
  const client = new pg.Client({ connectionString: where.url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** DUE channels, each planned (its morning post): returns the instant they are all due. */
async function seedDue(where: Where): Promise<number> {
  const database = await openDatabase('url' in where ? { url: where.url, path: '' } : { path: where.path });
  try {
    const store = database.store;
    await store.transaction(async (tx) => {
      for (let i = 0; i < DUE; i++) {
        await tx.channels.create({
          platform: 'slack',
          externalId: `C${String(i).padStart(8, '0')}`,
          orgName: `Org ${i}`,
          mspName: 'Northwind',
          timezone: 'America/New_York',
          workDays: [1, 2, 3, 4, 5] as IsoWeekday[],
          dayStart: 8 * 60,
          dayEnd: 17 * 60,
          internalHandle: null,
          mspHandle: null,
          morningOffsetMinutes: 0,
          ackTimeouts: { ...DEFAULT_ACK_TIMEOUTS },
          createdAt: START,
        });
      }
    });
    const clock = new ManualClock(START);
    await new Scheduler({ store, clock, log: silentLogger, kinds: createJobKinds() }).planAll(START);
  } finally {
    await database.close();
  }
  const [last] = await rows<{ t: number }>(
    where,
    "select due_at as t from jobs where state = 'pending' order by due_at limit 1 offset $1",
    [DUE - 1],
  );
  if (!last) throw new Error(`planning made fewer than ${DUE} jobs`);
  return Number(last.t);
}

interface Burst {
  setup: Setup;
  due: number;
  ran: number;
  ms: number;
  jobsPerS: number;
  perInstance: number[];
  /** CPU time of the instances' processes per job run (the server's own not counted), ms. */
  cpuMsPerJob: number;
}

/** One burst: a fresh database, seeded, then `instances` processes run what is due. */
async function burst(setup: Setup, server: BenchPg): Promise<Burst> {
  const tmp = tempDir('pg-due');
  const where: Where = setup === 'sqlite' ? { path: join(tmp.dir, 'tandem.db') } : { url: await server.database() };
  try {
    const dueAt = await seedDue(where);
    const [{ n: due } = { n: 0 }] = await rows<{ n: number }>(
      where,
      "select count(*) as n from jobs where state = 'pending' and due_at <= $1",
      [dueAt],
    );
    const env = {
      BENCH_DUE_AT: String(dueAt),
      ...('url' in where ? { BENCH_DB_URL: where.url } : { BENCH_DB_PATH: where.path }),
    };
    const count = setup === 'pg2' ? 2 : 1;
    const instances = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        forkHelper('./due-instance-process.ts', { ...env, BENCH_OWNER: `bench-${i + 1}` }),
      ),
    );
    const cpuBefore = instances.map((x) => cpuMs(x.child.pid!));
    const start = performance.now();
    const reports = await Promise.all(
      instances.map((x) => x.request<{ ran: number; ms: number }>({ type: 'go' }, 'done')),
    );
    const ms = performance.now() - start;
    const cpu = instances.reduce((n, x, i) => n + cpuMs(x.child.pid!) - cpuBefore[i]!, 0);
    await Promise.all(instances.map((x) => x.stop()));
    const ran = reports.reduce((n, r) => n + r.ran, 0);
    const left = await rows<{ state: string; n: number }>(
      where,
      'select state, count(*) as n from jobs where due_at <= $1 group by state order by state',
      [dueAt],
    );
    const states = left.map((r) => `${Number(r.n)} ${r.state}`).join(', ');
    if (ran !== Number(due) || left.some((r) => r.state === 'pending' || r.state === 'running'))
      throw new Error(`${setup}: ${ran} runs for ${due} due jobs; afterwards ${states}`);
    const jobsPerS = (ran / ms) * 1000;
    const split = reports.map((r) => r.ran);
    note(
      `[${setup}] ${ran} of ${due} due jobs in ${ms.toFixed(0)} ms: ${jobsPerS.toFixed(0)} jobs/s ` +
        `(per instance ${split}; ${states}); instances' CPU ${(cpu / ran).toFixed(2)} ms a job`,
    );
    return {
      setup,
      due: Number(due),
      ran,
      ms: round(ms),
      jobsPerS: round(jobsPerS),
      perInstance: split,
      cpuMsPerJob: round(cpu / ran),
    };
  } finally {
    tmp.remove();
  }
}

/** Each side's latencies, p50 and p99, over every command and per command. */
function latencies(side: CommandSide) {
  const all = COMMANDS.flatMap((c) => side.times[c]);
  const per = Object.fromEntries(
    COMMANDS.map((c) => [c, { p50: round(quantile(side.times[c], 0.5)), p99: round(quantile(side.times[c], 0.99)) }]),
  ) as Record<CommandName, { p50: number; p99: number }>;
  return { p50: quantile(all, 0.5), p99: quantile(all, 0.99), per };
}

export const run: CaseRun = async () => {
  const server = await startBenchPg();
  const tmp = tempDir('pg-cmd');
  try {
    const shown = server.settings;
    note(`PostgreSQL ${shown.server_version} (${server.source}); ${JSON.stringify(shown)}`);

    // (a) commands, the two databases in alternating order, each round the same commands.
    const sqliteDb = await openDatabase({ path: join(tmp.dir, 'tandem.db') });
    const pgDb = await openDatabase({ url: await server.database(), path: '' });
    const sides = [await commandSide('sqlite', sqliteDb), await commandSide('postgres', pgDb)];
    for (const side of sides) await side.take(10, false); // warm-up
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) await side.take(PER_ROUND);
    }
    await sqliteDb.close();
    await pgDb.close();
    const [sq, pq] = sides.map(latencies) as [ReturnType<typeof latencies>, ReturnType<typeof latencies>];
    const ratioP50 = pq.p50 / sq.p50;
    const ratioP99 = pq.p99 / sq.p99;
    note(
      `commands (${ROUNDS} × ${PER_ROUND} × ${COMMANDS.length} each): SQLite p50 ${sq.p50.toFixed(2)} p99 ` +
        `${sq.p99.toFixed(2)} ms; PostgreSQL p50 ${pq.p50.toFixed(2)} p99 ${pq.p99.toFixed(2)} ms; per command ` +
        `${JSON.stringify({ sqlite: sq.per, postgres: pq.per })}`,
    );

    // (b) due jobs: the three setups in rotating order, DUE_RUNS times each, each on a fresh database.
    const setups: Setup[] = ['sqlite', 'pg1', 'pg2'];
    const bursts: Burst[] = [];
    for (let r = 0; r < DUE_RUNS; r++) {
      for (let i = 0; i < setups.length; i++) bursts.push(await burst(setups[(i + r) % setups.length]!, server));
    }
    const rate = (s: Setup) => median(bursts.filter((b) => b.setup === s).map((b) => b.jobsPerS));
    const [sqliteRate, pg1Rate, pg2Rate] = setups.map(rate) as [number, number, number];
    const cpuOf = (s: Setup) => median(bursts.filter((b) => b.setup === s).map((b) => b.cpuMsPerJob));
    const [sqliteCpu, pg1Cpu] = setups.map(cpuOf) as [number, number];

    const per = (x: ReturnType<typeof latencies>) => COMMANDS.map((c) => `${c} ${x.per[c].p50}`).join(', ');
    const where =
      server.source === 'throwaway'
        ? `PostgreSQL ${shown.server_version?.split(' ')[0]} on this machine, fsync ${shown.fsync}, ` +
          `synchronous_commit ${shown.synchronous_commit}`
        : `PostgreSQL ${shown.server_version?.split(' ')[0]} at BENCH_DATABASE_URL`;
    return {
      name: 'postgres',
      fields: {
        sqlite_command_p50_ms: round(sq.p50),
        sqlite_command_p99_ms: round(sq.p99),
        pg_command_p50_ms: round(pq.p50),
        pg_command_p99_ms: round(pq.p99),
        pg_sqlite_command_ratio_p50: round(ratioP50),
        pg_sqlite_command_ratio_p99: round(ratioP99),
        sqlite_due_jobs_per_s: round(sqliteRate),
        pg_due_jobs_per_s_1: round(pg1Rate),
        pg_due_jobs_per_s_2: round(pg2Rate),
      },
      rows: [
        {
          case: '7',
          what:
            `SQLite on disk (FULL) vs ${where}: ${ROUNDS * PER_ROUND} × escalate, who owns, ack through the Bot, ` +
            `alternating; ${DUE.toLocaleString('en')} morning posts due at once across ` +
            `${DUE.toLocaleString('en')} channels, median of ${DUE_RUNS}`,
          result:
            `command p50 ${round(pq.p50)} vs ${round(sq.p50)} ms (×${round(ratioP50)}), p99 ${round(pq.p99)} vs ` +
            `${round(sq.p99)} ms (×${round(ratioP99)}) [p50 PostgreSQL: ${per(pq)}; SQLite: ${per(sq)}]; ` +
            `due jobs/s: SQLite ${Math.round(sqliteRate)}, PostgreSQL one instance ${Math.round(pg1Rate)}, ` +
            `two instances ${Math.round(pg2Rate)} (CPU a job in the instance: SQLite ${round(sqliteCpu)} ms, ` +
            `PostgreSQL ${round(pg1Cpu)} ms)`,
          target: '—',
          met: null,
        },
      ],
      detail: {
        postgres: { source: server.source, ...shown },
        commands: { sqlite: sq.per, postgres: pq.per, rounds: ROUNDS, perRound: PER_ROUND },
        bursts,
      },
    };
  } finally {
    tmp.remove();
    await server.stop();
  }
};

caseMain(import.meta.url, run);
