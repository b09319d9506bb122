/**
 * Case 5 — the process: time from spawn to ready (/healthz answers 200) of Tandem started as an
 * operator starts it (`npm start`: the compiled JavaScript in dist/, built here first, run by plain
 * node), with Slack variables pointed at a fake Slack on loopback, against an existing database, and
 * the idle RSS of the Node process; beside it the source under tsx (`npm run dev`) and a bare Bolt
 * App started through tsx until it listens. Then a database with 10,000 channels
 * (BENCH_START_CHANNELS): ready on the first start, which plans every channel after /healthz
 * answers, how long that planning takes, the RSS once it is done, and the next start.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { openDb } from '../db/client.js';
import { createStore } from '../db/store.js';
import { DEFAULT_CADENCES } from '../src/domain/cadence.js';
import { DEFAULT_ACK_TIMEOUTS, type IsoWeekday } from '../src/domain/model.js';
import { type CaseRun, caseMain } from './lib/case.js';
import { forkHelper, freePort, ROOT, rssMb, type StartTandemOptions, startTandem } from './lib/processes.js';
import { median, note, round, sleep } from './lib/stats.js';
import { tempDir } from './lib/tandem-core.js';

const WARM_RUNS = Number(process.env.BENCH_START_RUNS ?? 3);
const CHANNELS = Number(process.env.BENCH_START_CHANNELS ?? 10_000);

export const run: CaseRun = async () => {
  const tmp = tempDir('start');
  // `npm start` runs dist/, which `npm ci` builds: built again here so that it is this tree's code.
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'ignore' });
  const fake = await forkHelper('./fake-slack-process.ts');
  const env = (db: string, port: number) => ({
    PORT: String(port),
    DATABASE_PATH: db,
    SLACK_BOT_TOKEN: 'xoxb-bench-token',
    SLACK_SIGNING_SECRET: 'bench-signing-secret',
    SLACK_API_URL: `http://127.0.0.1:${fake.port}/api/`,
  });
  const emptyDb = join(tmp.dir, 'empty.db');
  openDb(emptyDb).$client.close(); // an existing database, migrations applied, as on a restart

  /** Starts, waits for ready, lets it settle (or waits for `settled`), reads its RSS, stops it. */
  const once = async (via: StartTandemOptions['via'], db: string, settled?: () => Promise<number>) => {
    const t = await startTandem({ via, env: env(db, await freePort()) });
    let settledMs = 0;
    if (settled) settledMs = await settled();
    else await sleep(1000);
    const rss = rssMb(t.appPid);
    await t.stop();
    return { readyMs: t.readyMs, rss, settledMs };
  };

  try {
    const npmRuns: { readyMs: number; rss: number }[] = [];
    const tsxRuns: { readyMs: number; rss: number }[] = [];
    const bareRuns: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      npmRuns.push(await once('npm', emptyDb));
      tsxRuns.push(await once('node', emptyDb));
      const since = performance.now();
      const bare = await forkHelper('./bare-bolt-process.ts', { BENCH_SIGNING_SECRET: 'x' });
      bareRuns.push(performance.now() - since);
      await bare.stop();
    }
    const npmMs = median(npmRuns.map((r) => r.readyMs));
    const rssIdle = median(npmRuns.map((r) => r.rss));
    const tsxMs = median(tsxRuns.map((r) => r.readyMs));
    const tsxRss = median(tsxRuns.map((r) => r.rss));
    const bareMs = median(bareRuns);
    note(
      `npm start (compiled, plain node): ${npmRuns.map((r) => r.readyMs.toFixed(0)).join(', ')} ms (median ` +
        `${npmMs.toFixed(0)}), idle RSS ${rssIdle.toFixed(0)} MB; node --import tsx src/main.ts: ` +
        `${tsxRuns.map((r) => r.readyMs.toFixed(0)).join(', ')} ms, ${tsxRss.toFixed(0)} MB; bare Bolt App ` +
        `through tsx, fork to listening: ${bareRuns.map((r) => r.toFixed(0)).join(', ')} ms`,
    );

    // Many channels: planning happens after /healthz answers; then the process's RSS once every one is planned.
    const busyDb = join(tmp.dir, 'channels.db');
    const db = openDb(busyDb);
    const store = createStore(db);
    await store.transaction(async (tx) => {
      for (let i = 0; i < CHANNELS; i++) {
        const channel = await tx.channels.create({
          platform: 'slack',
          externalId: `C${String(i).padStart(8, '0')}`,
          orgName: `Org ${i}`,
          mspName: 'Northwind',
          timezone: 'America/New_York',
          workDays: [1, 2, 3, 4, 5] as IsoWeekday[],
          dayStart: 480,
          dayEnd: 1020,
          internalHandle: null,
          mspHandle: null,
          morningOffsetMinutes: 0,
          ackTimeouts: { ...DEFAULT_ACK_TIMEOUTS },
          createdAt: new Date(),
        });
        await tx.cadences.ensure(channel.id, DEFAULT_CADENCES);
      }
    });
    const plannedChannels = db.$client.prepare(
      "select count(distinct channel_id) as n from jobs where state = 'pending'",
    ) as { get(): { n: number } };
    const allPlanned = async () => {
      const since = performance.now();
      while (plannedChannels.get().n < CHANNELS) {
        if (performance.now() - since > 300_000) throw new Error('planning did not finish within 5 minutes');
        await sleep(100);
      }
      return performance.now() - since;
    };
    const first = await once('npm', busyDb, allPlanned); // plans every channel's jobs, after ready
    const again = await once('npm', busyDb); // finds them planned
    db.$client.close();
    note(
      `with ${CHANNELS} channels (npm start): first start ready in ${first.readyMs.toFixed(0)} ms, every channel ` +
        `planned ${first.settledMs.toFixed(0)} ms after that, RSS then ${first.rss.toFixed(0)} MB; next start ` +
        `${again.readyMs.toFixed(0)} ms`,
    );
    const big = CHANNELS === 10_000;

    return {
      name: 'process-start',
      fields: {
        start_ready_ms: round(npmMs),
        start_ready_tsx_ms: round(tsxMs),
        rss_idle_mb: round(rssIdle),
        rss_tsx_idle_mb: round(tsxRss),
        bare_bolt_start_ms: round(bareMs),
        ...(big
          ? {
              ready_ms_10k_channels: round(first.readyMs),
              ready_ms_10k_channels_planned: round(again.readyMs),
              planned_after_ready_10k_ms: round(first.settledMs),
              rss_10k_channels_mb: round(first.rss),
            }
          : {}),
      },
      rows: [
        {
          case: '5',
          what: `\`npm start\` to ready (/healthz 200), Slack HTTP mode, existing database; median of ${WARM_RUNS}`,
          result:
            `${Math.round(npmMs)} ms, idle RSS ${Math.round(rssIdle)} MB (compiled, plain node); under tsx ` +
            `${Math.round(tsxMs)} ms, ${Math.round(tsxRss)} MB; bare Bolt App to listening ${Math.round(bareMs)} ms`,
          target: '< 800 ms; RSS < 100 MB',
          met: npmMs < 800 && rssIdle < 100,
        },
        {
          case: '5a',
          what: `\`npm start\` with ${CHANNELS.toLocaleString('en')} channels, first start (plans every channel)`,
          result:
            `ready in ${Math.round(first.readyMs)} ms; every channel planned ${Math.round(first.settledMs)} ms ` +
            `later, RSS then ${Math.round(first.rss)} MB; next start ready in ${Math.round(again.readyMs)} ms`,
          target: 'ready < 1,000 ms; RSS < 250 MB (at 10,000)',
          met: big ? first.readyMs < 1000 && first.rss < 250 : null,
        },
      ],
      detail: { npmRuns, tsxRuns, bareRuns, first, again },
    };
  } finally {
    await fake.stop();
    tmp.remove();
  }
};

caseMain(import.meta.url, run);
