/**
 * What `refract simulate --record-edges` and `--causes` write beside the spikes:
 *
 * - `edges.csv` / `edges.arrow`: one row per edge in the network's (CSR) order — `edge`,
 *   `source`, `target`, `latency_ms`, `delivered`, `blocked` — the arrivals each edge delivered
 *   and the ones its target's refractoriness blocked.
 * - `causes.csv` / `causes.arrow`: one row per cause of each activation — `spike` (the row of
 *   spikes.csv, from 0), `node`, `time_ms` (the activation), `cause` (the edge whose arrival
 *   fed it, or −1 forced, −2 injected, −3 Poisson drive), `source` (the edge's source node, −1 for
 *   a stimulus) and `arrival_ms`. Activations without a row had no recorded cause.
 *
 * CSV for people, Arrow IPC for tools; numbers are written in their shortest round-tripping form.
 */
import { makeTable, tableToIPC } from 'apache-arrow';
import type { CauseList, SpikeList } from '../engine/simulation.js';
import { edgeSources, type Network } from '../model/types.js';
import { formatNumber } from '../formats/numbers.js';

// type aliases (not interfaces) so they are assignable to the column records below
export type EdgeCounts = {
  edge: Int32Array;
  source: Int32Array;
  target: Int32Array;
  latency_ms: Float64Array;
  delivered: Uint32Array;
  blocked: Uint32Array;
};

export function edgeCountColumns(net: Network, delivered: Uint32Array, blocked: Uint32Array): EdgeCounts {
  return { edge: Int32Array.from({ length: net.m }, (_, e) => e), source: edgeSources(net), target: net.target, latency_ms: net.latency, delivered, blocked };
}

export type CauseRows = {
  spike: Int32Array;
  node: Int32Array;
  time_ms: Float64Array;
  cause: Int32Array;
  source: Int32Array;
  arrival_ms: Float64Array;
};

export function causeColumns(net: Network, spikes: SpikeList, causes: CauseList): CauseRows {
  const C = causes.code.length;
  const out: CauseRows = { spike: new Int32Array(C), node: new Int32Array(C), time_ms: new Float64Array(C), cause: causes.code, source: new Int32Array(C), arrival_ms: causes.time };
  const src = edgeSources(net);
  for (let s = 0; s < spikes.node.length; s++)
    for (let c = causes.start[s]; c < causes.start[s + 1]; c++) {
      out.spike[c] = s;
      out.node[c] = spikes.node[s];
      out.time_ms[c] = spikes.time[s];
      out.source[c] = causes.code[c] >= 0 ? src[causes.code[c]] : -1;
    }
  return out;
}

/** A table of equally long numeric columns as CSV (header = the column names, in order). */
export function columnsToCsv(columns: Record<string, ArrayLike<number>>): string {
  const names = Object.keys(columns), cols = names.map((k) => columns[k]);
  const n = cols[0]?.length ?? 0;
  const lines = new Array<string>(n + 1);
  lines[0] = names.join(',');
  for (let i = 0; i < n; i++) lines[i + 1] = cols.map((c) => formatNumber(c[i])).join(',');
  return lines.join('\n') + '\n';
}

/** The same table as an Arrow IPC file (column types from the typed arrays). */
export function columnsToArrow(columns: Record<string, Int32Array | Uint32Array | Float64Array>): Uint8Array {
  return tableToIPC(makeTable(columns), 'file');
}
