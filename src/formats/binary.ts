/**
 * Typed arrays as raw little-endian bytes, shared by the network sidecar and the checkpoint
 * container. Files are always little-endian; on a big-endian host the bytes are swapped, so
 * a file means the same thing on every machine.
 */

export const DTYPES = {
  uint8: Uint8Array,
  int32: Int32Array,
  uint32: Uint32Array,
  float32: Float32Array,
  float64: Float64Array,
} as const;

export type Dtype = keyof typeof DTYPES;
export const DTYPE_NAMES = Object.keys(DTYPES) as Dtype[];
export type NumericArray = Uint8Array | Int32Array | Uint32Array | Float32Array | Float64Array;

/** Every array starts at a multiple of this, so it can be viewed in place once read. */
export const ALIGN = 8;

const HOST_LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function dtypeOf(a: unknown): Dtype | null {
  for (const name of DTYPE_NAMES) if (a instanceof DTYPES[name]) return name;
  return null;
}

export function bytesPer(dtype: Dtype): number {
  return DTYPES[dtype].BYTES_PER_ELEMENT;
}

export function alignUp(x: number): number {
  return Math.ceil(x / ALIGN) * ALIGN;
}

function swapInPlace(bytes: Uint8Array, size: number): void {
  if (size === 1) return;
  for (let i = 0; i < bytes.length; i += size) bytes.subarray(i, i + size).reverse();
}

/** The array's bytes in little-endian order (a view when the host is little-endian). */
export function toLittleEndian(a: NumericArray): Uint8Array {
  const raw = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  if (HOST_LE) return raw;
  const copy = raw.slice();
  swapInPlace(copy, a.BYTES_PER_ELEMENT);
  return copy;
}

/** A fresh typed array read from `length` little-endian elements at `offset` of `bytes`. */
export function fromLittleEndian(bytes: Uint8Array, dtype: Dtype, offset: number, length: number): NumericArray {
  const Ctor = DTYPES[dtype];
  // A copy (not Buffer#slice, which is a view), so the array owns an aligned buffer.
  const copy = new Uint8Array(length * Ctor.BYTES_PER_ELEMENT);
  copy.set(bytes.subarray(offset, offset + copy.length));
  if (!HOST_LE) swapInPlace(copy, Ctor.BYTES_PER_ELEMENT);
  return new Ctor(copy.buffer, 0, length);
}

/** Lays arrays out one after another from `start`, each aligned; returns their offsets and the end. */
export function layout(arrays: readonly NumericArray[], start: number): { offsets: number[]; end: number } {
  const offsets: number[] = [];
  let at = alignUp(start);
  for (const a of arrays) {
    offsets.push(at);
    at = alignUp(at + a.byteLength);
  }
  return { offsets, end: at };
}

/** Copies arrays into `out` at the given offsets (the gaps stay zero). */
export function writeArrays(out: Uint8Array, arrays: readonly NumericArray[], offsets: readonly number[]): void {
  arrays.forEach((a, k) => out.set(toLittleEndian(a), offsets[k]));
}
