import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeHarness, SETUP } from '../harness.js';

const ROOT = join(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

/** `npm run backup -- <file>` as its script, with DATABASE_PATH set; resolves with its exit code and output. */
function runBackup(database: string, target: string) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(TSX, ['scripts/backup.ts', '--', target], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', TZ: 'UTC', DATABASE_PATH: database },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const rows = (path: string, sql: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
};

describe('npm run backup, and restoring from it', () => {
  it('copies the database while Tandem writes to it; stop, copy back, start: everything is there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-backup-'));
    const h = await makeHarness({ dbPath: join(dir, 'tandem.db'), setup: SETUP, runAfterCommand: false });
    await h.say('bob', 'escalate VPN down for the Boston office p1');
    await h.say('carol', 'handoff note --overnight restarted the file server');

    // Tandem keeps working while the backup runs: escalations, each with its card queued.
    const backup = join(dir, 'tandem-backup.db');
    const running = runBackup(h.path, backup);
    let done = false;
    void running.then(() => (done = true));
    let n = 0;
    while (!done) {
      await h.say('dave', `escalate printer ${++n} jammed area:patching p4`);
      h.clock.advance(60_000);
      await new Promise((r) => setTimeout(r, 20));
    }
    const result = await running;
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Backed up .*tandem\.db to .*tandem-backup\.db in \d+ ms: .* MB, \d+ escalations/);
    expect((statSync(backup).mode & 0o777).toString(8)).toBe('600');

    // The copy is one consistent state: every escalation in it has its card in its outbox.
    const copied = rows(backup, 'select id from escalations') as { id: number }[];
    const cards = rows(
      backup,
      "select idempotency_key as k from outbox where idempotency_key like 'escalation:%:open'",
    );
    expect(cards).toHaveLength(copied.length);
    expect(copied.length).toBeGreaterThanOrEqual(1);

    // Restore: stop Tandem, put the copy in place of the database (its -wal and -shm removed), start.
    const snapshot = (path: string) => ({
      escalations: rows(path, 'select * from escalations order by id'),
      jobs: rows(path, "select occurrence_key, due_at, state from jobs where state = 'pending' order by id"),
      posts: rows(path, "select idempotency_key, reply from outbox where state = 'pending' order by id"),
      notes: rows(path, 'select * from handoff_notes order by id'),
    });
    const expected = snapshot(backup);
    h.close();
    for (const f of [h.path, `${h.path}-wal`, `${h.path}-shm`]) rmSync(f, { force: true });
    copyFileSync(backup, h.path);
    expect(existsSync(`${h.path}-wal`)).toBe(false);
    const restored = await makeHarness({ dbPath: h.path, runAfterCommand: false, start: h.clock.now() });
    expect(snapshot(restored.path)).toEqual(expected);
    expect(expected.jobs.length).toBeGreaterThan(0);
    expect(expected.posts.length).toBe(copied.length);
    // It carries on where the copy was taken: the waiting cards go out, and the next escalation is numbered on.
    await restored.runDue();
    expect(restored.posts('ESC-1 ·')).toHaveLength(1);
    expect(await restored.sayText('erin', 'escalate switch on fire area:patching p2')).toMatch(
      new RegExp(`^ESC-${copied.length + 1} is open`),
    );
    restored.close();
  }, 120_000);

  it('refuses to overwrite a file, and says what is wrong when there is no database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-backup-'));
    const missing = await runBackup(join(dir, 'none.db'), join(dir, 'copy.db'));
    expect([missing.code, missing.err]).toEqual([
      1,
      `There is no database at ${join(dir, 'none.db')} (DATABASE_PATH).\n`,
    ]);
    const h = await makeHarness({ dbPath: join(dir, 'tandem.db') });
    h.close();
    const taken = join(dir, 'taken.db');
    copyFileSync(h.path, taken);
    const refused = await runBackup(h.path, taken);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('exists already; give a new file name');
    const usage = await runBackup(h.path, '');
    expect([usage.code, usage.err]).toEqual([
      2,
      'Usage: npm run backup -- <file>   e.g. npm run backup -- /backups/tandem-2026-12-01.db\n',
    ]);
  }, 60_000);
});
