/**
 * CRG (docs/workloads/crg.md §2) built straight into the fast grid kernel's compact form: the same
 * targets and latencies bit for bit, but latencies kept only as runs of equal grid steps,
 * so 10^8 edges take under 0.5 GB instead of 1.2 GB. Sources can be built in ranges, by
 * several worker threads into shared memory (each source has room for its largest possible
 * number of runs, so sources do not depend on each other).
 */
import { h32, mix32, STREAM_POSITION, STREAM_TARGET } from '../model/hash.js';
import { CRG, scaleHash } from '../model/builders/crg.js';
import { allocate, partitionBounds, partitionOf, type GridNetwork } from './grid-network.js';

const TWO_M32 = 2 ** -32;

export interface CrgGridOptions {
  variant?: 'crg' | 'det';
  /** Time step (ms). Default 0.1 (docs/workloads/crg.md). */
  dt?: number;
  /** Node partitions (one per worker thread). Default 1. */
  parts?: number;
  /** Back the arrays with SharedArrayBuffer (for worker threads). */
  shared?: boolean;
}

function check(N: number, K: number, seed: number): void {
  if (!Number.isInteger(N) || N < 2) throw new RangeError(`crg: N must be an integer >= 2, got ${N}`);
  if (!Number.isInteger(K) || K < 1 || K > N - 1) throw new RangeError(`crg: K must be an integer in 1..${N - 1}, got ${K}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`crg: seed must be an unsigned 32-bit integer, got ${seed}`);
  if (N * K > 2 ** 32 - 1) throw new RangeError(`crg: N·K = ${N * K} edges exceeds the 2^32 - 1 edges of one edge array`);
}

/** The network's arrays, allocated but not filled (fill with crgGridPositions / crgGridEdges). */
export function crgGridShell(N: number, K: number, seed: number, o: CrgGridOptions = {}): { g: GridNetwork; pos: Float64Array } {
  check(N, K, seed);
  const parts = o.parts ?? 1, shared = o.shared ?? false, dt = o.dt ?? CRG.dt;
  const det = o.variant === 'det';
  // largest CRG latency 0.5 + 2·√3 ms
  const maxSteps = Math.floor((0.5 + 2 * Math.sqrt(3)) / dt + 0.5) + 1;
  if (maxSteps > 255) throw new RangeError(`crg: dt = ${dt} ms gives delays above 255 steps`);
  const g: GridNetwork = {
    n: N,
    m: N * K,
    dt,
    bounds: partitionBounds(N, parts),
    group: allocate(Uint32Array, 2 * N * parts + 2, shared),
    target: allocate(Int32Array, N * K, shared),
    runs: allocate(Uint8Array, 2 * N * runRoom(K, parts, maxSteps), shared),
    weight: det ? CRG.wDet : CRG.w,
    refractory: Math.floor(CRG.R / dt + 0.5),
    theta: CRG.theta,
    tauM: CRG.tauM,
    maxSteps,
    minSteps: Math.max(1, Math.floor(CRG.dSyn / dt + 0.5)),
  };
  return { g, pos: allocate(Float64Array, 3 * N, shared) };
}

/** Most runs one source can have: one per (partition, delay), runs split at 255 edges. */
function runRoom(K: number, parts: number, maxSteps: number): number {
  return Math.min(K, parts * (maxSteps + 1) + Math.floor(K / 255));
}

/** Positions (mm) of nodes [i0, i1), docs/workloads/crg.md §2.1. */
export function crgGridPositions(seed: number, pos: Float64Array, i0: number, i1: number): void {
  for (let i = i0; i < i1; i++) for (let b = 0; b < 3; b++) pos[3 * i + b] = CRG.L * (h32(seed, STREAM_POSITION, i, b) * TWO_M32);
}

/**
 * Out-edges of sources [i0, i1), docs/workloads/crg.md §2.2–2.4, each source's K edges ordered by
 * (partition of the target, steps), stable. Needs all positions.
 */
export function crgGridEdges(g: GridNetwork, K: number, seed: number, pos: Float64Array, i0: number, i1: number): void {
  const N = g.n, P = g.bounds.length - 1, dt = g.dt, bounds = g.bounds;
  const { group, target, runs } = g;
  const room = runRoom(K, P, g.maxSteps);
  const es = new Int32Array(K);
  // duplicate check: a small open-addressing table per source (cache-friendly at any N)
  let size = 16;
  while (size < 2 * K) size *= 2;
  const keys = new Int32Array(size), stamp = new Int32Array(size).fill(-1);
  const tj = new Int32Array(K), ts = new Int32Array(K), tp = new Int32Array(K);
  const buckets = P * 256;
  const count = new Int32Array(buckets + 1);
  const hs = mix32((mix32(seed) + STREAM_TARGET) >>> 0);
  for (let i = i0; i < i1; i++) {
    const hi = mix32((hs + i) >>> 0);
    const xi = pos[3 * i], yi = pos[3 * i + 1], zi = pos[3 * i + 2];
    let k = 0;
    for (let c = 0; k < K; c++) {
      let j = scaleHash(mix32((hi + c) >>> 0), N - 1);
      if (j >= i) j += 1;
      let slot = (Math.imul(j, 0x9e3779b1) >>> 0) & (size - 1);
      let dup = false;
      while (stamp[slot] === i) {
        if (keys[slot] === j) {
          dup = true;
          break;
        }
        slot = (slot + 1) & (size - 1);
      }
      if (dup) continue;
      stamp[slot] = i;
      keys[slot] = j;
      const dx = xi - pos[3 * j], dy = yi - pos[3 * j + 1], dz = zi - pos[3 * j + 2];
      const lat = 0.5 + Math.sqrt(dx * dx + dy * dy + dz * dz) / 0.5;
      tj[k] = j;
      ts[k] = Math.floor(lat / dt + 0.5);
      tp[k] = partitionOf(bounds, j);
      k++;
    }
    // counting sort by (partition, steps), then the runs
    count.fill(0);
    for (let a = 0; a < K; a++) count[tp[a] * 256 + ts[a] + 1]++;
    for (let b = 0; b < buckets; b++) count[b + 1] += count[b];
    const base = i * K;
    for (let a = 0; a < K; a++) {
      const e = base + count[tp[a] * 256 + ts[a]]++;
      target[e] = tj[a];
      es[e - base] = ts[a];
    }
    let r = i * room;
    for (let p = 0; p < P; p++) {
      group[2 * (i * P + p)] = base + (p === 0 ? 0 : count[(p - 1) * 256 + 255]);
      group[2 * (i * P + p) + 1] = r;
      const end = count[p * 256 + 255];
      for (let a = p === 0 ? 0 : count[(p - 1) * 256 + 255]; a < end; ) {
        let b = a + 1;
        while (b < end && b - a < 255 && es[b] === es[a]) b++;
        runs[2 * r] = es[a];
        runs[2 * r + 1] = b - a;
        r++;
        a = b;
      }
    }
  }
  if (i1 === N) {
    group[2 * N * P] = N * K;
    group[2 * N * P + 1] = N * room;
  }
}

/** CRG in compact grid form, built on this thread. */
export function crgGrid(N: number, K: number, seed: number, o: CrgGridOptions = {}): GridNetwork {
  const { g, pos } = crgGridShell(N, K, seed, o);
  crgGridPositions(seed, pos, 0, N);
  crgGridEdges(g, K, seed, pos, 0, N);
  return g;
}
