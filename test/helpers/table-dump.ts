import type Database from 'better-sqlite3';

/** Every row of every table as JSON text, sorted per table: two dumps are equal when nothing was written. */
export type TableDump = Record<string, string[]>;

export function dumpTables(sqlite: Database.Database): TableDump {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  const out: TableDump = {};
  for (const t of tables) {
    out[t] = (
      sqlite
        .prepare(`SELECT * FROM "${t.replace(/"/g, '""')}"`)
        .raw()
        .all() as unknown[][]
    )
      .map((r) => JSON.stringify(r))
      .sort();
  }
  return out;
}

export interface TableChange {
  added: string[];
  removed: string[];
}

/** The rows that differ between two dumps, by table; tables without a change are left out. */
export function changedRows(before: TableDump, after: TableDump): Record<string, TableChange> {
  const out: Record<string, TableChange> = {};
  for (const t of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const count = new Map<string, number>();
    for (const r of before[t] ?? []) count.set(r, (count.get(r) ?? 0) + 1);
    const added: string[] = [];
    for (const r of after[t] ?? []) {
      const n = count.get(r) ?? 0;
      if (n > 0) count.set(r, n - 1);
      else added.push(r);
    }
    const removed = [...count].flatMap(([r, n]) => Array<string>(n).fill(r));
    if (added.length || removed.length) out[t] = { added, removed };
  }
  return out;
}
