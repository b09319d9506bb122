import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createPgDatabase } from '../helpers/dialects.js';

/*
 * Two real Tandem-like processes (test/fixtures/scheduler-worker.ts) on one PostgreSQL database: one of
 * them is killed by SIGKILL in the middle of a burst, holding jobs it had claimed (or posts it had claimed
 * from the outbox, before their platform call); the other delivers the rest, taking over what the dead one
 * held once its lease expired. Each process has its own simulated clock:
 * the dead one's stood still at the start; the survivor's moves forward only after the death, one step per
 * idle tick, so the test sees at which instant of its clock it took each row over.
 */
const ROOT = join(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const WORKER = join(ROOT, 'test/fixtures/scheduler-worker.ts');

const START = '2026-11-30T15:00:00Z';
const STEP_MS = 5_000; // how far the survivor's clock moves per idle tick once the other died
const JOBS = 500;
const CHANNELS = 50;

interface Exit {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function workspace(databaseUrl: string) {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-pg-kill-'));
  const out = join(dir, 'delivered.txt');
  const env = (extra: Record<string, string>) => ({
    PATH: process.env.PATH ?? '',
    TZ: 'UTC',
    DATABASE_URL: databaseUrl,
    OUT: out,
    ...extra,
  });
  const start = (extra: Record<string, string>) =>
    new Promise<Exit>((resolve) => {
      const child = spawn(TSX, [WORKER], { cwd: ROOT, env: env(extra) });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
    });
  /** Each delivered post: `<pid> <clock instant> <channel> <text>` (the text's first line). */
  const delivered = () =>
    (existsSync(out) ? readFileSync(out, 'utf8').split('\n').filter(Boolean) : []).map((line) => {
      const [pid, at, channel, ...rest] = line.split(' ');
      return { pid: Number(pid), at: Date.parse(at!), channel: channel!, text: rest.join(' ').split(' | ')[0]! };
    });
  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  /** Jobs the process that owned leases as `a` had claimed and not finished. */
  const heldJobs = async (): Promise<Held[]> =>
    (
      await query<{ key: string; leaseUntil: number }>(
        `select occurrence_key as key, lease_expires_at as "leaseUntil" from jobs
         where state = 'running' and lease_owner = 'a' order by id`,
      )
    ).map(({ key, leaseUntil }) => {
      const n = Number(key.slice('many:'.length));
      return { text: `post ${n}`, channel: `ch${n % CHANNELS}`, leaseUntil: Number(leaseUntil) };
    });
  /** Posts `a` had claimed from the outbox and not recorded as sent. */
  const heldPosts = async (): Promise<Held[]> =>
    (
      await query<{ reply: unknown; channel: string; leaseUntil: number }>(
        `select reply, conversation_id as channel, lease_expires_at as "leaseUntil" from outbox
         where state = 'sending' and lease_owner = 'a' order by id`,
      )
    ).map(({ reply, channel, leaseUntil }) => ({
      text: JSON.stringify(reply).match(/post \d+/)?.[0] ?? JSON.stringify(reply),
      channel,
      leaseUntil: Number(leaseUntil),
    }));
  return { dir, start, delivered, query, heldJobs, heldPosts };
}

/** What the dead process held: the post each held row would have delivered, its conversation, its lease. */
interface Held {
  text: string;
  channel: string;
  leaseUntil: number;
}

const CASES = [
  {
    point: 'job-run',
    what: 'holding jobs it claimed',
    leaseMs: 60_000, // the scheduler's default lease
    held: (w: ReturnType<typeof workspace>) => w.heldJobs(),
    other: (w: ReturnType<typeof workspace>) => w.heldPosts(),
  },
  {
    point: 'send',
    what: 'holding posts it claimed from the outbox, before sending them',
    leaseMs: 120_000, // the sender's default lease
    held: (w: ReturnType<typeof workspace>) => w.heldPosts(),
    other: (w: ReturnType<typeof workspace>) => w.heldJobs(),
  },
] as const;

// Each worker is a real tsx process: slow on a busy machine, hence the generous timeout (not a speed target).
describe('two processes on one PostgreSQL, one killed by SIGKILL mid-burst', { timeout: 180_000 }, () => {
  it.each(CASES)(
    `killed at $point ($what): ${JOBS} due posts across ${CHANNELS} channels each delivered exactly once, the ` +
      'survivor taking over within one lease',
    async ({ point, leaseMs, held: heldBy, other }) => {
      const w = workspace(await createPgDatabase());
      const go = join(w.dir, 'go');
      const step = join(w.dir, 'step');
      const both = { MODE: 'run', NOW: START, GO_FILE: go, BATCH: '10' };
      // A seeds the due posts before its start line, then dies the 51st time it reaches the kill point: after
      // delivering posts, holding what it claimed last.
      const seed = { COUNT: String(JOBS), CHANNELS: String(CHANNELS) };
      const dying = w.start({ ...both, ...seed, OWNER: 'a', KILL_AT: point, KILL_AFTER: '50' });
      const surviving = w.start({ ...both, OWNER: 'b', STEP_FILE: step, STEP_MS: String(STEP_MS) });
      // Start both at once, when both are ready (migrated, connected, seeded).
      while (!existsSync(`${go}.ready`) || readFileSync(`${go}.ready`, 'utf8').split('\n').filter(Boolean).length < 2) {
        await new Promise((r) => setTimeout(r, 20));
      }
      writeFileSync(go, 'go');

      const dead = await dying;
      // tsx reports its child's SIGKILL as 128 + 9.
      const killed = dead.signal === 'SIGKILL' || dead.status === 128 + 9;
      expect({ killed, stdout: dead.stdout, stderr: dead.stderr }).toEqual({ killed: true, stdout: '', stderr: '' });
      // What A held when it died, leased to it until one lease past its clock (which stood at the start).
      const leaseEnd = Date.parse(START) + leaseMs;
      const held = await heldBy(w);
      expect(held.length).toBeGreaterThan(0);
      expect(held.filter((h) => h.leaseUntil !== leaseEnd)).toEqual([]);
      expect(await other(w)).toEqual([]);

      writeFileSync(step, 'step'); // the survivor's clock may move on now
      const survivor = await surviving;
      expect(survivor.stderr).toBe('');
      expect(survivor.status).toBe(0);
      const report = JSON.parse(survivor.stdout) as { pid: number; ran: number; delivered: number };

      // Every post exactly once, in its channel.
      const posts = w.delivered();
      expect(posts.map((p) => p.text).sort()).toEqual(Array.from({ length: JOBS }, (_, i) => `post ${i}`).sort());
      for (const p of posts) expect(p.channel).toBe(`ch${Number(p.text.slice('post '.length)) % CHANNELS}`);

      // Both delivered some: A until it died (its clock at the start), B the rest.
      const byDead = posts.filter((p) => p.pid !== report.pid);
      expect(byDead.length).toBeGreaterThan(0);
      expect(new Set(byDead.map((p) => p.pid)).size).toBe(1);
      expect(byDead.every((p) => p.at === Date.parse(START))).toBe(true);
      expect(report.delivered).toBe(JOBS - byDead.length);

      // A's held rows: delivered by B once their lease expired, at the first step of its clock past it.
      for (const h of held) {
        const post = posts.find((p) => p.text === h.text)!;
        expect({ text: h.text, pid: post.pid }).toEqual({ text: h.text, pid: report.pid });
        expect(post.at).toBeGreaterThanOrEqual(leaseEnd);
        expect(post.at).toBeLessThan(leaseEnd + STEP_MS);
      }
      // Nothing waited longer than one lease. (A post of a channel A held nothing in may still wait for the
      // survivor's next step: a job that met the dying connection's locks is retried then.)
      expect(posts.filter((p) => p.at >= leaseEnd + STEP_MS)).toEqual([]);

      expect(await w.query('select state, count(*)::int as n from jobs group by state')).toEqual([
        { state: 'done', n: JOBS },
      ]);
      expect(await w.query('select state, count(*)::int as n from outbox group by state')).toEqual([
        { state: 'sent', n: JOBS },
      ]);
    },
  );
});
