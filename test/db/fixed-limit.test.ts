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
});
