/**
 * Unsupervised online clustering (docs/design.md §5): each example joins the most similar cluster
 * and moves its centre as a running mean, unless it is novel — less similar than `novelty` to
 * every centre — which opens a new cluster (up to `maxClusters`). Labels are never used to
 * learn. `consolidate(k)` then merges the fine clusters into k groups, an offline step without
 * gradients: by default a size-weighted spherical k-means over the fine centres (farthest-first
 * start, deterministic), or average linkage.
 *
 * Similarity is the cosine between example and centre *after subtracting the running mean of
 * all examples seen so far*. Signatures are non-negative (exp(−t/τs)), so raw cosines are all
 * high and dominated by what every example shares; centring compares what is particular to
 * each. (Centre c is the mean of its members, so c − μ is the mean of their centred vectors
 * for the current μ: nothing has to be recomputed when μ moves.)
 */
import { dot } from './vectors.js';

export interface ClusterOptions {
  /** Similarity below which an example opens a new cluster. Default 0.5. */
  novelty?: number;
  /** Subtract the running mean of the examples before comparing. Default true. */
  centre?: boolean;
  /** Most clusters opened. Default 200. */
  maxClusters?: number;
}

export class OnlineClusters {
  readonly d: number;
  readonly novelty: number;
  readonly maxClusters: number;
  centres: Float64Array[] = [];
  counts: number[] = [];
  /** Group of each cluster after consolidate() (identity before). */
  group: Int32Array = new Int32Array(0);

  /** Running mean of all examples learned (zero when centring is off). */
  readonly mean: Float64Array;
  private seen = 0;
  private readonly centring: boolean;
  private readonly u: Float64Array;
  private readonly w: Float64Array;

  constructor(d: number, o: ClusterOptions = {}) {
    this.d = d;
    this.novelty = o.novelty ?? 0.5;
    this.maxClusters = o.maxClusters ?? 200;
    this.centring = o.centre ?? true;
    this.mean = new Float64Array(d);
    this.u = new Float64Array(d);
    this.w = new Float64Array(d);
  }

  /** Most similar cluster and its (centred) cosine similarity; −1 before the first example. */
  nearest(v: ArrayLike<number>): { cluster: number; similarity: number } {
    let best = -1, bestSim = -Infinity;
    const mu = this.mean, u = this.u, w = this.w, d = this.d;
    for (let j = 0; j < d; j++) u[j] = v[j] - mu[j];
    const nv = Math.sqrt(dot(u, u)) || 1;
    for (let c = 0; c < this.centres.length; c++) {
      const m = this.centres[c];
      for (let j = 0; j < d; j++) w[j] = m[j] - mu[j];
      const s = dot(u, w) / (nv * (Math.sqrt(dot(w, w)) || 1));
      if (s > bestSim) {
        bestSim = s;
        best = c;
      }
    }
    return { cluster: best, similarity: bestSim };
  }

  /** Learns one example; returns its cluster. */
  learn(v: ArrayLike<number>): number {
    if (this.centring) {
      const n = ++this.seen;
      for (let j = 0; j < this.d; j++) this.mean[j] += (v[j] - this.mean[j]) / n;
    }
    const { cluster, similarity } = this.nearest(v);
    if (cluster < 0 || (similarity < this.novelty && this.centres.length < this.maxClusters)) {
      this.centres.push(Float64Array.from(v));
      this.counts.push(1);
      this.group = Int32Array.from({ length: this.centres.length }, (_, i) => (i < this.group.length ? this.group[i] : i));
      return this.centres.length - 1;
    }
    const m = this.centres[cluster], n = ++this.counts[cluster];
    for (let j = 0; j < this.d; j++) m[j] += (v[j] - m[j]) / n;
    return cluster;
  }

  /** The group of the most similar cluster. */
  assign(v: ArrayLike<number>): number {
    const { cluster } = this.nearest(v);
    return cluster < 0 ? -1 : this.group[cluster];
  }

  /** The fine centres, centred and of unit length. */
  private unitCentres(): Float64Array[] {
    return this.centres.map((m) => {
      const c = m.map((x, j) => x - this.mean[j]);
      const n = Math.sqrt(dot(c, c)) || 1;
      return c.map((x) => x / n);
    });
  }

  /** Merges the clusters into k groups ('kmeans', default, or 'linkage'); returns the group count. */
  consolidate(k: number, method: 'kmeans' | 'linkage' = 'kmeans'): number {
    return method === 'kmeans' ? this.consolidateKmeans(k) : this.consolidateLinkage(k);
  }

  /**
   * Size-weighted spherical k-means over the fine centres. Start: the largest cluster, then
   * repeatedly the cluster farthest from those chosen, weighted by √size (so that one-example
   * outliers do not become groups of their own).
   */
  private consolidateKmeans(k: number, iterations = 30): number {
    const unit = this.unitCentres(), w = this.counts, K = unit.length, d = this.d;
    const chosen = [w.indexOf(Math.max(...w))];
    while (chosen.length < Math.min(k, K)) {
      let best = -1, bestScore = -Infinity;
      for (let a = 0; a < K; a++) {
        if (chosen.includes(a)) continue;
        let sim = -Infinity;
        for (const c of chosen) sim = Math.max(sim, dot(unit[a], unit[c]));
        const score = (1 - sim) * Math.sqrt(w[a]);
        if (score > bestScore) {
          bestScore = score;
          best = a;
        }
      }
      chosen.push(best);
    }
    let cent = chosen.map((c) => Float64Array.from(unit[c]));
    const group = new Int32Array(K);
    for (let it = 0; it < iterations; it++) {
      for (let a = 0; a < K; a++) {
        let g = 0, bs = -Infinity;
        for (let c = 0; c < cent.length; c++) {
          const s = dot(unit[a], cent[c]);
          if (s > bs) {
            bs = s;
            g = c;
          }
        }
        group[a] = g;
      }
      const next = cent.map(() => new Float64Array(d));
      for (let a = 0; a < K; a++) for (let j = 0; j < d; j++) next[group[a]][j] += unit[a][j] * w[a];
      cent = next.map((m, c) => {
        const n = Math.sqrt(dot(m, m));
        return n ? m.map((x) => x / n) : cent[c];
      });
    }
    this.group = group;
    return new Set(group).size;
  }

  /** Average linkage (size-weighted mean similarity between groups). */
  private consolidateLinkage(k: number): number {
    const K = this.centres.length;
    const unit = this.unitCentres();
    // pairwise cosine between clusters, then size-weighted average linkage between groups
    const sim = Array.from({ length: K }, (_, a) => Array.from({ length: K }, (_, b) => dot(unit[a], unit[b])));
    let groups = Array.from({ length: K }, (_, a) => [a]);
    const w = this.counts;
    while (groups.length > k) {
      let best = -Infinity, bi = 0, bj = 1;
      for (let i = 0; i < groups.length; i++)
        for (let j = i + 1; j < groups.length; j++) {
          let s = 0, tot = 0;
          for (const a of groups[i]) for (const b of groups[j]) {
            s += sim[a][b] * w[a] * w[b];
            tot += w[a] * w[b];
          }
          s /= tot;
          if (s > best) {
            best = s;
            bi = i;
            bj = j;
          }
        }
      groups[bi] = groups[bi].concat(groups[bj]);
      groups = groups.filter((_, i) => i !== bj);
    }
    this.group = new Int32Array(K);
    groups.forEach((g, gi) => g.forEach((a) => (this.group[a] = gi)));
    return groups.length;
  }
}
