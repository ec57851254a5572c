/**
 * Everything the analysis layer says about one run, from the network and its spikes alone
 * (so a run in memory and a saved run directory give the same answers): Λ, efficiency,
 * steady state, breakdown and temporal sequences.
 */
import type { Network } from '../model/types.js';
import { arrivalFates, type ArrivalFates, type SpikeTrainLike } from './arrivals.js';
import { breakdown, type BreakdownReport } from './breakdown.js';
import { causalGraph, causalWalks } from './causal.js';
import { efficiencySummary, type EfficiencySummary } from './efficiency.js';
import { refractionRatios, summarizeRatios, type RatioSummary } from './refraction.js';
import { steadyState, type SteadyState } from './steady.js';

export interface RunAnalysisOptions {
  /** Model time of the run (ms). */
  duration: number;
  /** Grid step (ms) if the run used grid mode. */
  dt?: number | null;
  /** Stimulated nodes (default: nodes whose activations had no recurrent cause). */
  sources?: number[];
  maxCycles?: number;
  /** Limit on causal walks enumerated. Default 10,000. */
  maxWalks?: number;
  /** Skip the causal graph above this many spikes (it is O(spikes × out-degree)). Default 10^6. */
  maxCausalSpikes?: number;
  listBlocked?: boolean;
}

export interface RunAnalysis {
  spikes: number;
  rateHz: number;
  lambda: RatioSummary;
  lambdaSource: RatioSummary;
  efficiency: EfficiencySummary;
  steady: SteadyState;
  breakdown: BreakdownReport;
  sequences: { roots: number; walks: number; distinct: number; truncated: boolean; longest: number } | null;
  fates: ArrivalFates;
}

/**
 * The window efficiency is measured on, so that it describes the steady state:
 *  - periodic: whole periods, starting one period after the onset (so refractory intervals
 *    running into the window from before are part of the pattern, as at its end);
 *  - stationary: from the onset to the end;
 *  - silent: after the last refractory interval ended (no arrivals, efficiency 0: activity died);
 *  - otherwise the whole run.
 */
export function measurementWindow(steady: SteadyState, duration: number, maxRefractory: number): [number, number] {
  if (steady.kind === 'periodic' && steady.since !== null && steady.period) {
    const from = steady.since + steady.period;
    const k = Math.floor((duration - from) / steady.period + 1e-9);
    if (k >= 1) return [from, from + k * steady.period];
  }
  if (steady.kind === 'stationary' && steady.since !== null) return [steady.since, duration];
  if (steady.kind === 'silent' && steady.since !== null && steady.since + maxRefractory < duration) return [steady.since + maxRefractory, duration];
  return [0, duration];
}

export function analyzeRun(net: Network, spikes: SpikeTrainLike, o: RunAnalysisOptions): RunAnalysis {
  const steady = steadyState(spikes, { n: net.n, duration: o.duration });
  let maxR = 0;
  for (let j = 0; j < net.n; j++) maxR = Math.max(maxR, net.refractory[j]);
  const window = measurementWindow(steady, o.duration, maxR);
  const fates = arrivalFates(net, spikes, { duration: o.duration, dt: o.dt, listBlocked: o.listBlocked, window });
  const efficiency = efficiencySummary(net, fates);
  const S = spikes.node.length;
  let sources = o.sources;
  let sequences: RunAnalysis['sequences'] = null;
  if (S <= (o.maxCausalSpikes ?? 1_000_000)) {
    const g = causalGraph(net, spikes, { duration: o.duration, dt: o.dt });
    if (!sources) sources = [...new Set(Array.from(g.roots, (s) => spikes.node[s]))].sort((a, b) => a - b);
    const w = causalWalks(g, spikes.node, { maxWalks: o.maxWalks ?? 10_000 });
    sequences = {
      roots: g.roots.length,
      walks: w.nodes.length,
      distinct: new Set(w.nodes.map((x) => x.join(','))).size,
      truncated: w.truncated,
      longest: w.nodes.reduce((m, x) => Math.max(m, x.length), 0),
    };
  }
  return {
    spikes: S,
    rateHz: net.n > 0 && o.duration > 0 ? S / (net.n * o.duration * 1e-3) : 0,
    lambda: summarizeRatios(refractionRatios(net, 'target')),
    lambdaSource: summarizeRatios(refractionRatios(net, 'source')),
    efficiency,
    steady,
    breakdown: breakdown(net, fates.index, { duration: o.duration, sources, maxCycles: o.maxCycles }),
    sequences,
    fates,
  };
}
