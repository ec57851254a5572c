/**
 * Spike lists as Arrow IPC files (columns `node` Int32, `time_ms` Float64), bit-identical
 * to the CSV form (formats/spikes-csv.ts), with the same checks: node ids >= 0, finite times
 * >= 0 ms.
 */
import { DataType, Precision, RecordBatchFileReader, RecordBatchReader, Table, Type, makeTable, tableToIPC, type RecordBatch } from 'apache-arrow';
import type { SpikeList } from '../engine/simulation.js';
import { arrowFileProblem } from './arrow-check.js';
import { InputError } from '../formats/errors.js';
import { readBytes } from './files.js';
export function spikesToArrow(spikes: SpikeList): Uint8Array {
  return tableToIPC(makeTable({ node: spikes.node, time_ms: spikes.time }), 'file');
}

const ARROW_MAGIC = 'ARROW1';

export function spikesFromArrow(bytes: Uint8Array, file?: string): SpikeList {
  const fail = (detail: string, field?: string): never => {
    throw new InputError(detail, { file, field });
  };
  // An Arrow IPC file starts and ends with "ARROW1"; checking both catches truncation early.
  const ascii = (a: Uint8Array) => String.fromCharCode(...a);
  if (bytes.length < 12 || ascii(bytes.subarray(0, 6)) !== ARROW_MAGIC) fail('not an Arrow IPC file');
  if (ascii(bytes.subarray(bytes.length - 6)) !== ARROW_MAGIC) fail('corrupt Arrow file: truncated (no end marker)');
  const problem = arrowFileProblem(bytes);
  if (problem) fail(`corrupt Arrow file: ${problem}`);
  try {
    return decodeSpikeTable(bytes, fail);
  } catch (e) {
    if (e instanceof InputError) throw e;
    return fail(`corrupt Arrow file: ${(e as Error).message}`); // apache-arrow's own complaint
  }
}

function decodeSpikeTable(bytes: Uint8Array, fail: (detail: string, field?: string) => never): SpikeList {
  // Batch by batch through the file reader, not tableFromIPC: its read-all loop re-opens
  // the source looking for further streams, which a damaged file can keep going forever.
  const reader = RecordBatchReader.from(bytes);
  if (!(reader instanceof RecordBatchFileReader)) return fail('not an Arrow IPC file');
  reader.open();
  const batches: RecordBatch[] = [];
  for (let i = 0; i < reader.numRecordBatches; i++) {
    const batch = reader.readRecordBatch(i);
    if (!batch) return fail(`corrupt Arrow file: record batch ${i} is missing`);
    batches.push(batch);
  }
  const table = new Table(reader.schema, batches);
  const column = <T extends Int32Array | Float64Array>(name: string, ok: (t: DataType) => boolean, type: string): T => {
    const v = table.getChild(name);
    if (!v) return fail(`missing column (expected node: Int32, time_ms: Float64)`, name);
    const t = v.type as DataType;
    if (!ok(t)) return fail(`expected ${type}, got ${Type[t.typeId]}`, name);
    if (v.nullCount > 0) return fail(`${v.nullCount} missing values`, name);
    return (v.toArray() as T).slice() as T; // a copy that owns its memory
  };
  const node = column<Int32Array>('node', (t) => DataType.isInt(t) && t.bitWidth === 32 && t.isSigned, 'Int32');
  const bad = node.findIndex((v) => v < 0);
  if (bad !== -1) fail(`row ${bad}: not a node id (an integer >= 0): ${node[bad]}`, 'node');
  const time = column<Float64Array>('time_ms', (t) => DataType.isFloat(t) && t.precision === Precision.DOUBLE, 'Float64');
  if (time.length !== node.length) fail(`corrupt Arrow file: ${node.length} nodes but ${time.length} times`);
  const notFinite = time.findIndex((t) => !Number.isFinite(t));
  if (notFinite !== -1) fail(`row ${notFinite}: not a finite time: ${time[notFinite]}`, 'time_ms');
  const negative = time.findIndex((t) => t < 0);
  if (negative !== -1) fail(`row ${negative}: must be a time >= 0 ms (runs start at 0), got ${time[negative]}`, 'time_ms');
  return { node, time };
}

export function readSpikesArrow(path: string): SpikeList {
  return spikesFromArrow(readBytes(path), path);
}
