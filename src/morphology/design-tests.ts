/**
 * Tests of Puppo, George & Silva's (2018) design claim — "the convoluted paths taken by axons
 * reflect a design compensation ... to slow down signaling latencies in order to optimize" Λ —
 * that can come out either way.
 *
 * The obvious comparison, "real paths bring Λ closer to 1 than straight ones", is mostly an
 * identity: the straight path at the same mean speed has Λ_straight = Λ × tortuosity ≥ Λ, so
 * every terminal with Λ ≥ 1 is closer by construction. What the claim does predict:
 *
 * 1. Among terminals with Λ < 1 (already too slow), the detour should still land nearer 1
 *    than the straight path would (tortuosity > 1/Λ²). Depends on R·v.
 * 2. Latency equalisation: if detours compensate, the real latencies are more alike than the
 *    straight-path latencies at the same mean speed. Spread = IQR of ln latency (scale-free, so
 *    independent of R and of the velocity constant; robust to the few terminals next to the
 *    root, whose ln distance would dominate an SD).
 * 3. Near terminals take the detours: the Spearman correlation of tortuosity with straight
 *    distance is negative.
 *
 * The null for all three is the detour shuffle: each terminal keeps its straight distance D
 * and its mean speed, but gets the excess length L − D of another terminal, at random. It keeps
 * the cell's distances and its amount of detour, and breaks only where the detours go. It is
 * the right null because two of the effects appear without any targeting: adding detours of
 * unrelated length to every path compresses the spread of ln L (a common offset), and
 * tortuosity = 1 + (L − D)/D falls with D for any detour length unrelated to D (a ratio
 * artefact). A constant detour gives both and is no design; under the shuffle it is exactly
 * the null. A second control is the same tests on the cell's own dendrites, which are not
 * what the principle is about: an effect found there too is geometry of branched arbors,
 * not an axonal design.
 */
import { createRng } from '../model/random.js';
import { pearson, quantileSorted } from '../analysis/stats.js';
import type { Morphology } from './types.js';
import { childrenOf, segmentLatency, SWC_SOMA, type TerminalInfo } from './arbor.js';
import type { VelocityModel } from './velocity.js';

/** What the tests need of a terminal: path length and straight distance (µm), latency (ms). */
export interface TerminalPath {
  pathLength: number;
  straight: number;
  latency: number;
}

export const DESIGN_TEST_DEFAULTS = {
  /** One-sided significance level against the shuffle null. */
  alpha: 0.05,
  shuffles: 999,
  /** Fewer terminals than this: no test (a quartile spread and a rank correlation need some). */
  minTerminals: 10,
};

export type Answer = 'yes' | 'no' | 'too few terminals';

export interface TestResult {
  /** The statistic on the real arbor (null when there are too few terminals). */
  value: number | null;
  /** Median of the statistic under the detour shuffle. */
  nullMedian: number | null;
  /** One-sided p under the shuffle, (1 + #shuffles at least as extreme) / (1 + shuffles). */
  p: number | null;
  answer: Answer;
  /** Terminals the statistic used. */
  terminals: number;
}

export interface DesignTests {
  /** 1: share of the Λ < 1 terminals whose real Λ is closer to 1 than the straight-path Λ. */
  lambdaBelowOneCloser: TestResult;
  /** 2: IQR(ln real latency) / IQR(ln straight latency); < 1 means real latencies are more alike. */
  latencySpreadRatio: TestResult;
  /** 3: Spearman ρ(straight distance, tortuosity); < 0 means near terminals take the detours. */
  tortuosityDistanceRho: TestResult;
}

/** Terminals usable by the tests: finite, with a positive straight distance and latency. */
function usable(ts: readonly TerminalPath[]): TerminalPath[] {
  return ts.filter((t) => t.straight > 0 && t.latency > 0 && t.pathLength >= t.straight && Number.isFinite(t.pathLength));
}

function iqrOf(values: Float64Array): number {
  const s = values.slice().sort();
  return quantileSorted(s, 0.75) - quantileSorted(s, 0.25);
}

/** Ranks 1..n, ties get their average rank. */
export function ranks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const r = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && values[idx[j + 1]] === values[idx[i]]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[idx[k]] = avg;
    i = j + 1;
  }
  return r;
}


export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return pearson(ranks(a), ranks(b));
}

/** Statistic 1 at refractory period R: the share, and how many terminals have Λ < 1. */
export function lambdaBelowOneCloserShare(ts: readonly TerminalPath[], R: number): { share: number; count: number } {
  let count = 0, closer = 0;
  for (const t of ts) {
    const lam = R / t.latency;
    if (!(lam < 1)) continue;
    count++;
    const lamStraight = (lam * t.pathLength) / t.straight;
    if (Math.abs(Math.log(lam)) < Math.abs(Math.log(lamStraight))) closer++;
  }
  return { share: count ? closer / count : NaN, count };
}

/** Statistic 2. */
export function latencySpreadRatio(ts: readonly TerminalPath[]): number {
  const real = Float64Array.from(ts, (t) => Math.log(t.latency));
  const straight = Float64Array.from(ts, (t) => Math.log((t.latency * t.straight) / t.pathLength));
  const s = iqrOf(straight);
  return s > 0 ? iqrOf(real) / s : NaN;
}

/** Statistic 3. */
export function tortuosityDistanceRho(ts: readonly TerminalPath[]): number {
  return spearman(
    ts.map((t) => t.straight),
    ts.map((t) => t.pathLength / t.straight),
  );
}

/** The terminals with detours reassigned by `perm`: same D and mean speed, excess length of another. */
export function shuffledDetours(ts: readonly TerminalPath[], perm: ArrayLike<number>): TerminalPath[] {
  return ts.map((t, i) => {
    const u = ts[perm[i]];
    const pathLength = t.straight + (u.pathLength - u.straight);
    const speed = t.pathLength / t.latency;
    return { pathLength, straight: t.straight, latency: pathLength / speed };
  });
}

export interface DesignTestOptions {
  /** Refractory period (ms), for statistic 1. */
  refractory: number;
  seed: number;
  shuffles?: number;
  alpha?: number;
  minTerminals?: number;
}

/** The three tests with their shuffle nulls. Deterministic for a given seed. */
export function designTests(terminals: readonly TerminalPath[], o: DesignTestOptions): DesignTests {
  const alpha = o.alpha ?? DESIGN_TEST_DEFAULTS.alpha;
  const N = o.shuffles ?? DESIGN_TEST_DEFAULTS.shuffles;
  const ts = usable(terminals);
  const n = ts.length;
  const none = (terminalsUsed: number): TestResult => ({ value: null, nullMedian: null, p: null, answer: 'too few terminals', terminals: terminalsUsed });
  if (n < (o.minTerminals ?? DESIGN_TEST_DEFAULTS.minTerminals)) {
    const below = lambdaBelowOneCloserShare(ts, o.refractory).count;
    return { lambdaBelowOneCloser: none(below), latencySpreadRatio: none(n), tortuosityDistanceRho: none(n) };
  }
  const obs1 = lambdaBelowOneCloserShare(ts, o.refractory);
  const obs2 = latencySpreadRatio(ts);
  const obs3 = tortuosityDistanceRho(ts);
  const rng = createRng(o.seed);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  const null1: number[] = [], null2 = new Float64Array(N), null3 = new Float64Array(N);
  let ge1 = 0, le2 = 0, le3 = 0, n1 = 0;
  for (let s = 0; s < N; s++) {
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(0, i);
      const t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    const sh = shuffledDetours(ts, perm);
    const v1 = lambdaBelowOneCloserShare(sh, o.refractory).share;
    if (Number.isFinite(v1)) {
      null1.push(v1);
      n1++;
      if (v1 >= obs1.share) ge1++;
    }
    null2[s] = latencySpreadRatio(sh);
    null3[s] = tortuosityDistanceRho(sh);
    if (null2[s] <= obs2) le2++;
    if (null3[s] <= obs3) le3++;
  }
  const med = (a: ArrayLike<number>) => {
    const f = Float64Array.from(a).filter(Number.isFinite).sort();
    return f.length ? quantileSorted(f, 0.5) : null;
  };
  const p = (k: number, total: number) => (1 + k) / (1 + total);
  const result = (value: number, nullMedian: number | null, pv: number, yes: boolean, terminalsUsed: number): TestResult => ({
    value,
    nullMedian,
    p: pv,
    answer: yes ? 'yes' : 'no',
    terminals: terminalsUsed,
  });
  const p1 = p(ge1, n1), p2 = p(le2, N), p3 = p(le3, N);
  return {
    lambdaBelowOneCloser:
      obs1.count === 0 ? { value: null, nullMedian: med(null1), p: null, answer: 'too few terminals', terminals: 0 } : result(obs1.share, med(null1), p1, obs1.share > 0.5 && p1 < alpha, obs1.count),
    latencySpreadRatio: result(obs2, med(null2), p2, obs2 < 1 && p2 < alpha, n),
    tortuosityDistanceRho: result(obs3, med(null3), p3, obs3 < 0 && p3 < alpha, n),
  };
}

export function axonTerminalPaths(terminals: readonly TerminalInfo[]): TerminalPath[] {
  return terminals.map((t) => ({ pathLength: t.pathLength, straight: t.straight, latency: t.latency }));
}

const isDendrite = (t: number) => t === 3 || t === 4;

/**
 * The dendritic terminals of a cell (basal and apical), with path lengths from the soma point
 * each dendrite hangs from, straight distances from the soma centre, and latencies under the
 * same velocity model as the axon. The control for the design tests.
 */
export function dendriteTerminalPaths(m: Morphology, velocity: VelocityModel): TerminalPath[] {
  const { start, child } = childrenOf(m);
  const [cx, cy, cz] = m.soma.center;
  const out: TerminalPath[] = [];
  const len = new Float64Array(m.n), lat = new Float64Array(m.n);
  const stack: number[] = [];
  for (let s = 0; s < m.n; s++) {
    if (m.type[s] !== SWC_SOMA) continue;
    for (let k = start[s]; k < start[s + 1]; k++) {
      const c = child[k];
      if (!isDendrite(m.type[c])) continue;
      len[c] = Math.hypot(m.x[c] - m.x[s], m.y[c] - m.y[s], m.z[c] - m.z[s]);
      lat[c] = segmentLatency(m, s, c, velocity);
      stack.push(c);
    }
  }
  while (stack.length) {
    const p = stack.pop()!;
    let kids = 0;
    for (let k = start[p]; k < start[p + 1]; k++) {
      const c = child[k];
      if (!isDendrite(m.type[c])) continue;
      kids++;
      len[c] = len[p] + Math.hypot(m.x[c] - m.x[p], m.y[c] - m.y[p], m.z[c] - m.z[p]);
      lat[c] = lat[p] + segmentLatency(m, p, c, velocity);
      stack.push(c);
    }
    if (kids === 0) out.push({ pathLength: len[p], straight: Math.hypot(m.x[p] - cx, m.y[p] - cy, m.z[p] - cz), latency: lat[p] });
  }
  return out;
}
