/**
 * Random geometric networks: nodes uniform in a box, edges by K random targets, by radius,
 * or with a distance-dependent probability; latency = tortuosity · distance / speed + delay.
 */
import { makeNetwork, EdgeList } from '../build.js';
import { createRng, type Rng } from '../random.js';
import type { Network, NodeParams } from '../types.js';

export type ConnectRule =
  | { rule: 'k'; k: number }
  | { rule: 'radius'; radius: number }
  | { rule: 'distance'; p0: number; lambda: number };

export interface GeometricOptions extends NodeParams {
  /** Number of nodes. */
  n: number;
  /** 2 (z = 0) or 3 dimensions. Default 3. */
  dim?: 2 | 3;
  /** Box side (µm), one value or [x, y, z]. Default 1000 µm. */
  box?: number | readonly [number, number, number];
  /** How edges are drawn. Default: 10 random targets per node. */
  connect?: ConnectRule;
  /** Conduction speed (µm/ms; 1 m/s = 1000 µm/ms). Default 1000. */
  speed?: number;
  /** Fixed synaptic delay added to every edge (ms). Default 0. */
  synDelay?: number;
  /** Path length / straight-line distance (≥ 1). Default 1. */
  tortuosity?: number;
  /** Weight of excitatory edges. Default 1. */
  weight?: number;
  /** Fraction of nodes whose out-edges are inhibitory (weight · −inhibitoryGain). Default 0. */
  inhibitoryFraction?: number;
  inhibitoryGain?: number;
  /** Seed of every random choice. Default 1. */
  seed?: number;
}

/** Probability below which the distance rule stops looking for partners (bounds the search). */
const P_CUTOFF = 1e-6;

export function geometric(opts: GeometricOptions): Network {
  const n = opts.n;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`geometric: n must be a positive integer, got ${n}`);
  const dim = opts.dim ?? 3;
  const box = typeof opts.box === 'number' || opts.box === undefined ? [opts.box ?? 1000, opts.box ?? 1000, opts.box ?? 1000] : [...opts.box];
  if (dim === 2) box[2] = 0;
  const speed = opts.speed ?? 1000;
  const synDelay = opts.synDelay ?? 0;
  const tort = opts.tortuosity ?? 1;
  const connect = opts.connect ?? { rule: 'k', k: 10 };
  const w = opts.weight ?? 1;
  const inhFrac = opts.inhibitoryFraction ?? 0;
  const inhGain = opts.inhibitoryGain ?? 1;
  if (!(speed > 0)) throw new RangeError(`geometric: speed must be > 0, got ${speed}`);
  if (!(tort >= 1)) throw new RangeError(`geometric: tortuosity must be >= 1, got ${tort}`);
  if (!(synDelay >= 0)) throw new RangeError(`geometric: synDelay must be >= 0, got ${synDelay}`);
  const seed = opts.seed ?? 1;
  const rng = createRng(seed);

  const pos = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) for (let d = 0; d < 3; d++) pos[3 * i + d] = box[d] === 0 ? 0 : rng.float() * box[d];
  const inhibitory = new Uint8Array(n);
  for (let i = 0; i < n; i++) inhibitory[i] = rng.float() < inhFrac ? 1 : 0;

  const edges = new EdgeList();
  const add = (i: number, j: number) => {
    const dx = pos[3 * i] - pos[3 * j], dy = pos[3 * i + 1] - pos[3 * j + 1], dz = pos[3 * i + 2] - pos[3 * j + 2];
    const len = tort * Math.sqrt(dx * dx + dy * dy + dz * dz);
    edges.add(i, j, len / speed + synDelay, inhibitory[i] ? -inhGain * w : w, len);
  };
  const edgeRng = rng.split();
  if (connect.rule === 'k') connectK(n, connect.k, edgeRng, add);
  else if (connect.rule === 'radius') connectNear(pos, n, box, connect.radius, () => 1, edgeRng, add);
  else {
    const { p0, lambda } = connect;
    if (!(p0 > 0 && p0 <= 1) || !(lambda > 0)) throw new RangeError('geometric: distance rule needs 0 < p0 <= 1 and lambda > 0');
    const reach = lambda * Math.log(p0 / P_CUTOFF);
    connectNear(pos, n, box, Math.max(reach, 0), (d) => p0 * Math.exp(-d / lambda), edgeRng, add);
  }
  const c = edges.columns();
  return makeNetwork({
    n,
    nodes: opts,
    position: pos,
    edges: { ...c, weight: c.weight },
    meta: {
      builder: 'geometric',
      params: { n, dim, box, connect, speed, synDelay, tortuosity: tort, weight: w, inhibitoryFraction: inhFrac, inhibitoryGain: inhGain },
      seed,
      speed,
      synDelay,
    },
  });
}

/** K distinct random targets per node, no self-loops. */
function connectK(n: number, k: number, rng: Rng, add: (i: number, j: number) => void): void {
  if (!Number.isInteger(k) || k < 0 || k > n - 1) throw new RangeError(`geometric: k must be an integer in 0..${n - 1}, got ${k}`);
  const seen = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    let got = 0;
    while (got < k) {
      let j = rng.int(0, n - 2);
      if (j >= i) j++;
      if (seen[j] === i) continue;
      seen[j] = i;
      add(i, j);
      got++;
    }
  }
}

/**
 * Pairs closer than `reach`, each kept with probability p(d); a uniform cell grid keeps the
 * search near-linear in n. Targets of a node are visited in increasing node order.
 */
function connectNear(
  pos: Float64Array,
  n: number,
  box: number[],
  reach: number,
  p: (d: number) => number,
  rng: Rng,
  add: (i: number, j: number) => void,
): void {
  const cell = Math.max(reach, 1e-9);
  const dims = box.map((b) => Math.max(1, Math.min(1024, Math.ceil(b / cell))));
  const cellOf = (i: number) => {
    let c = 0;
    for (let d = 2; d >= 0; d--) {
      const k = Math.min(dims[d] - 1, Math.floor(box[d] === 0 ? 0 : pos[3 * i + d] / cell));
      c = c * dims[d] + k;
    }
    return c;
  };
  const ncell = dims[0] * dims[1] * dims[2];
  const start = new Int32Array(ncell + 1);
  const cellIdx = new Int32Array(n);
  for (let i = 0; i < n; i++) start[(cellIdx[i] = cellOf(i)) + 1]++;
  for (let c = 0; c < ncell; c++) start[c + 1] += start[c];
  const members = new Int32Array(n);
  const fillAt = start.slice(0, ncell);
  for (let i = 0; i < n; i++) members[fillAt[cellIdx[i]]++] = i;
  const span = dims.map((d, k) => (box[k] === 0 ? 0 : Math.min(d - 1, Math.ceil(reach / cell))));
  const cand: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = cellIdx[i];
    const cx = c % dims[0], cy = Math.floor(c / dims[0]) % dims[1], cz = Math.floor(c / (dims[0] * dims[1]));
    cand.length = 0;
    for (let z = Math.max(0, cz - span[2]); z <= Math.min(dims[2] - 1, cz + span[2]); z++)
      for (let y = Math.max(0, cy - span[1]); y <= Math.min(dims[1] - 1, cy + span[1]); y++)
        for (let x = Math.max(0, cx - span[0]); x <= Math.min(dims[0] - 1, cx + span[0]); x++) {
          const cc = (z * dims[1] + y) * dims[0] + x;
          for (let q = start[cc]; q < start[cc + 1]; q++) if (members[q] !== i) cand.push(members[q]);
        }
    cand.sort((a, b) => a - b);
    for (const j of cand) {
      const dx = pos[3 * i] - pos[3 * j], dy = pos[3 * i + 1] - pos[3 * j + 1], dz = pos[3 * i + 2] - pos[3 * j + 2];
      const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
      if (d > reach) continue;
      const pr = p(d);
      if (pr >= 1 || rng.float() < pr) add(i, j);
    }
  }
}
