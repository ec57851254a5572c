/**
 * Scores for classifiers and clusterings: accuracy, confusion matrices, the Hungarian
 * matching of clusters to classes, normalized mutual information, mean ± sd over seeds.
 */

function sameLength(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  if (a.length !== b.length) throw new RangeError(`${what}: ${a.length} predictions for ${b.length} labels`);
}

function classIndex(v: number, k: number, what: string): number {
  if (!Number.isInteger(v) || v < 0 || v >= k) throw new RangeError(`${what} ${v} outside 0..${k - 1}`);
  return v;
}

/** Fraction of positions where pred equals truth (NaN for no data). */
export function accuracy(pred: ArrayLike<number>, truth: ArrayLike<number>): number {
  sameLength(pred, truth, 'accuracy');
  let hit = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === truth[i]) hit++;
  return pred.length === 0 ? NaN : hit / pred.length;
}

/**
 * The k × k confusion matrix: entry [t][p] counts the samples of true class t predicted as
 * p (rows are truth, columns predictions, as in scikit-learn). Classes must lie in 0..k-1.
 */
export function confusion(pred: ArrayLike<number>, truth: ArrayLike<number>, k: number): number[][] {
  sameLength(pred, truth, 'confusion');
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < pred.length; i++) m[classIndex(truth[i], k, 'true class')][classIndex(pred[i], k, 'predicted class')]++;
  return m;
}

/**
 * Minimum-cost assignment (Hungarian / Kuhn–Munkres with potentials, O(n²m)) for an n × m
 * cost matrix, rectangular allowed. Returns, for each row, its column, or -1 for the rows
 * left over when there are more rows than columns. Every column is used at most once and
 * min(n, m) pairs are made.
 */
export function hungarianMatch(cost: readonly (readonly number[])[]): number[] {
  const n = cost.length;
  if (n === 0) return [];
  const m = cost[0].length;
  for (let i = 0; i < n; i++) {
    if (cost[i].length !== m) throw new RangeError(`cost row ${i} has ${cost[i].length} entries, row 0 has ${m}`);
    for (let j = 0; j < m; j++) if (!Number.isFinite(cost[i][j])) throw new RangeError(`cost[${i}][${j}] is ${cost[i][j]}, not a finite number`);
  }
  if (m === 0) return new Array<number>(n).fill(-1);
  if (n > m) {
    // Solve the transpose (rows ≤ columns) and invert the assignment.
    const t = Array.from({ length: m }, (_, j) => Array.from({ length: n }, (_, i) => cost[i][j]));
    const colOf = new Array<number>(n).fill(-1);
    hungarianMatch(t).forEach((i, j) => (colOf[i] = j));
    return colOf;
  }
  // e-maxx formulation, 1-based: u, v potentials; p[j] the row on column j; way[] the path.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  const minv = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      const ci = cost[i0 - 1];
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = ci[j - 1] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  const colOf = new Array<number>(n).fill(-1);
  for (let j = 1; j <= m; j++) if (p[j] !== 0) colOf[p[j] - 1] = j;
  return colOf.map((j) => (j < 0 ? -1 : j - 1));
}

/** counts[c][t]: how many samples of cluster c have class t. */
function clusterCounts(assign: ArrayLike<number>, truth: ArrayLike<number>, kClusters: number, kClasses: number): number[][] {
  sameLength(assign, truth, 'cluster counts');
  const counts = Array.from({ length: kClusters }, () => new Array<number>(kClasses).fill(0));
  for (let i = 0; i < assign.length; i++) counts[classIndex(assign[i], kClusters, 'cluster')][classIndex(truth[i], kClasses, 'class')]++;
  return counts;
}

/**
 * The best one-to-one matching of clusters to classes (the most samples on matched pairs):
 * for each cluster its class, or -1 when there are more clusters than classes and it is
 * left unmatched.
 */
export function matchClusters(assign: ArrayLike<number>, truth: ArrayLike<number>, kClusters: number, kClasses: number): Int32Array {
  const counts = clusterCounts(assign, truth, kClusters, kClasses);
  return Int32Array.from(hungarianMatch(counts.map((r) => r.map((c) => -c))));
}

/**
 * Accuracy of a clustering under the best one-to-one matching of clusters to classes;
 * samples in unmatched clusters count as wrong. NaN for no data.
 */
export function clusterAccuracy(assign: ArrayLike<number>, truth: ArrayLike<number>, kClusters: number, kClasses: number): number {
  const counts = clusterCounts(assign, truth, kClusters, kClasses);
  const match = hungarianMatch(counts.map((r) => r.map((c) => -c)));
  let hit = 0;
  match.forEach((t, c) => {
    if (t >= 0) hit += counts[c][t];
  });
  return assign.length === 0 ? NaN : hit / assign.length;
}

/** Dense ids 0.. for arbitrary integer labels, in order of first appearance. */
function relabel(a: ArrayLike<number>): { ids: Int32Array; k: number } {
  const map = new Map<number, number>();
  const ids = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) {
    let id = map.get(a[i]);
    if (id === undefined) map.set(a[i], (id = map.size));
    ids[i] = id;
  }
  return { ids, k: map.size };
}

function entropy(counts: ArrayLike<number>, n: number): number {
  let h = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) h -= (counts[i] / n) * Math.log(counts[i] / n);
  return h;
}

/**
 * Normalized mutual information of two labelings (any integer labels), with the
 * arithmetic-mean normalisation MI / ((H(a) + H(b)) / 2), scikit-learn's default. As in
 * scikit-learn: 1 when both labelings put everything in one group (or are empty), 0 when
 * the mutual information is 0.
 */
export function nmi(assign: ArrayLike<number>, truth: ArrayLike<number>): number {
  sameLength(assign, truth, 'nmi');
  const a = relabel(assign);
  const b = relabel(truth);
  if ((a.k === 1 && b.k === 1) || (a.k === 0 && b.k === 0)) return 1;
  const n = assign.length;
  const joint = new Float64Array(a.k * b.k);
  const ca = new Float64Array(a.k);
  const cb = new Float64Array(b.k);
  for (let i = 0; i < n; i++) {
    joint[a.ids[i] * b.k + b.ids[i]]++;
    ca[a.ids[i]]++;
    cb[b.ids[i]]++;
  }
  let mi = 0;
  for (let i = 0; i < a.k; i++)
    for (let j = 0; j < b.k; j++) {
      const nij = joint[i * b.k + j];
      if (nij > 0) mi += (nij / n) * Math.log((nij * n) / (ca[i] * cb[j]));
    }
  if (Math.abs(mi) < Number.EPSILON) return 0;
  const norm = (entropy(ca, n) + entropy(cb, n)) / 2;
  return mi / norm;
}

/**
 * Mean and sample standard deviation (n − 1 in the denominator; 0 for a single value,
 * NaN for none).
 */
export function meanSd(values: ArrayLike<number>): { mean: number; sd: number } {
  const n = values.length;
  if (n === 0) return { mean: NaN, sd: NaN };
  let s = 0;
  for (let i = 0; i < n; i++) s += values[i];
  const mean = s / n;
  if (n === 1) return { mean, sd: 0 };
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / (n - 1)) };
}
