/**
 * Case 5 — the process: time from spawn to ready (/healthz answers 200) of Tandem started as an
 * operator starts it, with Slack variables pointed at a fake Slack on loopback (auth.test answered
 * there), against an existing database; and the RSS of the Node process running src/main.ts
 * once idle. Cold: tsx's compile cache empty (a fresh TMPDIR). Warm: the same command again.
 * `npm start` (npm → sh → tsx → node) and `node --import tsx src/main.ts` (one process) are both
 * timed, and a start with 500 channels in the database (planning their jobs happens before ready).
 * Two references: the same code compiled to JavaScript and run by plain node (what tsx costs), and a
 * bare Bolt App started through tsx until it listens (the floor the Slack stack itself sets).
 * RSS after load is case 1's (the same kind of process, measured there before and after its load).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../db/client.js';
import { createStore } from '../db/store.js';
import { DEFAULT_CADENCES } from '../src/domain/cadence.js';
import { DEFAULT_ACK_TIMEOUTS, type IsoWeekday } from '../src/domain/model.js';
import { type CaseRun, caseMain } from './lib/case.js';
import { compileForNode } from './lib/compile.js';
import { forkHelper, freePort, rssMb, type StartTandemOptions, startTandem } from './lib/processes.js';
import { median, note, round, sleep } from './lib/stats.js';
import { tempDir } from './lib/tandem-core.js';

const WARM_RUNS = Number(process.env.BENCH_START_RUNS ?? 3);
const CHANNELS = 500;

export const run: CaseRun = async () => {
  const tmp = tempDir('start');
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

  /** Starts, waits for ready, lets it settle, reads its RSS, stops it. */
  const once = async (via: StartTandemOptions['via'], db: string, tsxTmp?: string, entry?: string) => {
    const t = await startTandem({
      via,
      env: env(db, await freePort()),
      ...(tsxTmp ? { tmpdir: tsxTmp } : {}),
      ...(entry ? { entry } : {}),
    });
    await sleep(1000);
    const rss = rssMb(t.appPid);
    await t.stop();
    return { readyMs: t.readyMs, rss };
  };

  try {
    const coldDir = mkdtempSync(join(tmpdir(), 'tandem-bench-tsx-'));
    const cold = await once('npm', emptyDb, coldDir);
    rmSync(coldDir, { recursive: true, force: true });
    note(`cold npm start (empty tsx cache): ready in ${cold.readyMs.toFixed(0)} ms`);

    const npmRuns: { readyMs: number; rss: number }[] = [];
    const nodeRuns: { readyMs: number; rss: number }[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      npmRuns.push(await once('npm', emptyDb));
      nodeRuns.push(await once('node', emptyDb));
    }
    const main = await compileForNode();
    const compiledRuns: { readyMs: number; rss: number }[] = [];
    const bareRuns: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      compiledRuns.push(await once('node', emptyDb, undefined, main));
      const since = performance.now();
      const bare = await forkHelper('./bare-bolt-process.ts', { BENCH_SIGNING_SECRET: 'x' });
      bareRuns.push(performance.now() - since);
      await bare.stop();
    }
    const compiledMs = median(compiledRuns.map((r) => r.readyMs));
    const compiledRss = median(compiledRuns.map((r) => r.rss));
    const bareMs = median(bareRuns);
    note(
      `compiled JavaScript with plain node: ${compiledRuns.map((r) => r.readyMs.toFixed(0)).join(', ')} ms (median ` +
        `${compiledMs.toFixed(0)}), idle RSS ${compiledRss.toFixed(0)} MB; bare Bolt App through tsx, fork to ` +
        `listening: ${bareRuns.map((r) => r.toFixed(0)).join(', ')} ms`,
    );
    const npmMs = median(npmRuns.map((r) => r.readyMs));
    const nodeMs = median(nodeRuns.map((r) => r.readyMs));
    const rssIdle = median(nodeRuns.map((r) => r.rss));
    note(
      `warm npm start: ${npmRuns.map((r) => r.readyMs.toFixed(0)).join(', ')} ms (median ${npmMs.toFixed(0)}); node ` +
        `--import tsx: ${nodeRuns.map((r) => r.readyMs.toFixed(0)).join(', ')} ms (median ${nodeMs.toFixed(0)}); ` +
        `idle ` +
        `RSS ${rssIdle.toFixed(0)} MB`,
    );

    // Hundreds of channels: planning every channel's jobs happens before /healthz answers.
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
    db.$client.close();
    const first = await once('node', busyDb); // plans every channel's jobs
    const again = await once('node', busyDb); // finds them planned
    note(
      `with ${CHANNELS} channels (node --import tsx): first start ${first.readyMs.toFixed(0)} ms (plans their ` +
        `jobs), next ${again.readyMs.toFixed(0)} ms`,
    );

    return {
      name: 'process-start',
      fields: {
        start_ready_ms: round(npmMs),
        start_ready_node_ms: round(nodeMs),
        start_ready_cold_ms: round(cold.readyMs),
        start_ready_compiled_ms: round(compiledMs),
        rss_compiled_idle_mb: round(compiledRss),
        bare_bolt_start_ms: round(bareMs),
        start_ready_500_channels_first_ms: round(first.readyMs),
        start_ready_500_channels_ms: round(again.readyMs),
        rss_start_idle_mb: round(rssIdle),
      },
      rows: [
        {
          case: '5',
          what: `start to ready (/healthz 200), Slack HTTP mode, existing database; median of ${WARM_RUNS} warm starts`,
          result:
            `npm start ${Math.round(npmMs)} ms (cold tsx cache ${Math.round(cold.readyMs)} ms); node --import ` +
            `tsx ${Math.round(nodeMs)} ms; compiled JS, plain node ${Math.round(compiledMs)} ms; bare Bolt ` +
            `App to listening ${Math.round(bareMs)} ms; with ${CHANNELS} channels ` +
            `${Math.round(again.readyMs)} ms (first start ${Math.round(first.readyMs)} ms); idle RSS ` +
            `${Math.round(rssIdle)} MB (compiled ${Math.round(compiledRss)} MB)`,
          target: '< 1 s; RSS < 120 MB',
          met: npmMs < 1000 && rssIdle < 120,
        },
      ],
      detail: { cold, npmRuns, nodeRuns, compiledRuns, bareRuns, first, again },
    };
  } finally {
    await fake.stop();
    tmp.remove();
  }
};

caseMain(import.meta.url, run);
