/**
 * Axonal arbor analysis (Puppo, George & Silva 2018): along the axon, from its root (the
 * first axonal point: the axon initial segment; or the soma), the path length, straight-line
 * distance, tortuosity, branch order and conduction latency of every branch point and
 * terminal, and the refraction ratio Λ = R / latency — for the real path and for a straight
 * path conducted at the same mean speed (so only the geometry differs).
 */
import type { Morphology } from './types.js';
import { speed, describeVelocity, type VelocityModel } from './velocity.js';
import { summarizeRatios, type RatioSummary } from '../analysis/refraction.js';
import { summarize, type Summary } from '../analysis/stats.js';

export const SWC_SOMA = 1;
export const SWC_AXON = 2;

/** Cells with fewer terminals or less axon than this are stubs (cut axons), not full arbors. */
export const FULL_AXON = { terminals: 5, lengthUm: 500 };

export function isFullAxon(a: ArborAnalysis | null): boolean {
  return a !== null && a.terminals.length >= FULL_AXON.terminals && a.totalLength >= FULL_AXON.lengthUm;
}

export interface ArborOptions {
  /** Refractory period R (ms). */
  refractory: number;
  velocity: VelocityModel;
  /** Paths start at the axon's first point (default) or at the soma. */
  from?: 'axon' | 'soma';
}

export interface TerminalInfo {
  /** Point index in the morphology, and its SWC line. */
  point: number;
  line: number;
  order: number;
  pathLength: number;
  straight: number;
  tortuosity: number;
  latency: number;
  lambda: number;
  /** Λ if the signal went straight at the path's mean speed: Λ × tortuosity. */
  lambdaStraight: number;
  /** Design principle: the path length that would give Λ = 1 (R × mean speed), and the tortuosity it implies. */
  lengthForUnitLambda: number;
  tortuosityForUnitLambda: number;
}

export interface BranchInfo {
  /** First and last point of the branch (the start is the root or a branch point). */
  start: number;
  end: number;
  order: number;
  length: number;
  chord: number;
  latency: number;
  lambda: number;
  lambdaStraight: number;
}

export interface ArborAnalysis {
  /** Root point of the analysed paths, and the axon root when they differ. */
  root: number;
  axonRoot: number;
  /** Axon points in the analysed arbor; axon points left out (other axon trees). */
  axonPoints: number;
  axonPointsExcluded: number;
  /**
   * Axon left out of the analysed tree: the other axonal trees (unattached fragments, a second
   * axon), their number and their length (µm; segments between two axon points). Without
   * repair a fragmented tracing can leave most of its axon out, which changes every number.
   */
  axonTreesExcluded: number;
  axonLengthExcluded: number;
  branchPoints: number;
  totalLength: number;
  /** Per morphology point (NaN outside the arbor): path length (µm), latency (ms), distance (µm), order. */
  pathLength: Float64Array;
  latency: Float64Array;
  distance: Float64Array;
  order: Int32Array;
  inArbor: Uint8Array;
  terminals: TerminalInfo[];
  branches: BranchInfo[];
  stats: {
    lambda: RatioSummary;
    lambdaStraight: RatioSummary;
    lambdaBranch: RatioSummary;
    tortuosity: Summary;
    pathLength: Summary;
    latency: Summary;
  };
  params: { refractory: number; velocity: string; from: 'axon' | 'soma' };
}

/** Children lists of the morphology's tree (CSR). */
export function childrenOf(m: Morphology): { start: Int32Array; child: Int32Array } {
  const start = new Int32Array(m.n + 1);
  for (let i = 0; i < m.n; i++) if (m.parent[i] >= 0) start[m.parent[i] + 1]++;
  for (let i = 0; i < m.n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, m.n);
  const child = new Int32Array(start[m.n]);
  for (let i = 0; i < m.n; i++) if (m.parent[i] >= 0) child[fill[m.parent[i]]++] = i;
  return { start, child };
}

function dist(m: Morphology, a: number, b: number): number {
  const dx = m.x[a] - m.x[b], dy = m.y[a] - m.y[b], dz = m.z[a] - m.z[b];
  return Math.sqrt(dx * dx + dy * dy + dz * dz);
}

/** Diameter used for the segment parent → child: the mean of both ends, or the child's next to a soma. */
export function segmentDiameter(m: Morphology, parent: number, child: number): number {
  return m.type[parent] === SWC_SOMA ? 2 * m.radius[child] : m.radius[parent] + m.radius[child];
}

/** Latency (ms) of the segment parent → child under the velocity model. */
export function segmentLatency(m: Morphology, parent: number, child: number, v: VelocityModel): number {
  return dist(m, parent, child) / speed(v, segmentDiameter(m, parent, child));
}

/** The axon's roots: axonal points whose parent is not axonal; with the size of each axonal tree. */
export function axonRoots(m: Morphology): { root: number; size: number }[] {
  const { start, child } = childrenOf(m);
  const roots: { root: number; size: number }[] = [];
  for (let i = 0; i < m.n; i++) {
    if (m.type[i] !== SWC_AXON) continue;
    const p = m.parent[i];
    if (p >= 0 && m.type[p] === SWC_AXON) continue;
    let size = 0;
    const stack = [i];
    while (stack.length) {
      const a = stack.pop()!;
      size++;
      for (let k = start[a]; k < start[a + 1]; k++) if (m.type[child[k]] === SWC_AXON) stack.push(child[k]);
    }
    roots.push({ root: i, size });
  }
  return roots.sort((a, b) => b.size - a.size || a.root - b.root);
}

/** Analyses the largest axonal tree; returns null when the cell has no axon. */
export function analyzeArbor(m: Morphology, o: ArborOptions): ArborAnalysis | null {
  if (!(o.refractory > 0)) throw new RangeError(`refractory period must be > 0, got ${o.refractory}`);
  const roots = axonRoots(m);
  if (roots.length === 0) return null;
  const axonRoot = roots[0].root;
  const from = o.from ?? 'axon';
  const { start, child } = childrenOf(m);
  const n = m.n;
  const pathLength = new Float64Array(n).fill(NaN), latency = new Float64Array(n).fill(NaN), distance = new Float64Array(n).fill(NaN);
  const order = new Int32Array(n).fill(-1);
  const inArbor = new Uint8Array(n);

  // The path from the soma to the axon root (soma mode) is walked up the parent chain.
  let root = axonRoot, baseLen = 0, baseLat = 0;
  if (from === 'soma') {
    const chain: number[] = [axonRoot];
    while (m.parent[chain[chain.length - 1]] >= 0) chain.push(m.parent[chain[chain.length - 1]]);
    const somaAt = chain.findIndex((p) => m.type[p] === SWC_SOMA);
    if (somaAt >= 0) {
      root = chain[somaAt];
      for (let k = somaAt; k > 0; k--) {
        baseLen += dist(m, chain[k], chain[k - 1]);
        baseLat += segmentLatency(m, chain[k], chain[k - 1], o.velocity);
      }
    }
  }
  const isAxonChild = (c: number) => m.type[c] === SWC_AXON;
  const axonChildren = (p: number) => {
    let c = 0;
    for (let k = start[p]; k < start[p + 1]; k++) if (isAxonChild(child[k])) c++;
    return c;
  };

  pathLength[axonRoot] = baseLen;
  latency[axonRoot] = baseLat;
  distance[axonRoot] = dist(m, root, axonRoot);
  order[axonRoot] = 0;
  inArbor[axonRoot] = 1;
  const stack = [axonRoot];
  let count = 0, branchPoints = 0, total = 0;
  while (stack.length) {
    const p = stack.pop()!;
    count++;
    const kids = axonChildren(p);
    if (kids >= 2) branchPoints++;
    for (let k = start[p + 1] - 1; k >= start[p]; k--) {
      const c = child[k];
      if (!isAxonChild(c)) continue;
      const seg = dist(m, p, c);
      total += seg;
      pathLength[c] = pathLength[p] + seg;
      latency[c] = latency[p] + segmentLatency(m, p, c, o.velocity);
      distance[c] = dist(m, root, c);
      order[c] = order[p] + (kids >= 2 ? 1 : 0);
      inArbor[c] = 1;
      stack.push(c);
    }
  }
  const R = o.refractory;
  const terminals: TerminalInfo[] = [];
  const branches: BranchInfo[] = [];
  for (let i = 0; i < n; i++) {
    if (!inArbor[i]) continue;
    const kids = axonChildren(i);
    if (kids === 0 && i !== axonRoot) {
      const tort = distance[i] > 0 ? pathLength[i] / distance[i] : NaN;
      const vMean = pathLength[i] / latency[i];
      const lam = R / latency[i];
      terminals.push({
        point: i,
        line: m.line[i],
        order: order[i],
        pathLength: pathLength[i],
        straight: distance[i],
        tortuosity: tort,
        latency: latency[i],
        lambda: lam,
        lambdaStraight: lam * tort,
        lengthForUnitLambda: R * vMean,
        tortuosityForUnitLambda: distance[i] > 0 ? (R * vMean) / distance[i] : NaN,
      });
    }
    // a branch runs from the root or a branch point down to the next branch point or terminal
    if (i === axonRoot || kids >= 2) {
      for (let k = start[i]; k < start[i + 1]; k++) {
        let c = child[k];
        if (!isAxonChild(c)) continue;
        while (axonChildren(c) === 1) {
          let next = -1;
          for (let q = start[c]; q < start[c + 1]; q++) if (isAxonChild(child[q])) next = child[q];
          c = next;
        }
        const length = pathLength[c] - pathLength[i], lat = latency[c] - latency[i], chord = dist(m, i, c);
        const lam = R / lat;
        branches.push({ start: i, end: c, order: order[c], length, chord, latency: lat, lambda: lam, lambdaStraight: chord > 0 ? (lam * length) / chord : NaN });
      }
    }
  }
  const axonTotal = m.type.reduce((a, t) => a + (t === SWC_AXON ? 1 : 0), 0);
  let lengthExcluded = 0;
  for (let i = 0; i < n; i++) {
    const p = m.parent[i];
    if (!inArbor[i] && m.type[i] === SWC_AXON && p >= 0 && m.type[p] === SWC_AXON) lengthExcluded += dist(m, p, i);
  }
  return {
    root,
    axonRoot,
    axonPoints: count,
    axonPointsExcluded: axonTotal - count,
    axonTreesExcluded: roots.length - 1,
    axonLengthExcluded: lengthExcluded,
    branchPoints,
    totalLength: total,
    pathLength,
    latency,
    distance,
    order,
    inArbor,
    terminals,
    branches,
    stats: {
      lambda: summarizeRatios(terminals.map((t) => t.lambda)),
      lambdaStraight: summarizeRatios(terminals.map((t) => t.lambdaStraight)),
      lambdaBranch: summarizeRatios(branches.map((b) => b.lambda)),
      tortuosity: summarize(terminals.map((t) => t.tortuosity)),
      pathLength: summarize(terminals.map((t) => t.pathLength)),
      latency: summarize(terminals.map((t) => t.latency)),
    },
    params: { refractory: R, velocity: describeVelocity(o.velocity), from },
  };
}
