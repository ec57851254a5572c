// Spike-list comparison (Refract vs NEURON): grid summary by hand, identity under reordering,
// and the first difference found where a list was changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { gridSummary, compareSpikes } from '../../src/analysis/spike-compare.js';

test('gridSummary: steps are floor(t/dt + 0.5); checksum = Σ (node+1)(step+1) mod 2^32', () => {
  const s = gridSummary({ node: [0, 1, 1], time: [0, 0.2000000000000001, 0.34999] }, 0.1);
  assert.deepEqual(s, { spikes: 3, checksum: 1 * 1 + 2 * 3 + 2 * 4, sumSteps: 0 + 2 + 3, nodesFired: 2 });
  const big = gridSummary({ node: [65535], time: [6553.5] }, 0.1); // (65536)(65536) wraps to 0
  assert.equal(big.checksum, 0);
});

test('property: a shuffled copy is identical; moving one spike by a step is found at its place', () => {
  const spike = fc.record({ node: fc.integer({ min: 0, max: 9 }), step: fc.integer({ min: 0, max: 500 }) });
  fc.assert(
    fc.property(fc.uniqueArray(spike, { minLength: 1, maxLength: 40, selector: (s) => `${s.node}|${s.step}` }), fc.nat(), (list, pick) => {
      const a = { node: list.map((s) => s.node), time: list.map((s) => s.step * 0.1) };
      const rev = { node: [...a.node].reverse(), time: [...a.time].reverse() };
      assert.equal(compareSpikes(a, rev, { dt: 0.1, nodes: 10 }).identical, true);
      const k = pick % list.length;
      const moved = { node: [...a.node], time: [...a.time] };
      moved.time[k] = (list[k].step + 1000) * 0.1; // now the last spike of its list
      const c = compareSpikes(a, moved, { dt: 0.1, nodes: 10 });
      assert.equal(c.identical, false);
      assert.ok(c.firstDifference !== null);
      assert.equal(c.matchedFraction, (list.length - 1) / list.length);
    }),
  );
});

test('exact times compare within the tolerance; per-node counts correlate', () => {
  const a = { node: [0, 1, 2], time: [1, 2, 3] };
  assert.equal(compareSpikes(a, { node: [0, 1, 2], time: [1, 2 + 1e-12, 3] }, { nodes: 3 }).identical, true);
  const c = compareSpikes(a, { node: [0, 1, 2], time: [1, 2.001, 3] }, { nodes: 3 });
  assert.equal(c.identical, false);
  assert.deepEqual(c.firstDifference, { index: 1, a: [1, 2], b: [1, 2.001] });
  assert.equal(c.countCorrelation, 1);
});
