/**
 * The fate of every recurrent arrival, recomputed from a network and its spikes alone: a
 * spike of i at t sends each out-edge e to arrive at a = (t + P_i) + τ_e (the engine's own
 * arithmetic, so equal times stay equal); the arrival is blocked iff the target's last
 * activation before a, t_last, satisfies a < t_last + R. For effective arrivals at nodes that
 * had fired before, the idle gap a − (t_last + R) ≥ 0 says how long the target sat receptive
 * before the signal came. Works the same on a run in memory and on a saved run directory.
 * (Stimuli are not arrivals along edges and are not counted here.)
 */
import type { Network } from '../model/types.js';
import { indexSpikes, lastBefore, type SpikeIndex } from './spike-index.js';

export interface SpikeTrainLike {
  node: ArrayLike<number>;
  time: ArrayLike<number>;
}

export interface ArrivalOptions {
  /** Model time covered by the spikes (ms); arrivals at or after it were still in flight. */
  duration: number;
  /** Grid step (ms) when the run used grid mode (times, latencies, R, P in whole steps). */
  dt?: number | null;
  /** Also list every blocked arrival (target node, arrival time, edge). */
  listBlocked?: boolean;
}

export interface ArrivalFates {
  edgeDelivered: Uint32Array;
  edgeBlocked: Uint32Array;
  nodeDelivered: Uint32Array;
  nodeBlocked: Uint32Array;
  /** Σ idle gap (ms) and number of gaps per edge / per target node. */
  edgeGapSum: Float64Array;
  edgeGapCount: Uint32Array;
  nodeGapSum: Float64Array;
  nodeGapCount: Uint32Array;
  delivered: number;
  blocked: number;
  /** Arrivals due at or after `duration` (not processed). */
  inFlight: number;
  blockedList: { node: Int32Array; time: Float64Array; edge: Int32Array } | null;
  /** The spikes grouped by node, times in ms (reusable by other analyses). */
  index: SpikeIndex;
}

/** Converts times and delays to the engine's units (whole steps in grid mode). */
export function engineUnits(dt: number | null | undefined): { time: (ms: number) => number; delay: (ms: number) => number; scale: number } {
  if (!dt) return { time: (x) => x, delay: (x) => x, scale: 1 };
  return { time: (x) => Math.round(x / dt), delay: (x) => Math.floor(x / dt + 0.5), scale: dt };
}

export function arrivalFates(net: Network, spikes: SpikeTrainLike, o: ArrivalOptions): ArrivalFates {
  const { n, m } = net;
  const u = engineUnits(o.dt);
  const unitSpikes = o.dt ? { node: spikes.node, time: Float64Array.from(spikes.time, u.time) } : spikes;
  const idx = indexSpikes(n, unitSpikes);
  const end = u.time(o.duration);
  const lat = o.dt ? net.latency.map(u.delay) : net.latency;
  const R = o.dt ? net.refractory.map(u.delay) : net.refractory;
  const P = o.dt ? net.processing.map(u.delay) : net.processing;
  const f: ArrivalFates = {
    edgeDelivered: new Uint32Array(m),
    edgeBlocked: new Uint32Array(m),
    nodeDelivered: new Uint32Array(n),
    nodeBlocked: new Uint32Array(n),
    edgeGapSum: new Float64Array(m),
    edgeGapCount: new Uint32Array(m),
    nodeGapSum: new Float64Array(n),
    nodeGapCount: new Uint32Array(n),
    delivered: 0,
    blocked: 0,
    inFlight: 0,
    blockedList: null,
    index: o.dt ? { ...idx, times: idx.times.map((t) => t * u.scale) } : idx,
  };
  const bl = o.listBlocked ? { node: [] as number[], time: [] as number[], edge: [] as number[] } : null;
  for (let i = 0; i < n; i++) {
    const e0 = net.offset[i], e1 = net.offset[i + 1];
    if (e0 === e1) continue;
    for (let p = idx.start[i]; p < idx.start[i + 1]; p++) {
      const tEmit = idx.times[p] + P[i];
      for (let e = e0; e < e1; e++) {
        const a = tEmit + lat[e];
        if (a >= end) {
          f.inFlight++;
          continue;
        }
        const j = net.target[e];
        const q = lastBefore(idx, j, a);
        const last = q >= 0 ? idx.times[q] : -Infinity;
        if (a < last + R[j]) {
          f.edgeBlocked[e]++;
          f.nodeBlocked[j]++;
          f.blocked++;
          if (bl) {
            bl.node.push(j);
            bl.time.push(a * u.scale);
            bl.edge.push(e);
          }
        } else {
          f.edgeDelivered[e]++;
          f.nodeDelivered[j]++;
          f.delivered++;
          if (q >= 0) {
            const gap = (a - (last + R[j])) * u.scale;
            f.edgeGapSum[e] += gap;
            f.edgeGapCount[e]++;
            f.nodeGapSum[j] += gap;
            f.nodeGapCount[j]++;
          }
        }
      }
    }
  }
  if (bl) {
    // canonical order: time, then node
    const ord = bl.node.map((_, k) => k).sort((x, y) => bl.time[x] - bl.time[y] || bl.node[x] - bl.node[y] || bl.edge[x] - bl.edge[y]);
    f.blockedList = { node: Int32Array.from(ord, (k) => bl.node[k]), time: Float64Array.from(ord, (k) => bl.time[k]), edge: Int32Array.from(ord, (k) => bl.edge[k]) };
  }
  return f;
}
