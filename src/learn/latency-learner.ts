/**
 * The `latency` learner: the network itself decides, and learning is a change of timing, not
 * of weights. Each stored example adds an output node; the edges into it come from the map
 * nodes that fired earliest for that example, each with the latency that makes all their
 * spikes arrive together (τ_j = t_ref − t_j). A new input whose map spikes keep those relative
 * timings makes them coincide again; the output nodes (`window` mode: they fire when θ of
 * their arrivals fall within W ms) race, and the first to fire names the class — the
 * refractory competition of Silva's framework, simulated by the engine.
 */
import { EdgeList, makeNetwork, withChanges } from '../model/build.js';
import type { Network } from '../model/types.js';
import { Simulation } from '../engine/simulation.js';
import { checkNumber, finiteAtLeast0, finitePositive, intIn } from './option-check.js';

export interface LatencyLearnerOptions {
  /** Map nodes per stored example (its earliest). Default 48. */
  select?: number;
  /** Coincidence window W of the output nodes, ms. Default 1.5. */
  window?: number;
  /** Threshold as a fraction of the selected inputs that must coincide. Default 0.5. */
  thresholdFraction?: number;
  /** Arrivals are aligned this long after the last selected spike, ms. Default 0.1. */
  margin?: number;
}

export interface StoredTiming {
  label: number;
  /** Map node ids feeding this output, and the latency of each edge (ms). */
  nodes: Int32Array;
  latencies: Float64Array;
}

export interface RaceResult {
  label: number;
  /** Index of the winning output (stored example), and when it fired (ms). */
  output: number;
  time: number;
}

export class LatencyLearner {
  readonly outputs: StoredTiming[] = [];
  readonly options: Required<LatencyLearnerOptions>;
  private cache: { net: Network; sims: Simulation[]; horizon: number; used: Int32Array } | null = null;

  constructor(
    /** Number of map nodes (the signature dimension). */
    readonly mapCount: number,
    o: LatencyLearnerOptions = {},
  ) {
    this.options = {
      select: checkNumber('latency.select', o.select ?? 48, intIn(1, 2 ** 31 - 1), 'an integer >= 1'),
      window: checkNumber('latency.window', o.window ?? 1.5, finitePositive, 'a finite number > 0 (ms)'),
      thresholdFraction: checkNumber('latency.thresholdFraction', o.thresholdFraction ?? 0.5, (x) => x > 0 && x <= 1, 'a fraction in (0, 1]'),
      margin: checkNumber('latency.margin', o.margin ?? 0.1, finiteAtLeast0, 'a finite number >= 0 (ms)'),
    };
  }

  /** Stores one example from its map first-spike times (Infinity = silent). */
  learnTimes(times: ArrayLike<number>, label: number): void {
    const order: number[] = [];
    for (let j = 0; j < this.mapCount; j++) if (Number.isFinite(times[j])) order.push(j);
    order.sort((a, b) => times[a] - times[b] || a - b);
    const sel = order.slice(0, this.options.select).sort((a, b) => a - b);
    if (sel.length === 0) return;
    let tRef = -Infinity;
    for (const j of sel) tRef = Math.max(tRef, times[j]);
    tRef += this.options.margin;
    this.outputs.push({ label, nodes: Int32Array.from(sel), latencies: Float64Array.from(sel, (j) => tRef - times[j]) });
    this.cache = null;
  }

  /** Marks the race network as changed (after editing a stored latency by hand). */
  invalidate(): void {
    this.cache = null;
  }

  /** The race network: map nodes 0..mapCount−1 (forced by the input), then one output node per stored example. */
  network(): Network {
    return this.prepare().net;
  }

  private prepare(): NonNullable<LatencyLearner['cache']> {
    if (this.cache) return this.cache;
    const D = this.mapCount, o = this.options;
    const el = new EdgeList();
    const thresholds: number[] = [];
    const used = new Uint8Array(D);
    let maxLat = 0;
    this.outputs.forEach((out, k) => {
      for (let q = 0; q < out.nodes.length; q++) {
        el.add(out.nodes[q], D + k, out.latencies[q], 1);
        used[out.nodes[q]] = 1;
        maxLat = Math.max(maxLat, out.latencies[q]);
      }
      thresholds.push(Math.max(1, Math.ceil(o.thresholdFraction * out.nodes.length)));
    });
    const n = D + this.outputs.length;
    const net = makeNetwork({
      n,
      nodes: {
        mode: Array.from({ length: n }, (_, i) => (i < D ? 'first' : 'window')),
        threshold: Float64Array.from({ length: n }, (_, i) => (i < D ? 1 : thresholds[i - D])),
        window: o.window,
        refractory: 1e6,
      },
      edges: el.columns(),
      meta: { name: 'latency learner race', builder: 'latency-learner' },
    });
    const usedIds: number[] = [];
    for (let j = 0; j < D; j++) if (used[j]) usedIds.push(j);
    // the same race with the output thresholds halved, and halved again: used only when no
    // output reaches its threshold (e.g. after losing part of the network)
    const lowered = [1, 0.5, 0.25].map((f) =>
      f === 1 ? net : withChanges(net, { threshold: net.threshold.map((t, i) => (i < D ? t : Math.max(1, Math.ceil(t * f)))) }),
    );
    this.cache = { net, sims: lowered.map((x) => new Simulation(x, { record: { spikes: true } })), horizon: maxLat, used: Int32Array.from(usedIds) };
    return this.cache;
  }

  /**
   * Runs the race for an input's map spike times; if no output fires, again with lowered
   * thresholds (twice at most); null if still none fired.
   */
  race(times: ArrayLike<number>): RaceResult | null {
    if (this.outputs.length === 0) return null;
    const c = this.prepare();
    for (const sim of c.sims) {
      const r = this.runRace(sim, c, times);
      if (r) return r;
    }
    return null;
  }

  private runRace(s: Simulation, c: NonNullable<LatencyLearner['cache']>, times: ArrayLike<number>): RaceResult | null {
    const sim = s.reset();
    let tMax = 0;
    for (const j of c.used) {
      const t = times[j];
      if (Number.isFinite(t)) {
        sim.force(j, t);
        tMax = Math.max(tMax, t);
      }
    }
    sim.run(tMax + c.horizon + this.options.window + 1);
    const raw = sim.rawSpikes();
    const D = this.mapCount;
    let best: RaceResult | null = null;
    for (let k = 0; k < raw.count; k++) {
      const node = raw.node[k];
      if (node < D) continue;
      const t = raw.time[k], out = node - D;
      if (!best || t < best.time || (t === best.time && out < best.output)) best = { label: this.outputs[out].label, output: out, time: t };
    }
    return best;
  }
}
