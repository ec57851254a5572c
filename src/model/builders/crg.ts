/**
 * The CRG reference workload (docs/workloads/crg.md §2), built bit for bit: positions,
 * targets and latencies follow the specified arithmetic in mm and mm/ms, in the specified
 * order; positions are converted to µm only afterwards.
 */
import { h32, STREAM_POSITION, STREAM_TARGET, STREAM_U0 } from '../hash.js';
import type { Network } from '../types.js';

const TWO_M32 = 2 ** -32;

/** docs/workloads/crg.md §1 constants. */
export const CRG = {
  L: 1.0, // mm
  v: 0.5, // mm/ms
  dSyn: 0.5, // ms
  tauM: 10, // ms
  theta: 1,
  R: 2, // ms
  w: 0.01,
  rExt: 500, // Hz
  wExt: 0.11,
  T: 1000, // ms
  wDet: 1,
  nSeed: 10,
  dt: 0.1, // ms
  TDet: 100, // ms
} as const;

export interface CrgOptions {
  /** 'crg' (weights w = 0.01) or 'det' (weights θ = 1, to be run on the 0.1 ms grid). */
  variant?: 'crg' | 'det';
}

/**
 * floor(h · m / 2^32) for h < 2^32 and m < 2^32, exact for any N (the product is split so
 * that no intermediate exceeds 2^53). Equals docs/workloads/crg.md's double formula where that is exact.
 */
export function scaleHash(h: number, m: number): number {
  const hh = Math.floor(h / 65536), hl = h % 65536;
  const a = hh * m; // < 2^48
  const b = hl * m; // < 2^48
  const aq = Math.floor(a / 65536), ar = a % 65536;
  return aq + Math.floor((ar * 65536 + b) * TWO_M32);
}

/** Positions in mm (3N), as docs/workloads/crg.md §2.1. */
export function crgPositionsMm(N: number, seed: number): Float64Array {
  const pos = new Float64Array(3 * N);
  for (let i = 0; i < N; i++) for (let b = 0; b < 3; b++) pos[3 * i + b] = CRG.L * (h32(seed, STREAM_POSITION, i, b) * TWO_M32);
  return pos;
}

/** Initial potential of node i, u_i(0) = U(seed, 4, i, 0) (CRG only; CRG-det starts at 0). */
export function crgU0(seed: number, i: number): number {
  return h32(seed, STREAM_U0, i, 0) * TWO_M32;
}

/** Initial potentials of all N nodes (crgU0). */
export function crgInitialPotential(N: number, seed: number): Float64Array {
  return Float64Array.from({ length: N }, (_, i) => crgU0(seed, i));
}

/** Grid steps of a latency, docs/workloads/crg.md §2.4: floor(lat / dt + 0.5). */
export function gridSteps(lat: number, dt: number): number {
  return Math.floor(lat / dt + 0.5);
}

export function crg(N: number, K: number, seed: number, opts: CrgOptions = {}): Network {
  if (!Number.isInteger(N) || N < 2) throw new RangeError(`crg: N must be an integer >= 2, got ${N}`);
  if (!Number.isInteger(K) || K < 1 || K > N - 1) throw new RangeError(`crg: K must be an integer in 1..${N - 1}, got ${K}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`crg: seed must be an unsigned 32-bit integer, got ${seed}`);
  const variant = opts.variant ?? 'crg';
  const pos = crgPositionsMm(N, seed);
  const m = N * K;
  const target = new Int32Array(m);
  const latency = new Float64Array(m);
  const seen = new Int32Array(N).fill(-1);
  for (let i = 0; i < N; i++) {
    const xi = pos[3 * i], yi = pos[3 * i + 1], zi = pos[3 * i + 2];
    let k = 0;
    for (let c = 0; k < K; c++) {
      let j = scaleHash(h32(seed, STREAM_TARGET, i, c), N - 1);
      if (j >= i) j += 1;
      if (seen[j] === i) continue;
      seen[j] = i;
      const e = i * K + k++;
      target[e] = j;
      const dx = xi - pos[3 * j], dy = yi - pos[3 * j + 1], dz = zi - pos[3 * j + 2];
      const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
      latency[e] = 0.5 + d / 0.5;
    }
  }
  for (let k = 0; k < pos.length; k++) pos[k] *= 1000; // mm → µm, after the latencies
  const offset = m < 2 ** 32 ? new Uint32Array(N + 1) : new Float64Array(N + 1);
  for (let i = 0; i <= N; i++) offset[i] = i * K;
  return {
    n: N,
    m,
    refractory: new Float64Array(N).fill(CRG.R),
    threshold: new Float64Array(N).fill(CRG.theta),
    processing: new Float64Array(N),
    mode: new Uint8Array(N).fill(2),
    window: new Float64Array(N).fill(1),
    tauM: new Float64Array(N).fill(CRG.tauM),
    position: pos,
    labels: null,
    offset,
    target,
    latency,
    weight: variant === 'det' ? CRG.wDet : CRG.w,
    length: null,
    meta: {
      name: variant === 'det' ? 'CRG-det' : 'CRG',
      builder: 'crg',
      params: { N, K, variant },
      seed,
      speed: CRG.v * 1000,
      synDelay: CRG.dSyn,
    },
  };
}
