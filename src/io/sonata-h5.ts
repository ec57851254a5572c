/** Small h5wasm helpers shared by the SONATA reader and writer. */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import h5wasm from 'h5wasm/node';
import { InputError } from './errors.js';

export type H5Group = InstanceType<typeof h5wasm.Group>;
export type H5Dataset = InstanceType<typeof h5wasm.Dataset>;
export { h5wasm };

export async function h5ready(): Promise<void> {
  await h5wasm.ready;
}

/** Unsigned 64-bit ids, as SONATA stores node and edge ids. */
export const toBig = (a: ArrayLike<number>): BigUint64Array => BigUint64Array.from(Array.from(a, (v) => BigInt(v)));

/** Any numeric dataset value as doubles. */
export function num(v: unknown): Float64Array {
  if (v instanceof BigUint64Array || v instanceof BigInt64Array) return Float64Array.from(v, (x) => Number(x));
  return Float64Array.from(v as ArrayLike<number>);
}

/** Writes an HDF5 file through a temporary name, renamed into place when complete. */
export function writeH5(file: string, fill: (f: InstanceType<typeof h5wasm.File>) => void): void {
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

/** Writes a text file through a temporary name (no half-written files). */
export function putText(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.tmp-${basename(file)}`);
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** A JSON file; missing or malformed is a one-line InputError naming the file. */
export function readJson<T>(file: string): T {
  if (!existsSync(file)) throw new InputError('file not found', { file });
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new InputError(`not JSON: ${(e as Error).message}`, { file });
  }
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

/** Unsigned 64-bit ids of values a..b−1 of `v` (no intermediate array of BigInts). */
export function bigSlice(v: ArrayLike<number>, a: number, b: number): BigUint64Array {
  const out = new BigUint64Array(b - a);
  for (let i = a; i < b; i++) out[i - a] = BigInt(v[i]);
  return out;
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
