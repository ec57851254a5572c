/**
 * Temporal sequences (George, Puppo & Silva 2021): the causal activation graph of a run and
 * its maximal causal walks. Activation s (spike s of the canonical list) is caused by the
 * effective arrivals that made up its input (docs/design.md §2: `first` — the arrivals of that
 * instant; `window` — those of the last W ms since the node last fired; `leaky` — all since
 * it last fired); each arrival along edge e comes from the activation of e's source that
 * emitted it. Activations without a recurrent cause were started by stimuli: they are the
 * roots, and every root-to-leaf path of the graph is a maximal causal walk.
 */
import { MODE_FIRST, MODE_WINDOW, type Network } from '../model/types.js';
import { engineUnits, type SpikeTrainLike } from './arrivals.js';
import { receptiveFrom } from '../model/time.js';
import { indexSpikes, lastBefore, type SpikeIndex } from './spike-index.js';

export interface CausalGraph {
  /** Number of activations (spikes). */
  size: number;
  /** parents of activation s: parent[parentStart[s] .. parentStart[s+1]) (activation ids). */
  parentStart: Uint32Array;
  parent: Int32Array;
  /** The edge each parent link travelled along (aligned with `parent`). */
  parentEdge: Int32Array;
  childStart: Uint32Array;
  child: Int32Array;
  /** Activations with no recurrent cause (started by stimuli), ascending. */
  roots: Int32Array;
}

export interface CausalOptions {
  duration: number;
  dt?: number | null;
}

/**
 * The causal activation graph, derived from the network and the spikes (for `first`,
 * `window` and `leaky` nodes alike). Assumes positive delays.
 */
export function causalGraph(net: Network, spikes: SpikeTrainLike, o: CausalOptions): CausalGraph {
  const S = spikes.node.length;
  const u = engineUnits(o.dt);
  const idx = indexSpikes(net.n, o.dt ? { node: spikes.node, time: Float64Array.from(spikes.time, u.time) } : spikes);
  const lat = o.dt ? net.latency.map(u.delay) : net.latency;
  const R = o.dt ? net.refractory.map(u.delay) : net.refractory;
  const P = o.dt ? net.processing.map(u.delay) : net.processing;
  const W = o.dt ? net.window.map((x) => x / (o.dt as number)) : net.window;
  // grouped position → canonical spike id
  const pos2id = idx.order;
  const links: number[][] = Array.from({ length: S }, () => []);
  const end = u.time(o.duration);
  for (let i = 0; i < net.n; i++) {
    for (let p = idx.start[i]; p < idx.start[i + 1]; p++) {
      const tEmit = idx.times[p] + P[i];
      for (let e = net.offset[i]; e < net.offset[i + 1]; e++) {
        const a = tEmit + lat[e];
        if (a >= end) continue;
        const j = net.target[e];
        const q = lastBefore(idx, j, a);
        if (q >= 0 && a < receptiveFrom(idx.times[q], R[j], u.tolerance)) continue; // blocked
        const c = consumer(idx, j, a, net.mode[j], W[j]);
        if (c >= 0) links[pos2id[c]].push(pos2id[p], e);
      }
    }
  }
  const parentStart = new Uint32Array(S + 1);
  for (let s = 0; s < S; s++) parentStart[s + 1] = parentStart[s] + links[s].length / 2;
  const parent = new Int32Array(parentStart[S]), parentEdge = new Int32Array(parentStart[S]);
  const childCount = new Uint32Array(S + 1);
  for (let s = 0; s < S; s++) {
    const l = links[s];
    // canonical order: by parent activation, then edge
    const pairs: [number, number][] = [];
    for (let k = 0; k < l.length; k += 2) pairs.push([l[k], l[k + 1]]);
    pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    pairs.forEach(([par, e], k) => {
      parent[parentStart[s] + k] = par;
      parentEdge[parentStart[s] + k] = e;
      childCount[par + 1]++;
    });
  }
  for (let s = 0; s < S; s++) childCount[s + 1] += childCount[s];
  const childStart = childCount;
  const child = new Int32Array(childStart[S]);
  const fill = childStart.slice(0, S);
  for (let s = 0; s < S; s++) for (let k = parentStart[s]; k < parentStart[s + 1]; k++) child[fill[parent[k]]++] = s;
  const roots: number[] = [];
  for (let s = 0; s < S; s++) if (parentStart[s + 1] === parentStart[s]) roots.push(s);
  return { size: S, parentStart, parent, parentEdge, childStart, child, roots: Int32Array.from(roots) };
}

/**
 * Grouped position of the activation of node j that an effective arrival at time a fed: the
 * next activation at or after a, if the arrival was still part of its input then.
 */
function consumer(idx: SpikeIndex, j: number, a: number, mode: number, W: number): number {
  const q = lastBefore(idx, j, a);
  const next = q >= 0 ? q + 1 : idx.start[j];
  if (next >= idx.start[j + 1]) return -1;
  const t = idx.times[next];
  if (mode === MODE_FIRST) return t === a ? next : -1;
  if (mode === MODE_WINDOW) return a >= t - W ? next : -1;
  return next; // leaky: every effective arrival since the last activation contributes
}

export interface Walks {
  /** Node ids along each maximal causal walk, root first. */
  nodes: number[][];
  /** Activation ids along each walk. */
  activations: number[][];
  truncated: boolean;
}

/** Every root-to-leaf path of the causal graph (depth-first, deterministic), up to maxWalks. */
export function causalWalks(g: CausalGraph, spikeNodes: ArrayLike<number>, opts: { maxWalks?: number } = {}): Walks {
  const maxWalks = opts.maxWalks ?? 100_000;
  const out: Walks = { nodes: [], activations: [], truncated: false };
  const path: number[] = [];
  const cursor: number[] = [];
  for (const r of g.roots) {
    path.length = 0;
    cursor.length = 0;
    path.push(r);
    cursor.push(g.childStart[r]);
    while (path.length > 0) {
      const top = path[path.length - 1];
      const k = cursor[cursor.length - 1];
      if (k === g.childStart[top] && g.childStart[top + 1] === g.childStart[top]) {
        // a leaf: record the walk
        if (out.activations.length >= maxWalks) {
          out.truncated = true;
          return out;
        }
        out.activations.push(path.slice());
        out.nodes.push(path.map((s) => spikeNodes[s]));
      }
      if (k < g.childStart[top + 1]) {
        cursor[cursor.length - 1] = k + 1;
        const c = g.child[k];
        path.push(c);
        cursor.push(g.childStart[c]);
      } else {
        path.pop();
        cursor.pop();
      }
    }
  }
  return out;
}

/** Projects a walk onto the nodes kept by `map` (null drops a node), merging repeats. */
function project(walk: number[], map: (node: number) => number | null): number[] {
  const out: number[] = [];
  for (const v of walk) {
    const w = map(v);
    if (w === null) continue;
    if (out.length === 0 || out[out.length - 1] !== w) out.push(w);
  }
  return out;
}

export interface Preservation {
  /** Distinct sequences of run A (projected on the shared nodes, length ≥ 2). */
  sequences: number;
  preserved: number;
  fraction: number;
}

/**
 * Fraction of the temporal sequences of run A that also occur in run B, compared on the nodes
 * the two networks share. `toB` maps a node of A to the same node in B (null when B does not
 * have it); `nA` is A's node count. Both runs' walks are projected onto the shared nodes
 * (dropping the others and merging repeats); a sequence of A (length ≥ 2) is preserved when
 * it appears as a contiguous run inside some projected walk of B.
 */
export function preservedFraction(a: number[][], b: number[][], toB: (nodeA: number) => number | null, nA: number): Preservation {
  const shared = new Set<number>();
  for (let v = 0; v < nA; v++) {
    const w = toB(v);
    if (w !== null) shared.add(w);
  }
  const seqA = new Set<string>();
  for (const w of a) {
    const p = project(w, toB);
    if (p.length >= 2) seqA.add(`,${p.join(',')},`);
  }
  const hay = b.map((w) => `,${project(w, (v) => (shared.has(v) ? v : null)).join(',')},`);
  let preserved = 0;
  for (const s of seqA) if (hay.some((h) => h.includes(s))) preserved++;
  return { sequences: seqA.size, preserved, fraction: seqA.size ? preserved / seqA.size : NaN };
}

/**
 * The distinct node sequences of the maximal causal walks, without listing every walk: walks
 * that visit the same nodes in the same order are one temporal sequence, and in reverberating
 * activity billions of walks share a few hundred sequences. Depth-first over sets of
 * activations that share a node prefix (a subset construction); a prefix is a sequence when one
 * of its activations is a leaf. Stops after `max` sequences (truncated).
 */
export function distinctWalks(g: CausalGraph, spikeNodes: ArrayLike<number>, max = 1_000_000): { nodes: number[][]; truncated: boolean } {
  const out: number[][] = [];
  const group = (acts: Iterable<number>): Map<number, number[]> => {
    const m = new Map<number, number[]>();
    for (const x of acts) {
      const v = spikeNodes[x];
      let list = m.get(v);
      if (!list) m.set(v, (list = []));
      list.push(x);
    }
    return m;
  };
  const stack: { acts: number[]; seq: number[] }[] = [];
  for (const [v, acts] of [...group(g.roots)].sort((a, b) => b[0] - a[0])) stack.push({ acts, seq: [v] });
  while (stack.length) {
    const { acts, seq } = stack.pop()!;
    const kids = new Set<number>();
    let leaf = false;
    for (const x of acts) {
      if (g.childStart[x + 1] === g.childStart[x]) leaf = true;
      for (let c = g.childStart[x]; c < g.childStart[x + 1]; c++) kids.add(g.child[c]);
    }
    if (leaf) {
      if (out.length >= max) return { nodes: out, truncated: true };
      out.push(seq);
    }
    for (const [v, next] of [...group(kids)].sort((a, b) => b[0] - a[0])) stack.push({ acts: next, seq: [...seq, v] });
  }
  return { nodes: out, truncated: false };
}

/** Number of maximal causal walks (root-to-leaf paths) of a causal graph, counted without listing them. */
export function countWalks(g: CausalGraph): number {
  // activations are in time order and every link goes forward in time, so a reverse sweep sees children first
  const paths = new Float64Array(g.size);
  let total = 0;
  for (let x = g.size - 1; x >= 0; x--) {
    let p = 0;
    for (let c = g.childStart[x]; c < g.childStart[x + 1]; c++) p += paths[g.child[c]];
    paths[x] = g.childStart[x + 1] === g.childStart[x] ? 1 : p;
  }
  for (const r of g.roots) total += paths[r];
  return total;
}

/**
 * The same preserved fraction as `preservedFraction`, but against run B's causal graph itself
 * rather than a list of its walks, so it is exact however many walks B has (their number grows
 * exponentially in reverberating activity, and any enumeration must stop somewhere). A sequence
 * w1…wk of A (projected on the shared nodes) is preserved iff B's graph has a causal path whose
 * projection, repeats merged, is w1…wk: every activation lies on some root-to-leaf walk, so such
 * a segment extends to a whole walk of B. With `direct`, the path must also not pass through
 * nodes A does not have (the sequence recurs as it was, not by way of other neurons). Search: states (activation, matched prefix length),
 * moving to a child that is not shared (transparent), repeats the current node, or is the next one.
 */
export function preservedInGraph(a: number[][], g: CausalGraph, spikeNodesB: ArrayLike<number>, toB: (nodeA: number) => number | null, nA: number, o: { direct?: boolean } = {}): Preservation {
  // direct: the path may not pass through neurons A does not have (no transparent steps)
  const transparent = !o.direct;
  const shared = new Set<number>();
  for (let v = 0; v < nA; v++) {
    const w = toB(v);
    if (w !== null) shared.add(w);
  }
  const seqs = new Map<string, number[]>();
  for (const w of a) {
    const p = project(w, toB);
    if (p.length >= 2) seqs.set(p.join(','), p);
  }
  // activations of B by node, and a visited stamp per (activation, prefix)
  const byNode = new Map<number, number[]>();
  for (let x = 0; x < g.size; x++) {
    const v = spikeNodesB[x];
    if (!shared.has(v)) continue;
    let list = byNode.get(v);
    if (!list) byNode.set(v, (list = []));
    list.push(x);
  }
  let preserved = 0, stamp = 0;
  let seen = new Uint32Array(0);
  for (const s of seqs.values()) {
    const k = s.length;
    if (seen.length < g.size * k) seen = new Uint32Array(g.size * k);
    stamp++;
    const stack: number[] = [];
    for (const x of byNode.get(s[0]) ?? []) {
      seen[x * k] = stamp;
      stack.push(x, 0);
    }
    let found = false;
    while (stack.length && !found) {
      const i = stack.pop()!, x = stack.pop()!;
      for (let c = g.childStart[x]; c < g.childStart[x + 1]; c++) {
        const y = g.child[c], v = spikeNodesB[y];
        const j = (transparent && !shared.has(v)) || v === s[i] ? i : v === s[i + 1] ? i + 1 : -1;
        if (j < 0) continue;
        if (j === k - 1) {
          found = true;
          break;
        }
        if (seen[y * k + j] === stamp) continue;
        seen[y * k + j] = stamp;
        stack.push(y, j);
      }
    }
    if (found) preserved++;
  }
  return { sequences: seqs.size, preserved, fraction: seqs.size ? preserved / seqs.size : NaN };
}

/**
 * Distinct causal chains of `length` activations (length − 1 consecutive causal links),
 * anywhere in the run, as node sequences "a,b,c". Unlike maximal walks, whose number grows
 * exponentially with the duration of reverberating activity, these stay countable; they
 * are the run's short temporal sequences. Stops after `max` distinct chains (truncated).
 */
export function causalChains(g: CausalGraph, spikeNodes: ArrayLike<number>, length: number, max = 1_000_000): { chains: Set<string>; truncated: boolean } {
  const chains = new Set<string>();
  const path: number[] = [];
  let truncated = false;
  const extend = (s: number): boolean => {
    path.push(s);
    if (path.length === length) {
      chains.add(path.map((a) => spikeNodes[a]).join(','));
      path.pop();
      if (chains.size >= max) {
        truncated = true;
        return false;
      }
      return true;
    }
    for (let k = g.childStart[s]; k < g.childStart[s + 1]; k++) if (!extend(g.child[k])) return false;
    path.pop();
    return true;
  };
  for (let s = 0; s < g.size && !truncated; s++) extend(s);
  return { chains, truncated };
}

/**
 * Fraction of run A's chains (among nodes both networks share, mapped to B's ids by `toB`)
 * that also occur in run B: the same causal sequence of the same neurons.
 */
export function preservedChains(a: Set<string>, b: Set<string>, toB: (nodeA: number) => number | null): Preservation {
  let sequences = 0, preserved = 0;
  for (const chain of a) {
    const mapped = chain.split(',').map((v) => toB(Number(v)));
    if (mapped.some((v) => v === null)) continue;
    sequences++;
    if (b.has(mapped.join(','))) preserved++;
  }
  return { sequences, preserved, fraction: sequences ? preserved / sequences : NaN };
}
