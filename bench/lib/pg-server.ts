import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ROOT } from './processes.js';

/** The PostgreSQL server a case measures on, and the databases it made there. */
export interface BenchPg {
  /** 'throwaway' (started here, durable settings) or 'given' (BENCH_DATABASE_URL). */
  readonly source: 'throwaway' | 'given';
  /** The server's settings that matter to commit latency, as it reports them. */
  readonly settings: Record<string, string>;
  /** A new, empty database on the server: its URL. Dropped by `stop`. */
  database(): Promise<string>;
  /** Drops the databases made here and stops a throwaway server. Safe to call twice. */
  stop(): Promise<void>;
}

const SCRIPT = join(ROOT, 'scripts/postgres-throwaway.sh');
const SHOWN = ['server_version', 'fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers'];

async function query<T>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * The server BENCH_DATABASE_URL names (a role that may create databases), or a throwaway one started
 * with PostgreSQL's durable defaults (fsync, synchronous_commit and full_page_writes on), as SQLite
 * runs with synchronous = FULL. A throwaway server is stopped when this process exits, whatever happens.
 */
export async function startBenchPg(): Promise<BenchPg> {
  const given = process.env.BENCH_DATABASE_URL;
  let dir: string | null = null;
  let server: string;
  if (given) server = given;
  else {
    dir = mkdtempSync(join(tmpdir(), 'tandem-bench-pg-'));
    try {
      server = execFileSync('bash', [SCRIPT, dir], {
        encoding: 'utf8',
        env: { ...process.env, PG_THROWAWAY_DURABLE: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      }).trim();
    } catch (err) {
      const why = (err as { stderr?: string }).stderr?.trim() || String(err);
      throw new Error(
        `no PostgreSQL server could be started: ${why}\nInstall PostgreSQL (Debian: apt-get install postgresql) ` +
          'or set BENCH_DATABASE_URL=postgres://user@host:5432/postgres (a role that may create databases).',
      );
    }
  }
  const throwaway = dir;
  let stopped = false;
  const stopServer = () => {
    if (throwaway === null || stopped) return;
    stopped = true;
    execFileSync('bash', [SCRIPT, 'stop', throwaway], { stdio: 'ignore' });
  };
  process.once('exit', stopServer);
  // Interrupted (Ctrl-C, a timeout's SIGTERM): exit, which stops the server above.
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
  const made: string[] = [];
  const settings: Record<string, string> = {};
  for (const name of SHOWN) {
    const [row] = await query<Record<string, string>>(server, `show ${name}`);
    settings[name] = row?.[name] ?? '?';
  }
  return {
    source: given ? 'given' : 'throwaway',
    settings,
    async database() {
      const name = `tandem_bench_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
      await query(server, `create database "${name}"`);
      made.push(name);
      const url = new URL(server);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      try {
        if (given)
          for (const name of made.splice(0)) await query(given, `drop database if exists "${name}" with (force)`);
      } finally {
        stopServer();
      }
    },
  };
}
