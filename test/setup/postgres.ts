/**
 * vitest globalSetup: the PostgreSQL server the tests of the PostgreSQL store run against. It is the one
 * TEST_DATABASE_URL names, or else a throwaway server started here (scripts/postgres-throwaway.sh) and
 * stopped at the end. Without either, the run fails at once, saying how to get one: nothing is skipped.
 * Each test file gets a database of its own on that server (test/helpers/dialects.ts), dropped at the end.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseUrl: string;
  }
}

const SCRIPT = join(import.meta.dirname, '../../scripts/postgres-throwaway.sh');
export const TEST_DATABASE_PREFIX = 'tandem_test_';

function startThrowaway(): { url: string; stop: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-pg-'));
  try {
    const url = execFileSync('bash', [SCRIPT, dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    return { url, stop: () => execFileSync('bash', [SCRIPT, 'stop', dir], { stdio: 'ignore' }) };
  } catch (err) {
    const why = (err as { stderr?: string }).stderr?.trim() || String(err);
    throw new Error(
      'The storage tests run against PostgreSQL as well as SQLite, and no PostgreSQL server could be started.\n' +
        `  ${why}\n` +
        'Either set TEST_DATABASE_URL=postgres://user@host:5432/postgres (a role that may create databases), or\n' +
        'install PostgreSQL so that initdb is found (Debian/Ubuntu: apt-get install postgresql; macOS: brew install ' +
        'postgresql), and run the tests again.',
    );
  }
}

async function dropTestDatabases(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      'select datname from pg_database where starts_with(datname, $1)',
      [TEST_DATABASE_PREFIX],
    );
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
  } finally {
    await client.end();
  }
}

export default function setup(project: TestProject) {
  const given = process.env.TEST_DATABASE_URL;
  const server = given ? { url: given, stop: () => {} } : startThrowaway();
  project.provide('testDatabaseUrl', server.url);
  return async () => {
    try {
      if (given) await dropTestDatabases(given);
    } finally {
      server.stop();
    }
  };
}
