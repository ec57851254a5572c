/**
 * How the refraction ratio depends on the two free constants, the refractory period R and the
 * velocity constant k (the speed itself for the constant model; m/s per √µm or per µm for the
 * diameter models). Every segment's speed is k × f(diameter), so every latency is ∝ 1/k and
 * every Λ = R / latency is ∝ R·k: the median Λ is (median Λ at R·k = 1) × R·k, exactly.
 * A reported median Λ therefore says as much about the chosen R·k as about the cell; what the
 * cell contributes is the proportionality factor (geometry, and diameters through f).
 *
 * When the traced diameters are all alike (a tracing floor: many reconstructions record every
 * thin axon at one width), "velocity from diameter" is a constant speed k·f(d), and the factor
 * is purely the path lengths: Λ = R·v / L.
 */
import { quantileSorted } from '../analysis/stats.js';
import type { Morphology } from './types.js';
import type { ArborAnalysis } from './arbor.js';
import { segmentDiameter } from './arbor.js';
import { speed, type VelocityModel } from './velocity.js';

/** Relative IQR of the axon's diameters at or below which they count as uniform. */
export const UNIFORM_DIAMETER_RELATIVE_IQR = 0.1;

export interface DiameterSummary {
  /** Length-weighted quartiles of the segment diameters of the analysed axon (µm). */
  q1: number;
  median: number;
  q3: number;
  /** (q3 − q1) / median. */
  relativeIqr: number;
  /**
   * Diameters uniform: relative IQR ≤ 0.1. Why 0.1: the speed goes as √d (unmyelinated), so
   * the middle half of the axon then conducts within ±2.5 % of one speed, far less than the
   * spread of path lengths that sets the spread of Λ.
   */
  uniform: boolean;
  /** Speed (m/s) at the median diameter under the velocity model: the speed, when uniform. */
  speedAtMedian: number;
}

/** Weighted quantile: the smallest value whose cumulative weight reaches p of the total. */
function weightedQuantile(values: Float64Array, weights: Float64Array, p: number): number {
  const idx = Array.from(values.keys()).sort((a, b) => values[a] - values[b]);
  let total = 0;
  for (const w of weights) total += w;
  let acc = 0;
  for (const i of idx) {
    acc += weights[i];
    if (acc >= p * total) return values[i];
  }
  return idx.length ? values[idx[idx.length - 1]] : NaN;
}

export function axonDiameters(m: Morphology, a: ArborAnalysis, velocity: VelocityModel): DiameterSummary {
  const d: number[] = [], w: number[] = [];
  for (let i = 0; i < m.n; i++) {
    const p = m.parent[i];
    if (p < 0 || !a.inArbor[i] || !a.inArbor[p]) continue;
    const len = Math.hypot(m.x[i] - m.x[p], m.y[i] - m.y[p], m.z[i] - m.z[p]);
    if (len > 0) {
      d.push(segmentDiameter(m, p, i));
      w.push(len);
    }
  }
  const dv = Float64Array.from(d), wv = Float64Array.from(w);
  const q1 = weightedQuantile(dv, wv, 0.25), median = weightedQuantile(dv, wv, 0.5), q3 = weightedQuantile(dv, wv, 0.75);
  const relativeIqr = median > 0 ? (q3 - q1) / median : NaN;
  return { q1, median, q3, relativeIqr, uniform: relativeIqr <= UNIFORM_DIAMETER_RELATIVE_IQR, speedAtMedian: speed(velocity, median) / 1000 };
}

export interface LambdaScale {
  /** Median Λ over the terminals at R·k = 1 (R in ms, k in the velocity model's unit). */
  medianPerRk: number;
  /**
   * Median of the terminals' mean speeds (path length / latency), in m/s at k = 1: R·v = R·k ×
   * this. With uniform diameters every terminal has this speed.
   */
  speedPerK: number;
}

/** The scale factor of median Λ in R·k, from an analysis at any R and k. */
export function lambdaScale(a: ArborAnalysis, velocity: VelocityModel): LambdaScale {
  const Rk = a.params.refractory * velocity.k;
  const speeds = Float64Array.from(a.terminals, (t) => t.pathLength / t.latency / 1000 / velocity.k).sort();
  return { medianPerRk: a.stats.lambda.median / Rk, speedPerK: speeds.length ? quantileSorted(speeds, 0.5) : NaN };
}

/** Median Λ of the terminals at a given R·k. */
export function medianLambdaAt(scale: LambdaScale, Rk: number): number {
  return scale.medianPerRk * Rk;
}

/** The R·k that gives a median Λ equal to `target` (0.92 in Puppo et al. 2018). */
export function rkForMedianLambda(scale: LambdaScale, target: number): number {
  return target / scale.medianPerRk;
}

/** Median Λ of pooled terminals (several cells) at R·k, from their Λ at R·k = 1. */
export function pooledMedianPerRk(lambdasAtUnitRk: readonly number[]): number {
  const s = Float64Array.from(lambdasAtUnitRk).filter(Number.isFinite).sort();
  return s.length ? quantileSorted(s, 0.5) : NaN;
}
