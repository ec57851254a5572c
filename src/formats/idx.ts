/**
 * The IDX format of the original MNIST files (LeCun & Cortes): a 4-byte magic number
 * `0, 0, type, ndims`, then `ndims` big-endian uint32 sizes, then the values, big-endian,
 * row-major. Files may be gzip-compressed (`.gz`, detected by the bytes 1f 8b, not the
 * name): readIdx (node/idx.ts) decompresses them; these codecs take and give plain IDX bytes.
 */
import { InputError } from './errors.js';

export type IdxArray = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

export interface Idx {
  dims: number[];
  data: IdxArray;
}

type IdxCtor = Uint8ArrayConstructor | Int8ArrayConstructor | Int16ArrayConstructor | Int32ArrayConstructor | Float32ArrayConstructor | Float64ArrayConstructor;

/** IDX type code → array type. */
const TYPES = new Map<number, IdxCtor>([
  [0x08, Uint8Array],
  [0x09, Int8Array],
  [0x0b, Int16Array],
  [0x0c, Int32Array],
  [0x0d, Float32Array],
  [0x0e, Float64Array],
]);

function typeCode(data: IdxArray): number {
  for (const [code, Ctor] of TYPES) if (data instanceof Ctor) return code;
  throw new TypeError('unsupported array type for IDX');
}

/**
 * Most bytes of IDX values: 2^28 (256 MiB; MNIST's 60,000 training images are 47 MB). A
 * gzip file is decompressed only up to this, so a small "gzip bomb" cannot take gigabytes.
 */
export const MAX_IDX_BYTES = 2 ** 28;
/** The largest IDX header: magic number and 255 dimensions. */
export const MAX_IDX_HEADER = 4 + 4 * 255;

/** True when the bytes start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Decodes IDX bytes (not compressed: see readIdx for gzip files). `file` only names the source in errors. */
export function idxFromBytes(bytes: Uint8Array, file?: string): Idx {
  if (isGzip(bytes)) throw new InputError('gzip-compressed IDX: decompress it first (readIdx of refract-networks/node reads .gz files)', { file });
  if (bytes.length < 4) throw new InputError(`not an IDX file: ${bytes.length} bytes, shorter than the 4-byte magic number`, { file });
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const hex = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new InputError(`not an IDX file: bad magic number ${hex} (expected 00 00 <type> <ndims>)`, { file });
  }
  const Ctor = TYPES.get(bytes[2]);
  if (!Ctor) throw new InputError(`not an IDX file: unknown data type 0x${bytes[2].toString(16).padStart(2, '0')} (expected 08, 09, 0b, 0c, 0d or 0e)`, { file });
  const ndims = bytes[3];
  if (ndims === 0) throw new InputError('IDX file with 0 dimensions', { file });
  const headerBytes = 4 + 4 * ndims;
  if (bytes.length < headerBytes) throw new InputError(`truncated IDX file: ${bytes.length} bytes, the header alone needs ${headerBytes}`, { file });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let k = 0; k < ndims; k++) dims.push(view.getUint32(4 + 4 * k, false));
  const count = dims.reduce((a, b) => a * b, 1);
  const size = Ctor.BYTES_PER_ELEMENT;
  if (count * size > MAX_IDX_BYTES) throw new InputError(`dimensions ${dims.join('×')} hold ${count * size} bytes of values; the limit is ${MAX_IDX_BYTES} (256 MiB)`, { file });
  const need = headerBytes + count * size;
  if (bytes.length < need) throw new InputError(`truncated IDX file: dimensions ${dims.join('×')} need ${need} bytes, the file has ${bytes.length}`, { file });
  if (bytes.length > need) throw new InputError(`IDX file has ${bytes.length - need} bytes after the ${dims.join('×')} values`, { file });
  const data = new Ctor(count);
  if (size === 1) data.set(Ctor === Uint8Array ? bytes.subarray(headerBytes, need) : new Int8Array(bytes.buffer, bytes.byteOffset + headerBytes, count));
  else {
    const get =
      Ctor === Int16Array ? (o: number) => view.getInt16(o, false)
      : Ctor === Int32Array ? (o: number) => view.getInt32(o, false)
      : Ctor === Float32Array ? (o: number) => view.getFloat32(o, false)
      : (o: number) => view.getFloat64(o, false);
    for (let i = 0, o = headerBytes; i < count; i++, o += size) data[i] = get(o);
  }
  return { dims, data };
}

/** IDX bytes (uncompressed) of `data` with dimensions `dims`; the inverse of idxFromBytes. */
export function idxToBytes(dims: readonly number[], data: IdxArray): Uint8Array {
  if (dims.length === 0 || dims.length > 255) throw new RangeError(`IDX needs 1..255 dimensions, got ${dims.length}`);
  for (const n of dims) if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`bad IDX dimension ${n}`);
  const count = dims.reduce((a, b) => a * b, 1);
  if (count !== data.length) throw new RangeError(`dimensions ${dims.join('×')} hold ${count} values, the array has ${data.length}`);
  const code = typeCode(data);
  const headerBytes = 4 + 4 * dims.length;
  const size = data.BYTES_PER_ELEMENT;
  const out = new Uint8Array(headerBytes + count * size);
  const view = new DataView(out.buffer);
  out[2] = code;
  out[3] = dims.length;
  dims.forEach((n, k) => view.setUint32(4 + 4 * k, n, false));
  for (let i = 0, o = headerBytes; i < count; i++, o += size) {
    const v = data[i];
    if (code === 0x08) view.setUint8(o, v);
    else if (code === 0x09) view.setInt8(o, v);
    else if (code === 0x0b) view.setInt16(o, v, false);
    else if (code === 0x0c) view.setInt32(o, v, false);
    else if (code === 0x0d) view.setFloat32(o, v, false);
    else view.setFloat64(o, v, false);
  }
  return out;
}
