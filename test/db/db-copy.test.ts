import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPgDatabase } from '../helpers/dialects.js';

const ROOT = join(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

/** Runs a Tandem script (`tsx <args>`) as a child process with only the environment given. */
function run(args: string[], env: Record<string, string>) {
  const r = spawnSync(TSX, args, {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 90_000,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: 'UTC', ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run db:copy: from SQLite to an empty PostgreSQL database', () => {
  it('copies a database the console examples built; Tandem on PostgreSQL shows the same', {
    timeout: 180_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-copy-'));
    const sqlitePath = join(dir, 'tandem.db');
    const built = run(['src/main.ts', '--script', 'examples/two-sides.txt'], { DATABASE_PATH: sqlitePath });
    expect(built.status, built.stderr).toBe(0);

    const url = await createPgDatabase();
    const copied = run(['scripts/db-copy.ts', '--to', url, '--from', sqlitePath], {});
    expect(copied.status, copied.stderr).toBe(0);
    expect(copied.stdout).toMatch(/^escalations: 2$/m);
    expect(copied.stdout).toMatch(/the counts match/);

    // What people see afterwards, on each database at the same simulated time.
    const show = join(dir, 'show.txt');
    writeFileSync(show, [':at 2026-11-30T16:00', ':as dana org:acme', 'escalations all', 'matrix', 'audit'].join('\n'));
    copyFileSync(sqlitePath, join(dir, 'after.db'));
    const onSqlite = run(['src/main.ts', '--script', show], { DATABASE_PATH: join(dir, 'after.db') });
    const onPg = run(['src/main.ts', '--script', show], { DATABASE_URL: url, DATABASE_PATH: join(dir, 'unused.db') });
    expect(onSqlite.status, onSqlite.stderr).toBe(0);
    expect(onPg.status, onPg.stderr).toBe(0);
    expect(onSqlite.stdout).toMatch(/ESC-2/);
    expect(onSqlite.stdout).toMatch(/managers\.add/);
    expect(onPg.stdout).toBe(onSqlite.stdout);

    // A second copy into the same database is refused, and changes nothing.
    const again = run(['scripts/db-copy.ts', '--to', url, '--from', sqlitePath], {});
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/^Nothing was copied: the PostgreSQL database is not empty/);
  });

  it('says how to call it when the address is missing or not PostgreSQL', () => {
    const r = run(['scripts/db-copy.ts', '--to', 'mysql://x'], {});
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^Usage: npm run db:copy -- --to postgres:\/\//);
  });
});
