/**
 * Spikes CSV (`node,time_ms`, as `refract simulate` writes spikes.csv) in the browser, for
 * replaying a saved run. Same columns and checks as src/io/spikes.ts, without its file access.
 */
import { cell, numberCell, parseCsvTable } from '../../io/csv.js';
import { InputError } from '../../io/errors.js';
import { showValue } from '../../io/numbers.js';

const NODE_ID = /^\d+$/;

export interface Spikes {
  node: Int32Array;
  time: Float64Array;
}

/** Reads the spikes and checks that every node id is below `n`; sorted by time. */
export function spikesFromCsvText(text: string, file: string, n: number): Spikes {
  const t = parseCsvTable(text, file, ['node', 'time_ms'], ['node', 'time_ms']);
  const rows = t.rows.map((row) => {
    const id = cell(t, row, 'node');
    if (id === undefined || !NODE_ID.test(id)) throw new InputError(`not a node id (an integer >= 0): ${showValue(id)}`, { file, line: row.line, field: 'node' });
    if (Number(id) >= n) throw new InputError(`node ${id} is not in the loaded network (nodes are 0..${n - 1})`, { file, line: row.line, field: 'node' });
    const v = numberCell(t, row, 'time_ms');
    if (v === undefined || !Number.isFinite(v) || v < 0) throw new InputError('expected a time >= 0 (ms)', { file, line: row.line, field: 'time_ms' });
    return [Number(id), v] as const;
  });
  rows.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  return { node: Int32Array.from(rows, (r) => r[0]), time: Float64Array.from(rows, (r) => r[1]) };
}
