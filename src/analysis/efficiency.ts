/**
 * How efficiently a run signals (docs/model.md, "Efficiency"). Silva's efficient signalling
 * is a timing match: a signal should arrive just as its target becomes receptive again —
 * earlier and it is lost (blocked), later and the target sat idle waiting for it.
 *  - blocked fraction = blocked / (delivered + blocked) recurrent arrivals, per edge, per node
 *    and overall: signals lost because their target was still refractory;
 *  - idle gap of an effective arrival = a − (t_last + R): how long the target sat receptive;
 *  - efficiency = mean over the arrivals in the measurement window of a timing score: 0 for a
 *    blocked arrival, R/(R + g) for an effective one with idle gap g. It is 1 only when no
 *    signal is lost and none waits (a ring at Λ = R/τ = N), R/(Nτ) on a sustained ring, low
 *    for a saturated network that loses most arrivals and for an idle one whose targets wait;
 *  - busy fraction of node j over [from, to) = |∪ [t_k, t_k + R_j) ∩ [from, to)| / (to − from),
 *    the share of time the node spends refractory; `busyFraction` is its mean over nodes. It
 *    rewards saturation (a network firing at 1/R is always busy however many signals it
 *    loses), which is why it is not the efficiency.
 */
import type { Network } from '../model/types.js';
import type { ArrivalFates } from './arrivals.js';
import type { SpikeIndex } from './spike-index.js';
import { refractionRatios } from './refraction.js';
import { quantileSorted } from './stats.js';

/** Busy fraction of every node over [from, to) (ms). */
export function busyFractions(net: Network, idx: SpikeIndex, from: number, to: number): Float64Array {
  const out = new Float64Array(net.n);
  const span = to - from;
  if (!(span > 0)) return out;
  for (let j = 0; j < net.n; j++) {
    const R = net.refractory[j];
    let busy = 0, coveredTo = -Infinity;
    for (let p = idx.start[j]; p < idx.start[j + 1]; p++) {
      const t = idx.times[p];
      // refractory intervals of one node do not overlap in a run, but guard anyway
      const a = Math.max(t, from, coveredTo), b = Math.min(t + R, to);
      if (b > a) busy += b - a;
      coveredTo = Math.max(coveredTo, t + R);
    }
    out[j] = busy / span;
  }
  return out;
}

export interface EfficiencySummary {
  delivered: number;
  blocked: number;
  /** blocked / (delivered + blocked); 0 when no arrival was processed. */
  blockedFraction: number;
  /** Signalling efficiency: mean timing score of the arrivals in the window (0 when none arrived). */
  efficiency: number;
  /** Arrivals scored (those due in the window). */
  efficiencyArrivals: number;
  /** Mean busy fraction over nodes in the window (the share of time nodes are refractory). */
  busyFraction: number;
  window: [number, number];
  /** Mean and median idle gap (ms) of effective arrivals at nodes that had fired before. */
  idleGapMean: number;
  idleGapCount: number;
}

/** Efficiency and busy fraction over the window the fates were scored on (`arrivalFates` option `window`). */
export function efficiencySummary(net: Network, fates: ArrivalFates): EfficiencySummary {
  const window = fates.timing.window;
  const busy = busyFractions(net, fates.index, window[0], window[1]);
  let sumBusy = 0;
  for (let j = 0; j < net.n; j++) sumBusy += busy[j];
  let gapSum = 0, gapCount = 0;
  for (let j = 0; j < net.n; j++) {
    gapSum += fates.nodeGapSum[j];
    gapCount += fates.nodeGapCount[j];
  }
  const total = fates.delivered + fates.blocked;
  return {
    delivered: fates.delivered,
    blocked: fates.blocked,
    blockedFraction: total > 0 ? fates.blocked / total : 0,
    efficiency: fates.timing.count > 0 ? fates.timing.sum / fates.timing.count : 0,
    efficiencyArrivals: fates.timing.count,
    busyFraction: net.n > 0 ? sumBusy / net.n : 0,
    window,
    idleGapMean: gapCount > 0 ? gapSum / gapCount : NaN,
    idleGapCount: gapCount,
  };
}

export interface BlockedByLambda {
  /** Bin centres of Λ (log-spaced), and per bin the arrivals and the fraction blocked. */
  lambda: number[];
  arrivals: number[];
  blockedFraction: number[];
  /** Edges of each bin (a plot draws the bin, not only its centre). */
  lambdaLo: number[];
  lambdaHi: number[];
  /** Blocked arrivals per bin (blockedFraction × arrivals, as a count). */
  blocked: number[];
}

/** Blocked fraction of arrivals as a function of the edge's Λ = R_target / τ, in log bins. */
export function blockedByLambda(net: Network, fates: ArrivalFates, bins = 20): BlockedByLambda {
  const lam = refractionRatios(net);
  const finite: number[] = [];
  for (let e = 0; e < net.m; e++) if (Number.isFinite(lam[e]) && lam[e] > 0 && fates.edgeDelivered[e] + fates.edgeBlocked[e] > 0) finite.push(lam[e]);
  const out: BlockedByLambda = { lambda: [], arrivals: [], blockedFraction: [], lambdaLo: [], lambdaHi: [], blocked: [] };
  if (finite.length === 0) return out;
  finite.sort((a, b) => a - b);
  let lo = Math.log(quantileSorted(finite, 0)), hi = Math.log(quantileSorted(finite, 1));
  // one value of Λ (a ring): a narrow range around it, so that the bin's centre is that value
  if (!(hi > lo)) [lo, hi] = [lo - 0.05, hi + 0.05];
  const width = (hi - lo) / bins;
  const arr = new Float64Array(bins), blk = new Float64Array(bins);
  for (let e = 0; e < net.m; e++) {
    const l = lam[e];
    const tot = fates.edgeDelivered[e] + fates.edgeBlocked[e];
    if (!(Number.isFinite(l) && l > 0) || tot === 0) continue;
    const b = Math.min(bins - 1, Math.floor((Math.log(l) - lo) / width));
    arr[b] += tot;
    blk[b] += fates.edgeBlocked[e];
  }
  for (let b = 0; b < bins; b++) {
    if (arr[b] === 0) continue;
    out.lambda.push(Math.exp(lo + (b + 0.5) * width));
    out.arrivals.push(arr[b]);
    out.blockedFraction.push(blk[b] / arr[b]);
    out.lambdaLo.push(Math.exp(lo + b * width));
    out.lambdaHi.push(Math.exp(lo + (b + 1) * width));
    out.blocked.push(blk[b]);
  }
  return out;
}
