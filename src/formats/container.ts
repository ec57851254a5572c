/**
 * A small self-describing binary container for structured values holding typed arrays
 * (checkpoints). Layout:
 *
 *   bytes 0..7    magic "REFRACT\0"
 *   bytes 8..11   header length h (uint32 LE)
 *   bytes 12..15  container version (uint32 LE, 2)
 *   bytes 16..19  CRC-32 of every byte from 24 to the end (header and arrays)
 *   bytes 20..23  zero
 *   bytes 24..    header: UTF-8 JSON { kind, byteLength, arrays: [{dtype, offset, length}], value }
 *   then          the arrays' raw little-endian bytes, each at an 8-byte aligned offset
 *
 * The checksum catches the damage no structural check can see (a flipped bit inside an
 * array of spike times). Version 1 files (written before the checksum, 16-byte prefix, the
 * header at byte 16) are still read, without it.
 *
 * In `value`, each typed array is replaced by {"$array": k} (its entry in `arrays`) and each
 * number JSON cannot hold exactly (NaN, ±Infinity, -0) by {"$number": "-Infinity"} etc., so
 * the round trip is bit-exact.
 */
import { z } from 'zod';
import { crc32 } from './crc32.js';
import { InputError } from './errors.js';
import { DTYPE_NAMES, bytesPer, dtypeOf, layout, writeArrays, fromLittleEndian, type NumericArray } from './binary.js';
import { fieldName, type JsonPath } from './json-text.js';
import { formatNumber } from './numbers.js';

const MAGIC = 'REFRACT\0';
const CONTAINER_VERSION = 2;
/** Bytes before the header, by container version. */
const PREFIX: Record<number, number> = { 1: 16, 2: 24 };

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
  const prefix = PREFIX[CONTAINER_VERSION];
  const { offsets, end } = layout(arrays, prefix + headerSpace);
  const header = new Uint8Array(headerSpace).fill(0x20); // trailing spaces are valid JSON
  header.set(new TextEncoder().encode(draft(offsets, end)));
  const out = new Uint8Array(end);
  out.set(new TextEncoder().encode(MAGIC), 0);
  const dv = new DataView(out.buffer);
  dv.setUint32(8, header.length, true);
  dv.setUint32(12, CONTAINER_VERSION, true);
  out.set(header, prefix);
  writeArrays(out, arrays, offsets);
  dv.setUint32(16, crc32(out.subarray(prefix)), true);
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
  if (bytes.length < 16 || new TextDecoder('latin1').decode(bytes.subarray(0, 8)) !== MAGIC) fail(what);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = dv.getUint32(8, true), version = dv.getUint32(12, true);
  const prefix = PREFIX[version];
  if (prefix === undefined) fail(`unsupported container version ${version} (this Refract reads 1 and ${CONTAINER_VERSION})`);
  if (prefix + headerLength > bytes.length) fail(`truncated: the header needs ${prefix + headerLength} bytes, the file has ${bytes.length}`);
  let header: Header;
  try {
    header = headerSchema.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(prefix, prefix + headerLength))));
  } catch {
    return fail('corrupt header');
  }
  if (header.kind !== kind) fail(`${what} (it holds ${JSON.stringify(header.kind)})`);
  const truncated = bytes.length < header.byteLength;
  if (bytes.length > header.byteLength) fail(`the file has ${bytes.length} bytes, expected ${header.byteLength}`);
  if (!truncated && version >= 2) {
    const stored = dv.getUint32(16, true), actual = crc32(bytes.subarray(prefix));
    if (stored !== actual) fail(`corrupt: the checksum does not match (CRC-32 ${hex(actual)}, the file says ${hex(stored)}): the file was damaged after it was written`);
  }

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
      if (ref.offset % 8 !== 0 || ref.offset < prefix + headerLength) fail('corrupt array offset', fieldName(path));
      return fromLittleEndian(bytes, ref.dtype, ref.offset, ref.length);
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) out[key] = revive(v[key], [...path, key]);
    return out;
  };
  const value = revive(header.value, []);
  // a cut that no array reaches into (only the padding after the last one is missing)
  if (truncated) fail(`truncated: the file has ${bytes.length} of ${header.byteLength} bytes`);
  return value;
}

function hex(x: number): string {
  return x.toString(16).padStart(8, '0');
}
