/**
 * `npm run db:copy -- --to postgres://user@host:5432/tandem`: copies Tandem's SQLite database
 * (DATABASE_PATH, or `--from <file>`) into an empty PostgreSQL database, every table with its ids,
 * and checks the row counts. Stop Tandem first, so that nothing is written meanwhile; then start it
 * with DATABASE_URL set to the same address.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDb } from '../db/client.js';
import { isPostgresUrl } from '../db/database-url.js';
import { openPg } from '../db/pg/client.js';
import { CopyError, copySqliteToPg } from '../db/pg/copy.js';

function arg(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const to = arg('--to');
  if (!to || !isPostgresUrl(to)) {
    process.stderr.write('Usage: npm run db:copy -- --to postgres://user@host:5432/tandem [--from data/tandem.db]\n');
    return 2;
  }
  const from = resolve(arg('--from') ?? process.env.DATABASE_PATH ?? './data/tandem.db');
  if (!existsSync(from)) {
    process.stderr.write(`No SQLite database at ${from}: give its file with --from, or set DATABASE_PATH.\n`);
    return 2;
  }
  const source = openDb(from);
  let target: Awaited<ReturnType<typeof openPg>> | undefined;
  try {
    target = await openPg(to);
    const counts = await copySqliteToPg(source, target);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    for (const [table, n] of counts) process.stdout.write(`${table}: ${n}\n`);
    process.stdout.write(`Copied ${total} rows from ${from}; the counts match. Start Tandem with DATABASE_URL set.\n`);
    return 0;
  } catch (err) {
    const why = err instanceof CopyError ? err.message : err instanceof Error ? err.message : String(err);
    process.stderr.write(`Nothing was copied: ${why}\n`);
    return 1;
  } finally {
    source.$client.close();
    await target?.$client.end();
  }
}

main().then((code) => {
  process.exitCode = code;
});
