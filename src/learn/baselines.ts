/**
 * Reference learners without gradient descent, to compare the networks against: k-nearest
 * neighbours and nearest class mean (both single-pass, online), k-means (k-means++ and
 * Lloyd) and a Johnson–Lindenstrauss random projection. Every random choice comes from a
 * seed; the same seed gives the same result.
 */
import { createRng, type Rng } from '../model/random.js';
import type { Vector } from './vectors.js';

function checkDim(d: number): void {
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`dimension must be a positive integer, got ${d}`);
}

function checkVector(x: Vector, d: number): void {
  if (x.length !== d) throw new RangeError(`expected a vector of ${d} values, got ${x.length}`);
}

function checkClass(y: number): void {
  if (!Number.isInteger(y) || y < 0) throw new RangeError(`class must be an integer ≥ 0, got ${y}`);
}

/** x / |x| in double precision (the zero vector stays zero). */
function unit(x: Vector): Float64Array {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  const len = Math.sqrt(s);
  const out = new Float64Array(x.length);
  if (len > 0) for (let i = 0; i < x.length; i++) out[i] = x[i] / len;
  return out;
}

/** How the k nearest neighbours vote (KNearestOptions.vote). */
export const KNN_VOTES = ['majority', 'distance'] as const;
export type KnnVote = (typeof KNN_VOTES)[number];

export interface KNearestOptions {
  /** Neighbours that vote (default 1). */
  k?: number;
  /** Similarity: cosine (default) or negative Euclidean distance. */
  metric?: 'cosine' | 'euclidean';
  /** Most examples kept; when full, the oldest is dropped. Default: no limit. */
  memory?: number;
  /**
   * How the k neighbours vote: 'majority' (one vote each, default) or 'distance' (Dudani's
   * weighting: neighbour p weighs (s_p − s_ref) / (s_1 − s_ref), s_ref the similarity of the
   * (k+1)-th neighbour, so closer neighbours count more).
   */
  vote?: KnnVote;
}

/**
 * k-nearest neighbours, learning one example at a time. With k = 1 the most similar
 * example's class wins; with k > 1 the k most similar examples vote, by count, then by
 * summed similarity. Remaining ties go to the smaller class id. Cosine similarity treats
 * the zero vector as orthogonal to everything.
 */
export class KNearest {
  readonly d: number;
  readonly k: number;
  readonly metric: 'cosine' | 'euclidean';
  readonly memory: number;
  readonly vote: KnnVote;
  /** Stored examples (unit length for cosine), a ring buffer once `memory` is reached. */
  private store: Float32Array;
  private labels: Int32Array;
  private count = 0;
  private next = 0;

  constructor(d: number, opts: KNearestOptions = {}) {
    checkDim(d);
    const { k = 1, metric = 'cosine', memory = Infinity, vote = 'majority' } = opts;
    if (!KNN_VOTES.includes(vote)) throw new RangeError(`vote must be majority or distance, got ${String(vote)}`);
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
    if (metric !== 'cosine' && metric !== 'euclidean') throw new RangeError(`metric must be cosine or euclidean, got ${String(metric)}`);
    if (memory !== Infinity && (!Number.isInteger(memory) || memory < 1)) throw new RangeError(`memory must be a positive integer, got ${memory}`);
    this.d = d;
    this.k = k;
    this.metric = metric;
    this.memory = memory;
    this.vote = vote;
    const initial = Math.min(memory, 64);
    this.store = new Float32Array(initial * d);
    this.labels = new Int32Array(initial);
  }

  /** Examples currently stored. */
  get size(): number {
    return this.count;
  }

  /** Everything needed to rebuild this memory (for saving a learner). */
  state(): { store: Float32Array; labels: Int32Array; count: number; next: number } {
    return { store: this.store.slice(0, this.count * this.d), labels: this.labels.slice(0, this.count), count: this.count, next: this.next };
  }

  static fromState(d: number, opts: KNearestOptions, s: { store: Float32Array; labels: Int32Array; count: number; next: number }): KNearest {
    const k = new KNearest(d, opts);
    k.store = s.store.slice();
    k.labels = s.labels.slice();
    k.count = s.count;
    k.next = s.next;
    return k;
  }

  learn(x: Vector, y: number): void {
    checkVector(x, this.d);
    checkClass(y);
    let slot: number;
    if (this.count < this.memory) {
      if (this.count === this.labels.length) this.grow();
      slot = this.count++;
    } else {
      slot = this.next; // full: overwrite the oldest
      this.next = (slot + 1) % this.memory;
    }
    this.store.set(this.metric === 'cosine' ? unit(x) : x, slot * this.d);
    this.labels[slot] = y;
  }

  private grow(): void {
    const grown = Math.min(this.memory, this.labels.length * 2);
    const store = new Float32Array(grown * this.d);
    store.set(this.store);
    const labels = new Int32Array(grown);
    labels.set(this.labels);
    this.store = store;
    this.labels = labels;
  }

  /** The predicted class, or -1 before any example has been learned. */
  predict(x: Vector): number {
    checkVector(x, this.d);
    if (this.count === 0) return -1;
    const { d, k } = this;
    const q = this.metric === 'cosine' ? unit(x) : x;
    const voters = Math.min(k, this.count);
    // distance voting also needs the (k+1)-th neighbour as its reference
    const kk = this.vote === 'distance' && voters > 1 ? Math.min(k + 1, this.count) : voters;
    // The kk best so far, best first, ordered by similarity (desc) then class (asc).
    const bestSim = new Float64Array(kk).fill(-Infinity);
    const bestCls = new Int32Array(kk).fill(0x7fffffff);
    let filled = 0;
    const store = this.store;
    for (let e = 0; e < this.count; e++) {
      const o = e * d;
      let sim = 0;
      if (this.metric === 'cosine') for (let j = 0; j < d; j++) sim += q[j] * store[o + j];
      else
        for (let j = 0; j < d; j++) {
          const t = q[j] - store[o + j];
          sim -= t * t;
        }
      const c = this.labels[e];
      if (filled === kk) {
        const ls = bestSim[kk - 1];
        if (sim < ls || (sim === ls && c >= bestCls[kk - 1])) continue;
      } else filled++;
      let p = filled - 1;
      while (p > 0 && (sim > bestSim[p - 1] || (sim === bestSim[p - 1] && c < bestCls[p - 1]))) {
        bestSim[p] = bestSim[p - 1];
        bestCls[p] = bestCls[p - 1];
        p--;
      }
      bestSim[p] = sim;
      bestCls[p] = c;
    }
    if (voters === 1) return bestCls[0];
    const ref = bestSim[kk - 1], span = bestSim[0] - ref;
    const weight = (p: number) => (this.vote === 'majority' || span <= 0 ? 1 : (bestSim[p] - ref) / span);
    const votes = new Map<number, { n: number; s: number }>();
    for (let p = 0; p < voters; p++) {
      const v = votes.get(bestCls[p]) ?? { n: 0, s: 0 };
      v.n += weight(p);
      v.s += bestSim[p];
      votes.set(bestCls[p], v);
    }
    let win = -1;
    let wn = 0;
    let ws = -Infinity;
    for (const [c, v] of votes) {
      if (v.n > wn || (v.n === wn && (v.s > ws || (v.s === ws && c < win)))) {
        win = c;
        wn = v.n;
        ws = v.s;
      }
    }
    return win;
  }
}

/**
 * Nearest class mean: a running mean per class; prediction by cosine similarity between
 * the input and the normalised means (ties to the smaller class id). Classes appear as
 * they are learned.
 */
export class NearestPrototype {
  readonly d: number;
  private means: Float64Array[] = [];
  private counts: number[] = [];
  private units: (Float64Array | null)[] = [];

  constructor(d: number) {
    checkDim(d);
    this.d = d;
  }

  learn(x: Vector, y: number): void {
    checkVector(x, this.d);
    checkClass(y);
    while (this.means.length <= y) {
      this.means.push(new Float64Array(this.d));
      this.counts.push(0);
      this.units.push(null);
    }
    const m = this.means[y];
    const n = ++this.counts[y];
    for (let j = 0; j < this.d; j++) m[j] += (x[j] - m[j]) / n;
    this.units[y] = null;
  }

  /** Means and counts per class (for saving a learner). */
  state(): { means: Float64Array[]; counts: number[] } {
    return { means: this.means.map((m) => m.slice()), counts: this.counts.slice() };
  }

  static fromState(d: number, s: { means: Float64Array[]; counts: number[] }): NearestPrototype {
    const p = new NearestPrototype(d);
    p.means = s.means.map((m) => m.slice());
    p.counts = s.counts.slice();
    p.units = s.means.map(() => null);
    return p;
  }

  /** The running mean of class c (a copy), or null if it has no examples yet. */
  prototype(c: number): Float64Array | null {
    return this.counts[c] > 0 ? this.means[c].slice() : null;
  }

  /** The predicted class, or -1 before any example has been learned. */
  predict(x: Vector): number {
    checkVector(x, this.d);
    const q = unit(x);
    let best = -1;
    let bestSim = -Infinity;
    for (let c = 0; c < this.means.length; c++) {
      if (this.counts[c] === 0) continue;
      const u = (this.units[c] ??= unit(this.means[c]));
      let s = 0;
      for (let j = 0; j < this.d; j++) s += q[j] * u[j];
      if (s > bestSim) {
        bestSim = s;
        best = c;
      }
    }
    return best;
  }
}

export interface KMeansOptions {
  /** Most Lloyd iterations per restart (default 50); stops early when nothing moves. */
  iterations?: number;
  /** Independent k-means++ starts; the lowest inertia wins (default 3). */
  restarts?: number;
}

export interface KMeansResult {
  /** Cluster of each row, 0..k-1. */
  assign: Int32Array;
  /** k × d, row-major. */
  centroids: Float64Array;
  /** Sum of squared distances of the rows to their centroids. */
  inertia: number;
}

function sqDist(x: Float32Array, xo: number, c: Float64Array, co: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = x[xo + j] - c[co + j];
    s += t * t;
  }
  return s;
}

/** k-means++ seeding: the first centre uniformly, then each with probability ∝ D². */
function seedCentroids(x: Float32Array, n: number, d: number, k: number, rng: Rng): Float64Array {
  const c = new Float64Array(k * d);
  const dist = new Float64Array(n).fill(Infinity);
  let pick = rng.int(0, n - 1);
  for (let m = 0; m < k; m++) {
    for (let j = 0; j < d; j++) c[m * d + j] = x[pick * d + j];
    if (m === k - 1) break;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const s = sqDist(x, i * d, c, m * d, d);
      if (s < dist[i]) dist[i] = s;
      total += dist[i];
    }
    if (total === 0) {
      pick = rng.int(0, n - 1); // every row sits on a centre already
      continue;
    }
    let r = rng.float() * total;
    pick = -1;
    for (let i = 0; i < n; i++) {
      if (dist[i] === 0) continue;
      pick = i;
      r -= dist[i];
      if (r < 0) break;
    }
  }
  return c;
}

function lloyd(x: Float32Array, n: number, d: number, k: number, c: Float64Array, iterations: number): KMeansResult {
  const assign = new Int32Array(n).fill(-1);
  const dist = new Float64Array(n);
  const sums = new Float64Array(k * d);
  const sizes = new Int32Array(k);
  const assignAll = (): boolean => {
    let changed = false;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bd = Infinity;
      for (let m = 0; m < k; m++) {
        const s = sqDist(x, i * d, c, m * d, d);
        if (s < bd) {
          bd = s;
          best = m;
        }
      }
      dist[i] = bd;
      if (assign[i] !== best) {
        assign[i] = best;
        changed = true;
      }
    }
    return changed;
  };
  assignAll();
  for (let it = 0; it < iterations; it++) {
    sums.fill(0);
    sizes.fill(0);
    for (let i = 0; i < n; i++) {
      const m = assign[i];
      sizes[m]++;
      for (let j = 0; j < d; j++) sums[m * d + j] += x[i * d + j];
    }
    const taken = new Uint8Array(n);
    for (let m = 0; m < k; m++) {
      if (sizes[m] > 0) {
        for (let j = 0; j < d; j++) c[m * d + j] = sums[m * d + j] / sizes[m];
        continue;
      }
      // An empty cluster restarts at the row farthest from its centre (deterministic).
      let far = -1;
      for (let i = 0; i < n; i++) if (!taken[i] && (far < 0 || dist[i] > dist[far])) far = i;
      taken[far] = 1;
      for (let j = 0; j < d; j++) c[m * d + j] = x[far * d + j];
    }
    if (!assignAll()) break;
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += dist[i];
  return { assign, centroids: c, inertia };
}

/**
 * k-means on the n × d rows of `x`: k-means++ seeding and Lloyd iterations, best (lowest
 * inertia) of `restarts` runs, all drawn from `seed`. Distance ties go to the lower
 * cluster index; an empty cluster is moved to the row farthest from its centre.
 */
export function kmeans(x: Float32Array, n: number, d: number, k: number, seed: number, opts: KMeansOptions = {}): KMeansResult {
  const { iterations = 50, restarts = 3 } = opts;
  checkDim(d);
  if (!Number.isInteger(n) || n < 1 || x.length !== n * d) throw new RangeError(`x holds ${x.length} values, expected n × d = ${n} × ${d}`);
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`k must be an integer in 1..${n}, got ${k}`);
  if (!Number.isInteger(iterations) || iterations < 0) throw new RangeError(`iterations must be an integer ≥ 0, got ${iterations}`);
  if (!Number.isInteger(restarts) || restarts < 1) throw new RangeError(`restarts must be a positive integer, got ${restarts}`);
  const rng = createRng(seed);
  let best: KMeansResult | null = null;
  for (let r = 0; r < restarts; r++) {
    const stream = rng.split();
    const result = lloyd(x, n, d, k, seedCentroids(x, n, d, k, stream), iterations);
    if (!best || result.inertia < best.inertia) best = result;
  }
  return best!;
}

/**
 * A fixed random linear map R^dIn → R^dOut with independent N(0, 1/dOut) entries, so that
 * squared lengths are preserved in expectation (Johnson–Lindenstrauss). The same seed
 * gives the same map.
 */
export function randomProjection(dIn: number, dOut: number, seed: number): (x: Vector) => Float32Array {
  checkDim(dIn);
  checkDim(dOut);
  const rng = createRng(seed);
  const scale = 1 / Math.sqrt(dOut);
  const r = new Float64Array(dOut * dIn);
  for (let i = 0; i < r.length; i++) r[i] = rng.normal() * scale;
  return (x: Vector) => {
    checkVector(x, dIn);
    const out = new Float32Array(dOut);
    for (let o = 0; o < dOut; o++) {
      let s = 0;
      for (let j = 0, b = o * dIn; j < dIn; j++) s += r[b + j] * x[j];
      out[o] = s;
    }
    return out;
  };
}
