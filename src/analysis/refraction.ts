/**
 * The refraction ratio Λ = R / τ of every edge (docs/design.md §2). Λ compares the latency with
 * the target's recovery; it does not say what happens to a given signal. Λ > 1: τ < R, so a
 * signal would be lost if the target had fired when the source did (whether it is lost depends
 * on when the target last fired: the blocked fraction of a run counts that); Λ < 1: in that case
 * the target would have recovered and idle before the signal arrives; Λ → 1 is the efficient
 * match of timing and refractoriness.
 */
import type { Network } from '../model/types.js';
import { summarize, type Summary } from './stats.js';

export type RefractorySide = 'target' | 'source';

/** What Λ > 1 and Λ < 1 mean, in the words every report uses (the tour, the HTML report). */
export const LAMBDA_MEANING =
  'Λ > 1: the latency τ is shorter than the target’s refractory period R, so a signal would be lost if the target had fired when the source did; Λ < 1: the target would have recovered and wait for it; Λ ≈ 1 is the efficient match. Whether an arrival is lost depends on when its target last fired: the blocked fraction of a run counts the arrivals that were.';

/** Table label of the fraction of edges with Λ > 1. */
export const LAMBDA_ABOVE_ONE_LABEL = 'edges with Λ > 1 (τ < R: a signal is lost if its target fired with the source)';

/** Λ_e = R / τ_e with R of the receiving node (default) or of the sending node. τ = 0 gives ∞. */
export function refractionRatios(net: Network, side: RefractorySide = 'target'): Float64Array {
  const out = new Float64Array(net.m);
  for (let i = 0; i < net.n; i++) {
    for (let e = net.offset[i]; e < net.offset[i + 1]; e++) {
      const R = side === 'target' ? net.refractory[net.target[e]] : net.refractory[i];
      out[e] = R / net.latency[e];
    }
  }
  return out;
}

export interface RatioSummary extends Summary {
  /**
   * Fraction of edges with Λ > 1: τ shorter than the target's R, so a signal on them would be lost
   * if the target had fired when the source did. Not the fraction of signals lost (a run's
   * blocked fraction): 62 % of edges above 1 go with 2 % of arrivals blocked in the tour.
   */
  fractionAboveOne: number;
  iqr: number;
}

export function summarizeRatios(lambda: ArrayLike<number>): RatioSummary {
  const s = summarize(lambda);
  let above = 0, total = 0;
  for (let i = 0; i < lambda.length; i++) {
    if (Number.isNaN(lambda[i])) continue;
    total++;
    if (lambda[i] > 1) above++;
  }
  return { ...s, iqr: s.q3 - s.q1, fractionAboveOne: total ? above / total : NaN };
}

export interface NodeRatios {
  /** Median Λ over each node's incoming edges (NaN without in-edges). */
  inMedian: Float64Array;
  /** Median Λ over each node's outgoing edges (NaN without out-edges). */
  outMedian: Float64Array;
}

/** Per-node medians of Λ over in-edges and out-edges. */
export function nodeRatios(net: Network, lambda: Float64Array): NodeRatios {
  const n = net.n;
  const outMedian = new Float64Array(n).fill(NaN), inMedian = new Float64Array(n).fill(NaN);
  const inCount = new Uint32Array(n + 1);
  for (let e = 0; e < net.m; e++) inCount[net.target[e] + 1]++;
  for (let j = 0; j < n; j++) inCount[j + 1] += inCount[j];
  const fill = inCount.slice(0, n);
  const inVals = new Float64Array(net.m);
  for (let e = 0; e < net.m; e++) inVals[fill[net.target[e]]++] = lambda[e];
  for (let j = 0; j < n; j++) {
    const a = net.offset[j], b = net.offset[j + 1];
    if (b > a) outMedian[j] = median(lambda.slice(a, b));
    if (inCount[j + 1] > inCount[j]) inMedian[j] = median(inVals.slice(inCount[j], inCount[j + 1]));
  }
  return { inMedian, outMedian };
}

function median(v: Float64Array): number {
  v.sort();
  const k = v.length >> 1;
  return v.length % 2 ? v[k] : (v[k - 1] + v[k]) / 2;
}
