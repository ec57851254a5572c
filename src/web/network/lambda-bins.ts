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

/** The red line of the Λ histogram: its scale (the share of arrivals blocked at the top of the panel) and its caption. */
export interface BlockedScale {
  /** Share of arrivals at the top of the panel; 0 when there is no line. */
  top: number;
  line: boolean;
  caption: string;
}

/**
 * 0 to the largest blocked share of a bin (at least 5 %, so a few per cent still reads as a
 * shape). No line and a plain caption while no arrival has been blocked: a red "top = 5 %"
 * over a network that blocks nothing reads as if it blocked 5 %.
 */
export function blockedScale(b: LambdaBins): BlockedScale {
  let arrivals = 0, blocked = 0, fmax = 0;
  for (let k = 0; k < b.edges.length; k++) {
    const all = b.delivered[k] + b.blocked[k];
    arrivals += all;
    blocked += b.blocked[k];
    if (all > 0) fmax = Math.max(fmax, b.blocked[k] / all);
  }
  if (arrivals === 0) return { top: 0, line: false, caption: 'no arrivals yet' };
  if (blocked === 0) return { top: 0, line: false, caption: 'no arrival blocked so far' };
  const top = Math.max(0.05, fmax);
  return { top, line: true, caption: `red: share blocked per bin, 0 – ${(100 * top).toPrecision(2)} %` };
}
