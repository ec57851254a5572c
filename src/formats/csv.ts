/**
 * Small CSV tables with a header, for edge lists, positions and spike lists: `#` comment
 * lines and blank lines are skipped, columns may come in any order, and every row keeps
 * its line number so that errors read `file:line: column: problem`.
 */
// the browser build (it carries its own Buffer): the same parser in Node and in a page
import { CsvError, parse } from 'csv-parse/browser/esm/sync';
import { InputError } from './errors.js';
import { parseDecimal, showValue } from './numbers.js';

export interface CsvRow {
  line: number;
  cells: string[];
}

export interface CsvTable {
  file?: string;
  headerLine: number;
  /** Column name → index. */
  columns: Map<string, number>;
  rows: CsvRow[];
}

export interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/** Printable ASCII, TAB and LF only: text whose records `splitSimple` gives exactly as csv-parse does. */
const SIMPLE = /^[\x20-\x21\x23-\x7e\n\t]*$/;

/**
 * The records of text without quotes, carriage returns or non-ASCII characters, as csv-parse
 * gives them with the options below (a property test checks it): lines split at LF, blank
 * lines and lines starting with `#` (after blanks) skipped, cells trimmed. csv-parse takes
 * ~13 µs a row (4 s for 300,000 spikes), this under 1 µs.
 */
function splitSimple(text: string): ParsedRecord[] {
  const out: ParsedRecord[] = [];
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k].trimStart();
    if (line === '' || line.charCodeAt(0) === 0x23) continue;
    const cells = line.split(',');
    for (let c = 0; c < cells.length; c++) cells[c] = cells[c].trim();
    out.push({ record: cells, info: { lines: k + 1 } });
  }
  return out;
}

/** The records of CSV text, each with its line: `#` comment lines and blank lines skipped, cells trimmed. */
export function csvRecords(text: string, file: string | undefined): ParsedRecord[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (SIMPLE.test(body)) return splitSimple(body);
  return parseWithCsvParse(text, file);
}

function parseWithCsvParse(text: string, file: string | undefined): ParsedRecord[] {
  try {
    return parse(text, {
      bom: true,
      comment: '#',
      comment_no_infix: true, // only whole-line comments: "#" may appear inside names
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true, // we check the counts ourselves, to report them our way
      info: true,
    }) as unknown as ParsedRecord[];
  } catch (e) {
    if (e instanceof CsvError) throw new InputError(`malformed CSV: ${e.message.replace(/\s+/g, ' ')}`, { file, line: (e as CsvError & { lines?: number }).lines });
    throw e;
  }
}

/**
 * Parses `text`; the header may only name `known` columns and must name all `required` ones.
 */
export function parseCsvTable(text: string, file: string | undefined, known: readonly string[], required: readonly string[]): CsvTable {
  const records = csvRecords(text, file);
  if (records.length === 0) throw new InputError(`empty file: expected a header line with columns ${required.join(',')}`, { file });
  const [head, ...body] = records;
  const headerLine = head.info.lines;
  const columns = new Map<string, number>();
  head.record.forEach((name, k) => {
    if (!known.includes(name)) throw new InputError(`unknown column (expected ${known.join(', ')})`, { file, line: headerLine, field: name || `column ${k + 1}` });
    if (columns.has(name)) throw new InputError('column given twice', { file, line: headerLine, field: name });
    columns.set(name, k);
  });
  for (const name of required) if (!columns.has(name)) throw new InputError(`missing column "${name}" (the header must name ${required.join(', ')})`, { file, line: headerLine });
  const rows: CsvRow[] = [];
  for (const r of body) {
    const line = r.info.lines;
    if (r.record.length !== columns.size) throw new InputError(`the row has ${r.record.length} fields, the header has ${columns.size}`, { file, line });
    rows.push({ line, cells: r.record });
  }
  return { file, headerLine, columns, rows };
}

/** Cell of `column` in `row`, or undefined when the column is absent or the cell empty. */
export function cell(t: CsvTable, row: CsvRow, column: string): string | undefined {
  const k = t.columns.get(column);
  if (k === undefined) return undefined;
  const v = row.cells[k];
  return v === '' ? undefined : v;
}

/** A number from a cell, or an InputError `file:line: column: not a number: "abc"`. */
export function numberCell(t: CsvTable, row: CsvRow, column: string): number | undefined {
  const s = cell(t, row, column);
  if (s === undefined) return undefined;
  const v = parseDecimal(s);
  if (v === null) throw new InputError(`not a number: ${showValue(s)}`, { file: t.file, line: row.line, field: column });
  return v;
}
