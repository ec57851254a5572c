/**
 * The refraction ratio Λ = R / τ of every edge (DESIGN.md §2): Λ > 1 means a signal arrives
 * while its target is still refractory (wasted), Λ < 1 that the target idles before it
 * arrives; Λ → 1 is the efficient match of timing and refractoriness.
 */
import type { Network } from '../model/types.js';
import { summarize, type Summary } from './stats.js';

export type RefractorySide = 'target' | 'source';

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
  /** Fraction of edges with Λ > 1 (signal arrives while the target is refractory). */
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
