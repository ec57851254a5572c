/**
 * Breakdown detection: where timing and refractoriness fail to match (Silva 2019).
 *  - refractory-limited loops: cycles whose total delay Σ(P + τ) is shorter than the largest
 *    R on them — a signal going round returns while a node is still refractory and dies;
 *  - activity that dies out although the graph has a cycle long enough to sustain it;
 *  - a stimulated source whose activity reaches fewer nodes than the graph can reach.
 */
import { reachesRefractory } from '../model/time.js';
import type { Network } from '../model/types.js';
import { reachable, simpleCycles, type Cycle } from './graph.js';
import type { SpikeIndex } from './spike-index.js';

export interface BreakdownOptions {
  /** Model time of the run (ms). */
  duration: number;
  /** Stimulated nodes; default: the nodes of activations with no recurrent cause. */
  sources?: ArrayLike<number>;
  /** Bound on the cycles enumerated (Johnson's algorithm). Default 10,000. */
  maxCycles?: number;
  maxCycleLength?: number;
}

export interface BreakdownReport {
  /** Activity still going at the end: the last spike is within one maximal delay of the end. */
  sustained: boolean;
  lastSpike: number | null;
  /** Largest single delay P_i + τ_e (ms): silence longer than this means activity has died. */
  maxDelay: number;
  cycles: {
    total: number;
    /** Cycles with Σ(P + τ) ≥ max R on the cycle: able to carry circulating activity. */
    sustainable: number;
    /** Cycles with Σ(P + τ) < max R: a returning signal is always blocked. */
    refractoryLimited: number;
    truncated: boolean;
    /** Up to 10 refractory-limited cycles, shortest delay first. */
    examples: Cycle[];
  };
  reach: {
    sources: number[];
    /** Nodes reachable from the sources along edges. */
    reachable: number;
    /** Reachable nodes that fired. */
    reached: number;
    /** Up to 20 reachable nodes that never fired. */
    missed: number[];
  };
  /** Plain-language findings, e.g. "refractory-limited loops: every cycle is shorter than R". */
  flags: string[];
}

export function breakdown(net: Network, idx: SpikeIndex, o: BreakdownOptions): BreakdownReport {
  let maxDelay = 0;
  for (let i = 0; i < net.n; i++)
    for (let e = net.offset[i]; e < net.offset[i + 1]; e++) maxDelay = Math.max(maxDelay, net.processing[i] + net.latency[e]);
  let lastSpike = -Infinity;
  for (let k = 0; k < idx.times.length; k++) lastSpike = Math.max(lastSpike, idx.times[k]);
  const any = idx.times.length > 0;
  // (a spike due exactly at the end is not in the run, so allow equality, with rounding)
  const sustained = any && o.duration - lastSpike <= maxDelay * (1 + 1e-9) + 1e-12;

  const { cycles, truncated } = simpleCycles(net, { maxCycles: o.maxCycles ?? 10_000, maxLength: o.maxCycleLength });
  const limited = cycles.filter((c) => !reachesRefractory(c.latency, c.maxRefractory));
  const sustainable = cycles.length - limited.length;

  const sources = o.sources ? Array.from(o.sources) : [];
  const reach = reachable(net, sources);
  let nReach = 0, nReached = 0;
  const missed: number[] = [];
  for (let j = 0; j < net.n; j++) {
    if (!reach[j]) continue;
    nReach++;
    if (idx.start[j + 1] > idx.start[j]) nReached++;
    else if (missed.length < 20) missed.push(j);
  }

  const flags: string[] = [];
  if (cycles.length > 0 && sustainable === 0 && !truncated)
    flags.push(`refractory-limited loops: all ${cycles.length} cycles are shorter than the refractory period on them, so no activity can circulate`);
  else if (limited.length > 0) flags.push(`${limited.length} of ${cycles.length}${truncated ? '+' : ''} cycles are refractory-limited`);
  if (!sustained && sustainable > 0)
    flags.push(`activity died out (last spike at ${any ? lastSpike : 'none'} ms) although ${sustainable} cycle(s) are long enough to sustain it`);
  if (sources.length > 0 && nReached < nReach) flags.push(`the sources' activity reached ${nReached} of the ${nReach} nodes reachable from them`);

  return {
    sustained,
    lastSpike: any ? lastSpike : null,
    maxDelay,
    cycles: {
      total: cycles.length,
      sustainable,
      refractoryLimited: limited.length,
      truncated,
      examples: limited.sort((a, b) => a.latency - b.latency).slice(0, 10),
    },
    reach: { sources, reachable: nReach, reached: nReached, missed },
    flags,
  };
}
