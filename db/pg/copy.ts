import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client.js';
import * as sqliteSchema from '../schema/index.js';
import type { PgDb } from './client.js';
import * as pgSchema from './schema/index.js';

/** Rows inserted per statement: well under PostgreSQL's 65,535 parameters for the widest table. */
const CHUNK = 500;

export class CopyError extends Error {}

/** The schema's tables, each after the tables its foreign keys point to. */
function tablesInOrder(): { name: string; pg: PgTable; sqlite: SQLiteTable }[] {
  const sqliteByName = new Map<string, SQLiteTable>();
  for (const [key, value] of Object.entries(sqliteSchema)) if (is(value, SQLiteTable)) sqliteByName.set(key, value);
  const all = Object.entries(pgSchema)
    .filter(([, v]) => is(v, PgTable))
    .map(([key, v]) => ({ key, pg: v as PgTable, config: getTableConfig(v as PgTable) }));
  const done = new Set<string>();
  const ordered: { name: string; pg: PgTable; sqlite: SQLiteTable }[] = [];
  while (ordered.length < all.length) {
    const before = ordered.length;
    for (const t of all) {
      if (done.has(t.config.name)) continue;
      const needs = t.config.foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name);
      if (!needs.every((n) => n === t.config.name || done.has(n))) continue;
      done.add(t.config.name);
      ordered.push({ name: t.config.name, pg: t.pg, sqlite: sqliteByName.get(t.key)! });
    }
    if (ordered.length === before) throw new CopyError('the schema has a cycle of foreign keys');
  }
  return ordered;
}

async function count(db: PgDb | Db, name: string): Promise<number> {
  if ('$client' in db && 'prepare' in db.$client) {
    return (db.$client.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n;
  }
  const r = await (db as PgDb).$client.query(`select count(*) as n from "${name}"`);
  return Number(r.rows[0].n);
}

/**
 * Copies every table of the SQLite database into the PostgreSQL one, which must be empty (its
 * migrations applied): ids kept, each identity's sequence set past the largest id, and the row
 * counts of every table compared before the one transaction commits. Returns the counts.
 */
export async function copySqliteToPg(from: Db, to: PgDb): Promise<Map<string, number>> {
  const tables = tablesInOrder();
  const nonEmpty: string[] = [];
  for (const t of tables) if ((await count(to, t.name)) > 0) nonEmpty.push(t.name);
  if (nonEmpty.length > 0) {
    throw new CopyError(
      `the PostgreSQL database is not empty (${nonEmpty.join(', ')} have rows): give the address of a new, ` +
        'empty database (createdb tandem), so that nothing in it is overwritten or mixed with the copy',
    );
  }
  const counts = new Map<string, number>();
  await to.transaction(async (tx) => {
    for (const t of tables) {
      const rows = (await from.select().from(t.sqlite)) as Record<string, unknown>[];
      for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(t.pg).values(rows.slice(i, i + CHUNK));
      counts.set(t.name, rows.length);
      const id = getTableConfig(t.pg).columns.find((c) => c.name === 'id' && c.primary);
      if (id) {
        const sequence = `pg_get_serial_sequence('"${t.name}"', 'id')`;
        await tx.execute(sql.raw(`select setval(${sequence}, coalesce(max(id), 0) + 1, false) from "${t.name}"`));
      }
      const copied = Number((await tx.execute(sql.raw(`select count(*) as n from "${t.name}"`))).rows[0]!.n);
      if (copied !== rows.length) throw new CopyError(`${t.name}: ${rows.length} rows read but ${copied} written`);
    }
  });
  return counts;
}
