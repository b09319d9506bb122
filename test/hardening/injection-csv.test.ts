import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { MANAGER, MEMBER, makeBusyChannel } from '../helpers/observed-core.js';

/**
 * What people type into the matrix, exported as CSV: a spreadsheet opening the export runs no
 * cell as a formula, and importing it back gives the same matrix.
 */

const tally = { csv: 0 };
afterAll(() => console.info(`[hardening] injection cases: CSV export ${tally.csv}`));

describe('CSV export of what people typed', () => {
  const FORMULA = /^[=+\-@\t\r]/;
  const cellText = fc.oneof(
    fc.constantFrom(
      "=cmd|' /C calc'!A0",
      '+1',
      '-2',
      '@SUM(A1)',
      '\t=x',
      '\r=x',
      "'=x",
      "''+x",
      '=HYPERLINK("https://evil.example","x")',
      'plain',
      ' =x',
    ),
    fc
      .tuple(fc.constantFrom('=', '+', '-', '@', "'", ''), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }))
      .map(([p, s]) => p + s),
  );
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

  it('neutralises every cell a spreadsheet would run, and imports back to the same matrix', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.tuple(cellText, cellText, cellText), {
          minLength: 1,
          maxLength: 5,
          selector: ([n]) => n.toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''),
        }),
        async (rows) => {
          tally.csv++;
          const core = await makeBusyChannel();
          const wanted = rows.filter(([name]) => /[\p{L}\p{N}]/u.test(name));
          for (const [name, alias, note] of wanted) {
            await core.say(
              MANAGER,
              `matrix set ${quote(name)} business:msp aliases:${quote(alias.replace(/,/g, ''))} note:${quote(note)}`,
            );
          }
          const exported = await core.say(MEMBER, 'matrix export');
          const block = exported.reply.blocks.find((b) => b.kind === 'code');
          expect(block).toBeDefined();
          const csv = (block as { text: string }).text;
          const cells = (parse(csv, { relax_column_count: true }) as string[][]).flat();
          for (const c of cells) expect(FORMULA.test(c), `cell ${JSON.stringify(c)}`).toBe(false);
          // What the export says is what import reads back: the matrix is unchanged by the round trip.
          const before = (await core.store.matrix.list((await core.store.channels.find(core.conversation))!.id)).map(
            ({ id: _i, position: _p, ...a }) => a,
          );
          await core.must(MANAGER, `matrix import ${csv}`);
          const after = (await core.store.matrix.list((await core.store.channels.find(core.conversation))!.id)).map(
            ({ id: _i, position: _p, ...a }) => a,
          );
          expect(after).toEqual(before);
          core.db.$client.close();
        },
      ),
      { seed: 79, numRuns: 150 },
    );
  }, 120_000);
});
