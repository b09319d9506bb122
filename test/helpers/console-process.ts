import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

/** Runs `npm start -- --script` as a real child process on a fresh on-disk database; returns its transcript. */
export function runScript(
  lines: string[],
  env: Record<string, string> = {},
  dir = mkdtempSync(join(tmpdir(), 'tandem-')),
) {
  const script = join(dir, 'script.txt');
  writeFileSync(script, lines.join('\n'));
  const result = spawnSync(TSX, ['src/main.ts', '--script', script], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TZ: 'UTC',
      DATABASE_PATH: join(dir, 'tandem.db'),
      ...env,
    },
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status, dir };
}
