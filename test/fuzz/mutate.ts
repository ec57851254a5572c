/**
 * Seeded mutations of input files, for the reader fuzz test: the damage real files suffer
 * (truncation, flipped bytes, lost or repeated lines, another encoding) and the values a
 * careless edit or a hostile file puts in (huge numbers, NaN, subnormals, negative ids,
 * 100 kB tokens). Every choice comes from the Rng, so a case is reproduced by its seed.
 */
import type { Rng } from '../../src/model/random.js';

export type { Rng };

/** Values that break readers: overflow, wrap-around, subnormal, NaN/∞, signs, fractions. */
export const NASTY_NUMBERS = [
  '0', '-0', '-1', '1.5', '0.5', '1e-310', '5e-324', '1e308', '1e309', '-1e308', 'NaN', 'Infinity', '-Infinity',
  '2147483647', '2147483648', '4294967296', '1099511627776', '9007199254740993', '1e9', '1e12', '123456789', '99999999999999999999',
] as const;

export function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[rng.int(0, xs.length - 1)];
}

// ------------------------------------------------------------------ text

const NUMBER_TOKEN = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

function replaceNthNumber(text: string, rng: Rng, by: (old: string) => string): string {
  const matches = [...text.matchAll(NUMBER_TOKEN)];
  if (matches.length === 0) return text;
  const m = pick(rng, matches);
  return text.slice(0, m.index) + by(m[0]) + text.slice(m.index + m[0].length);
}

function lines(text: string): string[] {
  return text.split('\n');
}

const TEXT_MUTATIONS: ((t: string, rng: Rng) => string)[] = [
  (t, rng) => t.slice(0, rng.int(0, t.length)), // truncated
  (t, rng) => {
    // one character replaced by a random byte value
    const k = rng.int(0, Math.max(0, t.length - 1));
    return t.slice(0, k) + String.fromCharCode(rng.int(0, 255)) + t.slice(k + 1);
  },
  (t, rng) => {
    const ls = lines(t);
    ls.splice(rng.int(0, ls.length - 1), 1); // a deleted line
    return ls.join('\n');
  },
  (t, rng) => {
    const ls = lines(t);
    const k = rng.int(0, ls.length - 1);
    ls.splice(k, 0, ls[k]); // a duplicated line
    return ls.join('\n');
  },
  (t, rng) => {
    const ls = lines(t);
    const a = rng.int(0, ls.length - 1), b = rng.int(0, ls.length - 1);
    [ls[a], ls[b]] = [ls[b], ls[a]]; // two lines swapped
    return ls.join('\n');
  },
  (t, rng) => replaceNthNumber(t, rng, () => pick(rng, NASTY_NUMBERS)),
  (t, rng) => replaceNthNumber(t, rng, () => pick(rng, NASTY_NUMBERS)),
  (t, rng) => replaceNthNumber(replaceNthNumber(t, rng, () => pick(rng, NASTY_NUMBERS)), rng, () => pick(rng, NASTY_NUMBERS)),
  (t, rng) => replaceNthNumber(t, rng, (old) => (old.startsWith('-') ? old.slice(1) : `-${old}`)),
  (t, rng) => replaceNthNumber(t, rng, () => 'x'.repeat(100_000)), // a 100 kB token
  (t) => '\ufeff' + t, // byte-order mark
  (t) => t.replace(/\n/g, '\r\n'), // CRLF
  (t, rng) => {
    const ls = lines(t);
    ls.splice(rng.int(0, ls.length), 0, ''.padEnd(rng.int(0, 3), ','));
    return ls.join('\n');
  },
  () => '',
  (t) => t + '\n' + '\n'.repeat(1000), // many blank lines
];

/** A mutated copy of `text`: one to three mutations. */
export function mutateText(text: string, rng: Rng): string {
  let t = text;
  const times = rng.int(1, 3);
  for (let k = 0; k < times; k++) t = pick(rng, TEXT_MUTATIONS)(t, rng);
  return t;
}

/** The bytes of a mutated text: usually UTF-8, sometimes UTF-16LE with its BOM. */
export function textBytes(text: string, rng: Rng): Uint8Array {
  if (rng.float() < 0.05) return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return Buffer.from(text, 'utf8');
}

// ------------------------------------------------------------------ bytes

const BYTE_MUTATIONS: ((b: Uint8Array, rng: Rng) => Uint8Array)[] = [
  (b, rng) => b.slice(0, rng.int(0, b.length)),
  (b, rng) => {
    const c = b.slice();
    c[rng.int(0, c.length - 1)] ^= 1 << rng.int(0, 7); // one flipped bit
    return c;
  },
  (b, rng) => {
    const c = b.slice();
    c[rng.int(0, c.length - 1)] = pick(rng, [0x00, 0xff, 0x7f, 0x80]);
    return c;
  },
  (b, rng) => {
    const c = b.slice();
    for (let k = 0; k < 8; k++) c[rng.int(0, c.length - 1)] = rng.int(0, 255);
    return c;
  },
  (b, rng) => {
    const c = b.slice();
    const at = rng.int(0, c.length - 1);
    c.fill(pick(rng, [0x00, 0xff]), at, Math.min(c.length, at + rng.int(1, 64))); // a zeroed (or 0xff) range
    return c;
  },
  (b, rng) => {
    // a 4- or 8-byte field set to a huge little-endian value
    const c = b.slice();
    if (c.length < 4) return c;
    const at = rng.int(0, c.length - 4);
    const v = pick(rng, [0xffffffff, 0x7fffffff, 0x80000000, 0x40000000]);
    new DataView(c.buffer, c.byteOffset, c.byteLength).setUint32(at, v, true);
    return c;
  },
  (b, rng) => {
    const at = rng.int(0, b.length), len = rng.int(1, 64);
    return Buffer.concat([b.subarray(0, at), b.subarray(at, Math.min(b.length, at + len)), b.subarray(at)]); // a duplicated chunk
  },
];

export function mutateBytes(bytes: Uint8Array, rng: Rng): Uint8Array {
  let b = bytes;
  const times = rng.int(1, 2);
  for (let k = 0; k < times && b.length > 0; k++) b = pick(rng, BYTE_MUTATIONS)(b, rng);
  return b;
}

// ------------------------------------------------------------------ structured values

/** A replacement for one value of a JSON document or a container: what breaks checks. */
function nastyValue(rng: Rng, old: unknown): unknown {
  const numbers = [0, -0, -1, 1.5, 1e-310, 5e-324, 1e308, -1e308, NaN, Infinity, -Infinity, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 40, 1e9, 1e12, 123456789];
  const r = rng.float();
  if (typeof old === 'number' || r < 0.6) {
    const x = pick(rng, numbers);
    // JSON cannot hold NaN or ∞: a JSON writer would give null; a container keeps them
    return x;
  }
  if (r < 0.7) return null;
  if (r < 0.8) return pick(rng, ['', 'x', '../../etc/passwd', '/etc/passwd', 'NaN', 'x'.repeat(1000)]);
  if (r < 0.9) return pick(rng, [[], {}, [1, 2, 3], { a: 1 }]);
  return pick(rng, [true, false]);
}

interface Slot {
  get(): unknown;
  set(v: unknown): void;
}

/** Every value in `doc` (objects, arrays, typed arrays, leaves), as get/set slots. */
function slots(doc: unknown, out: Slot[] = [], depth = 0): Slot[] {
  if (depth > 12 || doc === null || typeof doc !== 'object') return out;
  if (ArrayBuffer.isView(doc)) {
    const a = doc as unknown as { length: number; [k: number]: number };
    for (let i = 0; i < Math.min(a.length, 64); i++) out.push({ get: () => a[i], set: (v) => (a[i] = typeof v === 'number' ? v : NaN) });
    return out;
  }
  const o = doc as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    out.push({ get: () => o[k], set: (v) => (o[k] = v) });
    slots(o[k], out, depth + 1);
  }
  return out;
}

/** Mutates one to three values of a parsed document in place (also resizes arrays sometimes). */
export function mutateValue(doc: unknown, rng: Rng): void {
  const all = slots(doc);
  if (all.length === 0) return;
  const times = rng.int(1, 3);
  for (let k = 0; k < times; k++) {
    const s = pick(rng, all);
    const old = s.get();
    if (Array.isArray(old) && rng.float() < 0.3) {
      if (rng.float() < 0.5) old.pop();
      else old.push(old[0] ?? 0);
    } else s.set(nastyValue(rng, old));
  }
}

/** A mutated JSON text: structured (one value changed) or plain text damage. */
export function mutateJson(text: string, rng: Rng): string {
  if (rng.float() < 0.5) return mutateText(text, rng);
  const doc = JSON.parse(text) as unknown;
  mutateValue(doc, rng);
  // NaN and ∞ are not JSON: write them as a hand-edited file would (bare words)
  return JSON.stringify(doc, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? `@@${String(v)}@@` : v)).replace(/"@@(.*?)@@"/g, '$1');
}
