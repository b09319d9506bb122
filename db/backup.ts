import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export interface BackupReport {
  bytes: number;
  escalations: number;
  /** Scheduled jobs not run yet. */
  jobs: number;
  /** Posts and updates not delivered yet. */
  posts: number;
}

/** What stops a backup, said so that the person knows what to do. */
export class BackupError extends Error {}

/**
 * Copies the database at `source` to a new file `target` with SQLite's online backup API, while
 * Tandem may be running and writing: the copy is one consistent state (read in a single step, in
 * one read transaction, which in WAL mode holds up no writer). The copy is private (0600) and
 * checked (integrity_check) before it is reported.
 */
export async function backupDatabase(source: string, target: string): Promise<BackupReport> {
  if (!existsSync(source)) throw new BackupError(`There is no database at ${source} (DATABASE_PATH).`);
  if (existsSync(target)) {
    throw new BackupError(`${target} exists already; give a new file name (for example with the date in it).`);
  }
  if (!existsSync(dirname(target))) throw new BackupError(`The folder ${dirname(target)} does not exist.`);
  // Created private before SQLite writes to it.
  closeSync(openSync(target, 'wx', 0o600));
  chmodSync(target, 0o600);
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // The first step copies nothing and learns the size; the second copies every page at once.
    await db.backup(target, { progress: () => 0x7fffffff });
  } catch (err) {
    throw new BackupError(`The backup failed: ${(err as Error).message}`);
  } finally {
    db.close();
  }
  return check(target);
}

function check(target: string): BackupReport {
  const copy = new Database(target, { readonly: true, fileMustExist: true });
  try {
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupError(`The copy in ${target} is damaged (${String(integrity)}).`);
    const n = (sql: string) => (copy.prepare(sql).get() as { n: number }).n;
    return {
      bytes: statSync(target).size,
      escalations: n('select count(*) as n from escalations'),
      jobs: n("select count(*) as n from jobs where state in ('pending', 'running')"),
      posts: n("select count(*) as n from outbox where state in ('pending', 'sending')"),
    };
  } finally {
    copy.close();
  }
}
