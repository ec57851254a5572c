/**
 * The fate of every recurrent arrival, recomputed from a network and its spikes alone: a
 * spike of i at t sends each out-edge e to arrive at a = (t + P_i) + τ_e (the engine's own
 * arithmetic, so equal times stay equal); the arrival is blocked iff the target's last
 * activation before a, t_last, satisfies a < t_last + R (with the engine's tolerance for float
 * rounding, model/time.ts). For effective arrivals at nodes that
 * had fired before, the idle gap a − (t_last + R) ≥ 0 says how long the target sat receptive
 * before the signal came. Works the same on a run in memory and on a saved run directory.
 * (Stimuli are not arrivals along edges and are not counted here.)
 */
import type { Network } from '../model/types.js';
import { receptiveFrom, TIME_TOLERANCE } from '../model/time.js';
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
  /**
   * Window [from, to) (ms) over which arrival timing is scored (`timing`, the signalling
   * efficiency); default the whole run [0, duration).
   */
  window?: [number, number];
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
  /**
   * Timing of the arrivals due in `window`: each blocked arrival scores 0 (it came too early),
   * each effective one R/(R + g), where g ≥ 0 is how long its target had been receptive (since
   * its last refractory period ended, or since t = 0 if it had not fired): 1 when it arrives
   * just as the target recovers. `sum` / `count` is the signalling efficiency.
   */
  timing: { window: [number, number]; sum: number; count: number };
  /** The spikes grouped by node, times in ms (reusable by other analyses). */
  index: SpikeIndex;
}

/**
 * Converts times and delays to the engine's units (whole steps in grid mode), with the
 * engine's tolerance of refractory boundaries in those units (model/time.ts).
 */
export function engineUnits(dt: number | null | undefined): { time: (ms: number) => number; delay: (ms: number) => number; scale: number; tolerance: number } {
  if (!dt) return { time: (x) => x, delay: (x) => x, scale: 1, tolerance: TIME_TOLERANCE };
  return { time: (x) => Math.round(x / dt), delay: (x) => Math.floor(x / dt + 0.5), scale: dt, tolerance: 0 };
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
    timing: { window: o.window ?? [0, o.duration], sum: 0, count: 0 },
    index: o.dt ? { ...idx, times: idx.times.map((t) => t * u.scale) } : idx,
  };
  const bl = o.listBlocked ? { node: [] as number[], time: [] as number[], edge: [] as number[] } : null;
  const w0 = u.time(f.timing.window[0]), w1 = u.time(f.timing.window[1]);
  let timingSum = 0, timingCount = 0;
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
        const scored = a >= w0 && a < w1;
        if (scored) timingCount++;
        if (a < receptiveFrom(last, R[j], u.tolerance)) {
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
          if (scored) {
            // receptive since its refractory period ended (within the tolerance: at once), or since t = 0
            const idle = q >= 0 ? Math.max(0, a - (last + R[j])) : a;
            timingSum += R[j] + idle > 0 ? R[j] / (R[j] + idle) : 1;
          }
          if (q >= 0) {
            // within the tolerance an arrival a rounding error early is at the end: gap 0
            const gap = Math.max(0, a - (last + R[j])) * u.scale;
            f.edgeGapSum[e] += gap;
            f.edgeGapCount[e]++;
            f.nodeGapSum[j] += gap;
            f.nodeGapCount[j]++;
          }
        }
      }
    }
  }
  f.timing.sum = timingSum;
  f.timing.count = timingCount;
  if (bl) {
    // canonical order: time, then node
    const ord = bl.node.map((_, k) => k).sort((x, y) => bl.time[x] - bl.time[y] || bl.node[x] - bl.node[y] || bl.edge[x] - bl.edge[y]);
    f.blockedList = { node: Int32Array.from(ord, (k) => bl.node[k]), time: Float64Array.from(ord, (k) => bl.time[k]), edge: Int32Array.from(ord, (k) => bl.edge[k]) };
  }
  return f;
}
