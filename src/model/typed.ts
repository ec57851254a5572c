/** Growing typed arrays (the pools and recorders grow by copying into a larger array). */

export type GrowableArray = Float64Array | Float32Array | Int32Array | Uint32Array | Uint8Array;

/** A copy of `a` with `length` elements (zero-filled beyond the old length). */
export function resized<T extends GrowableArray>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(length >= a.length ? a : a.subarray(0, length));
  return b;
}

/** `a` if it holds `need` elements, else a copy at least twice as long. */
export function ensureLength<T extends GrowableArray>(a: T, need: number, minimum = 64): T {
  return need <= a.length ? a : resized(a, Math.max(need, a.length * 2, minimum));
}
