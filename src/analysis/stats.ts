/** Small descriptive statistics over typed arrays (NaN values are ignored). */

export interface Summary {
  count: number;
  mean: number;
  sd: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
}

/** Sorted copy of the finite values. */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out[k++] = values[i];
  return out.subarray(0, k).sort();
}

/** Quantile with linear interpolation between order statistics (type 7, as R and numpy). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h), hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function summarize(values: ArrayLike<number>): Summary {
  const s = sortedFinite(values);
  const n = s.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += s[i];
  const mean = n ? sum / n : NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (s[i] - mean) ** 2;
  return {
    count: n,
    mean,
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN,
    min: n ? s[0] : NaN,
    q1: quantileSorted(s, 0.25),
    median: quantileSorted(s, 0.5),
    q3: quantileSorted(s, 0.75),
    max: n ? s[n - 1] : NaN,
  };
}

/** Coefficient of variation (population sd / mean) of counts. */
export function cv(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  return mean > 0 ? Math.sqrt(ss / n) / mean : NaN;
}

/** Most bins of a histogram of times: 10^7 (80 MB), e.g. 1 ms bins over 2.8 hours. */
export const MAX_BINS = 10_000_000;

/** Counts of `times` in bins of `width` over [start, end). */
export function binCounts(times: ArrayLike<number>, start: number, end: number, width: number): Float64Array {
  const nb = Math.max(0, Math.ceil((end - start) / width - 1e-9));
  if (!(nb <= MAX_BINS)) throw new RangeError(`${nb} bins of ${width} ms over [${start}, ${end}) ms: at most ${MAX_BINS} (10^7)`);
  const out = new Float64Array(nb);
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    if (t >= start && t < end) {
      const b = Math.floor((t - start) / width);
      if (b < nb) out[b]++;
    }
  }
  return out;
}

/** Pearson correlation of two equally long series; NaN when either is constant (or shorter than 2). */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  if (n < 2) return NaN;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma, db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}
