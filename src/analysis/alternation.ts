/**
 * Anti-phase alternation of two populations (e.g. the VB and DB motor neurons of C. elegans),
 * with a timescale and a null model:
 *
 *  1. Each neuron's spike train is smoothed with a Gaussian of σ = `smoothing` ms and sampled
 *     every `step` ms over the analysis window (a spike contributes wherever its kernel reaches,
 *     so the result does not depend on the step while it is ≤ σ/2, nor on where bins fall).
 *  2. A population's rate is the sum over its neurons. Anti-phase is the Pearson correlation of
 *     the two rates at zero lag, C(0): −1 for perfect alternation, +1 for synchrony.
 *  3. The dominant frequency f* is the peak of the periodogram of the difference of the two
 *     z-scored rates, over frequencies with at least two whole periods in the window and at most
 *     maxFrequency (where the smoothing still passes > 70 % of the amplitude). Anti-phase
 *     alternation also peaks at half a period: C(1/(2f*)) > 0.
 *  4. Null model: the neurons' labels are shuffled between the populations (same sizes); if the
 *     split were arbitrary, a random split would be as anti-phase as the real one. The p-value is
 *     (1 + #{shuffles with C(0) ≤ observed}) / (1 + shuffles). Shuffles reuse the neurons'
 *     covariance matrix, so each costs O(neurons²).
 *  5. Verdict, fixed here: alternating iff both populations fired ≥ minSpikes in the window,
 *     f* exists, C(0) < 0 < C(1/(2f*)), the contrast C(1/(2f*)) − C(0) ≥ minContrast (0.5) and
 *     p < alpha (0.01). (C(0) alone is not enough: brief bursts that alternate with silence in
 *     between correlate only weakly negatively at zero lag, −duty/(1 − duty), but strongly
 *     positively at half a period.)
 *
 * Browser-pure; randomness only from `seed`.
 */
import { createRng } from '../model/random.js';
import { pearson } from './stats.js';

export interface AntiPhaseOptions {
  /** Analysis window [from, to) in ms (skip the transient at the start). */
  window: [number, number];
  /** Gaussian smoothing σ of the rates (ms). Default 25. */
  smoothing?: number;
  /** Sampling step of the smoothed rates (ms). Default 1; must be ≤ smoothing / 2. */
  step?: number;
  /** Highest frequency searched (Hz). Default 1 / (8σ) (5 Hz at σ = 25 ms). */
  maxFrequency?: number;
  /** Label shuffles of the null model. Default 999. */
  shuffles?: number;
  seed?: number;
  /** C(half period) − C(0) must reach this. Default 0.5. */
  minContrast?: number;
  /** Significance level. Default 0.01. */
  alpha?: number;
  /** Spikes each population needs in the window. Default 20. */
  minSpikes?: number;
}

export interface AntiPhase {
  alternating: boolean;
  /** Why the verdict is what it is, in words. */
  reason: string;
  /** Zero-lag correlation of the two population rates. */
  antiPhase: number | null;
  /** Dominant frequency of the difference of the rates (Hz). */
  frequencyHz: number | null;
  /** Correlation at a lag of half a period of f*. */
  halfPeriodCorrelation: number | null;
  /** Share of samples where one population is above its median and the other below (0.5 if independent). */
  segregation: number | null;
  pValue: number | null;
  shuffles: number;
  spikesA: number;
  spikesB: number;
  window: [number, number];
  smoothingMs: number;
  stepMs: number;
  criterion: string;
}

export interface NeuronTrains {
  /** Spike times (ms) of each neuron of the population. */
  times: ArrayLike<number>[];
}

/** Most sampling steps of the smoothed rates (each neuron's rate is one array of them). */
export const MAX_RATE_STEPS = 1_000_000;

export function antiPhase(a: NeuronTrains, b: NeuronTrains, o: AntiPhaseOptions): AntiPhase {
  const sigma = o.smoothing ?? 25, step = o.step ?? 1;
  const [from, to] = o.window;
  const fMax = o.maxFrequency ?? 1000 / (8 * sigma);
  const shuffles = o.shuffles ?? 999, alpha = o.alpha ?? 0.01, minContrast = o.minContrast ?? 0.5, minSpikes = o.minSpikes ?? 20;
  if (!(sigma > 0) || !(step > 0) || step > sigma / 2) throw new RangeError(`smoothing must be > 0 and the step at most half of it (got σ = ${sigma} ms, step ${step} ms)`);
  if (!(to > from)) throw new RangeError(`empty analysis window [${from}, ${to})`);
  const criterion = `rates smoothed with a Gaussian of σ = ${sigma} ms over [${from}, ${to}) ms; alternating iff C(0) < 0 < C at half a period of the dominant rhythm, their contrast ≥ ${minContrast}, and a label-shuffle p < ${alpha} (${shuffles} shuffles), with ≥ ${minSpikes} spikes per population`;
  const inWindow = (t: ArrayLike<number>[]) => t.reduce((s, x) => s + Array.from(x).filter((v) => v >= from && v < to).length, 0);
  const spikesA = inWindow(a.times), spikesB = inWindow(b.times);
  const base = { shuffles, spikesA, spikesB, window: o.window, smoothingMs: sigma, stepMs: step, criterion };
  const none = (reason: string): AntiPhase => ({ alternating: false, reason, antiPhase: null, frequencyHz: null, halfPeriodCorrelation: null, segregation: null, pValue: null, ...base });
  if (spikesA < minSpikes || spikesB < minSpikes) return none(`too few spikes in the window (${spikesA} and ${spikesB}; need ${minSpikes} each)`);

  const K = Math.floor((to - from) / step);
  if (K > MAX_RATE_STEPS) throw new RangeError(`the smoothed rates would have ${K} steps of ${step} ms over [${from}, ${to}) ms, more than ${MAX_RATE_STEPS} (10^6): use a coarser step`);
  const neurons = [...a.times, ...b.times].map((t) => smoothed(t, from, step, K, sigma));
  const nA = a.times.length;
  const sum = (idx: number[]) => {
    const out = new Float64Array(K);
    for (const i of idx) for (let k = 0; k < K; k++) out[k] += neurons[i][k];
    return out;
  };
  const idxA = Array.from({ length: nA }, (_, i) => i), idxB = Array.from({ length: b.times.length }, (_, i) => nA + i);
  const ra = sum(idxA), rb = sum(idxB);
  const c0 = correlation(ra, rb, 0);
  if (c0 === null) return none('a population rate is constant over the window');

  // dominant frequency of the difference of the z-scored rates
  const za = zscore(ra), zb = zscore(rb);
  const diff = za.map((v, k) => v - zb[k]);
  const L = (K * step) / 1000; // s
  let best = -1, fStar: number | null = null;
  for (let m = 2; m / L <= fMax; m++) {
    const f = m / L, p = power(diff, f, step / 1000);
    if (p > best) {
      best = p;
      fStar = f;
    }
  }
  const half = fStar === null ? null : correlation(ra, rb, Math.round(1000 / (2 * fStar) / step));
  const segregation = oppositeHalves(ra, rb);

  // label-shuffle null from the neurons' covariance matrix
  const N = neurons.length, cov = covariance(neurons, K);
  const corrOf = (inA: Uint8Array) => {
    let sAA = 0, sBB = 0, sAB = 0;
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) {
        const c = cov[i * N + j];
        if (inA[i] && inA[j]) sAA += c;
        else if (!inA[i] && !inA[j]) sBB += c;
        else if (inA[i]) sAB += c;
      }
    return sAA > 0 && sBB > 0 ? sAB / Math.sqrt(sAA * sBB) : 0;
  };
  const rng = createRng(o.seed ?? 1);
  const labels = new Uint8Array(N);
  let asExtreme = 0;
  for (let s = 0; s < shuffles; s++) {
    labels.fill(0);
    // a uniformly random subset of nA neurons (partial Fisher–Yates)
    const order = Array.from({ length: N }, (_, i) => i);
    for (let i = 0; i < nA; i++) {
      const j = rng.int(i, N - 1);
      [order[i], order[j]] = [order[j], order[i]];
      labels[order[i]] = 1;
    }
    if (corrOf(labels) <= c0 + 1e-12) asExtreme++;
  }
  const pValue = (1 + asExtreme) / (1 + shuffles);

  const r = (x: number | null) => (x === null ? 'none' : x.toFixed(3));
  let reason: string;
  let alternating = false;
  if (fStar === null) reason = `the window (${(K * step).toFixed(0)} ms) holds fewer than two periods of any rhythm up to ${fMax} Hz`;
  else if (!(c0 < 0)) reason = `not anti-phase: C(0) = ${r(c0)} ≥ 0`;
  else if (!(half !== null && half > 0)) reason = `no peak at half a period: C(${(500 / fStar).toFixed(0)} ms) = ${r(half)}`;
  else if (!(half - c0 >= minContrast)) reason = `too weak: C(half period) − C(0) = ${(half - c0).toFixed(3)} < ${minContrast}`;
  else if (!(pValue < alpha)) reason = `not significant: label-shuffle p = ${pValue.toFixed(3)} ≥ ${alpha}`;
  else {
    alternating = true;
    reason = `anti-phase at ${fStar.toFixed(2)} Hz: C(0) = ${r(c0)}, C(half period) = ${r(half)}, p = ${pValue.toFixed(3)}`;
  }
  return { alternating, reason, antiPhase: c0, frequencyHz: fStar, halfPeriodCorrelation: half, segregation, pValue, ...base };
}

/** Gaussian-smoothed rate (spikes/ms) of one train at t_k = from + (k + ½)·step, k < K. */
function smoothed(times: ArrayLike<number>, from: number, step: number, K: number, sigma: number): Float64Array {
  const out = new Float64Array(K);
  const reach = 4 * sigma, norm = 1 / (sigma * Math.sqrt(2 * Math.PI));
  for (let s = 0; s < times.length; s++) {
    const t = times[s];
    const k0 = Math.max(0, Math.ceil((t - reach - from) / step - 0.5)), k1 = Math.min(K - 1, Math.floor((t + reach - from) / step - 0.5));
    for (let k = k0; k <= k1; k++) {
      const d = (from + (k + 0.5) * step - t) / sigma;
      out[k] += norm * Math.exp(-0.5 * d * d);
    }
  }
  return out;
}

/** Pearson correlation of x(t) and y(t + lag) over the overlap (null when either is constant). */
function correlation(x: Float64Array, y: Float64Array, lag: number): number | null {
  const n = x.length - Math.abs(lag);
  if (n < 2) return null;
  const ox = lag < 0 ? -lag : 0, oy = lag > 0 ? lag : 0;
  const r = pearson(x.subarray(ox, ox + n), y.subarray(oy, oy + n));
  return Number.isNaN(r) ? null : r;
}

function zscore(x: Float64Array): Float64Array {
  let m = 0;
  for (const v of x) m += v;
  m /= x.length;
  let ss = 0;
  for (const v of x) ss += (v - m) ** 2;
  const sd = Math.sqrt(ss / x.length) || 1;
  return x.map((v) => (v - m) / sd);
}

/** Periodogram value of x (sampled every dt s) at frequency f (Hz). */
function power(x: Float64Array, f: number, dt: number): number {
  let re = 0, im = 0;
  const w = 2 * Math.PI * f * dt;
  for (let k = 0; k < x.length; k++) {
    re += x[k] * Math.cos(w * k);
    im += x[k] * Math.sin(w * k);
  }
  return (re * re + im * im) / x.length;
}

function median(x: Float64Array): number {
  const s = Float64Array.from(x).sort();
  const h = (s.length - 1) / 2;
  return (s[Math.floor(h)] + s[Math.ceil(h)]) / 2;
}

/** Share of samples where exactly one of the two rates is above its median. */
function oppositeHalves(x: Float64Array, y: Float64Array): number {
  const mx = median(x), my = median(y);
  let opposite = 0, counted = 0;
  for (let k = 0; k < x.length; k++) {
    if (x[k] === mx || y[k] === my) continue;
    counted++;
    if (x[k] > mx !== y[k] > my) opposite++;
  }
  return counted ? opposite / counted : 0.5;
}

/** Covariance matrix (row-major, N × N) of N signals of length K. */
function covariance(signals: Float64Array[], K: number): Float64Array {
  const N = signals.length;
  const centred = signals.map((s) => {
    let m = 0;
    for (let k = 0; k < K; k++) m += s[k];
    m /= K;
    return s.map((v) => v - m);
  });
  const out = new Float64Array(N * N);
  for (let i = 0; i < N; i++)
    for (let j = i; j < N; j++) {
      let c = 0;
      const a = centred[i], b = centred[j];
      for (let k = 0; k < K; k++) c += a[k] * b[k];
      out[i * N + j] = out[j * N + i] = c / K;
    }
  return out;
}
