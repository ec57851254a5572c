// Plain-text tables and number formatting for terminal output. Pure (no Node
// built-ins) so the HTML report and any browser front-end can share them.

/**
 * Formats `x` with `digits` significant digits, without exponent notation for
 * ordinary magnitudes (1e-6 ≤ |x| < 1e15) and without thousands separators.
 * Integers at or above 10^(digits-1) are printed whole rather than rounded to
 * e.g. "1235000", because silently dropping integer digits misleads in tables.
 */
export function formatNumber(x: number, digits = 4): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return '0'; // also folds -0
  const d = Math.min(21, Math.max(1, Math.round(digits)));
  const ax = Math.abs(x);
  if (ax >= 1e15 || ax < 1e-6) return trimZeros(x.toExponential(d - 1));
  if (ax >= 10 ** (d - 1)) {
    const r = Math.round(x);
    return r === 0 ? '0' : String(r);
  }
  return trimZeros(x.toPrecision(d));
}

// "1.500" -> "1.5", "2.000" -> "2", "1.50e-7" -> "1.5e-7"; leaves integers alone.
function trimZeros(s: string): string {
  const e = s.indexOf('e');
  const mant = e < 0 ? s : s.slice(0, e);
  const exp = e < 0 ? '' : s.slice(e);
  if (!mant.includes('.')) return s;
  return mant.replace(/0+$/, '').replace(/\.$/, '') + exp;
}

/** Thousands-grouped integer ("812,345"), locale-independent for reproducible output. */
export function groupThousands(n: number): string {
  const s = String(Math.round(Math.abs(n)));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${grouped}` : grouped;
}

export type Cell = string | number;

/** Cell text as shown in tables (numbers through `formatNumber`). */
export function cellText(c: Cell): string {
  return typeof c === 'number' ? formatNumber(c) : c;
}

// Code-point length, so "Λ" or "µs" count as one column per character.
function width(s: string): number {
  return [...s].length;
}

/**
 * Aligned plain-text table: header, dashed rule, rows; two spaces between
 * columns, no trailing whitespace. Columns whose non-empty cells are all numbers
 * are right-aligned unless `opts.align` says otherwise.
 */
export function formatTable(columns: string[], rows: Cell[][], opts: { align?: ('l' | 'r')[] } = {}): string {
  const ncol = Math.max(columns.length, ...rows.map((r) => r.length));
  const text = rows.map((r) => Array.from({ length: ncol }, (_, j) => (j < r.length ? cellText(r[j]) : '')));
  const head = Array.from({ length: ncol }, (_, j) => columns[j] ?? '');
  const align = Array.from({ length: ncol }, (_, j): 'l' | 'r' => {
    const a = opts.align?.[j];
    if (a) return a;
    const cells = rows.map((r) => r[j]).filter((c) => c !== undefined && c !== '');
    return cells.length > 0 && cells.every((c) => typeof c === 'number') ? 'r' : 'l';
  });
  const widths = head.map((h, j) => Math.max(width(h), ...text.map((r) => width(r[j]))));
  const line = (cells: string[]): string =>
    cells
      .map((c, j) => {
        const pad = ' '.repeat(widths[j] - width(c));
        return align[j] === 'r' ? pad + c : c + pad;
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(head), rule, ...text.map(line)].join('\n');
}
