/**
 * Poisson events on a row of cells (one cell = one node during one step), drawn from the
 * counter hash: every cell's count is an independent Poisson(λ) variate. Sampled as a
 * geometric skip over empty cells (a 2^14-entry inverse-CDF table, with an exact fallback for
 * the buckets that straddle two values) and a zero-truncated Poisson count for each
 * non-empty cell, so the common case costs two hashes and a table read, no logarithm.
 */
import { mix32 } from '../model/hash.js';
import { ensureLength } from '../model/typed.js';

const BITS = 14;
const SHIFT = 32 - BITS;
const TWO_M32 = 2 ** -32;

export class PoissonCells {
  readonly lambda: number;
  private readonly inv: number;
  /** Skip per table bucket, −1 where the bucket straddles two values (use exactSkip). */
  private readonly skip: Int32Array;
  /** Hashes below this give a count of 1. */
  private readonly one: number;
  private readonly p0: number;

  constructor(lambda: number) {
    if (!(lambda > 0) || !Number.isFinite(lambda)) throw new RangeError(`Poisson mean per cell must be > 0, got ${lambda}`);
    this.lambda = lambda;
    this.inv = -1 / lambda;
    this.p0 = Math.exp(-lambda);
    this.skip = new Int32Array(1 << BITS);
    for (let i = 0; i < 1 << BITS; i++) {
      const lo = this.exactSkip(i << SHIFT), hi = this.exactSkip(((i + 1) << SHIFT) - 1);
      this.skip[i] = lo === hi && lo < 2 ** 30 ? lo : -1;
    }
    // P(count = 1 | count ≥ 1) as a threshold on the 32-bit hash
    this.one = Math.floor(((lambda * this.p0) / (1 - this.p0)) * 2 ** 32);
  }

  /** Empty cells before the next non-empty one, from a 32-bit hash (geometric, P(0) = 1 − e^−λ). */
  private exactSkip(h: number): number {
    return Math.min(2 ** 30, Math.floor(Math.log(((h >>> 0) + 0.5) * TWO_M32) * this.inv));
  }

  /** Events in a non-empty cell (zero-truncated Poisson), by inversion. */
  private exactCount(h: number): number {
    const u = (h + 0.5) * TWO_M32 * (1 - this.p0);
    let c = 1, pc = this.lambda * this.p0, cdf = pc;
    while (u >= cdf && c < 1000) {
      c++;
      pc *= this.lambda / c;
      cdf += pc;
    }
    return c;
  }

  /** The cells of the last draw. */
  out = new Int32Array(256);

  /**
   * Draws one row of `len` cells from the stream seeded by h0: writes the cells with events
   * (ascending, repeated once per event) to `out` and returns their number.
   */
  draw(h0: number, len: number): number {
    let out = this.out;
    const skip = this.skip;
    let cell = -1, n = 0;
    for (let k = 0; ; ) {
      const h = mix32((h0 + k++) >>> 0);
      const g = skip[h >>> SHIFT];
      cell += (g >= 0 ? g : this.exactSkip(h)) + 1;
      if (cell >= len) break;
      const h2 = mix32((h0 + k++) >>> 0);
      const c = h2 < this.one ? 1 : this.exactCount(h2);
      if (n + c > out.length) this.out = out = ensureLength(out, n + c);
      for (let r = 0; r < c; r++) out[n++] = cell;
    }
    return n;
  }
}
