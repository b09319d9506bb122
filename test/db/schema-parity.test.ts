import { is } from 'drizzle-orm';
import { PgTable, getTableConfig as pgConfig } from 'drizzle-orm/pg-core';
import { SQLiteTable, getTableConfig as sqliteConfig } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pgSchema from '../../db/pg/schema/index.js';
import * as sqliteSchema from '../../db/schema/index.js';

/** What the repositories rely on, per table: its columns' names and nullability, keys, indexes, defaults. */
interface Shape {
  columns: string[];
  primaryKey: string[];
  indexes: string[];
  foreignKeys: string[];
}

type AnyConfig = ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>;

function shape(c: AnyConfig): Shape {
  const pk = c.columns.filter((col) => col.primary).map((col) => col.name);
  for (const k of c.primaryKeys) pk.push(...k.columns.map((col) => col.name));
  return {
    columns: c.columns
      .map((col) => `${col.name}${col.notNull ? ' not null' : ''}${col.hasDefault && !col.primary ? ' default' : ''}`)
      .sort(),
    primaryKey: pk.sort(),
    indexes: c.indexes
      .map((i) => {
        const on = i.config.columns.map((x) => (x as { name: string }).name).join(',');
        return `${i.config.name}${i.config.unique ? ' unique' : ''}(${on})`;
      })
      .sort(),
    foreignKeys: c.foreignKeys
      .map((fk) => {
        const r = fk.reference();
        const on = fk.onDelete ?? 'no action';
        return `${r.columns.map((x) => x.name).join(',')} -> ${r.foreignColumns.map((x) => x.name).join(',')} ${on}`;
      })
      .sort(),
  };
}

function shapes(schema: Record<string, unknown>, dialect: 'sqlite' | 'postgres'): Record<string, Shape> {
  const out: Record<string, Shape> = {};
  for (const value of Object.values(schema)) {
    if (dialect === 'sqlite' && is(value, SQLiteTable)) {
      const c = sqliteConfig(value);
      out[c.name] = shape(c);
    }
    if (dialect === 'postgres' && is(value, PgTable)) {
      const c = pgConfig(value);
      out[c.name] = shape(c);
    }
  }
  return out;
}

describe('the PostgreSQL schema', () => {
  it('has the tables, columns, nullability, defaults, keys and indexes of the SQLite one', () => {
    const sqlite = shapes(sqliteSchema, 'sqlite');
    const pg = shapes(pgSchema, 'postgres');
    expect(Object.keys(sqlite).length).toBeGreaterThan(20);
    expect(Object.keys(pg).sort()).toEqual(Object.keys(sqlite).sort());
    for (const name of Object.keys(sqlite)) expect({ [name]: pg[name] }).toEqual({ [name]: sqlite[name] });
  });

  it('exports each table under the name the repositories use', () => {
    expect(Object.keys(pgSchema).sort()).toEqual(Object.keys(sqliteSchema).sort());
  });
});
