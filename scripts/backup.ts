/**
 * `npm run backup -- <file>`: an online, consistent copy of Tandem's database (DATABASE_PATH, from
 * the environment or .env) into a new file, while Tandem runs. How to restore it is in the README.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { BackupError, backupDatabase } from '../db/backup.js';
import { baseConfig } from '../src/app/config.js';

async function main(): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.length !== 1 || !args[0] || args[0].startsWith('-')) {
    process.stderr.write('Usage: npm run backup -- <file>   e.g. npm run backup -- /backups/tandem-2026-12-01.db\n');
    return 2;
  }
  const parsed = baseConfig.pick({ DATABASE_PATH: true }).safeParse(process.env);
  if (!parsed.success) {
    process.stderr.write('DATABASE_PATH is not a valid path.\n');
    return 2;
  }
  const source = resolve(parsed.data.DATABASE_PATH);
  const target = resolve(args[0]!);
  const started = performance.now();
  try {
    const r = await backupDatabase(source, target);
    const ms = Math.round(performance.now() - started);
    process.stdout.write(
      `Backed up ${source} to ${target} in ${ms} ms: ${(r.bytes / 1024 / 1024).toFixed(1)} MB, ` +
        `${r.escalations} escalations, ${r.jobs} scheduled jobs and ${r.posts} posts waiting. ` +
        `It checks out (integrity_check ok). Keep it as private as the database (it is created 0600).\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof BackupError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`The backup stopped: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
