import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MATRIX } from '../../src/domain/default-matrix.js';
import { RuleViolation } from '../../src/domain/errors.js';
import { csvToMatrix, matrixToCsv } from '../../src/domain/matrix-csv.js';
import type { MatrixAreaInput } from '../../src/domain/model.js';
import { OWNERS } from '../../src/domain/model.js';
import { areaKey } from '../../src/domain/normalize.js';

const HEADER = 'area,business,after_hours,contact,aliases,note';

function area(over: Partial<MatrixAreaInput> = {}): MatrixAreaInput {
  return {
    name: 'patching',
    businessOwner: 'msp',
    afterHoursOwner: 'msp',
    contact: null,
    aliases: [],
    note: '',
    ...over,
  };
}

/** The message of the RuleViolation that importing `csv` raises. */
function importError(csv: string): string {
  try {
    csvToMatrix(csv);
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(RuleViolation);
    return (error as RuleViolation).message;
  }
  throw new Error('the import was accepted');
}

describe('matrixToCsv', () => {
  it('writes the header and one row per area, owners in words and aliases in one cell', () => {
    const csv = matrixToCsv([area({ aliases: ['updates', 'patch tuesday'], note: 'monthly' })]);
    expect(csv).toBe(`${HEADER}\npatching,msp,msp,,"updates, patch tuesday",monthly\n`);
  });

  it('writes a contact in the neutral mention form', () => {
    const csv = matrixToCsv([area({ contact: { kind: 'group', id: 'S0123', label: 'noc-team' } })]);
    expect(csv.split('\n')[1]).toBe('patching,msp,msp,<group:S0123|noc-team>,,');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    const csv = matrixToCsv([
      area({ name: '=HYPERLINK("http://evil","x")', note: '+1 555 0100', aliases: ['@SUM(A1)'] }),
      area({ name: 'b', note: '-cmd' }),
      area({ name: 'c', note: '\tindented' }),
    ]);
    const cells = (parse(csv) as string[][]).flat();
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(cells).toContain(`'=HYPERLINK("http://evil","x")`);
    expect(cells).toContain("'+1 555 0100");
    expect(cells).toContain("'-cmd");
  });

  it('refuses an alias with a comma, which the aliases cell could not keep apart', () => {
    expect(() => matrixToCsv([area({ aliases: ['backup, restore'] })])).toThrow(
      /alias "backup, restore" of area "patching" contains a comma/,
    );
  });
});

describe('round trip', () => {
  it('gives back the default matrix exactly', () => {
    expect(csvToMatrix(matrixToCsv(DEFAULT_MATRIX))).toEqual(DEFAULT_MATRIX);
  });

  it('keeps quotes, commas, newlines, unicode, formula-like text and surrounding spaces in notes', () => {
    const tricky = [
      area({
        name: 'Wi-Fi, "guest" — Café ☕',
        businessOwner: 'shared',
        afterHoursOwner: 'internal',
        contact: { kind: 'user', id: 'U042', label: 'Zoë Ñúñez' },
        aliases: ["'=already quoted", '=SUM(A1)', '-x', 'multi\nline', '日本語'],
        note: 'line one\r\nline "two", with comma\n\n=1+1\r',
      }),
      area({ name: 'b', note: '  leading and trailing  ' }),
      area({ name: 'c', note: "'=not a formula" }),
      area({ name: 'd', note: "''@twice" }),
      area({ name: 'e', note: '\rstarts with CR' }),
      area({ name: 'f', note: "'just an apostrophe" }),
    ];
    expect(csvToMatrix(matrixToCsv(tricky))).toEqual(tricky);
  });

  it('holds for any valid matrix', () => {
    const specials = [
      '=',
      '+',
      '-',
      '@',
      '\t',
      '\r',
      '\n',
      '\r\n',
      '"',
      ',',
      "'",
      ' ',
      'é',
      '😀',
      '<',
      '>',
      '|',
      '\u00a0',
      ';',
    ];
    const text = (min = 0) =>
      fc
        .array(fc.oneof(fc.constantFrom(...specials), fc.string({ minLength: 1, maxLength: 3 })), {
          minLength: min,
          maxLength: 12,
        })
        .map((parts) => parts.join(''));
    const trimmed = text(1)
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const mention = fc.record({
      kind: fc.constantFrom('user' as const, 'group' as const),
      id: fc.stringMatching(/^[A-Za-z0-9_.-]{1,12}$/),
      label: text(1).filter((s) => !s.includes('>') && s !== ''),
    });
    const areaArb = fc.record({
      name: trimmed.filter((s) => areaKey(s) !== ''),
      businessOwner: fc.constantFrom(...OWNERS),
      afterHoursOwner: fc.constantFrom(...OWNERS),
      contact: fc.option(mention, { nil: null }),
      // An area's aliases are distinct (matrix set and import both drop repeats).
      aliases: fc.uniqueArray(
        trimmed.filter((s) => !s.includes(',')),
        { maxLength: 4 },
      ),
      note: text(),
    });
    const matrix = fc.uniqueArray(areaArb, { minLength: 1, maxLength: 8, selector: (a) => areaKey(a.name) });
    fc.assert(
      fc.property(matrix, (areas) => {
        expect(csvToMatrix(matrixToCsv(areas))).toEqual(areas);
      }),
      { numRuns: 300 },
    );
  });
});

describe('csvToMatrix', () => {
  it(
    'accepts what people type: spaces after commas, capitals, @name contacts, columns in another order, a BOM, ' +
      'CRLF',
    () => {
      const csv =
        '\ufeffArea, Business, After hours, Contact, Note, Aliases\r\n  Printers , Internal, MSP, @dana , , ' +
        '"printer, ' +
        'toner"\r\n';
      expect(csvToMatrix(csv)).toEqual([
        {
          name: 'Printers',
          businessOwner: 'internal',
          afterHoursOwner: 'msp',
          contact: { kind: 'user', id: 'dana', label: 'dana' },
          aliases: ['printer', 'toner'],
          note: '',
        },
      ]);
    },
  );

  it('reads both neutral contact forms and an empty contact', () => {
    const csv = `${HEADER}\na,msp,msp,<user:U1|Ann Lee>,,\nb,msp,msp,<group:G7|net-ops>,,\nc,msp,msp,,,\n`;
    expect(csvToMatrix(csv).map((a) => a.contact)).toEqual([
      { kind: 'user', id: 'U1', label: 'Ann Lee' },
      { kind: 'group', id: 'G7', label: 'net-ops' },
      null,
    ]);
  });

  it('removes the formula guard from a hand-written cell, and only that', () => {
    const csv = `${HEADER}\n'=weird name,msp,msp,,,'+44 20 7946 0000\nplain,msp,msp,,,'quoted on purpose\n`;
    expect(csvToMatrix(csv).map((a) => [a.name, a.note])).toEqual([
      ['=weird name', '+44 20 7946 0000'],
      ['plain', "'quoted on purpose"],
    ]);
  });

  it('skips blank lines and rows of empty cells that spreadsheets leave behind', () => {
    const csv = `${HEADER}\n\npatching,msp,msp,,,\n,,,,,\n   \n`;
    expect(csvToMatrix(csv).map((a) => a.name)).toEqual(['patching']);
  });

  it('reads a paste that mixes line endings, keeping a CR inside a quoted note', () => {
    const csv = `${HEADER}\r\na,msp,msp,,,"one\rtwo"\nb,msp,msp,,,\rc,msp,msp,,,`;
    expect(csvToMatrix(csv).map((a) => [a.name, a.note])).toEqual([
      ['a', 'one\rtwo'],
      ['b', ''],
      ['c', ''],
    ]);
  });

  it('takes a quote inside an unquoted cell literally', () => {
    expect(csvToMatrix(`${HEADER}\nmonitors,internal,msp,,,27" screens\n`)[0]!.note).toBe('27" screens');
  });
});

describe('csvToMatrix errors name the line, the column and what to type', () => {
  it('a bad owner', () => {
    expect(importError(`${HEADER}\npatching,msp,msp,,,\nbackups,msp,msp,,,\nprinters,vendor,msp,,,\n`)).toBe(
      'Line 4: business must be internal, msp or shared (got "vendor").',
    );
    expect(importError(`${HEADER}\npatching,msp,,,,\n`)).toBe(
      'Line 2: after_hours must be internal, msp or shared (got "").',
    );
  });

  it('counts the lines of a multi-line cell, so the number is the line in the text', () => {
    const csv = `${HEADER}\npatching,msp,msp,,,"first line\nsecond line\nthird line"\nprinters,vendor,msp,,,\n`;
    expect(importError(csv)).toBe('Line 5: business must be internal, msp or shared (got "vendor").');
  });

  it('counts CRLF, blank lines and a BOM the way an editor does', () => {
    const csv = `\ufeff${HEADER}\r\n\r\npatching,msp,msp,,,"a\r\nb"\r\n,,,,,\r\nprinters,msp,msp,bob,,\r\n`;
    expect(importError(csv)).toBe(
      'Line 6: contact must be @name, <user:ID|Label>, <group:ID|Label> or empty (got "bob").',
    );
  });

  it('an empty area name', () => {
    expect(importError(`${HEADER}\npatching,msp,msp,,,\n ,msp,msp,,,note\n`)).toBe(
      'Line 3: area is empty. Type the name of the area, e.g. "patching".',
    );
    expect(importError(`${HEADER}\n!!!,msp,msp,,,\n`)).toBe(
      'Line 2: area must contain a letter or a digit (got "!!!").',
    );
  });

  it('the same area twice, compared as area names are', () => {
    expect(importError(`${HEADER}\nPatching,msp,msp,,,\nbackups,msp,msp,,,\n  patching! ,internal,msp,,,\n`)).toBe(
      'Line 4: area "patching!" is already on line 2; keep one row per area.',
    );
  });

  it('a row with too many or too few cells', () => {
    expect(importError(`${HEADER}\npatching,msp,msp,,updates, patches,\n`)).toMatch(
      /^Line 2: expected 6 cells .* but found 7\. Put a cell that contains a comma inside double quotes/,
    );
    expect(importError(`${HEADER}\npatching,msp,msp\n`)).toMatch(
      /^Line 2: expected 6 cells .* but found 3\. Add the missing cells/,
    );
  });

  it('a quote closed in the middle of a cell', () => {
    expect(importError(`${HEADER}\npatching,msp,msp,,"updates"tuesday,\n`)).toMatch(
      /^Line 2: a double quote \("\) is in the wrong place\. Put the whole cell in quotes/,
    );
  });

  it('a quote that is never closed, at the line where its row starts', () => {
    expect(importError(`${HEADER}\npatching,msp,msp,,,ok\nbackups,msp,msp,,,"never closed\nmore\n`)).toMatch(
      /^Line 3: a cell opens a double quote/,
    );
  });

  it('a header with missing, unknown or repeated columns says which', () => {
    expect(importError('area,business,owner\npatching,msp,msp\n')).toBe(
      `Line 1: the header has missing columns after_hours, contact, aliases, note; unknown column "owner". It must ` +
        `be: ${HEADER}`,
    );
    expect(importError(`${HEADER},note\n`)).toBe(`Line 1: the header has repeated column note. It must be: ${HEADER}`);
    expect(importError('area;business;after_hours;contact;aliases;note\n')).toMatch(
      /^Line 1: cells are separated by semicolons; separate them with commas/,
    );
  });

  it('an empty file, or a header without areas', () => {
    expect(importError('')).toMatch(/^The CSV is empty\. Its first line must be the header area,business/);
    expect(importError('\n \n')).toMatch(/^The CSV is empty/);
    expect(importError(`${HEADER}\n`)).toMatch(/^The CSV has a header but no areas/);
  });

  it('more than 1,000 areas or more than 256 KB', () => {
    const rows = Array.from({ length: 1001 }, (_, i) => `area ${i},msp,msp,,,`);
    expect(importError(`${HEADER}\n${rows.join('\n')}\n`)).toBe(
      'The CSV has 1001 areas; a matrix can hold at most 1000. Split it or remove some rows.',
    );
    expect(csvToMatrix(`${HEADER}\n${rows.slice(0, 1000).join('\n')}\n`)).toHaveLength(1000);
    expect(importError(`${HEADER}\npatching,msp,msp,,,"${'x'.repeat(300 * 1024)}"\n`)).toMatch(
      /^The CSV is 301 KB; at most 256 KB can be imported at once\./,
    );
  });
});
