import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/client.js';
import { fixedLimit } from '../../db/prepared.js';
import { channels } from '../../db/schema/index.js';

describe('fixedLimit: a LIMIT written into the SQL text', () => {
  it('writes the number itself, so that the statement has no LIMIT value to bind', () => {
    const db = openDb(':memory:');
    const query = db.select({ id: channels.id }).from(channels).limit(fixedLimit(25)).toSQL();
    expect(query.sql).toMatch(/ limit 25$/);
    expect(query.params).toEqual([]);
    db.$client.close();
  });

  it('refuses anything but a whole number from 0: the text goes into SQL as it is', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '1; drop table channels' as unknown as number])
      expect(() => fixedLimit(bad)).toThrow(RangeError);
    expect(() => fixedLimit(0)).not.toThrow();
  });

  it('is how every query in db/ limits its rows: a bound LIMIT would make SQLite compile it at each run', () => {
    const root = join(import.meta.dirname, '../../db');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const bound: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const [call, arg] of text.matchAll(/\.limit\(([^)]*)/g)) {
        // fixedLimit(n), or the `limit` a preparedPerLimit builder is handed (fixedLimit'd there).
        const written = arg!.startsWith('fixedLimit(') || (arg === 'limit' && text.includes('preparedPerLimit('));
        if (!written) bound.push(`db/${file}: ${call})`);
      }
    }
    expect(files.length).toBeGreaterThan(20);
    expect(bound).toEqual([]);
  });
});
