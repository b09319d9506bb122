import { describe, expect, it } from 'vitest';
import { emptyBlankLines, readRows } from '../../src/domain/csv-rows.js';
import { csvToMatrix } from '../../src/domain/matrix-csv.js';

const HEADER = 'area,business,after_hours,contact,aliases,note';

describe('blank lines in a pasted CSV', () => {
  it('are emptied where they hold only spaces or tabs, line breaks kept; blank lines in a quoted cell stay', () => {
    const csv = `${HEADER}\n  \t \na,msp,msp,,,"one\n   \ntwo"\n \r\n\t\nb,msp,msp,,, x \n   `;
    expect(emptyBlankLines(csv)).toBe(`${HEADER}\n\na,msp,msp,,,"one\n   \ntwo"\n\r\n\nb,msp,msp,,, x \n`);
    expect(csvToMatrix(csv).map((a) => [a.name, a.note])).toEqual([
      ['a', 'one\n   \ntwo'],
      ['b', 'x'],
    ]);
  });

  it('follow the quoting: a doubled quote stays inside the cell, a quote within a plain cell opens nothing', () => {
    const csv = `"a ""quoted"" word\n  \nstill the cell",x\n   \n5" screen,y\n \n`;
    expect(emptyBlankLines(csv)).toBe(`"a ""quoted"" word\n  \nstill the cell",x\n\n5" screen,y\n\n`);
  });

  it('do not move the line numbers of the rows after them', () => {
    const rows = readRows(`${HEADER}\n\n  \n\r\n\t\npatching,msp,msp,,,\n \n"x\ny",msp,msp,,,\n`);
    expect(rows.map((r) => [r.line, r.cells[0]])).toEqual([
      [1, 'area'],
      [6, 'patching'],
      [8, 'x\ny'],
    ]);
  });

  it('at the import limit, mostly blank, read as the few rows they hold', () => {
    const csv = `${HEADER}\npatching,msp,msp,,,\n${' \n'.repeat(120_000)}backups,msp,msp,,,\n`;
    expect(csvToMatrix(csv).map((a) => a.name)).toEqual(['patching', 'backups']);
  });
});
