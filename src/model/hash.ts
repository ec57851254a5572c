/**
 * Counter-based 32-bit hashing (docs/workloads/crg.md §2): every random number is a pure function of
 * (seed, stream, a, b), so results do not depend on the order in which they are drawn.
 */

/** "lowbias32" by C. Wellons. */
export function mix32(x: number): number {
  x = x >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

export function h32(seed: number, stream: number, a: number, b: number): number {
  let h = mix32(seed);
  h = mix32((h + stream) >>> 0);
  h = mix32((h + a) >>> 0);
  return mix32((h + b) >>> 0);
}

const TWO_M32 = 2 ** -32;

/** Uniform double in [0, 1), exactly h32 / 2^32. */
export function u01(seed: number, stream: number, a: number, b: number): number {
  return h32(seed, stream, a, b) * TWO_M32;
}

/** Streams of docs/workloads/crg.md §2, plus Refract's own. */
export const STREAM_POSITION = 1;
export const STREAM_TARGET = 2;
export const STREAM_DRIVE = 3;
export const STREAM_U0 = 4;
