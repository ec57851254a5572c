/** Small h5wasm helpers shared by the SONATA reader and writer. */
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { ensureDir } from './atomic.js';
import { dirname, join, basename } from 'node:path';
import h5wasm from 'h5wasm/node';
import { InputError } from './errors.js';
import { readText } from './files.js';
import { parseJsonText } from './json-text.js';

export type H5Group = InstanceType<typeof h5wasm.Group>;
export type H5Dataset = InstanceType<typeof h5wasm.Dataset>;
export { h5wasm };

export async function h5ready(): Promise<void> {
  await h5wasm.ready;
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

/** Writes an HDF5 file (and its folder) through a temporary name, renamed into place when complete. */
export function writeH5(file: string, fill: (f: InstanceType<typeof h5wasm.File>) => void): void {
  ensureDir(dirname(file) || '.');
  const tmp = join(dirname(file), `.tmp-${basename(file)}`);
  rmSync(tmp, { force: true });
  const f = new h5wasm.File(tmp, 'w');
  try {
    fill(f);
  } finally {
    f.close();
  }
  renameSync(tmp, file);
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
export function openH5(file: string): InstanceType<typeof h5wasm.File> {
  if (!existsSync(file)) throw new InputError('file not found', { file });
  if (!looksLikeHdf5(file)) throw new InputError('not an HDF5 file (no HDF5 signature)', { file });
  try {
    return new h5wasm.File(file, 'r');
  } catch (e) {
    throw new InputError(`not a readable HDF5 file (${(e as Error).message})`, { file });
  }
}

/** A JSON config file; missing or malformed is a one-line InputError naming file, line and column. */
export function readJsonFile<T>(file: string): T {
  return parseJsonText(readText(file), file) as T;
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

/** A 1-D numeric dataset as doubles, read block by block; missing is an InputError. */
export function dataset(g: H5Group, name: string, file: string, path: string, blockSize = H5_BLOCK): Float64Array {
  const d = g.get(name);
  if (!(d instanceof h5wasm.Dataset)) throw new InputError(`missing dataset ${name}`, { file, field: `${path}/${name}` });
  const shape = d.shape ?? [];
  const length = shape.length === 1 ? shape[0] : -1;
  if (length <= blockSize) return num(d.value);
  const out = new Float64Array(length);
  for (let a = 0; a < length; a += blockSize) {
    const b = Math.min(length, a + blockSize);
    const part = d.slice([[a, b]]) as ArrayLike<number | bigint>;
    for (let i = 0; i < b - a; i++) out[a + i] = Number(part[i]);
  }
  return out;
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

/** A SONATA types CSV (whitespace-separated, header first) as rows keyed by type id; none → empty. */
export function readTypes(file: string | null): Map<number, Record<string, string>> {
  const out = new Map<number, Record<string, string>>();
  if (file === null || !existsSync(file)) return out;
  const lines = readText(file).split(/\r?\n/).filter((l) => l.trim());
  const head = lines[0].trim().split(/\s+/);
  lines.slice(1).forEach((l, k) => {
    const cells = l.trim().split(/\s+/);
    if (cells.length !== head.length) throw new InputError(`expected ${head.length} columns, got ${cells.length}`, { file, line: k + 2 });
    out.set(Number(cells[0]), Object.fromEntries(head.map((h, i) => [h, cells[i]])));
  });
  return out;
}

/**
 * Opens `file`, hands its top group (`/nodes` or `/edges`) to `use` and closes the file; a
 * missing top group is an InputError.
 */
export function withTopGroup<T>(file: string, top: 'nodes' | 'edges', use: (g: H5Group) => T): T {
  const f = openH5(file);
  try {
    const g = f.get(top);
    if (!(g instanceof h5wasm.Group)) throw new InputError(`no /${top} group`, { file, field: `/${top}` });
    return use(g);
  } finally {
    f.close();
  }
}
