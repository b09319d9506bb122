import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

/** The built entry point `npm start` runs (`npm run build`, or `npm ci`'s prepare, writes it). */
export const COMPILED_MAIN = join(ROOT, 'dist/src/main.js');

/**
 * Runs `npm start -- --script` as a real child process on a fresh on-disk database; returns its transcript.
 * From the TypeScript sources through tsx, or with `compiled` the built dist/ with plain node, as `npm start` does.
 */
export function runScript(
  lines: string[],
  env: Record<string, string> = {},
  dir = mkdtempSync(join(tmpdir(), 'tandem-')),
  options: { compiled?: boolean } = {},
) {
  const script = join(dir, 'script.txt');
  writeFileSync(script, lines.join('\n'));
  const [command, entry] = options.compiled ? [process.execPath, COMPILED_MAIN] : [TSX, 'src/main.ts'];
  const result = spawnSync(command, [entry, '--script', script], {
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
