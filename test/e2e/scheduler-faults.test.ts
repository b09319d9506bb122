import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const WORKER = join(ROOT, 'test/fixtures/scheduler-worker.ts');

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-faults-'));
  const paths = { dir, db: join(dir, 'tandem.db'), out: join(dir, 'delivered.txt') };
  const baseEnv = (extra: Record<string, string>) => ({
    PATH: process.env.PATH ?? '',
    TZ: 'UTC',
    DB: paths.db,
    OUT: paths.out,
    ...extra,
  });
  /**
   * Runs one worker process to its end (or its death). tsx runs the worker as its child and reports its SIGKILL as
   * 128 + 9.
   */
  const run = (extra: Record<string, string>) => {
    const r = spawnSync(TSX, [WORKER], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: baseEnv(extra) });
    const killed = r.signal === 'SIGKILL' || r.status === 128 + 9;
    if (r.status !== 0 && !killed) throw new Error(`worker failed (${r.status} ${r.signal}): ${r.stderr}`);
    return { ...r, killed };
  };
  /** Starts a worker without waiting. */
  const start = (extra: Record<string, string>) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(TSX, [WORKER], { cwd: ROOT, env: baseEnv(extra) });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  const delivered = () => (existsSync(paths.out) ? readFileSync(paths.out, 'utf8').split('\n').filter(Boolean) : []);
  const query = <T>(sql: string, ...params: unknown[]): T[] => {
    const db = new Database(paths.db, { readonly: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  };
  return { ...paths, run, start, delivered, query };
}

/** The text of a delivered line: `<pid> <clock instant> <channel> <text>`. */
const textOf = (line: string) => line.split(' ').slice(3).join(' ');

// Each worker is a real tsx process: slow on a busy machine, hence the generous timeouts.
describe('scheduler faults with real processes on one database file', { timeout: 300_000 }, () => {
  it(
    'a process killed (SIGKILL) after claiming a job, before sending: after the lease expires the post is ' +
      'delivered exactly once',
    () => {
      const w = workspace();
      w.run({ MODE: 'seed-one', NOW: '2026-11-30T15:00:00Z' });

      const killed = w.run({ MODE: 'run', NOW: '2026-11-30T15:00:00Z', KILL_AT: 'job-run' });
      expect(killed.killed).toBe(true);
      expect(w.query('select state, attempts, lease_owner is not null as leased from jobs')).toEqual([
        { state: 'running', attempts: 1, leased: 1 },
      ]);
      expect(w.query('select * from outbox')).toEqual([]);

      // Restarted 30 s later: the dead process's lease (60 s) still holds the job.
      w.run({ MODE: 'run', NOW: '2026-11-30T15:00:30Z' });
      expect(w.delivered()).toEqual([]);

      // After the lease expired: run and delivered, once.
      w.run({ MODE: 'run', NOW: '2026-11-30T15:01:01Z' });
      w.run({ MODE: 'run', NOW: '2026-11-30T15:10:00Z' });
      expect(w.delivered().map(textOf)).toEqual(['the post that must arrive once']);
      expect(w.query('select state, attempts from jobs')).toEqual([{ state: 'done', attempts: 2 }]);
    },
  );

  it(
    'a process killed while delivering (post claimed from the outbox, not sent): delivered exactly once after ' +
      'restart',
    () => {
      const w = workspace();
      w.run({ MODE: 'seed-one', NOW: '2026-11-30T15:00:00Z' });
      const killed = w.run({ MODE: 'run', NOW: '2026-11-30T15:00:00Z', KILL_AT: 'send' });
      expect(killed.killed).toBe(true);
      expect(w.query('select state from jobs')).toEqual([{ state: 'done' }]);
      expect(w.query('select state from outbox')).toEqual([{ state: 'sending' }]);

      w.run({ MODE: 'run', NOW: '2026-11-30T15:01:00Z' }); // the outbox lease (2 min) still holds
      expect(w.delivered()).toEqual([]);
      w.run({ MODE: 'run', NOW: '2026-11-30T15:02:01Z' });
      w.run({ MODE: 'run', NOW: '2026-11-30T15:05:00Z' });
      expect(w.delivered().map(textOf)).toEqual(['the post that must arrive once']);
      expect(w.query('select state, attempts from outbox')).toEqual([{ state: 'sent', attempts: 2 }]);
    },
  );

  it('two processes running the scheduler together over 200 due jobs: every post delivered exactly once', async () => {
    const w = workspace();
    w.run({ MODE: 'seed-many', COUNT: '200', NOW: '2026-11-30T15:00:00Z' });
    const go = join(w.dir, 'go');
    const env = { MODE: 'run', NOW: '2026-11-30T15:00:00Z', GO_FILE: go, BATCH: '5' };
    const both = Promise.all([w.start(env), w.start(env)]);
    // Start both at once, when both are ready.
    while (!existsSync(`${go}.ready`) || readFileSync(`${go}.ready`, 'utf8').split('\n').filter(Boolean).length < 2) {
      await new Promise((r) => setTimeout(r, 20));
    }
    writeFileSync(go, 'go');
    const results = await both;
    for (const r of results) expect(r.stderr).toBe('');

    const texts = w
      .delivered()
      .map((l) => textOf(l).split(' | ')[0])
      .sort();
    const expected = Array.from({ length: 200 }, (_, i) => `post ${i}`).sort();
    expect(texts).toEqual(expected); // each exactly once
    const reports = results.map((r) => JSON.parse(r.stdout) as { ran: number; delivered: number });
    expect(reports.reduce((n, r) => n + r.ran, 0)).toBe(200);
    expect(reports.reduce((n, r) => n + r.delivered, 0)).toBe(200);
    expect(reports.every((r) => r.ran > 0)).toBe(true); // both took part
    expect(w.query("select count(*) as n from jobs where state = 'done'")).toEqual([{ n: 200 }]);
  });

  it(
    'posts due while no process ran: the daily post goes out late and marked, the stale reminder is dropped with ' +
      'why, the one-off is sent',
    () => {
      const w = workspace();
      // Mon 30 Nov 07:00 EST: plans the 08:00 daily post; a reminder and an ack re-notification are due at 08:00.
      w.run({ MODE: 'seed-misfire', NOW: '2026-11-30T12:00:00Z' });
      // Nothing runs until 10:30 EST.
      w.run({ MODE: 'run', NOW: '2026-11-30T15:30:00Z' });
      expect(w.delivered().map(textOf).sort()).toEqual([
        'ESC-9 still waits for an acknowledgement |   Posted late: this was due Mon 30 Nov 2026 08:00 EST.',
        'Good morning: daily post for 2026-11-30 |   Posted late: this was due Mon 30 Nov 2026 08:00 EST.',
      ]);
      expect(w.query("select result from jobs where occurrence_key = 'reminder:weekly'")).toEqual([
        {
          result:
            'not sent: the meeting had already started (due Mon 30 Nov 2026 08:00 EST, found Mon 30 Nov 2026 10:30 ' +
            'EST, more than 10 min late)',
        },
      ]);
      // The next morning is planned, and a restart sends nothing twice.
      expect(w.query("select due_at from jobs where state = 'pending'")).toEqual([
        { due_at: Date.parse('2026-12-01T13:00:00Z') },
      ]);
      w.run({ MODE: 'run', NOW: '2026-11-30T16:00:00Z' });
      expect(w.delivered()).toHaveLength(2);
    },
  );

  it('a daily post found after its business day ended is dropped, not sent', () => {
    const w = workspace();
    w.run({ MODE: 'seed-misfire', NOW: '2026-11-30T12:00:00Z' });
    w.run({ MODE: 'run', NOW: '2026-11-30T22:30:00Z' }); // 17:30 EST
    expect(w.delivered().map(textOf)).toEqual([
      'ESC-9 still waits for an acknowledgement |   Posted late: this was due Mon 30 Nov 2026 08:00 EST.',
    ]);
    expect(w.query("select state, result from jobs where kind = 'daily-post' and state != 'pending'")).toEqual([
      {
        state: 'dropped',
        result:
          'not sent: the business day was over (due Mon 30 Nov 2026 08:00 EST, found Mon 30 Nov 2026 17:30 EST, ' +
          'after its deadline Mon 30 Nov 2026 17:00 EST)',
      },
    ]);
  });
});
