/** Flat, JSON-friendly records of analysis results, shared by `analyze` and `sweep`. */
import type { RunAnalysis } from '../analysis/run-analysis.js';
import type { RatioSummary } from '../analysis/refraction.js';

const round = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

export function lambdaRecord(l: RatioSummary, prefix = 'lambda'): Record<string, number | null> {
  return {
    [`${prefix}_median`]: round(l.median),
    [`${prefix}_q1`]: round(l.q1),
    [`${prefix}_q3`]: round(l.q3),
    [`${prefix}_fraction_above_1`]: round(l.fractionAboveOne),
  };
}

export function runRecord(a: RunAnalysis): Record<string, unknown> {
  const b = a.breakdown;
  return {
    spikes: a.spikes,
    rate_hz: a.rateHz,
    ...lambdaRecord(a.lambda),
    lambda_source_median: round(a.lambdaSource.median),
    arrivals_delivered: a.efficiency.delivered,
    arrivals_blocked: a.efficiency.blocked,
    blocked_fraction: a.efficiency.blockedFraction,
    efficiency: a.efficiency.efficiency,
    busy_fraction: a.efficiency.busyFraction,
    efficiency_window_ms: a.efficiency.window,
    idle_gap_mean_ms: round(a.efficiency.idleGapMean),
    sustained: b.sustained,
    last_spike_ms: b.lastSpike,
    steady: a.steady.kind,
    steady_since_ms: a.steady.since,
    steady_period_ms: a.steady.period,
    cycles: b.cycles.total,
    cycles_truncated: b.cycles.truncated,
    cycles_sustainable: b.cycles.sustainable,
    cycles_refractory_limited: b.cycles.refractoryLimited,
    refractory_limited_examples: b.cycles.examples.map((c) => ({ nodes: c.nodes, delay_ms: c.latency, max_R_ms: c.maxRefractory })),
    reach_sources: b.reach.sources.length,
    reachable: b.reach.reachable,
    reached: b.reach.reached,
    sequence_roots: a.sequences?.roots ?? null,
    sequences: a.sequences?.walks ?? null,
    sequences_distinct: a.sequences?.distinct ?? null,
    sequences_truncated: a.sequences?.truncated ?? null,
    flags: b.flags,
  };
}
