/**
 * Steady-state detection: when does a run's activity settle, and into what?
 *
 *  - 'silent':     activity died out (no spikes, or none in the last `silentAfter` ms);
 *  - 'periodic':   the spike pattern repeats exactly (within a tolerance) with a period P;
 *  - 'stationary': the population spike count per window is consistent with a common rate;
 *  - 'transient':  none of the above.
 *
 * Everything is O(S log S) in the number of spikes S (per-node sorted time arrays and binary
 * search), with a cap on the number of candidate periods and on the total number of partner
 * look-ups, so 10^6 spikes are analysed in well under a second.
 */

export type SteadyKind = 'silent' | 'periodic' | 'stationary' | 'transient';

export interface SteadyState {
  kind: SteadyKind;
  /** Time (ms) from which the state holds: for 'silent' the time of the last spike (activity died after it; 0 if there were no spikes); for 'periodic' the earliest time from which the spike pattern repeats with `period`; for 'stationary' the start of the first window from which the rate stays stationary; null for 'transient'. */
  since: number | null;
  /** Period (ms) for 'periodic', else null. */
  period: number | null;
  /** Mean population rate (Hz per node) over [since, duration) when since is not null (0 for 'silent': activity died at `since`). */
  rateHz: number | null;
  /** Short human-readable explanation. */
  detail: string;
}

export interface SteadyOptions {
  /** Number of nodes of the network (the rate is per node). */
  n: number;
  /** Duration (ms) of the run; spikes lie in [0, duration). */
  duration: number;
  /** Activity counts as died out when the last spike is more than this many ms before `duration` (default: 0 → use silentAfter = 10% of duration) */
  silentAfter?: number;
  /** relative tolerance for equal times in periodicity checks, default 1e-9 (times are compared with |a-b| <= tol * max(1, duration)) */
  tolerance?: number;
  /** number of windows for the stationarity test, default 10 */
  windows?: number;
}

/** Most candidate periods tried. */
const MAX_CANDIDATES = 200;

/** Spikes sorted by time, with per-node sorted time arrays (CSR) and each spike's rank in its node. */
interface Indexed {
  node: Int32Array;
  time: Float64Array;
  /** Node j's times are byNode[start[j] .. start[j+1]). */
  start: Int32Array;
  byNode: Float64Array;
  /** Position of spike i within its node's list. */
  rank: Int32Array;
}

function fmt(x: number): string {
  return String(Number(x.toPrecision(6)));
}

function indexSpikes(spikes: { node: ArrayLike<number>; time: ArrayLike<number> }, n: number): Indexed {
  const S = spikes.time.length;
  if (spikes.node.length !== S) throw new RangeError(`steadyState: node and time arrays differ in length (${spikes.node.length} vs ${S})`);
  let sorted = true;
  let maxNode = n - 1;
  for (let i = 0; i < S; i++) {
    const t = spikes.time[i], j = spikes.node[i];
    if (!Number.isFinite(t)) throw new RangeError(`steadyState: spike ${i} has a non-finite time (${t})`);
    if (!Number.isInteger(j) || j < 0) throw new RangeError(`steadyState: spike ${i} has an invalid node (${j})`);
    if (j > maxNode) maxNode = j;
    if (i > 0 && t < spikes.time[i - 1]) sorted = false;
  }
  const node = new Int32Array(S);
  const time = new Float64Array(S);
  if (sorted) {
    for (let i = 0; i < S; i++) {
      node[i] = spikes.node[i];
      time[i] = spikes.time[i];
    }
  } else {
    const order = Array.from({ length: S }, (_, i) => i);
    order.sort((a, b) => spikes.time[a] - spikes.time[b] || spikes.node[a] - spikes.node[b]);
    for (let i = 0; i < S; i++) {
      node[i] = spikes.node[order[i]];
      time[i] = spikes.time[order[i]];
    }
  }
  const nn = maxNode + 1;
  const start = new Int32Array(nn + 1);
  for (let i = 0; i < S; i++) start[node[i] + 1]++;
  for (let j = 0; j < nn; j++) start[j + 1] += start[j];
  const fill = new Int32Array(nn);
  const byNode = new Float64Array(S);
  const rank = new Int32Array(S);
  for (let i = 0; i < S; i++) {
    const j = node[i];
    const r = fill[j]++;
    rank[i] = r;
    byNode[start[j] + r] = time[i];
  }
  return { node, time, start, byNode, rank };
}

/** First index in a[lo, hi) with a[k] >= x (hi if none). */
function lowerBound(a: Float64Array, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in a[lo, hi) with a[k] > x (hi if none). */
function upperBound(a: Float64Array, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Mean population rate (Hz per node) over [since, duration). */
function rateOver(time: Float64Array, since: number, duration: number, n: number): number {
  const span = duration - since;
  if (!(span > 0)) return 0;
  const a = lowerBound(time, 0, time.length, since);
  const b = lowerBound(time, a, time.length, duration);
  return (b - a) / n / (span / 1000);
}

interface PeriodicResult {
  since: number;
  period: number;
  cycles: number;
}

interface PeriodSearch {
  found: PeriodicResult | null;
  /** Why the search stopped without a result ('' when it ran to completion). */
  note: string;
}

function findPeriod(ix: Indexed, duration: number, tol: number): PeriodSearch {
  const { node, time, start, byNode, rank } = ix;
  const S = time.length;
  const half = duration / 2;
  const midIdx = lowerBound(time, 0, S, half);
  if (S - midIdx < 2) return { found: null, note: 'fewer than 2 spikes in the second half' };

  // Reference node: the one with the fewest (but ≥ 2) spikes in the second half, so that the
  // true period is among the first differences from its first spike there.
  const nn = start.length - 1;
  const cnt = new Int32Array(nn);
  for (let i = midIdx; i < S; i++) cnt[node[i]]++;
  let ref = -1;
  for (let j = 0; j < nn; j++) if (cnt[j] >= 2 && (ref < 0 || cnt[j] < cnt[ref])) ref = j;
  if (ref < 0) return { found: null, note: 'no node fires twice in the second half' };
  const refLo = start[ref], refHi = start[ref + 1];
  const r0 = lowerBound(byNode, refLo, refHi, half);
  const tRef = byNode[r0];

  /** Does the spike of node j at rank r (time t) have a partner at t + dt (dt may be < 0)? */
  const partner = (j: number, r: number, t: number, dt: number): boolean => {
    const target = t + dt;
    const lo = dt > 0 ? start[j] + r + 1 : start[j];
    const hi = dt > 0 ? start[j + 1] : start[j] + r;
    const k = lowerBound(byNode, lo, hi, target - tol);
    return k < hi && byNode[k] <= target + tol;
  };

  let work = 0;
  const workLimit = 10 * S + 100_000;
  const horizon = duration - tol;
  const t0 = time[0];
  let tried = 0;
  let prev = -Infinity;
  for (let r = r0 + 1; r < refHi; r++) {
    const P = byNode[r] - tRef;
    if (P <= tol || P - prev <= tol) continue;
    prev = P;
    if (2 * P > duration - t0 + tol) break; // cannot hold over 2 full periods
    if (++tried > MAX_CANDIDATES) return { found: null, note: `no period among the first ${MAX_CANDIDATES} candidates` };

    // 1. Every spike of the second half with t + P inside the run has its partner at t + P.
    let ok = true, checked = 0;
    for (let i = midIdx; i < S; i++) {
      const t = time[i];
      if (t + P >= horizon) break;
      checked++;
      if (++work > workLimit) return { found: null, note: 'work limit reached' };
      if (!partner(node[i], rank[i], t, P)) {
        ok = false;
        break;
      }
    }
    if (!ok || checked === 0) continue;

    // 2. Onset. F: last spike (before the middle; the second half passed) without a partner at +P.
    let F = -Infinity;
    for (let i = midIdx - 1; i >= 0; i--) {
      const t = time[i];
      if (t + P >= horizon) continue;
      if (++work > workLimit) return { found: null, note: 'work limit reached' };
      if (!partner(node[i], rank[i], t, P)) {
        F = t;
        break;
      }
    }
    // B: last spike without a partner at −P (new activity): the pattern cannot start before B − P.
    let B = -Infinity;
    for (let i = S - 1; i >= 0; i--) {
      const t = time[i];
      if (++work > workLimit) return { found: null, note: 'work limit reached' };
      if (!partner(node[i], rank[i], t, -P)) {
        B = t;
        break;
      }
    }
    const bound = Math.max(F, B - P) + tol;
    const sIdx = upperBound(time, 0, S, bound);
    if (sIdx >= S) continue;
    const since = time[sIdx];
    if (duration - since < 2 * P - tol) continue; // must hold over at least 2 full periods

    // 3. Refine P along the chain of the reference node's spikes from `since` on.
    const c0 = lowerBound(byNode, refLo, refHi, since);
    let period = P;
    if (c0 < refHi) {
      let cur = c0, m = 0;
      for (;;) {
        const target = byNode[cur] + P;
        const k = lowerBound(byNode, cur + 1, refHi, target - tol);
        if (k >= refHi || byNode[k] > target + tol) break;
        cur = k;
        m++;
      }
      if (m > 0) period = (byNode[cur] - byNode[c0]) / m;
    }
    return { found: { since, period, cycles: Math.floor((duration - since + tol) / period) }, note: '' };
  }
  return { found: null, note: tried ? `none of ${tried} candidate periods repeats over the second half` : 'no candidate period' };
}

interface StationaryResult {
  k: number;
  since: number;
  mean: number;
}

function findStationary(time: Float64Array, duration: number, W: number): StationaryResult | null {
  const counts = new Float64Array(W);
  for (let i = 0; i < time.length; i++) {
    const t = time[i];
    if (t < 0 || t >= duration) continue;
    counts[Math.min(W - 1, Math.floor((t / duration) * W))]++;
  }
  // suffix sums: mean of windows k..W-1
  let best: StationaryResult | null = null;
  let sum = 0;
  for (let k = W - 1; k >= 0; k--) {
    sum += counts[k];
    const m = W - k;
    if (m < 3) continue;
    const mean = sum / m;
    if (!(mean > 0)) continue;
    const allow = 4 * Math.sqrt(mean) + 0.05 * mean;
    let ok = true;
    for (let i = k; i < W; i++) {
      if (Math.abs(counts[i] - mean) > allow) {
        ok = false;
        break;
      }
    }
    if (ok) best = { k, since: (k * duration) / W, mean };
  }
  return best;
}

/**
 * Classifies the settled activity of a run. `spikes` is a spike list (preferably in canonical
 * order: by time, then node; other orders are sorted first), times in ms within [0, duration).
 *
 * Periodicity is exact (within `tolerance`): the smallest P such that every spike (j, t) of the
 * second half with t + P < duration has a partner (j, t + P); `since` is the earliest spike time
 * from which every spike has its partner at +P and every spike at ≥ since + P its partner at −P,
 * and the pattern must hold over at least 2 full periods. Stationarity splits the run into
 * `windows` windows and asks for the first k from which all window counts c_i (i ≥ k, at least 3
 * windows) satisfy |c_i − mean| ≤ 4·√mean + 0.05·mean.
 */
export function steadyState(spikes: { node: ArrayLike<number>; time: ArrayLike<number> }, opts: SteadyOptions): SteadyState {
  const { n, duration } = opts;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`steadyState: n must be a positive integer, got ${n}`);
  if (!Number.isFinite(duration) || !(duration > 0)) throw new RangeError(`steadyState: duration must be a finite number > 0, got ${duration}`);
  const relTol = opts.tolerance ?? 1e-9;
  if (!Number.isFinite(relTol) || relTol < 0) throw new RangeError(`steadyState: tolerance must be a finite number >= 0, got ${relTol}`);
  const W = opts.windows ?? 10;
  if (!Number.isInteger(W) || W < 3) throw new RangeError(`steadyState: windows must be an integer >= 3, got ${W}`);
  const silentAfter = opts.silentAfter !== undefined && opts.silentAfter > 0 ? opts.silentAfter : 0.1 * duration;
  const tol = relTol * Math.max(1, duration);

  const S = spikes.time.length;
  if (S === 0) {
    if (spikes.node.length !== 0) throw new RangeError('steadyState: node and time arrays differ in length');
    return { kind: 'silent', since: 0, period: null, rateHz: 0, detail: 'no spikes' };
  }
  const ix = indexSpikes(spikes, n);
  const { time } = ix;
  const last = time[S - 1];
  if (last < duration - silentAfter) {
    return {
      kind: 'silent',
      since: last,
      period: null,
      rateHz: 0,
      detail: `activity died out: last spike at ${fmt(last)} ms, ${fmt(duration - last)} ms before the end`,
    };
  }

  const ps = findPeriod(ix, duration, tol);
  if (ps.found) {
    const { since, period, cycles } = ps.found;
    return {
      kind: 'periodic',
      since,
      period,
      rateHz: rateOver(time, since, duration, n),
      detail: `periodic with period ${fmt(period)} ms from ${fmt(since)} ms (${cycles} full periods)`,
    };
  }

  const st = findStationary(time, duration, W);
  if (st) {
    return {
      kind: 'stationary',
      since: st.since,
      period: null,
      rateHz: rateOver(time, st.since, duration, n),
      detail: `stationary rate from window ${st.k + 1} of ${W} (${fmt(st.since)} ms): ${fmt(st.mean)} spikes per window; not periodic (${ps.note})`,
    };
  }

  return {
    kind: 'transient',
    since: null,
    period: null,
    rateHz: null,
    detail: `not periodic (${ps.note}) and window counts not stationary over the last 3 of ${W} windows`,
  };
}
