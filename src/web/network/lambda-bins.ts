/**
 * Λ = R/τ per edge on log10 bins, and per bin the arrivals delivered and blocked so far: the
 * theory's prediction set beside what happens (on an edge with Λ > 1 a signal is lost if the
 * target fired shortly before it arrives — within R — e.g. when it fired with the source).
 */
import type { LambdaBins } from './protocol.js';

export const BINS = 40;
export const LOG_LO = -2;
export const LOG_HI = 2;

/** Bin of each edge (Λ outside [10^LO, 10^HI] goes to the end bins; τ = 0 gives Λ = ∞: the top bin; R = τ = 0 gives NaN: the bottom bin, as R = 0 never blocks). */
export function binOfEdges(lambda: Float64Array): Uint8Array {
  const bin = new Uint8Array(lambda.length);
  const scale = BINS / (LOG_HI - LOG_LO);
  for (let e = 0; e < lambda.length; e++) {
    const l = lambda[e];
    const b = l > 0 ? Math.floor((Math.log10(l) - LOG_LO) * scale) : 0;
    bin[e] = Number.isFinite(b) ? Math.min(BINS - 1, Math.max(0, b)) : BINS - 1;
  }
  return bin;
}

export function emptyBins(): LambdaBins {
  return { lo: LOG_LO, hi: LOG_HI, edges: new Float64Array(BINS), delivered: new Float64Array(BINS), blocked: new Float64Array(BINS) };
}

export function countEdges(bin: Uint8Array, out: LambdaBins): void {
  out.edges.fill(0);
  for (let e = 0; e < bin.length; e++) out.edges[bin[e]]++;
}
