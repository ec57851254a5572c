/**
 * The compact form of a network for the fast grid kernel (DESIGN.md §4): integer delays in
 * steps, edges grouped per (source, partition) and sorted by delay inside each group, so that
 * one spike schedules one queue entry per distinct delay instead of one per edge.
 *
 * Storage per edge: target (4 bytes) + delay (1 byte, or 2 when a delay exceeds 255 steps)
 * + weight (4 bytes, only when weights differ). Partitions are contiguous node ranges; a
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
  /** Edges of source i into partition p: [off[i·P + p], off[i·P + p + 1]); length n·P + 1. */
  off: Uint32Array;
  target: Int32Array;
  /** Delay P_i + τ_e of each edge in whole steps (≥ 1). */
  steps: Uint8Array | Uint16Array;
  /**
   * Run lengths: at the first edge of each run of equal delays (within one source and
   * partition, at most 255 edges) the run's length, elsewhere 0. Emitting a spike then jumps
   * from run to run instead of scanning the delays.
   */
  run: Uint8Array;
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
  const off = allocate(Uint32Array, n * P + 1, shared);
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
  const target = allocate(Int32Array, m, shared);
  const steps = maxSteps < 256 ? allocate(Uint8Array, m, shared) : allocate(Uint16Array, m, shared);
  const weight = typeof w === 'number' ? w : allocate(Float32Array, m, shared);
  const run = allocate(Uint8Array, m, shared);
  // per source: order its edges by (partition of target, delay), stable
  let order = new Int32Array(64);
  for (let i = 0; i < n; i++) {
    const a = net.offset[i], b = net.offset[i + 1];
    if (b - a > order.length) order = new Int32Array(b - a);
    for (let k = 0; k < b - a; k++) order[k] = a + k;
    const key = (e: number) => partitionOf(bounds, net.target[e]) * 65536 + delay[e];
    const sorted = Array.from(order.subarray(0, b - a)).sort((x, y) => key(x) - key(y) || x - y);
    let p = 0;
    off[i * P] = a;
    for (let k = 0; k < sorted.length; k++) {
      const e = sorted[k];
      const pe = partitionOf(bounds, net.target[e]);
      while (p < pe) off[i * P + ++p] = a + k;
      target[a + k] = net.target[e];
      steps[a + k] = delay[e];
      if (typeof weight !== 'number') weight[a + k] = (w as Float32Array)[e];
    }
    while (p < P - 1) off[i * P + ++p] = b;
    for (let q = 0; q < P; q++) markRuns(steps, run, off[i * P + q], q + 1 < P ? off[i * P + q + 1] : b);
  }
  off[n * P] = m;
  const R = Int32Array.from(net.refractory, units);
  const theta = Float64Array.from(net.threshold, (x, i) => (net.mode[i] === MODE_FIRST ? Number.MIN_VALUE : x));
  const tau = Float64Array.from(net.tauM, (x, i) => (net.mode[i] === MODE_LEAKY ? x : Infinity));
  return {
    n,
    m,
    dt,
    bounds,
    off,
    target,
    steps,
    run,
    weight,
    refractory: uniform(R) ?? R,
    theta: uniform(theta) ?? theta,
    tauM: uniform(tau) ?? tau,
    maxSteps,
    minSteps: Number.isFinite(minSteps) ? minSteps : 1,
  };
}

/** Fills `run` for the edges [a, b) of one (source, partition) group, sorted by delay. */
export function markRuns(steps: ArrayLike<number>, run: Uint8Array, a: number, b: number): void {
  let e = a;
  while (e < b) {
    let f = e + 1;
    while (f < b && f - e < 255 && steps[f] === steps[e]) f++;
    run[e] = f - e;
    for (let k = e + 1; k < f; k++) run[k] = 0;
    e = f;
  }
}
