/**
 * The binary sidecar of a large network file: edge arrays in CSR order (and positions)
 * stored raw, little-endian, each at an 8-byte aligned offset, described by the JSON's
 * `sidecar` section. Reading checks every declared type, length and byte range, so a
 * truncated or mismatched sidecar gives a one-line error naming the file and the array.
 */
import type { Network } from '../model/types.js';
import { InputError } from './errors.js';
import { crc32 } from './crc32.js';
import { bytesPer, dtypeOf, fromLittleEndian, layout, writeArrays, type Dtype, type NumericArray } from './binary.js';
import type { NetworkDoc } from './network-schema.js';

export type SidecarSection = NonNullable<NetworkDoc['sidecar']>;
type ArrayName = keyof SidecarSection['arrays'];
type ArrayRef = NonNullable<SidecarSection['arrays'][ArrayName]>;

/**
 * The sidecar bytes of `net` and the JSON section describing them. The file name carries the
 * checksum (`STEM.<crc32 hex>.bin`): a new network written over an old one gets a new sidecar
 * name, so the old JSON keeps a sidecar that matches it until the new JSON has replaced it.
 */
export function encodeSidecar(net: Network, stem: string): { bytes: Uint8Array; section: SidecarSection } {
  const entries: [ArrayName, NumericArray][] = [
    ['offset', net.offset],
    ['target', net.target],
    ['latency', net.latency],
  ];
  if (typeof net.weight !== 'number') entries.push(['weight', net.weight]);
  if (net.length) entries.push(['length', net.length]);
  if (net.position) entries.push(['position', net.position]);
  const { offsets, end } = layout(entries.map(([, a]) => a), 0);
  const bytes = new Uint8Array(end);
  writeArrays(bytes, entries.map(([, a]) => a), offsets);
  const arrays: Partial<Record<ArrayName, ArrayRef>> = {};
  entries.forEach(([name, a], k) => (arrays[name] = { dtype: dtypeOf(a) as ArrayRef['dtype'], offset: offsets[k], length: a.length }));
  const sum = crc32(bytes);
  return { bytes, section: { file: sidecarFileName(stem, sum), byteLength: end, crc32: sum, arrays: arrays as SidecarSection['arrays'] } };
}

export function sidecarFileName(stem: string, sum: number): string {
  return `${stem}.${hex(sum)}.bin`;
}

/** Names `sidecarFileName(stem, …)` can produce: the sidecars one network file may have left. */
export function isSidecarOf(stem: string, name: string): boolean {
  return name.startsWith(stem) && /^\.[0-9a-f]{8}\.bin$/.test(name.slice(stem.length));
}

export interface SidecarArrays {
  offset: Uint32Array | Float64Array;
  target: Int32Array;
  latency: Float64Array;
  weight: Float32Array | null;
  length: Float64Array | null;
  position: Float64Array | null;
}

/**
 * Checks the description `sc` (problems go to `failJson(field, detail)`), then gets the
 * sidecar's bytes from `load` and checks and decodes its arrays; problems of the binary file
 * name `binPath` and the array.
 */
export function decodeSidecar(sc: SidecarSection, load: () => Uint8Array, binPath: string, n: number, m: number, failJson: (field: string, detail: string) => never): SidecarArrays {
  const expected: Record<ArrayName, { dtypes: Dtype[]; length: number; of: string }> = {
    offset: { dtypes: ['uint32', 'float64'], length: n + 1, of: 'nodes.count + 1' },
    target: { dtypes: ['int32'], length: m, of: 'edges.count' },
    latency: { dtypes: ['float64'], length: m, of: 'edges.count' },
    weight: { dtypes: ['float32'], length: m, of: 'edges.count' },
    length: { dtypes: ['float64'], length: m, of: 'edges.count' },
    position: { dtypes: ['float64'], length: 3 * n, of: '3 × nodes.count' },
  };
  const present = (Object.keys(expected) as ArrayName[]).filter((k) => sc.arrays[k] !== undefined);
  for (const name of present) {
    const ref = sc.arrays[name]!, want = expected[name], field = `sidecar.arrays.${name}`;
    if (!want.dtypes.includes(ref.dtype)) failJson(`${field}.dtype`, `expected ${want.dtypes.join(' or ')}, got "${ref.dtype}"`);
    if (ref.length !== want.length) failJson(`${field}.length`, `expected ${want.length} (${want.of}), got ${ref.length}`);
    if (ref.offset % 8 !== 0) failJson(`${field}.offset`, `must be a multiple of 8, got ${ref.offset}`);
    const end = ref.offset + ref.length * bytesPer(ref.dtype);
    if (end > sc.byteLength) failJson(field, `ends at byte ${end}, beyond sidecar.byteLength ${sc.byteLength}`);
  }
  // Each array has bytes of its own: overlapping ranges read one array's bytes as another's
  // (target ids as latencies), which no writer produces.
  const ranges = present
    .map((name) => ({ name, start: sc.arrays[name]!.offset, end: sc.arrays[name]!.offset + sc.arrays[name]!.length * bytesPer(sc.arrays[name]!.dtype) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  for (let k = 1; k < ranges.length; k++)
    if (ranges[k].start < ranges[k - 1].end)
      failJson(`sidecar.arrays.${ranges[k].name}.offset`, `bytes ${ranges[k].start}..${ranges[k].end} overlap those of ${ranges[k - 1].name} (${ranges[k - 1].start}..${ranges[k - 1].end})`);

  const bytes = load();
  if (bytes.length < sc.byteLength) {
    // Name the first array that does not fit: that is the data which is missing.
    const cut = present
      .map((name) => ({ name, ref: sc.arrays[name]! }))
      .sort((a, b) => a.ref.offset - b.ref.offset)
      .find(({ ref }) => ref.offset + ref.length * bytesPer(ref.dtype) > bytes.length);
    const detail = `truncated: the file has ${bytes.length} of ${sc.byteLength} bytes`;
    if (cut) {
      const end = cut.ref.offset + cut.ref.length * bytesPer(cut.ref.dtype);
      throw new InputError(`${detail}; the array needs bytes ${cut.ref.offset}..${end}`, { file: binPath, field: cut.name });
    }
    throw new InputError(detail, { file: binPath });
  }
  if (bytes.length > sc.byteLength) throw new InputError(`the file has ${bytes.length} bytes, expected ${sc.byteLength} (sidecar.byteLength)`, { file: binPath });
  if (sc.crc32 !== undefined) {
    const sum = crc32(bytes);
    if (sum !== sc.crc32) throw new InputError(`checksum mismatch: crc32 ${hex(sum)}, the network file expects ${hex(sc.crc32)} (sidecar.crc32); this sidecar does not belong to it`, { file: binPath });
  }

  const read = <T extends NumericArray>(name: ArrayName): T | null => {
    const ref = sc.arrays[name];
    return ref ? (fromLittleEndianRef(bytes, ref) as T) : null;
  };
  return {
    offset: read<Uint32Array | Float64Array>('offset')!,
    target: read<Int32Array>('target')!,
    latency: read<Float64Array>('latency')!,
    weight: read<Float32Array>('weight'),
    length: read<Float64Array>('length'),
    position: read<Float64Array>('position'),
  };
}

function fromLittleEndianRef(bytes: Uint8Array, ref: ArrayRef): NumericArray {
  return fromLittleEndian(bytes, ref.dtype, ref.offset, ref.length);
}

function hex(v: number): string {
  return v.toString(16).padStart(8, '0');
}
