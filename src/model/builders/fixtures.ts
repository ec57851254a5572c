/**
 * Small deterministic networks with known analytic behaviour (docs/design.md §2): ring, pair,
 * race, star and lattice. They double as test fixtures and as CLI presets.
 */
import { makeNetwork, EdgeList } from '../build.js';
import type { Network, NodeParams } from '../types.js';

export interface RingOptions extends NodeParams {
  /** Number of nodes (≥ 2). */
  n: number;
  /** Latency of every edge (ms). */
  latency: number;
  weight?: number;
  /** Also connect i → i−1. Default false. */
  bidirectional?: boolean;
  /** Place nodes on a circle of this radius (µm); latency stays as given. */
  radius?: number;
}

/** Directed ring 0 → 1 → … → n−1 → 0. */
export function ring(o: RingOptions): Network {
  const { n, latency } = o;
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`ring: n must be an integer >= 2, got ${n}`);
  const el = new EdgeList();
  for (let i = 0; i < n; i++) {
    el.add(i, (i + 1) % n, latency, o.weight ?? 1);
    if (o.bidirectional) el.add(i, (i - 1 + n) % n, latency, o.weight ?? 1);
  }
  const r = o.radius ?? 100;
  const pos = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    pos[3 * i] = r * Math.cos((2 * Math.PI * i) / n);
    pos[3 * i + 1] = r * Math.sin((2 * Math.PI * i) / n);
  }
  return makeNetwork({ n, nodes: o, position: pos, edges: el.columns(), meta: { builder: 'ring', params: { n, latency, bidirectional: !!o.bidirectional } } });
}

export interface PairOptions extends NodeParams {
  /** Latency of both edges (ms). */
  latency: number;
  weight?: number;
}

/** Two nodes 0 ⇄ 1. Forcing node 0 sustains activity iff 2τ ≥ R. */
export function pair(o: PairOptions): Network {
  const el = new EdgeList();
  el.add(0, 1, o.latency, o.weight ?? 1);
  el.add(1, 0, o.latency, o.weight ?? 1);
  return makeNetwork({ n: 2, nodes: o, position: [0, 0, 0, 100, 0, 0], edges: el.columns(), meta: { builder: 'pair', params: { latency: o.latency } } });
}

export interface RaceOptions extends NodeParams {
  /** Latency a → b (ms). */
  tauAB: number;
  /** Latency c → b (ms). */
  tauCB: number;
  weight?: number;
}

/**
 * The two-signal race: nodes a = 0, b = 1, c = 2 with a → b and c → b. Force a and c at 0:
 * b fires at min(τab, τcb) and the later signal is blocked iff the gap is < R_b.
 */
export function race(o: RaceOptions): Network {
  const el = new EdgeList();
  el.add(0, 1, o.tauAB, o.weight ?? 1);
  el.add(2, 1, o.tauCB, o.weight ?? 1);
  return makeNetwork({ n: 3, nodes: o, position: [0, 0, 0, 100, 0, 0, 200, 0, 0], edges: el.columns(), meta: { builder: 'race', params: { tauAB: o.tauAB, tauCB: o.tauCB } } });
}

export interface StarOptions extends NodeParams {
  /** Latency of each leaf → hub edge (ms); leaves are nodes 1..k, the hub is node 0. */
  latencies: readonly number[];
  /** Weight of each leaf → hub edge (default 1 each). */
  weights?: readonly number[];
}

/** k leaves feeding one hub: a many-way race, or the inputs of a perceptron. */
export function star(o: StarOptions): Network {
  const k = o.latencies.length;
  const el = new EdgeList();
  for (let i = 0; i < k; i++) el.add(i + 1, 0, o.latencies[i], o.weights ? o.weights[i] : 1);
  const pos = new Float64Array(3 * (k + 1));
  for (let i = 0; i < k; i++) {
    pos[3 * (i + 1)] = 100 * Math.cos((2 * Math.PI * i) / k);
    pos[3 * (i + 1) + 1] = 100 * Math.sin((2 * Math.PI * i) / k);
  }
  return makeNetwork({ n: k + 1, nodes: o, position: pos, edges: el.columns(), meta: { builder: 'star', params: { latencies: [...o.latencies] } } });
}

export interface LatticeOptions extends NodeParams {
  rows: number;
  cols: number;
  /** Distance between neighbours (µm). Default 100. */
  spacing?: number;
  /** Conduction speed (µm/ms). Default 1000. */
  speed?: number;
  synDelay?: number;
  tortuosity?: number;
  /** 4 (von Neumann) or 8 (Moore) neighbours. Default 4. */
  neighbourhood?: 4 | 8;
  /** Wrap around the edges (a torus; distances across the seam are the short way). */
  periodic?: boolean;
  weight?: number;
}

/** A 2-D grid with edges both ways between neighbours. Node id = row · cols + col. */
export function lattice(o: LatticeOptions): Network {
  const { rows, cols } = o;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1 || rows * cols < 2)
    throw new RangeError('lattice: rows and cols must be positive integers with at least 2 nodes');
  const h = o.spacing ?? 100, speed = o.speed ?? 1000, delay = o.synDelay ?? 0, tort = o.tortuosity ?? 1;
  const nb = o.neighbourhood ?? 4;
  const steps = nb === 8 ? [[-1, -1], [-1, 0], [-1, 1], [0, -1], [0, 1], [1, -1], [1, 0], [1, 1]] : [[-1, 0], [0, -1], [0, 1], [1, 0]];
  const n = rows * cols;
  const pos = new Float64Array(3 * n);
  const el = new EdgeList();
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      pos[3 * i] = c * h;
      pos[3 * i + 1] = r * h;
      for (const [dr, dc] of steps) {
        let rr = r + dr, cc = c + dc;
        if (o.periodic) {
          rr = (rr + rows) % rows;
          cc = (cc + cols) % cols;
        } else if (rr < 0 || rr >= rows || cc < 0 || cc >= cols) continue;
        const j = rr * cols + cc;
        if (j === i) continue;
        const len = tort * h * Math.hypot(dr, dc);
        el.add(i, j, len / speed + delay, o.weight ?? 1, len);
      }
    }
  return makeNetwork({
    n,
    nodes: o,
    position: pos,
    edges: el.columns(),
    meta: { builder: 'lattice', params: { rows, cols, spacing: h, neighbourhood: nb, periodic: !!o.periodic, tortuosity: tort }, speed, synDelay: delay },
  });
}
