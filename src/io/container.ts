/**
 * A small self-describing binary container for structured values holding typed arrays
 * (checkpoints). Layout:
 *
 *   bytes 0..7    magic "REFRACT\0"
 *   bytes 8..11   header length h (uint32 LE)
 *   bytes 12..15  container version (uint32 LE, 1)
 *   bytes 16..    header: UTF-8 JSON { kind, byteLength, arrays: [{dtype, offset, length}], value }
 *   then          the arrays' raw little-endian bytes, each at an 8-byte aligned offset
 *
 * In `value`, each typed array is replaced by {"$array": k} (its entry in `arrays`) and each
 * number JSON cannot hold exactly (NaN, ±Infinity, -0) by {"$number": "-Infinity"} etc., so
 * the round trip is bit-exact.
 */
import { z } from 'zod';
import { InputError } from './errors.js';
import { DTYPE_NAMES, bytesPer, dtypeOf, layout, writeArrays, fromLittleEndian, type NumericArray } from './binary.js';
import { fieldName, type JsonPath } from './json-text.js';
import { formatNumber } from './numbers.js';

const MAGIC = 'REFRACT\0';
const CONTAINER_VERSION = 1;
const PREFIX = 16;

const headerSchema = z.object({
  kind: z.string(),
  byteLength: z.int().min(0),
  arrays: z.array(z.object({ dtype: z.enum(DTYPE_NAMES), offset: z.int().min(0), length: z.int().min(0) })),
  value: z.unknown(),
});

type Header = z.output<typeof headerSchema>;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

/** Encodes `value` (JSON data plus typed arrays) as a container of the given kind. */
export function encodeContainer(kind: string, value: unknown): Uint8Array {
  const arrays: NumericArray[] = [];
  const lift = (v: unknown, path: JsonPath): unknown => {
    if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0) ? v : { $number: formatNumber(v) };
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (ArrayBuffer.isView(v)) {
      if (!dtypeOf(v)) throw new TypeError(`${fieldName(path)}: unsupported typed array ${v.constructor.name}`);
      arrays.push(v as NumericArray);
      return { $array: arrays.length - 1 };
    }
    if (Array.isArray(v)) return v.map((x, i) => lift(x, [...path, i]));
    if (isPlainObject(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = lift(x, [...path, k]);
      return out;
    }
    throw new TypeError(`${fieldName(path)}: cannot encode a ${typeof v}`);
  };
  const lifted = lift(value, []);
  // The header holds the array offsets, which depend on the header's own length: lay out
  // with a generous upper bound of the offsets' digits, then pad the header to that size.
  const draft = (offsets: number[], byteLength: number) =>
    JSON.stringify({ kind, byteLength, arrays: arrays.map((a, k) => ({ dtype: dtypeOf(a), offset: offsets[k], length: a.length })), value: lifted });
  const bigOffsets = arrays.map(() => Number.MAX_SAFE_INTEGER);
  const headerSpace = new TextEncoder().encode(draft(bigOffsets, Number.MAX_SAFE_INTEGER)).length;
  const { offsets, end } = layout(arrays, PREFIX + headerSpace);
  const header = new Uint8Array(headerSpace).fill(0x20); // trailing spaces are valid JSON
  header.set(new TextEncoder().encode(draft(offsets, end)));
  const out = new Uint8Array(end);
  out.set(new TextEncoder().encode(MAGIC), 0);
  const dv = new DataView(out.buffer);
  dv.setUint32(8, header.length, true);
  dv.setUint32(12, CONTAINER_VERSION, true);
  out.set(header, PREFIX);
  writeArrays(out, arrays, offsets);
  return out;
}

/**
 * Decodes a container of the given kind (`label` names it in messages, e.g. "checkpoint");
 * throws an InputError naming `file` on any damage.
 */
export function decodeContainer(bytes: Uint8Array, kind: string, label: string, file?: string): unknown {
  const fail = (detail: string, field?: string): never => {
    throw new InputError(detail, { file, field });
  };
  const what = `not a Refract ${label} file`;
  if (bytes.length < PREFIX || new TextDecoder('latin1').decode(bytes.subarray(0, 8)) !== MAGIC) fail(what);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = dv.getUint32(8, true), version = dv.getUint32(12, true);
  if (version !== CONTAINER_VERSION) fail(`unsupported container version ${version} (this Refract reads ${CONTAINER_VERSION})`);
  if (PREFIX + headerLength > bytes.length) fail(`truncated: the header needs ${PREFIX + headerLength} bytes, the file has ${bytes.length}`);
  let header: Header;
  try {
    header = headerSchema.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREFIX, PREFIX + headerLength))));
  } catch {
    return fail('corrupt header');
  }
  if (header.kind !== kind) fail(`${what} (it holds ${JSON.stringify(header.kind)})`);
  const truncated = bytes.length < header.byteLength;
  if (bytes.length > header.byteLength) fail(`the file has ${bytes.length} bytes, expected ${header.byteLength}`);

  const used = new Set<number>();
  const revive = (v: unknown, path: JsonPath): unknown => {
    if (Array.isArray(v)) return v.map((x, i) => revive(x, [...path, i]));
    if (!isPlainObject(v)) return v;
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === '$number') {
      const x = Number(v.$number);
      if (typeof v.$number !== 'string' || (Number.isNaN(x) && v.$number !== 'NaN')) fail('corrupt number', fieldName(path));
      return x;
    }
    if (keys.length === 1 && keys[0] === '$array') {
      const k = v.$array;
      const ref = typeof k === 'number' ? header.arrays[k] : undefined;
      if (!ref || used.has(k as number)) return fail('corrupt array reference', fieldName(path));
      used.add(k as number);
      const end = ref.offset + ref.length * bytesPer(ref.dtype);
      if (end > bytes.length)
        fail(`truncated: the file has ${bytes.length} of ${header.byteLength} bytes; the array needs bytes ${ref.offset}..${end}`, fieldName(path));
      if (ref.offset % 8 !== 0 || ref.offset < PREFIX + headerLength) fail('corrupt array offset', fieldName(path));
      return fromLittleEndian(bytes, ref.dtype, ref.offset, ref.length);
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) out[key] = revive(v[key], [...path, key]);
    return out;
  };
  const value = revive(header.value, []);
  if (truncated) fail(`truncated: the file has ${bytes.length} of ${header.byteLength} bytes`);
  return value;
}
