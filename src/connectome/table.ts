/**
 * Delimited tables as the connectome files come: comma- or TAB-separated (White 1986 is
 * TAB-separated despite its .csv name), cells padded with spaces (Cook 2019), and extra
 * columns we do not use (OpenWorm's Neurotransmitter). io/csv.ts reads commas only and
 * rejects unknown columns, so this gives the same CsvTable (rows with line numbers) for
 * any delimiter; `cell` and `numberCell` from io/csv.ts then work on it. Quoted cells go
 * through csv-parse; files without quotes (all five tables) are split by hand, faster.
 */
import { CsvError, parse } from 'csv-parse/browser/esm/sync';
import type { CsvRow, CsvTable } from '../formats/csv.js';
import { InputError } from '../formats/errors.js';

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/**
 * Without quotes a row is just its line split at the delimiter; csv-parse (with `trim`)
 * takes ~0.2 s on Cook's 245 KB of padded cells, this ~10 ms. Same records either way.
 */
function splitPlain(text: string, delimiter: string): ParsedRecord[] {
  const out: ParsedRecord[] = [];
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n');
  lines.forEach((l, k) => {
    const line = l.endsWith('\r') ? l.slice(0, -1) : l;
    if (line.trim() !== '') out.push({ record: line.split(delimiter).map((c) => c.trim()), info: { lines: k + 1 } });
  });
  return out;
}

export function parseDelimited(text: string, file: string | undefined, delimiter: string, required: readonly string[]): CsvTable {
  let records: ParsedRecord[];
  if (!text.includes('"')) records = splitPlain(text, delimiter);
  else {
    try {
      records = parse(text, {
        bom: true,
        delimiter,
        skip_empty_lines: true,
        trim: true,
        relax_column_count: true, // counted below, to report it with the line number
        info: true,
      }) as unknown as ParsedRecord[];
    } catch (e) {
      if (e instanceof CsvError) throw new InputError(`malformed table: ${e.message.replace(/\s+/g, ' ')}`, { file, line: (e as CsvError & { lines?: number }).lines });
      throw e;
    }
  }
  const shown = delimiter === '\t' ? 'TAB' : `"${delimiter}"`;
  if (records.length === 0) throw new InputError(`empty file: expected a header line with columns ${required.join(', ')} separated by ${shown}`, { file });
  const [head, ...body] = records;
  const headerLine = head.info.lines;
  const columns = new Map<string, number>();
  head.record.forEach((name, k) => {
    if (columns.has(name)) throw new InputError('column given twice', { file, line: headerLine, field: name });
    columns.set(name, k);
  });
  for (const name of required)
    if (!columns.has(name)) throw new InputError(`missing column "${name}" (expected ${required.join(', ')} separated by ${shown}; the header has ${head.record.join(', ')})`, { file, line: headerLine });
  const rows: CsvRow[] = [];
  for (const r of body) {
    const line = r.info.lines;
    if (r.record.length !== columns.size) throw new InputError(`the row has ${r.record.length} fields, the header has ${columns.size} (separator ${shown})`, { file, line });
    rows.push({ line, cells: r.record });
  }
  return { file, headerLine, columns, rows };
}
