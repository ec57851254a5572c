/**
 * Small helpers on feature vectors: rows of a row-major Float32Array / Float64Array, or any
 * array of numbers. Sums run in double precision whatever the storage.
 */

export type Vector = ArrayLike<number>;
export type FloatArray = Float32Array | Float64Array;

function sameLength(a: Vector, b: Vector): void {
  if (a.length !== b.length) throw new RangeError(`vectors of different lengths: ${a.length} and ${b.length}`);
}

export function dot(a: Vector, b: Vector): number {
  sameLength(a, b);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Euclidean length. */
export function norm(a: Vector): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

/** Cosine of the angle between a and b; 0 when either is the zero vector. */
export function cosine(a: Vector, b: Vector): number {
  sameLength(a, b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return aa === 0 || bb === 0 ? 0 : ab / Math.sqrt(aa * bb);
}

export function squaredDistance(a: Vector, b: Vector): number {
  sameLength(a, b);
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const t = a[i] - b[i];
    s += t * t;
  }
  return s;
}

/**
 * v scaled to unit length, written to `out` (a new Float64Array by default; `out` may be
 * `v` itself for in-place). The zero vector stays zero.
 */
export function l2normalize<T extends FloatArray = Float64Array>(v: Vector, out?: T): T {
  const o = (out ?? new Float64Array(v.length)) as T;
  sameLength(v, o);
  const len = norm(v);
  for (let i = 0; i < v.length; i++) o[i] = len === 0 ? 0 : v[i] / len;
  return o;
}

/** Row i of the row-major n × d array `x`, as a view (no copy). */
export function row<T extends FloatArray>(x: T, i: number, d: number): T {
  if (!Number.isInteger(i) || i < 0 || (i + 1) * d > x.length) throw new RangeError(`row ${i} outside an array of ${Math.floor(x.length / d)} rows`);
  return x.subarray(i * d, (i + 1) * d) as T;
}

/**
 * Mean of the rows of the row-major array `x` with `d` columns: of all rows, or of the
 * rows listed in `rows`. The mean of no rows is the zero vector.
 */
export function mean(x: FloatArray, d: number, rows?: ArrayLike<number>): Float64Array {
  if (!Number.isInteger(d) || d < 1 || x.length % d !== 0) throw new RangeError(`an array of ${x.length} values does not hold rows of ${d}`);
  const n = x.length / d;
  const m = new Float64Array(d);
  const count = rows ? rows.length : n;
  for (let k = 0; k < count; k++) {
    const i = rows ? rows[k] : k;
    if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`row ${i} outside 0..${n - 1}`);
    for (let j = 0, o = i * d; j < d; j++) m[j] += x[o + j];
  }
  if (count > 0) for (let j = 0; j < d; j++) m[j] /= count;
  return m;
}
