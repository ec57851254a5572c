/**
 * Spike lists as CSV text (`node,time_ms`), for people; the Arrow IPC form for tools is
 * io/spikes-arrow.ts (apache-arrow is slow to import, so only what needs it loads it).
 * Times are written so that both formats give back bit-identical Float64 values; rows keep
 * the order given (the engine's canonical (time, node) order). Reading refuses node ids that
 * are not integers >= 0 and times that are not finite numbers >= 0 ms (runs start at 0).
 */
import type { SpikeList } from '../engine/simulation.js';
import { cell, numberCell, parseCsvTable } from './csv.js';
import { InputError } from './errors.js';
import { formatNumber, showValue } from './numbers.js';

export function spikesToCsv(spikes: SpikeList): string {
  const lines = new Array<string>(spikes.node.length + 1);
  lines[0] = 'node,time_ms';
  for (let k = 0; k < spikes.node.length; k++) lines[k + 1] = `${spikes.node[k]},${formatNumber(spikes.time[k])}`;
  return lines.join('\n') + '\n';
}

const NODE_ID = /^\d+$/;

/** A spike list read from CSV, with the line of each spike (for messages about one spike). */
export interface SpikeRows {
  spikes: SpikeList;
  lines: Int32Array;
}

export function spikesFromCsv(text: string, file?: string): SpikeList {
  return spikeRowsFromCsv(text, file).spikes;
}

export function spikeRowsFromCsv(text: string, file?: string): SpikeRows {
  const t = parseCsvTable(text, file, ['node', 'time_ms'], ['node', 'time_ms']);
  const node = new Int32Array(t.rows.length), time = new Float64Array(t.rows.length), lines = new Int32Array(t.rows.length);
  t.rows.forEach((row, k) => {
    const id = cell(t, row, 'node');
    if (id === undefined || !NODE_ID.test(id) || Number(id) > 0x7fffffff)
      throw new InputError(`not a node id (an integer >= 0): ${showValue(id)}`, { file, line: row.line, field: 'node' });
    const v = numberCell(t, row, 'time_ms');
    if (v === undefined) throw new InputError('missing (required)', { file, line: row.line, field: 'time_ms' });
    if (v < 0) throw new InputError(`must be a time >= 0 ms (runs start at 0), got ${showValue(v)}`, { file, line: row.line, field: 'time_ms' });
    node[k] = Number(id);
    time[k] = v;
    lines[k] = row.line;
  });
  return { spikes: { node, time }, lines };
}
