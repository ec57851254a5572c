/**
 * The compact form of a network for the fast grid kernel (docs/design.md §4): integer delays in
 * steps, edges grouped per (source, partition) and sorted by delay inside each group, so that
 * one spike schedules one queue entry per distinct delay instead of one per edge.
 *
 * Storage: per edge the target (4 bytes) and, only when weights differ, the weight (4 bytes);
 * per run of equal delays its delay and length (2 bytes, 4 with delays above 255 steps);
 * per (source, partition) where its edges and runs start (8 bytes). For CRG (K = 100, ~20
 * runs per source on one partition, room kept for 42) that is 4.9 bytes per edge. Partitions are contiguous node ranges; a
 * worker thread owns one partition and reads the edges of every source into it.
 */
import { MODE_FIRST, MODE_LEAKY, MODE_WINDOW, type Network } from '../model/types.js';

export interface GridNetwork {
  n: number;
  m: number;
  /** Time step (ms). */
  dt: number;
  /** Partition p owns nodes [bounds[p], bounds[p+1]); length parts + 1. */
  bounds: Int32Array;
  /**
   * Per (source i, partition p), x = i·P + p: group[2x] its first edge, group[2x + 1] its
   * first run; group[2x + 2] ends its edges. Length 2·n·P + 2.
   */
  group: Uint32Array;
  target: Int32Array;
  /**
   * Runs of edges with equal delay P_i + τ_e (whole steps ≥ 1), in edge order within each
   * group: runs[2r] the delay, runs[2r + 1] the number of edges (≤ 255). A spike queues one
   * entry per run. Runs of one source may be followed by unused room (CRG builds in parallel).
   */
  runs: Uint8Array | Uint16Array;
  weight: Float32Array | number;
  /** Refractory period in steps. */
  refractory: Int32Array | number;
  /** Threshold; `first`-mode nodes get the smallest positive double (any excitation fires). */
  theta: Float64Array | number;
  /** Membrane time constant (ms); Infinity = no leak. */
  tauM: Float64Array | number;
  /** Largest delay in steps (sizes the queue ring). */
  maxSteps: number;
  /** Smallest delay in steps: worker threads exchange spikes once per this many steps. */
  minSteps: number;
}

/** Partition bounds: `parts` contiguous ranges, each a multiple of `align` nodes except the last. */
export function partitionBounds(n: number, parts: number, align = 1024): Int32Array {
  const b = new Int32Array(parts + 1);
  for (let p = 1; p < parts; p++) b[p] = Math.min(n, Math.round((n * p) / parts / align) * align);
  b[parts] = n;
  return b;
}

/** Index of the partition that owns node j. */
export function partitionOf(bounds: Int32Array, j: number): number {
  let p = 0;
  while (j >= bounds[p + 1]) p++;
  return p;
}

/** A typed array of `length` elements backed by shared memory when `shared` (for worker threads). */
export function allocate<T extends Int32Array | Uint32Array | Uint8Array | Uint16Array | Float64Array | Float32Array>(
  Ctor: { new (buffer: ArrayBufferLike): T; new (length: number): T; BYTES_PER_ELEMENT: number },
  length: number,
  shared: boolean,
): T {
  return shared ? new Ctor(new SharedArrayBuffer(length * Ctor.BYTES_PER_ELEMENT)) : new Ctor(length);
}

const uniform = <T extends ArrayLike<number>>(a: T): number | null => {
  for (let i = 1; i < a.length; i++) if (a[i] !== a[0]) return null;
  return a.length ? a[0] : null;
};

/**
 * Converts a network for the fast grid kernel, rounding latency, refractory and processing
 * times to steps as the engine's grid mode does (floor(x/dt + 0.5)). The kernel applies the
 * arrivals of one step one by one, which equals the engine's grouped sum for non-negative
 * weights; networks with inhibitory edges, `window` nodes or zero delays are refused.
 */
export function toGridNetwork(net: Network, dt: number, parts = 1, shared = false): GridNetwork {
  if (!(dt > 0)) throw new RangeError(`dt must be > 0, got ${dt}`);
  const n = net.n, m = net.m;
  if (m >= 2 ** 32) throw new RangeError(`the fast grid kernel holds up to 2^32 - 1 edges, got ${m}`);
  const units = (x: number): number => Math.floor(x / dt + 0.5);
  for (let i = 0; i < n; i++) if (net.mode[i] === MODE_WINDOW) throw new RangeError(`the fast grid kernel supports leaky and first modes; node ${i} is in window mode`);
  const w = net.weight;
  if (typeof w === 'number' ? w < 0 : w.some((x) => x < 0)) throw new RangeError('the fast grid kernel needs non-negative weights (inhibitory edges use the general engine)');
  const bounds = partitionBounds(n, parts);
  const P = parts;
  let maxSteps = 0, minSteps = Infinity;
  const delay = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    const p = units(net.processing[i]);
    for (let e = net.offset[i]; e < net.offset[i + 1]; e++) {
      const d = p + units(net.latency[e]);
      if (d < 1) throw new RangeError(`edge ${e} has a delay below one step (dt = ${dt} ms); use the general engine`);
      delay[e] = d;
      if (d > maxSteps) maxSteps = d;
      if (d < minSteps) minSteps = d;
    }
  }
  if (maxSteps >= 65536) throw new RangeError(`delays up to 65535 steps are supported, got ${maxSteps}`);
  const group = allocate(Uint32Array, 2 * n * P + 2, shared);
  const target = allocate(Int32Array, m, shared);
  const weight = typeof w === 'number' ? w : allocate(Float32Array, m, shared);
  // per source: its edges ordered by (partition of target, delay), stable; then the runs
  // sort key per edge, computed once: partition of the target, then delay
  const keyOf = Float64Array.from({ length: m }, (_, e) => partitionOf(bounds, net.target[e]) * 65536 + delay[e]);
  const key = (e: number) => keyOf[e];
  const runDelay: number[] = [], runCount: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = net.offset[i], b = net.offset[i + 1];
    const sorted = Array.from({ length: b - a }, (_, k) => a + k).sort((x, y) => key(x) - key(y) || x - y);
    let p = -1;
    for (let k = 0; k < sorted.length; k++) {
      const e = sorted[k];
      const pe = Math.floor(keyOf[e] / 65536);
      while (p < pe) {
        p++;
        group[2 * (i * P + p)] = a + k;
        group[2 * (i * P + p) + 1] = runDelay.length;
      }
      target[a + k] = net.target[e];
      if (typeof weight !== 'number') weight[a + k] = (w as Float32Array)[e];
      const last = runDelay.length - 1;
      const prev = k > 0 ? sorted[k - 1] : -1;
      if (k > 0 && key(prev) === key(e) && runCount[last] < 255 && runDelay.length > group[2 * (i * P + p) + 1]) runCount[last]++;
      else {
        runDelay.push(delay[e]);
        runCount.push(1);
      }
    }
    while (p < P - 1) {
      p++;
      group[2 * (i * P + p)] = b;
      group[2 * (i * P + p) + 1] = runDelay.length;
    }
  }
  group[2 * n * P] = m;
  group[2 * n * P + 1] = runDelay.length;
  const runs = maxSteps < 256 ? allocate(Uint8Array, 2 * runDelay.length, shared) : allocate(Uint16Array, 2 * runDelay.length, shared);
  for (let r = 0; r < runDelay.length; r++) {
    runs[2 * r] = runDelay[r];
    runs[2 * r + 1] = runCount[r];
  }
  const R = Int32Array.from(net.refractory, units);
  const theta = Float64Array.from(net.threshold, (x, i) => (net.mode[i] === MODE_FIRST ? Number.MIN_VALUE : x));
  const tau = Float64Array.from(net.tauM, (x, i) => (net.mode[i] === MODE_LEAKY ? x : Infinity));
  return {
    n,
    m,
    dt,
    bounds,
    group,
    target,
    runs,
    weight,
    refractory: uniform(R) ?? R,
    theta: uniform(theta) ?? theta,
    tauM: uniform(tau) ?? tau,
    maxSteps,
    minSteps: Number.isFinite(minSteps) ? minSteps : 1,
  };
}

