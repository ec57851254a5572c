/** Small h5wasm helpers shared by the SONATA reader and writer. */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { writeThroughTemp } from './atomic.js';
import h5wasm from 'h5wasm/node';
import { InputError } from '../formats/errors.js';
import { readText } from './files.js';
import type { z } from 'zod';
import { fieldName, lineOfPath, parseJsonText, type JsonPath } from '../formats/json-text.js';
import { firstIssue } from '../formats/zod-issues.js';
import { parseDecimal, showValue } from '../formats/numbers.js';

export type H5Group = InstanceType<typeof h5wasm.Group>;
export type H5Dataset = InstanceType<typeof h5wasm.Dataset>;
export { h5wasm };

/**
 * Loads h5wasm and makes HDF5 report errors by throwing (its default handler prints the
 * whole error stack, dozens of `HDF5-DIAG` lines, on stderr and carries on): every failure
 * then reaches h5read, which makes it one line naming the file and the dataset.
 */
export async function h5ready(): Promise<void> {
  const module = await h5wasm.ready;
  module.activate_throwing_error_handler();
}

/**
 * One clause from HDF5's error stack (`#000: … in H5Dread(): can't read data` down to the
 * innermost frame, each with `major:` and `minor:` lines): the innermost message, which says
 * what was wrong in the file (e.g. "incorrect metadata checksum after all read tries").
 */
export function hdf5Reason(message: string): string {
  let reason: string | null = null, minor: string | null = null;
  for (const line of message.split('\n')) {
    const frame = /#\d+: .* in [\w.]+\(\): (.*)$/.exec(line);
    if (frame) {
      reason = frame[1].trim();
      minor = null;
    }
    const m = /^\s*minor: (.*)$/.exec(line);
    if (m) minor = m[1].trim();
  }
  if (reason === null) return message.split('\n')[0].trim().slice(0, 200);
  return minor && minor.toLowerCase() !== reason.toLowerCase() ? `${reason} (${minor.toLowerCase()})` : reason;
}

/**
 * Runs `read`, which reads HDF5 data of `file`. A failure of HDF5 (its error stack) or of
 * h5wasm on what it read (a damaged file can hand it values it cannot convert) is one
 * InputError naming the file and `field` (the dataset or group); our own InputErrors pass.
 */
export function h5read<T>(file: string, field: string | undefined, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof InputError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    const what = /HDF5-DIAG/.test(message) ? hdf5Reason(message) : message.split('\n')[0].slice(0, 200);
    throw new InputError(`corrupt HDF5 data: ${what}`, { file, field });
  }
}

/** Unsigned 64-bit ids (as SONATA stores node and edge ids) of values a..b−1 of `v`. */
export function bigIds(v: ArrayLike<number>, a = 0, b = v.length): BigUint64Array {
  const out = new BigUint64Array(b - a);
  for (let i = a; i < b; i++) out[i - a] = BigInt(v[i]);
  return out;
}

/** The ids 0..n−1 as unsigned 64-bit values. */
export function bigRange(n: number): BigUint64Array {
  const out = new BigUint64Array(n);
  for (let i = 0; i < n; i++) out[i] = BigInt(i);
  return out;
}

/** Any numeric dataset value as doubles. */
export function num(v: unknown): Float64Array {
  if (v instanceof BigUint64Array || v instanceof BigInt64Array) return Float64Array.from(v, (x) => Number(x));
  return Float64Array.from(v as ArrayLike<number>);
}

/**
 * Writes an HDF5 file (and its folder) through a temporary name, renamed into place when
 * complete. `circuit`: the export this file belongs to, kept as the root attribute
 * `refract_circuit` so that a reader can refuse files of two exports mixed in one folder.
 */
export function writeH5(file: string, fill: (f: InstanceType<typeof h5wasm.File>) => void, circuit?: string): void {
  writeThroughTemp(file, (tmp) => {
    const f = new h5wasm.File(tmp, 'w');
    try {
      if (circuit !== undefined) f.create_attribute(CIRCUIT_ATTRIBUTE, circuit);
      fill(f);
    } finally {
      f.close();
    }
  });
}

/** Root attribute of every HDF5 file of a Refract export: the id of the export. */
export const CIRCUIT_ATTRIBUTE = 'refract_circuit';

/** The export id an HDF5 file carries (null: none, e.g. a file written by another tool). */
export function circuitOf(file: string): string | null {
  const f = openH5(file);
  try {
    return h5read(file, `/@${CIRCUIT_ATTRIBUTE}`, () => {
      const v = f.attrs[CIRCUIT_ATTRIBUTE]?.value;
      return typeof v === 'string' ? v : null;
    });
  } finally {
    closeQuietly(f);
  }
}

const SIGNATURE = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

/** HDF5's superblock signature sits at byte 0, 512, 1024, 2048, … (after a user block). */
function looksLikeHdf5(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(8);
    for (let at = 0; at <= 1 << 20; at = at === 0 ? 512 : at * 2) {
      if (readSync(fd, buf, 0, 8, at) < 8) return false;
      if (buf.equals(SIGNATURE)) return true;
    }
    return false;
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens an HDF5 file for reading. A missing or non-HDF5 file is a one-line InputError (checked
 * before the library sees it, because HDF5 prints pages of diagnostics on a bad file).
 */
let openListener: ((file: string, bytes: number) => void) | null = null;

/** Calls `listen` with each HDF5 file opened for reading (the reader thread times each file). */
export function onH5Open(listen: (file: string, bytes: number) => void): void {
  openListener = listen;
}

export function openH5(file: string): InstanceType<typeof h5wasm.File> {
  if (!existsSync(file)) throw new InputError('file not found', { file });
  if (!looksLikeHdf5(file)) throw new InputError('not an HDF5 file (no HDF5 signature)', { file });
  openListener?.(file, statSync(file).size);
  try {
    return new h5wasm.File(file, 'r');
  } catch (e) {
    const message = (e as Error).message;
    throw new InputError(`not a readable HDF5 file (${/HDF5-DIAG/.test(message) ? hdf5Reason(message) : message.split('\n')[0]})`, { file });
  }
}

/**
 * A JSON config file checked against `schema`: missing, malformed or of the wrong shape (a
 * list where a path belongs) is a one-line InputError naming file, line and field.
 */
export function readJsonFile<T>(file: string, schema: z.ZodType<T>): T {
  const text = readText(file);
  const r = schema.safeParse(parseJsonText(text, file));
  if (r.success) return r.data;
  const issue = firstIssue(r.error);
  throw new InputError(issue.message, { file, line: lineOfPath(text, issue.path as JsonPath), field: fieldName(issue.path) || undefined });
}

/** Elements per HDF5 write or read of a long column (8 MB of doubles): bounds the WASM heap. */
export const H5_BLOCK = 1 << 20;

/**
 * Writes a 1-D dataset of `length` values produced block by block (`block(a, b)` gives values
 * a..b−1), so that a column of 10^8 edges never sits whole in memory or in the WASM heap:
 * short columns are one plain write, long ones a chunked dataset filled slice by slice.
 */
export function writeColumn(g: H5Group, name: string, length: number, block: (a: number, b: number) => ArrayBufferView & ArrayLike<number | bigint>, blockSize = H5_BLOCK): H5Dataset {
  if (length <= blockSize) return g.create_dataset({ name, data: block(0, length) as never });
  const ds = g.create_dataset({ name, data: block(0, blockSize) as never, maxshape: [length], chunks: [Math.min(blockSize, 1 << 16)] });
  ds.resize([length]);
  for (let a = blockSize; a < length; a += blockSize) {
    const b = Math.min(length, a + blockSize);
    ds.write_slice([[a, b]], block(a, b));
  }
  return ds;
}

/**
 * Most values a dataset may claim per byte of its file (plus a million): a dataspace is a
 * few bytes, so a damaged one can claim 2^40 values that the file cannot hold; reading them
 * would allocate that much. Real columns compress far less (ids, delays and weights differ
 * from edge to edge).
 */
const VALUES_PER_FILE_BYTE = 64;

/** A 1-D numeric dataset as doubles, read block by block; missing, damaged or not numbers is an InputError. */
export function dataset(g: H5Group, name: string, file: string, path: string, blockSize = H5_BLOCK): Float64Array {
  const field = `${path}/${name}`;
  return h5read(file, field, () => {
    const d = g.get(name);
    if (!(d instanceof h5wasm.Dataset)) throw new InputError(`missing dataset ${name}`, { file, field });
    const shape = d.shape ?? [];
    if (shape.length !== 1) throw new InputError(`expected a 1-D dataset, got shape [${shape.join(', ')}]`, { file, field });
    const length = shape[0];
    const limit = VALUES_PER_FILE_BYTE * statSync(file).size + 1_000_000;
    if (!(length <= limit)) throw new InputError(`the dataset claims ${length} values, more than a file of ${statSync(file).size} bytes can hold`, { file, field });
    const numbers = (v: unknown): ArrayLike<number | bigint> => {
      if (!ArrayBuffer.isView(v)) throw new InputError(`expected numbers, got ${typeof v === 'string' ? 'text' : Array.isArray(v) ? 'records' : typeof v}`, { file, field });
      return v as unknown as ArrayLike<number | bigint>;
    };
    if (length <= blockSize) {
      const v = numbers(d.value);
      if (v.length !== length) throw new InputError(`expected ${length} values, read ${v.length}`, { file, field });
      return num(v);
    }
    const out = new Float64Array(length);
    for (let a = 0; a < length; a += blockSize) {
      const b = Math.min(length, a + blockSize);
      const part = numbers(d.slice([[a, b]]));
      for (let i = 0; i < b - a; i++) out[a + i] = Number(part[i]);
    }
    return out;
  });
}

/**
 * A node population's required datasets (SONATA: node_id, node_type_id, node_group_id,
 * node_group_index), all nodes of one type in group 0. Returns group 0 for the attributes.
 */
export function writeNodePopulation(f: InstanceType<typeof h5wasm.File>, population: string, n: number, typeId: number): H5Group {
  const g = f.create_group('nodes').create_group(population);
  g.create_dataset({ name: 'node_id', data: bigRange(n) });
  g.create_dataset({ name: 'node_type_id', data: new BigUint64Array(n).fill(BigInt(typeId)) });
  g.create_dataset({ name: 'node_group_id', data: new Uint32Array(n) });
  g.create_dataset({ name: 'node_group_index', data: bigRange(n) });
  return g.create_group('0');
}

/**
 * Spikes of one population in the current layout (`/spikes/<population>/node_ids`,
 * `timestamps` in ms), sorted by time then node; `oldLayoutToo` also writes `/spikes/gids` and
 * `/spikes/timestamps` (PyNN 0.10's reader reads only those).
 */
export function writeSpikes(f: InstanceType<typeof h5wasm.File>, population: string, spikes: { node: ArrayLike<number>; time: ArrayLike<number> }, oldLayoutToo = false): void {
  const order = Array.from({ length: spikes.node.length }, (_, k) => k).sort((a, b) => spikes.time[a] - spikes.time[b] || spikes.node[a] - spikes.node[b]);
  const ids = bigIds(order.map((k) => spikes.node[k])), times = Float64Array.from(order, (k) => spikes.time[k]);
  const top = f.create_group('spikes');
  const g = top.create_group(population);
  g.create_attribute('sorting', 'by_time');
  g.create_dataset({ name: 'node_ids', data: ids });
  g.create_dataset({ name: 'timestamps', data: times }).create_attribute('units', 'ms');
  if (oldLayoutToo) {
    top.create_dataset({ name: 'gids', data: ids });
    top.create_dataset({ name: 'timestamps', data: times }).create_attribute('units', 'ms');
  }
}

/**
 * A SONATA types CSV (whitespace-separated, header first) as rows keyed by type id; none →
 * empty. Type ids are integers, each listed once; errors name the file's own line.
 */
export function readTypes(file: string | null): Map<number, Record<string, string>> {
  const out = new Map<number, Record<string, string>>();
  if (file === null || !existsSync(file)) return out;
  const rows = readText(file)
    .split(/\r?\n/)
    .map((text, k) => ({ text: text.trim(), line: k + 1 }))
    .filter((r) => r.text !== '');
  if (rows.length === 0) throw new InputError('empty file: expected a header line (e.g. node_type_id model_type ...)', { file });
  const head = rows[0].text.split(/\s+/);
  const lineOf = new Map<number, number>();
  for (const { text, line } of rows.slice(1)) {
    const cells = text.split(/\s+/);
    if (cells.length !== head.length) throw new InputError(`expected ${head.length} columns, got ${cells.length}`, { file, line });
    const id = parseDecimal(cells[0]);
    if (id === null || !Number.isSafeInteger(id)) throw new InputError(`not a type id (an integer): ${showValue(cells[0])}`, { file, line, field: head[0] });
    if (lineOf.has(id)) throw new InputError(`type ${id} is listed twice (first on line ${lineOf.get(id)})`, { file, line, field: head[0] });
    lineOf.set(id, line);
    out.set(id, Object.fromEntries(head.map((h, i) => [h, cells[i]])));
  }
  return out;
}

/**
 * Opens `file`, hands its top group (`/nodes` or `/edges`) to `use` and closes the file; a
 * missing top group is an InputError.
 */
export function withTopGroup<T>(file: string, top: 'nodes' | 'edges', use: (g: H5Group) => T): T {
  const f = openH5(file);
  try {
    return h5read(file, `/${top}`, () => {
      const g = f.get(top);
      if (!(g instanceof h5wasm.Group)) throw new InputError(`no /${top} group`, { file, field: `/${top}` });
      return use(g);
    });
  } finally {
    closeQuietly(f);
  }
}

/** Closes an HDF5 file; a failure to close a damaged file must not hide why reading it failed. */
export function closeQuietly(f: InstanceType<typeof h5wasm.File>): void {
  try {
    f.close();
  } catch {
    // the file was opened read-only: nothing is lost
  }
}

/** The group `name` of `g`, or an InputError when it is missing or not a group. */
export function childGroup(g: H5Group, name: string, file: string, field: string): H5Group {
  const c = g.get(name);
  if (!(c instanceof h5wasm.Group)) throw new InputError(c ? 'expected a group, got a dataset' : 'missing group', { file, field });
  return c;
}
