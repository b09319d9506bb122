import { stringify } from 'csv-stringify/sync';
import { lineError, type Row, readRows } from './csv-rows.js';
import { RuleViolation } from './errors.js';
import { MAX_ALIAS, MAX_ALIASES, MAX_AREA_NAME, MAX_AREA_NOTE, MAX_AREAS } from './matrix-limits.js';
import { decodeMention, encodeMentionVerbatim } from './mention-codec.js';
import type { MatrixAreaInput } from './model.js';
import { type Mention, OWNERS, type Owner } from './model.js';
import { areaKey } from './normalize.js';

/** The header of a matrix CSV, in the order export writes it. */
export const MATRIX_CSV_COLUMNS = ['area', 'business', 'after_hours', 'contact', 'aliases', 'note'] as const;
type Column = (typeof MATRIX_CSV_COLUMNS)[number];

export const MAX_IMPORT_ROWS = MAX_AREAS;
export const MAX_IMPORT_BYTES = 256 * 1024;

const HEADER = MATRIX_CSV_COLUMNS.join(',');

/*
 * Spreadsheet formula injection: Excel, Sheets and LibreOffice run a cell starting with = + - @
 * (and, after a tab or CR, some of them still do). Export puts a ' in front of such a cell, which
 * spreadsheets treat as "this is text"; import removes exactly one. A cell that already starts with
 * quotes before such a character gets one more quote, so that removing one gives it back exactly.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const ESCAPED_FORMULA_START = /^'+[=+\-@\t\r]/;

function protectCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function unprotectCell(value: string): string {
  return ESCAPED_FORMULA_START.test(value) ? value.slice(1) : value;
}

/** The neutral mention form, which is how a contact round-trips exactly. */
function contactToCell(contact: Mention | null): string {
  return contact === null ? '' : encodeMentionVerbatim(contact);
}

/** The whole matrix as CSV text, one area a row, ready for a spreadsheet and for `csvToMatrix`. */
export function matrixToCsv(areas: readonly MatrixAreaInput[]): string {
  const rows = areas.map((a) => {
    const withComma = a.aliases.find((alias) => alias.includes(','));
    if (withComma !== undefined) {
      throw new RuleViolation(
        `The alias "${withComma}" of area "${a.name}" contains a comma, but the CSV separates aliases with commas. ` +
          `Change the alias (matrix set "${a.name}" aliases:"…") and export again.`,
      );
    }
    return [a.name, a.businessOwner, a.afterHoursOwner, contactToCell(a.contact), a.aliases.join(', '), a.note].map(
      protectCell,
    );
  });
  // Quoted: cells with leading or trailing whitespace, because import trims unquoted cells; and any
  // cell with a CR, which csv-stringify leaves bare but import (like spreadsheets) reads as a line end.
  return stringify([[...MATRIX_CSV_COLUMNS], ...rows], {
    quoted_match: /^\s|\s$|\r/,
    record_delimiter: '\n',
    eof: true,
  });
}

/** Reads a matrix CSV; on the first problem throws a RuleViolation naming the line, the column and what to type. */
export function csvToMatrix(csv: string): MatrixAreaInput[] {
  const bytes = Buffer.byteLength(csv, 'utf8');
  if (bytes > MAX_IMPORT_BYTES) {
    throw new RuleViolation(
      `The CSV is ${Math.ceil(bytes / 1024)} KB; at most ${MAX_IMPORT_BYTES / 1024} KB can be imported at once.`,
    );
  }
  const rows = readRows(csv).filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [header, ...body] = rows;
  if (header === undefined) {
    throw new RuleViolation(`The CSV is empty. Its first line must be the header ${HEADER}, then one line per area.`);
  }
  const columns = headerColumns(header);
  if (body.length === 0)
    throw new RuleViolation(`The CSV has a header but no areas. Add one line per area below the header ${HEADER}.`);
  if (body.length > MAX_IMPORT_ROWS) {
    throw new RuleViolation(
      `The CSV has ${body.length} areas; a matrix can hold at most ${MAX_IMPORT_ROWS}. Split it or remove some rows.`,
    );
  }
  const seen = new Map<string, number>();
  return body.map((row) => {
    const area = rowToArea(row, columns);
    const key = areaKey(area.name);
    const first = seen.get(key);
    if (first !== undefined) {
      throw lineError(row.line, `area "${area.name}" is already on line ${first}; keep one row per area.`);
    }
    seen.set(key, row.line);
    return area;
  });
}

/** Header cell → column; accepts "After hours", "after-hours" and the like. */
function columnName(cell: string): string {
  return cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** The index of each column in the file; any missing, unknown or repeated column is an error. */
function headerColumns(header: Row): Record<Column, number> {
  if (header.cells.length === 1 && header.cells[0]!.includes(';')) {
    throw lineError(
      header.line,
      `cells are separated by semicolons; separate them with commas. The header must be: ${HEADER}`,
    );
  }
  const names = header.cells.map(columnName);
  const known = new Set<string>(MATRIX_CSV_COLUMNS);
  const missing = MATRIX_CSV_COLUMNS.filter((c) => !names.includes(c));
  const extra = names.filter((n) => !known.has(n));
  const repeated = names.filter((n, i) => known.has(n) && names.indexOf(n) !== i);
  const problems = [
    missing.length > 0 ? `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` : '',
    extra.length > 0
      ? `unknown column${extra.length > 1 ? 's' : ''} ${extra
          .slice(0, 5)
          .map((e) => `"${shown(e)}"`)
          .join(', ')}${extra.length > 5 ? ` and ${extra.length - 5} more` : ''}`
      : '',
    repeated.length > 0 ? `repeated column${repeated.length > 1 ? 's' : ''} ${repeated.join(', ')}` : '',
  ].filter((p) => p !== '');
  if (problems.length > 0) throw lineError(header.line, `the header has ${problems.join('; ')}. It must be: ${HEADER}`);
  return Object.fromEntries(MATRIX_CSV_COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<Column, number>;
}

/** One data row → one area, or the first thing wrong with it. */
function rowToArea(row: Row, columns: Record<Column, number>): MatrixAreaInput {
  const width = Object.keys(columns).length;
  if (row.cells.length !== width) {
    const fix =
      row.cells.length > width
        ? 'Put a cell that contains a comma inside double quotes, e.g. "backups, restore".'
        : 'Add the missing cells; an empty cell is nothing between two commas.';
    throw lineError(row.line, `expected ${width} cells (${HEADER}) but found ${row.cells.length}. ${fix}`);
  }
  const cell = (c: Column) => unprotectCell(row.cells[columns[c]]!);
  const name = cell('area').trim();
  if (name === '') throw lineError(row.line, 'area is empty. Type the name of the area, e.g. "patching".');
  if (areaKey(name) === '') throw lineError(row.line, `area must contain a letter or a digit (got "${shown(name)}").`);
  // The limits of `matrix set`: an import must not make an area that command could not.
  if (name.length > MAX_AREA_NAME)
    throw lineError(row.line, `area is ${name.length} characters; an area name can be at most ${MAX_AREA_NAME}.`);
  const aliases = [
    ...new Set(
      cell('aliases')
        .split(',')
        .map((a) => a.trim())
        .filter((a) => a !== ''),
    ),
  ];
  if (aliases.length > MAX_ALIASES)
    throw lineError(row.line, `aliases has ${aliases.length} aliases; an area can have at most ${MAX_ALIASES}.`);
  const long = aliases.find((a) => a.length > MAX_ALIAS);
  if (long !== undefined)
    throw lineError(
      row.line,
      `the alias "${shown(long)}" is ${long.length} characters; an alias can be at most ${MAX_ALIAS}.`,
    );
  const note = cell('note');
  if (note.length > MAX_AREA_NOTE)
    throw lineError(row.line, `note is ${note.length} characters; a note can be at most ${MAX_AREA_NOTE}.`);
  return {
    name,
    businessOwner: owner(cell('business'), 'business', row.line),
    afterHoursOwner: owner(cell('after_hours'), 'after_hours', row.line),
    contact: contact(cell('contact'), row.line),
    aliases,
    note,
  };
}

function owner(value: string, column: Column, line: number): Owner {
  const v = value.trim().toLowerCase();
  if ((OWNERS as readonly string[]).includes(v)) return v as Owner;
  throw lineError(line, `${column} must be internal, msp or shared (got "${shown(value.trim())}").`);
}

/** A contact cell: the neutral form export writes, a console-style @name, or nothing. */
function contact(value: string, line: number): Mention | null {
  const v = value.trim();
  if (v === '') return null;
  const mention = decodeMention(v);
  if (mention) return mention;
  throw lineError(line, `contact must be @name, <user:ID|Label>, <group:ID|Label> or empty (got "${shown(v)}").`);
}

/** A value quoted back to the user, cut short so one bad cell cannot flood the reply. */
function shown(value: string): string {
  const flat = value.replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
}
