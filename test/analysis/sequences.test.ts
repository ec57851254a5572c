// Temporal sequences on hand-built networks, against hand-computed lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeList, makeNetwork } from '../../src/model/build.js';
import { Simulation } from '../../src/engine/simulation.js';
import fc from 'fast-check';
import { geometric } from '../../src/model/builders/geometric.js';
import { causalChains, causalGraph, causalWalks, countWalks, distinctWalks, preservedChains, preservedFraction, preservedInGraph } from '../../src/analysis/causal.js';

/** 0 → 1 (1 ms), 0 → 2 (2 ms), 1 → 3 (1 ms), 2 → 3 (3 ms); optional 0 → 4 → 3 (0.5 ms each). */
function fork(R: number, shortcut: boolean) {
  const el = new EdgeList();
  el.add(0, 1, 1, 1);
  el.add(0, 2, 2, 1);
  el.add(1, 3, 1, 1);
  el.add(2, 3, 3, 1);
  if (shortcut) {
    el.add(0, 4, 0.5, 1);
    el.add(4, 3, 0.5, 1);
  }
  return makeNetwork({ n: shortcut ? 5 : 4, nodes: { refractory: R }, edges: el.columns() });
}

function walks(R: number, shortcut: boolean) {
  const net = fork(R, shortcut);
  const spikes = new Simulation(net).force(0, 0).run(20).spikes();
  const g = causalGraph(net, spikes, { duration: 20 });
  return { spikes, g, w: causalWalks(g, spikes.node) };
}

test('fork, R = 10: 3 fires at 2 ms via 1; the signal via 2 (at 5 ms) is blocked', () => {
  const { spikes, g, w } = walks(10, false);
  assert.deepEqual(Array.from(spikes.node), [0, 1, 2, 3]);
  assert.deepEqual(Array.from(spikes.time), [0, 1, 2, 2]);
  assert.deepEqual(Array.from(g.roots), [0]);
  assert.deepEqual(w.nodes, [[0, 1, 3], [0, 2]]);
  assert.equal(w.truncated, false);
});

test('fork, R = 2: 3 fires again at 5 ms via 2', () => {
  const { w } = walks(2, false);
  assert.deepEqual(w.nodes, [[0, 1, 3], [0, 2, 3]]);
});

test('preserved fraction: a run with itself is 1; the sub-circuit embedded with a shortcut keeps 1 of 2', () => {
  const alone = walks(10, false).w.nodes;
  const same = (v: number) => v;
  assert.deepEqual(preservedFraction(alone, alone, same, 4), { sequences: 2, preserved: 2, fraction: 1 });
  // embedded: 0 → 4 → 3 makes 3 fire at 1 ms, so 1's signal (2 ms) is blocked:
  // walks [0,4,3], [0,1], [0,2]; on the shared nodes 0..3: [0,3], [0,1], [0,2]
  const embedded = walks(10, true).w.nodes;
  assert.deepEqual(embedded, [[0, 4, 3], [0, 1], [0, 2]]); // children in activation order: 4 fires at 0.5 ms
  assert.deepEqual(preservedFraction(alone, embedded, same, 4), { sequences: 2, preserved: 1, fraction: 0.5 });
});

test('causal chains of 3 activations: the fork has 0,1,3 alone; with the shortcut 0,1,3 is lost', () => {
  const a = walks(10, false), e = walks(10, true);
  const ca = causalChains(a.g, a.spikes.node, 3), ce = causalChains(e.g, e.spikes.node, 3);
  assert.deepEqual([...ca.chains], ['0,1,3']);
  assert.deepEqual([...ce.chains], ['0,4,3']);
  assert.deepEqual(preservedChains(ca.chains, ce.chains, (v) => v), { sequences: 1, preserved: 0, fraction: 0 });
  // R = 2: both 0,1,3 and 0,2,3 happen
  const r2 = walks(2, false);
  assert.deepEqual([...causalChains(r2.g, r2.spikes.node, 3).chains].sort(), ['0,1,3', '0,2,3']);
  // chains of 2 are the causal links; the bound truncates
  const two = causalChains(a.g, a.spikes.node, 2);
  assert.deepEqual([...two.chains].sort(), ['0,1', '0,2', '1,3']);
  assert.equal(causalChains(a.g, a.spikes.node, 2, 2).truncated, true);
  // a chain through a node the other network lacks is not compared
  assert.deepEqual(preservedChains(ce.chains, ca.chains, (v) => (v === 4 ? null : v)), { sequences: 0, preserved: 0, fraction: NaN });
});

test('preserved fraction against the causal graph equals the one against all of its walks (random networks)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 3, max: 12 }), (seed, keep) => {
      const net = geometric({ n: 14, connect: { rule: 'k', k: 3 }, seed, speed: 300, synDelay: 0.2, refractory: 1.5, mode: 'first' });
      const sub = geometric({ n: 14, connect: { rule: 'k', k: 2 }, seed: seed + 1, speed: 300, synDelay: 0.2, refractory: 1.5, mode: 'first' });
      const run = (n: typeof net) => {
        const spikes = new Simulation(n).force(0, 0).run(6).spikes();
        const g = causalGraph(n, spikes, { duration: 6 });
        return { spikes, g, w: causalWalks(g, spikes.node, { maxWalks: 1e6 }) };
      };
      const a = run(sub), b = run(net);
      fc.pre(!a.w.truncated && !b.w.truncated);
      const toB = (v: number) => (v < keep ? v : null); // B shares A's first `keep` nodes
      assert.deepEqual(preservedInGraph(a.w.nodes, b.g, b.spikes.node, toB, 14), preservedFraction(a.w.nodes, b.w.nodes, toB, 14));
    }),
    { numRuns: 60 },
  );
  // the hand-built fork: the shortcut keeps 1 of 2
  const alone = walks(10, false).w.nodes, e = walks(10, true);
  assert.deepEqual(preservedInGraph(alone, e.g, e.spikes.node, (v) => v, 4), { sequences: 2, preserved: 1, fraction: 0.5 });
});

test('distinct walk sequences equal the distinct node lists of all walks; their count of walks matches countWalks', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
      const net = geometric({ n: 12, connect: { rule: 'k', k: 3 }, seed, speed: 300, synDelay: 0.2, refractory: 1.2, mode: 'first' });
      const spikes = new Simulation(net).force(0, 0).force(1, 0.3).run(5).spikes();
      const g = causalGraph(net, spikes, { duration: 5 });
      const all = causalWalks(g, spikes.node, { maxWalks: 1e6 });
      fc.pre(!all.truncated);
      const key = (xs: number[][]) => [...new Set(xs.map((w) => w.join(',')))].sort();
      assert.deepEqual(key(distinctWalks(g, spikes.node).nodes), key(all.nodes));
      assert.equal(countWalks(g), all.nodes.length);
    }),
    { numRuns: 60 },
  );
});
