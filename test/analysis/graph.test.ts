// Graph analysis: reachability, SCCs, elementary cycles (Johnson / bounded) and shortest
// return delays, on the fixtures and against brute force on random small multigraphs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EdgeList, makeNetwork } from '../../src/model/build.js';
import { lattice, pair, race, ring, star } from '../../src/model/builders/fixtures.js';
import type { Network } from '../../src/model/types.js';
import { reachable, shortestReturn, simpleCycles, stronglyConnected, type Cycle } from '../../src/analysis/graph.js';

// ---- helpers ------------------------------------------------------------------------------

function build(n: number, edges: ReadonlyArray<readonly [number, number, number]>, P?: number[], R?: number[]): Network {
  const el = new EdgeList();
  for (const [s, t, lat] of edges) el.add(s, t, lat, 1);
  return makeNetwork({ n, nodes: { processing: P ?? 0, refractory: R ?? 2 }, edges: el.columns() });
}

function sourceOf(net: Network): Int32Array {
  const src = new Int32Array(net.m);
  for (let i = 0; i < net.n; i++) for (let e = net.offset[i]; e < net.offset[i + 1]; e++) src[e] = i;
  return src;
}

/** Every elementary cycle by brute force: node subsets × orderings × parallel-edge choices. */
function bruteCycles(net: Network): number[][] {
  const n = net.n;
  const between: number[][][] = Array.from({ length: n }, () => Array.from({ length: n }, () => []));
  for (let i = 0; i < n; i++) for (let e = net.offset[i]; e < net.offset[i + 1]; e++) between[i][net.target[e]].push(e);
  const out: number[][] = [];
  const permutations = (xs: number[]): number[][] =>
    xs.length === 0 ? [[]] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
  for (let mask = 1; mask < 1 << n; mask++) {
    const members: number[] = [];
    for (let v = 0; v < n; v++) if (mask & (1 << v)) members.push(v);
    const [s, ...rest] = members; // s = smallest node: each cycle once, rotation fixed
    for (const p of permutations(rest)) {
      const seq = [s, ...p];
      let combos: number[][] = [[]];
      for (let k = 0; k < seq.length; k++) {
        const choices = between[seq[k]][seq[(k + 1) % seq.length]];
        combos = combos.flatMap((c) => choices.map((e) => [...c, e]));
      }
      out.push(...combos);
    }
  }
  return out;
}

/** Rotation-normalised key of an edge sequence (starts at its smallest edge id). */
function canonical(edges: readonly number[]): string {
  let k = 0;
  for (let i = 1; i < edges.length; i++) if (edges[i] < edges[k]) k = i;
  return [...edges.slice(k), ...edges.slice(0, k)].join(',');
}

function delayOf(net: Network, src: Int32Array, edges: readonly number[]): number {
  let d = 0;
  for (const e of edges) d += net.processing[src[e]] + net.latency[e];
  return d;
}

/** The structure of a reported cycle is consistent with the network. */
function checkCycle(net: Network, src: Int32Array, c: Cycle): void {
  assert.equal(c.nodes.length, c.edges.length);
  assert.equal(c.nodes[0], Math.min(...c.nodes), 'starts at its smallest node');
  assert.equal(new Set(c.nodes).size, c.nodes.length, 'elementary');
  for (let k = 0; k < c.edges.length; k++) {
    assert.equal(src[c.edges[k]], c.nodes[k]);
    assert.equal(net.target[c.edges[k]], c.nodes[(k + 1) % c.nodes.length]);
  }
  assert.equal(c.latency, delayOf(net, src, c.edges));
  assert.equal(c.maxRefractory, Math.max(...c.nodes.map((v) => net.refractory[v])));
}

function lexLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] < b[i];
  return a.length < b.length;
}

/** Reflexive transitive closure by Floyd–Warshall. */
function closure(net: Network): boolean[][] {
  const n = net.n;
  const r = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => i === j));
  for (let i = 0; i < n; i++) for (let e = net.offset[i]; e < net.offset[i + 1]; e++) r[i][net.target[e]] = true;
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) if (r[i][k]) for (let j = 0; j < n; j++) if (r[k][j]) r[i][j] = true;
  return r;
}

function complete(n: number): Network {
  const edges: [number, number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) edges.push([i, j, 1 + ((i * 7 + j * 3) % 5)]);
  return build(n, edges);
}

const all = { maxCycles: Infinity, maxLength: Infinity };

// ---- random small multigraphs ---------------------------------------------------------------

const graphArb = fc.integer({ min: 1, max: 7 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 0, max: 20 })), { maxLength: 18 }),
    P: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
    R: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: n, maxLength: n }),
  }),
);
const toNet = (g: { n: number; edges: [number, number, number][]; P: number[]; R: number[] }): Network => build(g.n, g.edges, g.P, g.R);

test('simpleCycles equals brute-force enumeration (self-loops, parallel edges), in lexicographic edge order', () => {
  fc.assert(
    fc.property(graphArb, (g) => {
      const net = toNet(g);
      const src = sourceOf(net);
      const brute = bruteCycles(net);
      const { cycles, truncated } = simpleCycles(net, all);
      assert.equal(truncated, false);
      const got = cycles.map((c) => canonical(c.edges));
      assert.equal(new Set(got).size, got.length, 'no duplicates');
      assert.deepEqual([...got].sort(), brute.map(canonical).sort());
      for (const c of cycles) checkCycle(net, src, c);
      for (let k = 1; k < cycles.length; k++) assert.ok(lexLess(cycles[k - 1].edges, cycles[k].edges), 'deterministic order');
    }),
    { numRuns: 300 },
  );
});

test('maxLength: the bounded search finds exactly the short cycles, in the same order', () => {
  fc.assert(
    fc.property(graphArb, fc.integer({ min: 1, max: 8 }), (g, L) => {
      const net = toNet(g);
      const full = simpleCycles(net, all).cycles;
      const { cycles, truncated } = simpleCycles(net, { maxCycles: Infinity, maxLength: L });
      assert.deepEqual(cycles, full.filter((c) => c.nodes.length <= L));
      const scc = stronglyConnected(net);
      let largest = 0;
      for (let v = 0; v < net.n; v++) {
        const size = scc.sizes[scc.component[v]];
        if (size > 1) largest = Math.max(largest, size);
      }
      // truncated flags "cycles longer than maxLength may exist": it must be set when they do
      assert.equal(truncated, L < largest);
      if (full.some((c) => c.nodes.length > L)) assert.equal(truncated, true);
    }),
    { numRuns: 300 },
  );
});

test('maxLength on larger random graphs: bounded search = Johnson filtered by length', () => {
  // big enough for the bounded search's lock relaxation to matter (a node first failing deep
  // in the search must be re-entered at a shallower depth later)
  const bigArb = fc.integer({ min: 6, max: 11 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.constant(1)), { minLength: n, maxLength: 3 * n }),
    }),
  );
  fc.assert(
    fc.property(bigArb, (g) => {
      const net = build(g.n, g.edges);
      const full = simpleCycles(net, all).cycles;
      for (let L = 1; L < g.n; L++)
        assert.deepEqual(simpleCycles(net, { maxCycles: Infinity, maxLength: L }).cycles, full.filter((c) => c.nodes.length <= L), `maxLength ${L}`);
    }),
    { numRuns: 300 },
  );
});

test('maxCycles: a prefix of the full enumeration, truncated iff more cycles exist', () => {
  fc.assert(
    fc.property(graphArb, fc.integer({ min: 0, max: 12 }), (g, k) => {
      const net = toNet(g);
      const full = simpleCycles(net, all).cycles;
      const r = simpleCycles(net, { maxCycles: k, maxLength: Infinity });
      assert.deepEqual(r.cycles, full.slice(0, k));
      assert.equal(r.truncated, full.length > k);
    }),
    { numRuns: 200 },
  );
});

test('shortestReturn equals the minimum brute-force cycle delay through each node', () => {
  fc.assert(
    fc.property(graphArb, fc.array(fc.nat(6), { maxLength: 4 }), (g, subset) => {
      const net = toNet(g);
      const src = sourceOf(net);
      const best = new Array<number>(net.n).fill(Infinity);
      for (const edges of bruteCycles(net)) {
        const d = delayOf(net, src, edges);
        for (const e of edges) best[src[e]] = Math.min(best[src[e]], d);
      }
      assert.deepEqual(Array.from(shortestReturn(net)), best);
      const some = subset.filter((v) => v < net.n);
      const part = shortestReturn(net, some);
      for (let v = 0; v < net.n; v++) {
        if (some.includes(v)) assert.equal(part[v], best[v]);
        else assert.ok(Number.isNaN(part[v]));
      }
    }),
    { numRuns: 300 },
  );
});

test('shortestReturn with fractional delays matches brute force within rounding', () => {
  const fracArb = fc.integer({ min: 1, max: 6 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.double({ min: 0, max: 10, noNaN: true })), { maxLength: 14 }),
      P: fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: n, maxLength: n }),
    }),
  );
  fc.assert(
    fc.property(fracArb, (g) => {
      const net = build(g.n, g.edges, g.P);
      const src = sourceOf(net);
      const best = new Array<number>(net.n).fill(Infinity);
      for (const edges of bruteCycles(net)) {
        const d = delayOf(net, src, edges);
        for (const e of edges) best[src[e]] = Math.min(best[src[e]], d);
      }
      const got = shortestReturn(net);
      for (let v = 0; v < net.n; v++) {
        if (best[v] === Infinity) assert.equal(got[v], Infinity);
        else assert.ok(Math.abs(got[v] - best[v]) <= 1e-9 * (1 + best[v]), `node ${v}: ${got[v]} vs ${best[v]}`);
      }
    }),
    { numRuns: 200 },
  );
});

test('reachable equals the transitive closure; SCC ids agree with mutual reachability', () => {
  fc.assert(
    fc.property(graphArb, fc.array(fc.nat(6), { maxLength: 4 }), (g, sources) => {
      const net = toNet(g);
      const r = closure(net);
      const srcs = sources.filter((v) => v < net.n);
      const reach = reachable(net, srcs);
      for (let v = 0; v < net.n; v++) assert.equal(reach[v], srcs.some((s) => r[s][v]) ? 1 : 0);

      const { component, count, sizes } = stronglyConnected(net);
      assert.equal(new Set(component).size, count);
      assert.equal(sizes.reduce((a, b) => a + b, 0), net.n);
      for (let u = 0; u < net.n; u++) {
        assert.ok(component[u] >= 0 && component[u] < count);
        for (let v = 0; v < net.n; v++) {
          assert.equal(component[u] === component[v], r[u][v] && r[v][u]);
          if (r[u][v] && component[u] !== component[v]) assert.ok(component[v] < component[u], 'reverse topological ids');
        }
      }
    }),
    { numRuns: 300 },
  );
});

// ---- fixtures --------------------------------------------------------------------------------

test('ring of N: one cycle through all N nodes, delay Σ(P + τ)', () => {
  for (const N of [2, 3, 5, 10, 64]) {
    const net = ring({ n: N, latency: 1.5, processing: 0.25, refractory: 3 });
    const { cycles, truncated } = simpleCycles(net);
    assert.equal(truncated, false);
    assert.equal(cycles.length, 1);
    const [c] = cycles;
    assert.deepEqual(c.nodes, Array.from({ length: N }, (_, i) => i));
    assert.equal(c.edges.length, N);
    assert.equal(c.latency, N * 1.75);
    assert.equal(c.maxRefractory, 3);
    const sr = shortestReturn(net);
    for (let v = 0; v < N; v++) assert.equal(sr[v], N * 1.75);
  }
  // longer than the default maxLength (64): not enumerated, flagged as possibly incomplete
  const big = ring({ n: 100, latency: 1 });
  assert.deepEqual(simpleCycles(big), { cycles: [], truncated: true });
  const r = simpleCycles(big, { maxLength: Infinity });
  assert.equal(r.truncated, false);
  assert.equal(r.cycles.length, 1);
  assert.equal(r.cycles[0].latency, 100);
});

test('bidirectional ring: N two-cycles plus the two directions around', () => {
  for (const N of [3, 4, 5, 8]) {
    const net = ring({ n: N, latency: 1, bidirectional: true });
    const { cycles, truncated } = simpleCycles(net);
    assert.equal(truncated, false);
    assert.equal(cycles.filter((c) => c.nodes.length === 2).length, N);
    assert.equal(cycles.filter((c) => c.nodes.length === N).length, N === 2 ? 0 : 2);
    assert.equal(cycles.length, N + 2);
    const longOnes = cycles.filter((c) => c.nodes.length === N).map((c) => c.nodes);
    assert.deepEqual(longOnes.sort(), [
      Array.from({ length: N }, (_, i) => i),
      [0, ...Array.from({ length: N - 1 }, (_, i) => N - 1 - i)],
    ].sort());
  }
  // N = 2: edges 0→1 and 1→0 are both doubled, so 2 × 2 distinct 2-cycles
  const two = simpleCycles(ring({ n: 2, latency: 1, bidirectional: true }));
  assert.equal(two.cycles.length, 4);
  assert.ok(two.cycles.every((c) => c.nodes.length === 2));
});

test('pair: one 2-cycle; race and star: none', () => {
  const p = pair({ latency: 3, processing: 0.5, refractory: 4 });
  const pc = simpleCycles(p);
  assert.equal(pc.cycles.length, 1);
  assert.deepEqual(pc.cycles[0].nodes, [0, 1]);
  assert.equal(pc.cycles[0].latency, 7);
  assert.equal(pc.cycles[0].maxRefractory, 4);
  assert.deepEqual(Array.from(shortestReturn(p)), [7, 7]);

  const r = race({ tauAB: 1, tauCB: 2 });
  assert.deepEqual(simpleCycles(r), { cycles: [], truncated: false });
  assert.deepEqual(Array.from(shortestReturn(r)), [Infinity, Infinity, Infinity]);
  const s = star({ latencies: [1, 2, 3, 4] });
  assert.deepEqual(simpleCycles(s), { cycles: [], truncated: false });
});

test('reachable and SCCs on the fixtures', () => {
  const r = race({ tauAB: 1, tauCB: 2 });
  assert.deepEqual(Array.from(reachable(r, [0])), [1, 1, 0]);
  assert.deepEqual(Array.from(reachable(r, [2])), [0, 1, 1]);
  assert.deepEqual(Array.from(reachable(r, [1])), [0, 1, 0]);
  assert.deepEqual(Array.from(reachable(r, [])), [0, 0, 0]);
  const rs = stronglyConnected(r);
  assert.equal(rs.count, 3);
  assert.deepEqual(Array.from(rs.sizes), [1, 1, 1]);
  assert.ok(rs.component[1] < rs.component[0] && rs.component[1] < rs.component[2], 'sink first');

  const s = star({ latencies: [1, 2, 3] });
  assert.deepEqual(Array.from(reachable(s, [2])), [1, 0, 1, 0]);
  assert.equal(stronglyConnected(s).count, 4);

  for (const net of [ring({ n: 7, latency: 1 }), ring({ n: 7, latency: 1, bidirectional: true }), pair({ latency: 1 })]) {
    const scc = stronglyConnected(net);
    assert.equal(scc.count, 1);
    assert.deepEqual(Array.from(scc.sizes), [net.n]);
    assert.ok(reachable(net, [net.n - 1]).every((x) => x === 1));
  }
  assert.throws(() => reachable(r, [3]), RangeError);
  assert.throws(() => reachable(r, [0.5]), RangeError);
});

test('hand-made multigraph: exact cycles in deterministic order', () => {
  // edges in CSR order: e0 0→0, e1 0→1, e2 0→1, e3 1→0, e4 1→2, e5 2→0, e6 2→2
  const net = build(3, [[0, 0, 1], [0, 1, 2], [0, 1, 3], [1, 0, 4], [1, 2, 5], [2, 0, 6], [2, 2, 7]], [1, 0, 0], [1, 5, 2]);
  const { cycles } = simpleCycles(net);
  assert.deepEqual(
    cycles.map((c) => c.edges),
    [[0], [1, 3], [1, 4, 5], [2, 3], [2, 4, 5], [6]],
  );
  assert.deepEqual(
    cycles.map((c) => c.latency),
    [2, 7, 14, 8, 15, 7],
  );
  assert.deepEqual(
    cycles.map((c) => c.maxRefractory),
    [1, 5, 5, 5, 5, 2],
  );
  assert.deepEqual(Array.from(shortestReturn(net)), [2, 7, 7]);
  assert.deepEqual(simpleCycles(net, { maxLength: 1 }).cycles.map((c) => c.edges), [[0], [6]]);
});

// ---- limits ----------------------------------------------------------------------------------

test('limits: complete digraph on 9 nodes', () => {
  const net = complete(9);
  // Σ_{k=2..9} C(9,k)(k−1)! elementary cycles
  const binom = (n: number, k: number): number => (k === 0 ? 1 : (binom(n - 1, k - 1) * n) / k);
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
  const byLength = (L: number): number => {
    let t = 0;
    for (let k = 2; k <= L; k++) t += binom(9, k) * fact(k - 1);
    return t;
  };

  const first = simpleCycles(net, { maxCycles: 100 });
  assert.equal(first.cycles.length, 100);
  assert.equal(first.truncated, true);

  const full = simpleCycles(net, all);
  assert.equal(full.truncated, false);
  assert.equal(full.cycles.length, byLength(9));
  assert.deepEqual(first.cycles, full.cycles.slice(0, 100));
  assert.deepEqual(simpleCycles(net, all), full, 'same result every run');
  assert.deepEqual(simpleCycles(net, { maxCycles: full.cycles.length, maxLength: 9 }), full, 'exactly at the limit: not truncated');

  for (const L of [1, 2, 3, 4, 6]) {
    const r = simpleCycles(net, { maxCycles: Infinity, maxLength: L });
    assert.equal(r.cycles.length, byLength(L));
    assert.ok(r.cycles.every((c) => c.nodes.length <= L));
    assert.equal(r.truncated, true, 'longer cycles exist');
    assert.deepEqual(r.cycles, full.cycles.filter((c) => c.nodes.length <= L));
  }
  const both = simpleCycles(net, { maxCycles: 50, maxLength: 3 });
  assert.equal(both.cycles.length, 50);
  assert.ok(both.cycles.every((c) => c.nodes.length <= 3));

  assert.deepEqual(simpleCycles(net, { maxCycles: 0 }), { cycles: [], truncated: true });
  assert.throws(() => simpleCycles(net, { maxCycles: -1 }), RangeError);
  assert.throws(() => simpleCycles(net, { maxLength: 0 }), RangeError);
  assert.throws(() => simpleCycles(net, { maxLength: 2.5 }), RangeError);
});

test('shortestReturn rejects negative delays and unknown nodes', () => {
  const net = build(2, [[0, 1, -1], [1, 0, 0]]);
  assert.throws(() => shortestReturn(net), RangeError);
  assert.throws(() => shortestReturn(pair({ latency: 1 }), [2]), RangeError);
});

// ---- scale: no recursion -----------------------------------------------------------------------

test('lattice 30×30: SCC, shortestReturn on a subset, bounded cycle enumeration', () => {
  const net = lattice({ rows: 30, cols: 30 });
  const scc = stronglyConnected(net);
  assert.equal(scc.count, 1);
  assert.equal(scc.sizes[0], 900);
  const sr = shortestReturn(net, [0, 435, 899]);
  for (let v = 0; v < 900; v++) {
    if (v === 0 || v === 435 || v === 899) assert.ok(Math.abs(sr[v] - 0.2) < 1e-12, `node ${v}: ${sr[v]}`);
    else assert.ok(Number.isNaN(sr[v]));
  }
  const r = simpleCycles(net, { maxCycles: 1000 });
  assert.equal(r.cycles.length, 1000);
  assert.equal(r.truncated, true);
});

test('a 1000×1000-node ring and a 10⁶-node chain: deep paths without recursion', () => {
  const N = 1000 * 1000;
  const net = ring({ n: N, latency: 0.5 });
  const scc = stronglyConnected(net);
  assert.equal(scc.count, 1);
  assert.equal(scc.sizes[0], N);
  assert.ok(reachable(net, [N - 1]).every((x) => x === 1));
  assert.equal(shortestReturn(net, [0])[0], N * 0.5);
  assert.deepEqual(simpleCycles(net), { cycles: [], truncated: true });
  const one = simpleCycles(net, { maxLength: Infinity });
  assert.equal(one.cycles.length, 1);
  assert.equal(one.cycles[0].nodes.length, N);
  assert.equal(one.truncated, false);

  const el = new EdgeList();
  for (let i = 0; i + 1 < N; i++) el.add(i, i + 1, 1, 1);
  const chain = makeNetwork({ n: N, edges: el.columns() });
  const cs = stronglyConnected(chain);
  assert.equal(cs.count, N);
  for (let i = 0; i + 1 < N; i++) if (cs.component[i + 1] >= cs.component[i]) assert.fail(`chain ids not reverse topological at ${i}`);
  assert.deepEqual(simpleCycles(chain), { cycles: [], truncated: false });
});
