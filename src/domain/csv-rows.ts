import { CsvError, parse } from 'csv-parse/sync';
import { RuleViolation } from './errors.js';

/*
 * Reading CSV text into records, each with the line it starts on, for the matrix import: the
 * parser's settings, blank lines skipped cheaply, and its errors retold with a line number.
 */

/** One parsed record and the 1-based line of the CSV text it starts on. */
export interface Row {
  line: number;
  cells: string[];
}

/** Parses every record, with the line it starts on (counted in the text, so multi-line cells are accounted for). */
export function readRows(csv: string): Row[] {
  const text = Buffer.from(emptyBlankLines(csv), 'utf8');
  const lines = new LineCounter(text);
  const rows: Row[] = [];
  // A record starts where the previous one ended; csv-parse reports the offset just past each record.
  let start = 0;
  try {
    parse(text, {
      bom: true,
      // Unquoted cells are trimmed, so "a, msp, msp" works; quoted cells keep their spaces.
      ltrim: true,
      rtrim: true,
      relax_column_count: true,
      // A quote in the middle of an unquoted cell (5" screen) is taken literally, as people mean it.
      relax_quotes: true,
      // Any line ending, even mixed in one paste; CRLF first so it is one break, not two.
      record_delimiter: ['\r\n', '\n', '\r'],
      // Blank lines (made empty above) are skipped by the parser; each would otherwise cost it an error object.
      skip_empty_lines: true,
      on_record: (cells: string[], context: { bytes: number }) => {
        rows.push({ line: lines.lineAt(pastLineBreaks(text, start)), cells });
        start = context.bytes;
        return null;
      },
    });
  } catch (error: unknown) {
    // The record being read when parsing failed starts just past the last one read.
    throw parseError(error, lines.lineAt(start));
  }
  return rows;
}

/**
 * The CSV with every line that holds only spaces or tabs, outside a quoted cell, made empty: its
 * line break stays, so line numbers hold, and a quoted cell keeps its blank lines. Follows the
 * parser's quoting: a cell is quoted when a double quote opens it (after spaces), and `""` inside
 * is a quote.
 */
export function emptyBlankLines(csv: string): string {
  const blank: [number, number][] = [];
  let quoted = false;
  let cellStart = true;
  let lineStart = 0;
  let lineBlank = true;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted) {
      if (c === '"') {
        if (csv[i + 1] === '"') i++;
        else quoted = false;
      }
      continue;
    }
    if (c === '\n' || c === '\r') {
      if (lineBlank && i > lineStart) blank.push([lineStart, i]);
      lineStart = i + 1;
      lineBlank = true;
      cellStart = true;
      continue;
    }
    if (c === ' ' || c === '\t') continue;
    lineBlank = false;
    if (c === ',') cellStart = true;
    else if (c === '"' && cellStart) quoted = true;
    else cellStart = false;
  }
  if (!quoted && lineBlank && csv.length > lineStart) blank.push([lineStart, csv.length]);
  if (blank.length === 0) return csv;
  const kept: string[] = [];
  let from = 0;
  for (const [a, b] of blank) {
    kept.push(csv.slice(from, a));
    from = b;
  }
  kept.push(csv.slice(from));
  return kept.join('');
}

/** The first byte at or after `offset` that is not a line break: where a record after empty lines starts. */
function pastLineBreaks(text: Buffer, offset: number): number {
  let i = offset;
  while (i < text.length && (text[i] === 0x0a || text[i] === 0x0d)) i++;
  return i;
}

/** 1-based line numbers of byte offsets, as an editor counts them (CRLF, LF or a lone CR end a line). */
class LineCounter {
  private offset = 0;
  private line = 1;
  constructor(private readonly text: Buffer) {}

  /** Offsets must come in increasing order; each byte is counted once. */
  lineAt(offset: number): number {
    if (offset > this.offset) {
      this.line += (
        this.text
          .subarray(this.offset, offset)
          .toString('utf8')
          .match(/\r\n|\n|\r/g) ?? []
      ).length;
      this.offset = offset;
    }
    return this.line;
  }
}

/** csv-parse's error, retold with the line its record starts on. */
function parseError(error: unknown, line: number): unknown {
  if (!(error instanceof CsvError)) return error;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return lineError(line, 'a cell opens a double quote (") that is never closed. Close it, or remove the quote.');
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return lineError(
        line,
        'a double quote (") is in the wrong place. Put the whole cell in quotes and double every quote inside it, ' +
          'e.g. "say ""hi""".',
      );
    default:
      return lineError(line, `this line cannot be read as CSV (${error.message}).`);
  }
}

export function lineError(line: number, message: string): RuleViolation {
  return new RuleViolation(`Line ${line}: ${message}`, 'matrix_csv');
}
