/**
 * `npm run soak`: kills a Tandem process with SIGKILL at random moments, SOAK_KILLS times (1,000 by
 * default; at most SOAK_MAX_MINUTES, 60), while people escalate, acknowledge, resolve and write
 * notes in three Slack channels and ladders of re-notifications, reminders and morning posts fall
 * due (the process's clock runs SOAK_SPEED, 180, times faster than the wall; bench/soak/tandem.ts).
 * Slack's Web API is a fake on 127.0.0.1 that records every message. After the last kill a final
 * process runs until everything due is delivered, and is stopped gracefully; then the database's
 * outbox is compared with what the platform received: lost and doubled posts, a double counted apart
 * when its copy came from a process killed before it recorded the post (read from the database after
 * each kill). Figures on stdout and in
 * bench/soak-results.json. Not part of `npm test`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { FakeSlack } from '../test/helpers/slack-fake.js';
import { compileForNode } from './lib/compile.js';
import { freePort, ROOT } from './lib/processes.js';
import { sleep } from './lib/stats.js';
import { type KillRecord, messageKey, type Receipt, tally, unrecordedPosts } from './soak/count.js';
import { type Command, commands, deliver } from './soak/traffic.js';

const KILLS = Number(process.env.SOAK_KILLS ?? 1000);
const MAX_MS = Number(process.env.SOAK_MAX_MINUTES ?? 60) * 60_000;
const SPEED = Number(process.env.SOAK_SPEED ?? 180);
/** Monday 7 December 2026, 06:30 in New York: the morning post falls due at 08:00 simulated. */
const SIM_START = Date.parse('2026-12-07T11:30:00Z');
const seed = Number(process.env.SOAK_SEED ?? 19);
const random = (() => {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
})();

const dir = mkdtempSync(join(tmpdir(), 'tandem-soak-'));
const dbPath = join(dir, 'tandem.db');
process.stderr.write(`[soak] compiling; database ${dbPath}\n`);
const main = await compileForNode({ out: `node_modules/.cache/tandem-soak-js-${seed}`, dirs: ['bench/soak'] });
const entry = main.replace(/src\/main\.js$/, 'bench/soak/tandem.js');
const fake = await FakeSlack.start();
const receipts: Receipt[] = [];
/** How many Tandem processes have been started: the one running is the latest (they never overlap). */
let started = 0;
fake.on('chat.postMessage', (args) => {
  if (!args.thread_ts) {
    const key = messageKey(String(args.channel), args.text, args.blocks);
    receipts.push({ key, at: Date.now(), process: started - 1 });
  }
  return undefined;
});
const port = await freePort();

let sim = SIM_START;
/** Starts a Tandem process whose clock goes on from `sim`; resolves its stdout's `ready`. */
function start(): { child: ChildProcess; wall0: number; ready: Promise<void>; exited: Promise<void> } {
  const wall0 = Date.now();
  started++;
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      TZ: 'UTC',
      DATABASE_PATH: dbPath,
      PORT: String(port),
      SOAK_API_URL: fake.apiUrl,
      SOAK_SPEED: String(SPEED),
      SOAK_SIM_START: String(sim),
      SOAK_WALL0: String(wall0),
    },
  });
  child.stderr!.on('data', (d: Buffer) => errors.push(d.toString()));
  const ready = new Promise<void>((resolve) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, wall0, ready, exited };
}
const errors: string[] = [];

// People keep typing, whether or not Tandem is up: each command is sent again until it is acknowledged.
const queue = commands(seed);
let acked = 0;
let typing = true;
const typist = (async () => {
  let next: Command = queue.next().value!;
  while (typing) {
    if (await deliver(port, next)) {
      acked++;
      next = queue.next().value!;
      await sleep(350);
    } else await sleep(40);
  }
})();

const kills: KillRecord[] = [];
const began = Date.now();
let killedInStart = 0;
while (kills.length < KILLS && Date.now() - began < MAX_MS) {
  const p = start();
  // A quarter of the kills land while it starts; the rest while it works, up to 2.5 s after it is ready.
  if (random() < 0.25) await Promise.race([sleep(random() * 1500), p.exited]);
  else {
    await Promise.race([p.ready, p.exited]);
    await Promise.race([sleep(random() * 2500), p.exited]);
  }
  if (p.child.exitCode !== null) throw new Error(`Tandem exited by itself (${p.child.exitCode}): ${errors.join('')}`);
  const readyYet = await Promise.race([p.ready.then(() => true), sleep(0).then(() => false)]);
  if (!readyYet) killedInStart++;
  p.child.kill('SIGKILL');
  const at = Date.now();
  await p.exited;
  // What it left unrecorded: a copy of one of these that the platform received came from a call that
  // succeeded before the process could commit it.
  kills.push({ at, unrecorded: unrecordedPosts(dbPath) });
  sim += (Date.now() - p.wall0) * SPEED;
  if (kills.length % 50 === 0)
    process.stderr.write(
      `[soak] ${kills.length} kills, ${acked} commands, ${receipts.length} posts, ` +
        `${new Date(sim).toISOString()} simulated, ${Math.round((Date.now() - began) / 1000)} s\n`,
    );
}

// The last process: no more typing once the queue's current command is through; deliver what is due.
typing = false;
const last = start();
await last.ready;
await typist;
const pendingDue = () => {
  const db = new Database(dbPath, { readonly: true });
  try {
    const now = sim + (Date.now() - last.wall0) * SPEED;
    const posts = "select count(*) as n from outbox where state in ('pending', 'sending') and next_attempt_at <= ?";
    const jobs = "select count(*) as n from jobs where state in ('pending', 'running') and due_at <= ?";
    // A job is run at the tick after it falls due: a tick is a wall second, SOAK_SPEED seconds of the clock.
    const tick = 2 * SPEED * 1000;
    return (db.prepare(posts).get(now) as { n: number }).n + (db.prepare(jobs).get(now - tick) as { n: number }).n;
  } finally {
    db.close();
  }
};
const drainUntil = Date.now() + 60_000;
await sleep(3000);
while (pendingDue() > 0 && Date.now() < drainUntil) await sleep(250);
last.child.kill('SIGTERM');
await last.exited;
sim += (Date.now() - last.wall0) * SPEED;
await fake.close();

const t = tally(dbPath, receipts, kills, sim);
const result = {
  timestamp: new Date().toISOString(),
  kills: kills.length,
  killedWhileStarting: killedInStart,
  wallSeconds: Math.round((Date.now() - began) / 1000),
  simulated: { from: new Date(SIM_START).toISOString(), to: new Date(sim).toISOString(), speed: SPEED },
  commandsAcknowledged: acked,
  ...t,
};
writeFileSync(resolve(ROOT, process.env.SOAK_OUT ?? 'bench/soak-results.json'), `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
process.exitCode = t.lost === 0 && t.doubled === 0 ? 0 : 1;
