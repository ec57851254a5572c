/**
 * Comparing two spike lists of the same network, e.g. Refract's run and NEURON's. On a time
 * grid (dt) spikes are compared as (node, step) pairs, step = floor(t/dt + 0.5), and the
 * docs/workloads/crg.md §5 fields are computed; without a grid, times must agree to `tolerance` ms.
 */
import { pearson } from './stats.js';

export interface SpikeArrays {
  node: ArrayLike<number>;
  time: ArrayLike<number>;
}

/** The CRG-det summary of a spike list on a grid (docs/workloads/crg.md §5). */
export interface GridSummary {
  spikes: number;
  checksum: number;
  /** Sum of the spikes' step numbers. */
  sumSteps: number;
  /** Nodes that fired at least once. */
  nodesFired: number;
}

export function gridSummary(s: SpikeArrays, dt: number): GridSummary {
  let checksum = 0, sum = 0;
  const fired = new Set<number>();
  for (let k = 0; k < s.node.length; k++) {
    const step = Math.floor(s.time[k] / dt + 0.5);
    checksum = (checksum + Math.imul(s.node[k] + 1, step + 1)) >>> 0;
    sum += step;
    fired.add(s.node[k]);
  }
  return { spikes: s.node.length, checksum, sumSteps: sum, nodesFired: fired.size };
}

export interface SpikeComparison {
  identical: boolean;
  /** First position (in time, then node order) where the lists differ, with both entries. */
  firstDifference: { index: number; a: [number, number] | null; b: [number, number] | null } | null;
  /** Pearson correlation of the per-node spike counts (1 when identical). */
  countCorrelation: number;
  /** Fraction of spikes of `a` matched by a spike of `b` at the same node and time. */
  matchedFraction: number;
}

function ordered(s: SpikeArrays, key: (t: number) => number): [number, number][] {
  const out: [number, number][] = Array.from({ length: s.node.length }, (_, k) => [s.node[k], key(s.time[k])]);
  return out.sort((x, y) => x[1] - y[1] || x[0] - y[0]);
}

export function compareSpikes(a: SpikeArrays, b: SpikeArrays, o: { dt?: number | null; tolerance?: number; nodes: number }): SpikeComparison {
  const dt = o.dt ?? null, tol = dt === null ? (o.tolerance ?? 1e-9) : 0;
  const key = dt === null ? (t: number) => t : (t: number) => Math.floor(t / dt + 0.5);
  const A = ordered(a, key), B = ordered(b, key);
  let first: SpikeComparison['firstDifference'] = null;
  for (let k = 0; k < Math.max(A.length, B.length); k++) {
    const x = A[k], y = B[k];
    if (!x || !y || x[0] !== y[0] || Math.abs(x[1] - y[1]) > tol) {
      const back = (p: [number, number] | undefined): [number, number] | null => (p ? [p[0], dt === null ? p[1] : p[1] * dt] : null);
      first = { index: k, a: back(x), b: back(y) };
      break;
    }
  }
  // matched: same node, time within the tolerance (same step on a grid), each spike used once
  const byNode = (x: [number, number], y: [number, number]) => x[0] - y[0] || x[1] - y[1];
  const An = [...A].sort(byNode), Bn = [...B].sort(byNode);
  let matched = 0;
  for (let i = 0, j = 0; i < An.length && j < Bn.length; ) {
    const x = An[i], y = Bn[j];
    if (x[0] === y[0] && Math.abs(x[1] - y[1]) <= tol) {
      matched++;
      i++;
      j++;
    } else if (byNode(x, y) < 0) i++;
    else j++;
  }
  const ca = new Float64Array(o.nodes), cb = new Float64Array(o.nodes);
  for (const [n] of A) ca[n]++;
  for (const [n] of B) cb[n]++;
  return { identical: first === null, firstDifference: first, countCorrelation: countCorrelation(ca, cb), matchedFraction: A.length ? matched / A.length : 1 };
}

/** Correlation of per-node counts: 1 when both are constant (e.g. identical), 0 when only one is. */
function countCorrelation(x: Float64Array, y: Float64Array): number {
  const r = pearson(x, y);
  if (!Number.isNaN(r)) return r;
  const constant = (v: Float64Array) => v.every((t) => t === v[0]);
  return constant(x) && constant(y) ? 1 : 0;
}
