/**
 * Graph structure of a network: reachability, strongly connected components, the elementary
 * cycles (the loops a signal can circulate around) and the shortest return delay of every node.
 * Everything works directly on the CSR arrays and iteratively (no recursion), so networks with
 * millions of nodes and deep paths are fine.
 *
 * Delays: a signal leaving node i along edge e takes P_i + τ_e (processing time of the source,
 * then the edge latency).
 */
import type { Network } from '../model/types.js';

function checkNode(net: Network, v: number, what: string): void {
  if (!Number.isInteger(v) || v < 0 || v >= net.n)
    throw new RangeError(`${what}: unknown node id ${v} (nodes are 0..${net.n - 1})`);
}

// ---------------------------------------------------------------------------------------------
// Reachability

/** Nodes reachable from `sources` along directed edges (sources included): 1 = reachable. */
export function reachable(net: Network, sources: ArrayLike<number>): Uint8Array {
  const { n, offset, target } = net;
  const seen = new Uint8Array(n);
  const queue = new Int32Array(n);
  let head = 0, tail = 0;
  for (let k = 0; k < sources.length; k++) {
    const s = sources[k];
    checkNode(net, s, `reachable: sources[${k}]`);
    if (!seen[s]) {
      seen[s] = 1;
      queue[tail++] = s;
    }
  }
  while (head < tail) {
    const v = queue[head++];
    const end = offset[v + 1];
    for (let e = offset[v]; e < end; e++) {
      const w = target[e];
      if (!seen[w]) {
        seen[w] = 1;
        queue[tail++] = w;
      }
    }
  }
  return seen;
}

// ---------------------------------------------------------------------------------------------
// Strongly connected components (iterative Tarjan)

interface TarjanWork {
  /** DFS index per node, −1 = unvisited. Callers reset the nodes they visited. */
  index: Int32Array;
  low: Int32Array;
  onStack: Uint8Array;
  stack: Int32Array;
  callNode: Int32Array;
  callEdge: Float64Array;
}

function tarjanWork(n: number): TarjanWork {
  return {
    index: new Int32Array(n).fill(-1),
    low: new Int32Array(n),
    onStack: new Uint8Array(n),
    stack: new Int32Array(n),
    callNode: new Int32Array(n),
    callEdge: new Float64Array(n),
  };
}

/**
 * Tarjan's algorithm without recursion, from `roots` in order (all nodes 0..n−1 when null),
 * restricted to nodes with mark[v] === tag (all nodes when `mark` is null). Writes component
 * ids 0..count−1 into `comp` in order of completion — reverse topological order of the
 * condensation — and returns count. Visited nodes keep their `index`: the caller resets it.
 */
function tarjan(
  net: Network,
  roots: ArrayLike<number> | null,
  mark: Int32Array | null,
  tag: number,
  comp: Int32Array,
  ws: TarjanWork,
): number {
  const { offset, target } = net;
  const { index, low, onStack, stack, callNode, callEdge } = ws;
  const nRoots = roots ? roots.length : net.n;
  let counter = 0, top = 0, count = 0;
  for (let r = 0; r < nRoots; r++) {
    const root = roots ? roots[r] : r;
    if (index[root] !== -1 || (mark && mark[root] !== tag)) continue;
    let sp = 0;
    callNode[0] = root;
    callEdge[0] = offset[root];
    index[root] = low[root] = counter++;
    stack[top++] = root;
    onStack[root] = 1;
    while (sp >= 0) {
      const v = callNode[sp];
      let e = callEdge[sp];
      const end = offset[v + 1];
      let descended = false;
      while (e < end) {
        const w = target[e++];
        if (mark && mark[w] !== tag) continue;
        if (index[w] === -1) {
          callEdge[sp] = e;
          sp++;
          callNode[sp] = w;
          callEdge[sp] = offset[w];
          index[w] = low[w] = counter++;
          stack[top++] = w;
          onStack[w] = 1;
          descended = true;
          break;
        } else if (onStack[w] && index[w] < low[v]) low[v] = index[w];
      }
      if (descended) continue;
      if (low[v] === index[v]) {
        let x: number;
        do {
          x = stack[--top];
          onStack[x] = 0;
          comp[x] = count;
        } while (x !== v);
        count++;
      }
      sp--;
      if (sp >= 0) {
        const u = callNode[sp];
        if (low[v] < low[u]) low[u] = low[v];
      }
    }
  }
  return count;
}

/**
 * Strongly connected components (iterative Tarjan). `component[v]` is the id of v's component,
 * ids run 0..count−1 in reverse topological order of the condensation: when component A
 * reaches a different component B, id(B) < id(A). `sizes[c]` is the number of nodes of c.
 */
export function stronglyConnected(net: Network): { component: Int32Array; count: number; sizes: Int32Array } {
  const component = new Int32Array(net.n);
  const count = tarjan(net, null, null, 0, component, tarjanWork(net.n));
  const sizes = new Int32Array(count);
  for (let v = 0; v < net.n; v++) sizes[component[v]]++;
  return { component, count, sizes };
}

// ---------------------------------------------------------------------------------------------
// Elementary cycles

export interface Cycle {
  /** Nodes in cycle order, starting at the cycle's smallest node id. */
  nodes: number[];
  /** Edge ids in cycle order: edges[k] goes from nodes[k] to nodes[k+1] (the last one back to nodes[0]). */
  edges: number[];
  /** Σ (P_source + τ_e) around the cycle, ms */
  latency: number;
  /** max R over its nodes, ms */
  maxRefractory: number;
}

export interface SimpleCyclesOptions {
  /** Stop after this many cycles (then `truncated` is set). Default 10,000. */
  maxCycles?: number;
  /** Longest cycle reported, in nodes (a self-loop has 1). Default 64; Infinity for no bound. */
  maxLength?: number;
}

/** Binary min-heap of components keyed by their smallest node. */
interface Component {
  min: number;
  /** Member nodes in increasing order. */
  nodes: Int32Array;
}

function heapPush(h: Component[], c: Component): void {
  h.push(c);
  let i = h.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (h[p].min <= c.min) break;
    h[i] = h[p];
    i = p;
  }
  h[i] = c;
}

function heapPop(h: Component[]): Component {
  const top = h[0];
  const last = h.pop()!;
  if (h.length > 0) {
    let i = 0;
    const n = h.length;
    while (true) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && h[r].min < h[l].min ? r : l;
      if (h[c].min >= last.min) break;
      h[i] = h[c];
      i = c;
    }
    h[i] = last;
  }
  return top;
}

/**
 * The enumeration state shared by the two searches: Johnson's (no length bound) and Gupta &
 * Suzumura's bounded-length generalisation of it (lock levels instead of blocked flags). Both
 * walk edges (not just neighbours), so parallel edges give distinct cycles, and both follow CSR
 * order, so cycles come out in lexicographic order of their edge-id sequences.
 */
class CycleSearch {
  readonly cycles: Cycle[] = [];
  stopped = false;
  /** Allowed nodes of the current search: mark[v] === tag. */
  readonly mark: Int32Array;
  /** Johnson: blocked flag. Bounded search: on-path flag. */
  readonly flag: Uint8Array;
  /** Bounded search: lock level per node (entered only while depth + 1 < lock). */
  readonly lock: Int32Array;
  // B lists ("v is waiting on w"): intrusive lists of edges v→w hung on w, one edge per (v, w)
  // pair (the first in CSR order), so a pair is in a list at most once.
  readonly head: Int32Array;
  readonly next: Int32Array;
  readonly inList: Uint8Array;
  readonly seen: Float64Array;
  stamp = 0;
  readonly src: Int32Array;
  // the DFS path: nodes, the edge taken out of each, the next edge to try, closed flag / blen
  readonly pathNode: Int32Array;
  readonly pathEdge: Int32Array;
  readonly cursor: Float64Array;
  readonly level: Int32Array;
  private readonly work: number[] = [];

  constructor(
    readonly net: Network,
    readonly maxCycles: number,
    maxDepth: number,
  ) {
    const { n, m } = net;
    this.mark = new Int32Array(n);
    this.flag = new Uint8Array(n);
    this.lock = new Int32Array(n);
    this.head = new Int32Array(n).fill(-1);
    this.next = new Int32Array(m);
    this.inList = new Uint8Array(m);
    this.seen = new Float64Array(n);
    this.src = new Int32Array(m);
    for (let i = 0; i < n; i++) {
      const end = net.offset[i + 1];
      for (let e = net.offset[i]; e < end; e++) this.src[e] = i;
    }
    this.pathNode = new Int32Array(maxDepth + 1);
    this.pathEdge = new Int32Array(maxDepth + 1);
    this.cursor = new Float64Array(maxDepth + 1);
    this.level = new Int32Array(maxDepth + 1);
  }

  /** Records the cycle pathNode[0..depth] closed by edge `last`; false when the limit stops the search. */
  private emit(depth: number, last: number): boolean {
    if (this.cycles.length >= this.maxCycles) {
      this.stopped = true;
      return false;
    }
    const { processing, refractory, latency } = this.net;
    const nodes = new Array<number>(depth + 1);
    const edges = new Array<number>(depth + 1);
    let lat = 0, maxR = -Infinity;
    for (let k = 0; k <= depth; k++) {
      const v = this.pathNode[k];
      const e = k < depth ? this.pathEdge[k] : last;
      nodes[k] = v;
      edges[k] = e;
      lat += processing[v] + latency[e];
      if (refractory[v] > maxR) maxR = refractory[v];
    }
    this.cycles.push({ nodes, edges, latency: lat, maxRefractory: maxR });
    return true;
  }

  /** Puts v in B[w] for every allowed out-neighbour w ≠ s (once per pair). */
  private addToB(v: number, s: number, tag: number): void {
    const { offset, target } = this.net;
    const { mark, head, next, inList, seen } = this;
    const st = ++this.stamp;
    const end = offset[v + 1];
    for (let e = offset[v]; e < end; e++) {
      const w = target[e];
      if (w === s || mark[w] !== tag || seen[w] === st) continue;
      seen[w] = st;
      if (!inList[e]) {
        inList[e] = 1;
        next[e] = head[w];
        head[w] = e;
      }
    }
  }

  /** Empties B[v]. */
  clearB(v: number): void {
    let e = this.head[v];
    while (e !== -1) {
      this.inList[e] = 0;
      e = this.next[e];
    }
    this.head[v] = -1;
  }

  /** Johnson's UNBLOCK, with an explicit stack. */
  private unblock(u: number): void {
    const { flag, head, next, inList, src, work } = this;
    work.length = 0;
    work.push(u);
    while (work.length > 0) {
      const x = work.pop()!;
      if (!flag[x]) continue;
      flag[x] = 0;
      let e = head[x];
      while (e !== -1) {
        const nx = next[e];
        inList[e] = 0;
        work.push(src[e]);
        e = nx;
      }
      head[x] = -1;
    }
  }

  /** Johnson's CIRCUIT(s) over the nodes with mark === tag, iteratively. */
  johnson(s: number, tag: number): void {
    const { offset, target } = this.net;
    const { mark, flag: blocked, pathNode, pathEdge, cursor, level: closed } = this;
    let depth = 0;
    pathNode[0] = s;
    cursor[0] = offset[s];
    closed[0] = 0;
    blocked[s] = 1;
    while (true) {
      const v = pathNode[depth];
      let e = cursor[depth];
      const end = offset[v + 1];
      let pushed = false;
      while (e < end) {
        const w = target[e++];
        if (w === s) {
          if (!this.emit(depth, e - 1)) return;
          closed[depth] = 1;
        } else if (mark[w] === tag && !blocked[w]) {
          cursor[depth] = e;
          pathEdge[depth] = e - 1;
          depth++;
          pathNode[depth] = w;
          cursor[depth] = offset[w];
          closed[depth] = 0;
          blocked[w] = 1;
          pushed = true;
          break;
        }
      }
      if (pushed) continue;
      if (depth === 0) return;
      if (closed[depth]) {
        this.unblock(v);
        closed[depth - 1] = 1;
      } else this.addToB(v, s, tag);
      depth--;
    }
  }

  /**
   * Gupta & Suzumura's bounded search (cycles of at most L nodes through s) over the nodes with
   * mark === tag, whose locks the caller has initialised. A node is entered only while the path
   * has fewer than lock[w] nodes. level[] holds blen per path node: 1 once a cycle was closed
   * below it, L when none was.
   */
  bounded(s: number, tag: number, L: number): void {
    const { offset, target } = this.net;
    const { mark, flag: onPath, lock, pathNode, pathEdge, cursor, level: blen, head, next, src, work } = this;
    let depth = 0;
    pathNode[0] = s;
    cursor[0] = offset[s];
    blen[0] = L;
    onPath[s] = 1;
    while (true) {
      const v = pathNode[depth];
      let e = cursor[depth];
      const end = offset[v + 1];
      let pushed = false;
      while (e < end) {
        const w = target[e++];
        if (w === s) {
          if (!this.emit(depth, e - 1)) {
            for (let k = 0; k <= depth; k++) onPath[pathNode[k]] = 0;
            return;
          }
          blen[depth] = 1;
        } else if (mark[w] === tag && !onPath[w] && depth + 1 < lock[w]) {
          cursor[depth] = e;
          pathEdge[depth] = e - 1;
          depth++;
          pathNode[depth] = w;
          cursor[depth] = offset[w];
          blen[depth] = L;
          lock[w] = depth + 1;
          onPath[w] = 1;
          pushed = true;
          break;
        }
      }
      if (pushed) continue;
      onPath[v] = 0;
      if (depth === 0) return;
      const bl = blen[depth];
      depth--;
      // A closed path below v releases the whole path above it (blen 1 → lock L), as Johnson's
      // unblock does. (Not bl + 1: a node that found a cycle is in no B list, so a tighter lock
      // could never be raised again once a node on the current path becomes free.)
      if (bl < blen[depth]) blen[depth] = bl;
      if (bl < L) {
        // relax: v can reach s in bl edges, the nodes waiting on it in bl + 1, and so on
        work.length = 0;
        work.push(bl, v);
        while (work.length > 0) {
          const u = work.pop()!;
          const b = work.pop()!;
          if (lock[u] >= L - b + 1) continue;
          lock[u] = L - b + 1;
          for (let x = head[u]; x !== -1; x = next[x]) {
            const p = src[x];
            if (!onPath[p]) work.push(b + 1, p);
          }
        }
      } else this.addToB(v, s, tag);
    }
  }
}

/**
 * Elementary (simple) cycles, Johnson's algorithm with limits; self-loops count as cycles and
 * parallel edges give distinct cycles (a cycle is a sequence of edges).
 *
 * Order is deterministic: by smallest node (start nodes in increasing id), then depth-first in
 * CSR edge order — i.e. lexicographic order of the edge-id sequences. Each cycle starts at its
 * smallest node.
 *
 * `truncated` is true when the list may be incomplete: `maxCycles` stopped the enumeration (more
 * cycles exist), or `maxLength` is smaller than a strongly connected component, so cycles longer
 * than maxLength may exist and were not enumerated. With maxLength below the largest component
 * the bounded-length variant of Gupta & Suzumura (2021) replaces Johnson's blocking, restricted
 * per start to the nodes within maxLength − 1 edges of it.
 */
export function simpleCycles(net: Network, opts: SimpleCyclesOptions = {}): { cycles: Cycle[]; truncated: boolean } {
  const maxCycles = opts.maxCycles ?? 10_000;
  const maxLength = opts.maxLength ?? 64;
  if (!(maxCycles >= 0) || (maxCycles !== Infinity && !Number.isInteger(maxCycles)))
    throw new RangeError(`simpleCycles: maxCycles must be a non-negative integer or Infinity, got ${maxCycles}`);
  if (!(maxLength >= 1) || (maxLength !== Infinity && !Number.isInteger(maxLength)))
    throw new RangeError(`simpleCycles: maxLength must be a positive integer or Infinity, got ${maxLength}`);
  const { n, offset, target } = net;
  if (n === 0) return { cycles: [], truncated: false };

  // components of the whole graph; only nontrivial ones (≥ 2 nodes or a self-loop) hold cycles
  const tw = tarjanWork(n);
  const comp = new Int32Array(n);
  const count = tarjan(net, null, null, 0, comp, tw);
  tw.index.fill(-1);
  const sizes = new Int32Array(count);
  for (let v = 0; v < n; v++) sizes[comp[v]]++;
  const selfLoop = new Uint8Array(n);
  const nontrivial = new Uint8Array(count);
  let largest = 0;
  for (let v = 0; v < n; v++) {
    for (let e = offset[v]; e < offset[v + 1]; e++) if (target[e] === v) selfLoop[v] = 1;
    const c = comp[v];
    if (sizes[c] > 1 || selfLoop[v]) {
      nontrivial[c] = 1;
      if (sizes[c] > largest) largest = sizes[c];
    }
  }
  if (largest === 0) return { cycles: [], truncated: false };

  const bounded = maxLength < largest;
  const search = new CycleSearch(net, maxCycles, bounded ? maxLength : largest);
  const { mark } = search;
  let tag = 0;

  if (!bounded) {
    // Johnson: the start s is the least node of a nontrivial component of G[≥ s]; after its
    // cycles, s is removed and the rest of its component split again into components.
    const start = new Int32Array(count + 1);
    for (let c = 0; c < count; c++) start[c + 1] = start[c] + sizes[c];
    const fillAt = start.slice(0, count);
    const byComp = new Int32Array(n);
    for (let v = 0; v < n; v++) byComp[fillAt[comp[v]]++] = v;
    const heap: Component[] = [];
    for (let c = 0; c < count; c++) {
      if (!nontrivial[c]) continue;
      const nodes = byComp.subarray(start[c], start[c + 1]);
      heapPush(heap, { min: nodes[0], nodes });
    }
    const sub = new Int32Array(n);
    while (heap.length > 0) {
      const { nodes } = heapPop(heap);
      const s = nodes[0];
      tag++;
      for (let k = 0; k < nodes.length; k++) mark[nodes[k]] = tag;
      search.johnson(s, tag);
      for (let k = 0; k < nodes.length; k++) {
        search.flag[nodes[k]] = 0;
        search.clearB(nodes[k]);
      }
      if (search.stopped) break;
      const rest = nodes.subarray(1);
      if (rest.length === 0) continue;
      mark[s] = 0;
      const k = tarjan(net, rest, mark, tag, sub, tw);
      for (let i = 0; i < rest.length; i++) tw.index[rest[i]] = -1;
      const cnt = new Int32Array(k + 1);
      for (let i = 0; i < rest.length; i++) cnt[sub[rest[i]] + 1]++;
      for (let c = 0; c < k; c++) cnt[c + 1] += cnt[c];
      const at = cnt.slice(0, k);
      const grouped = new Int32Array(rest.length);
      for (let i = 0; i < rest.length; i++) grouped[at[sub[rest[i]]]++] = rest[i];
      for (let c = 0; c < k; c++) {
        const part = grouped.subarray(cnt[c], cnt[c + 1]);
        if (part.length > 1 || selfLoop[part[0]]) heapPush(heap, { min: part[0], nodes: part });
      }
    }
  } else {
    // bounded: every start in increasing id, over the nodes > s of its component that reach s
    // within maxLength − 1 edges (found by a backward BFS)
    const L = maxLength;
    const rOffset = new Float64Array(n + 1);
    for (let e = 0; e < net.m; e++) rOffset[target[e] + 1]++;
    for (let v = 0; v < n; v++) rOffset[v + 1] += rOffset[v];
    const rAt = rOffset.slice(0, n);
    const rSource = new Int32Array(net.m);
    for (let e = 0; e < net.m; e++) rSource[rAt[target[e]]++] = search.src[e];
    const queue = new Int32Array(n);
    const dist = new Int32Array(n);
    for (let s = 0; s < n && !search.stopped; s++) {
      const cs = comp[s];
      if (!nontrivial[cs]) continue;
      tag++;
      mark[s] = tag;
      dist[s] = 0;
      let qh = 0, qt = 0;
      queue[qt++] = s;
      while (qh < qt) {
        const v = queue[qh++];
        if (dist[v] >= L - 1) continue;
        const end = rOffset[v + 1];
        for (let r = rOffset[v]; r < end; r++) {
          const u = rSource[r];
          if (u <= s || comp[u] !== cs || mark[u] === tag) continue;
          mark[u] = tag;
          dist[u] = dist[v] + 1;
          queue[qt++] = u;
        }
      }
      if (qt === 1 && !selfLoop[s]) continue;
      // a node d edges from s closes a cycle of ≤ L nodes only if entered with ≤ L − d path
      // nodes: start its lock there (a path-independent bound, so Gupta–Suzumura's invariant
      // holds from the outset)
      for (let i = 0; i < qt; i++) search.lock[queue[i]] = L - dist[queue[i]] + 1;
      search.bounded(s, tag, L);
      for (let i = 0; i < qt; i++) search.clearB(queue[i]);
    }
  }
  return { cycles: search.cycles, truncated: search.stopped || bounded };
}

// ---------------------------------------------------------------------------------------------
// Shortest return delay

/**
 * For every node j, the smallest total delay Σ(P + τ) of a cycle through j (Dijkstra from j
 * back to j), Infinity if none. With `nodes`, only those nodes are computed (the rest are NaN),
 * for big networks. Delays P_i + τ_e must be ≥ 0.
 */
export function shortestReturn(net: Network, nodes?: ArrayLike<number>): Float64Array {
  const { n, offset, target, latency, processing } = net;
  for (let i = 0; i < n; i++) {
    const end = offset[i + 1];
    for (let e = offset[i]; e < end; e++) {
      const d = processing[i] + latency[e];
      if (!(d >= 0)) throw new RangeError(`shortestReturn: delay P + τ of edge ${e} (${i} → ${target[e]}) is ${d}; delays must be >= 0`);
    }
  }
  if (nodes) for (let k = 0; k < nodes.length; k++) checkNode(net, nodes[k], `shortestReturn: nodes[${k}]`);
  const out = new Float64Array(n).fill(NaN);
  const dist = new Float64Array(n).fill(Infinity);
  const touched = new Int32Array(n);
  // binary min-heap of (distance, node) with lazy deletion
  let hKey = new Float64Array(64);
  let hVal = new Int32Array(64);
  let hSize = 0;
  const push = (key: number, val: number): void => {
    if (hSize === hKey.length) {
      const k2 = new Float64Array(2 * hSize);
      k2.set(hKey);
      hKey = k2;
      const v2 = new Int32Array(2 * hSize);
      v2.set(hVal);
      hVal = v2;
    }
    let i = hSize++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (hKey[p] <= key) break;
      hKey[i] = hKey[p];
      hVal[i] = hVal[p];
      i = p;
    }
    hKey[i] = key;
    hVal[i] = val;
  };
  const popInto = (): number => {
    const val = hVal[0];
    const lastKey = hKey[--hSize], lastVal = hVal[hSize];
    let i = 0;
    while (true) {
      const l = 2 * i + 1;
      if (l >= hSize) break;
      const r = l + 1;
      const c = r < hSize && hKey[r] < hKey[l] ? r : l;
      if (hKey[c] >= lastKey) break;
      hKey[i] = hKey[c];
      hVal[i] = hVal[c];
      i = c;
    }
    hKey[i] = lastKey;
    hVal[i] = lastVal;
    return val;
  };

  const count = nodes ? nodes.length : n;
  for (let k = 0; k < count; k++) {
    const j = nodes ? nodes[k] : k;
    if (!Number.isNaN(out[j])) continue;
    let best = Infinity;
    let nt = 0;
    hSize = 0;
    dist[j] = 0;
    touched[nt++] = j;
    push(0, j);
    while (hSize > 0) {
      const d = hKey[0];
      const u = popInto();
      if (d >= best) break;
      if (d > dist[u]) continue;
      const base = d + processing[u];
      const end = offset[u + 1];
      for (let e = offset[u]; e < end; e++) {
        const w = target[e];
        const nd = base + latency[e];
        if (w === j) {
          if (nd < best) best = nd;
        } else if (nd < dist[w]) {
          if (dist[w] === Infinity) touched[nt++] = w;
          dist[w] = nd;
          push(nd, w);
        }
      }
    }
    out[j] = best;
    for (let i = 0; i < nt; i++) dist[touched[i]] = Infinity;
  }
  return out;
}
