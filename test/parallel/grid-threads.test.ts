// Worker threads: identical to the one-thread run, bit for bit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runGridThreads } from '../../src/node/grid-threads.js';
import { runGrid } from '../../src/engine/grid-kernel.js';
import { crgGrid } from '../../src/engine/crg-grid.js';
import { toGridNetwork } from '../../src/engine/grid-network.js';
import { geometric } from '../../src/model/builders/geometric.js';
import { crgInitialPotential } from '../../src/model/builders/crg.js';

test('CRG-det on 2 threads equals docs/workloads/crg.md §7 (N = 10^4, K = 100)', async () => {
  const inject = Array.from({ length: 10 }, (_, i) => ({ node: i, step: 0, weight: 1 }));
  const r = await runGridThreads({ kind: 'crg', N: 10000, K: 100, seed: 1, variant: 'det' }, { threads: 2, steps: 1000, inject });
  assert.deepEqual([r.tally.spikes, r.tally.checksum, r.tally.sumSteps, r.tally.nodesFired], [491173, 2982785918, 248354064, 10000]);
});

test('CRG with Poisson drive: 2 and 3 threads give the one-thread spikes exactly', async () => {
  const N = 5000, steps = 1500;
  const drive = { rate: 500, weight: 0.11 };
  const one = runGrid(crgGrid(N, 50, 3), { steps, seed: 9, drive, initialPotential: crgInitialPotential(N, 3), recordSpikes: true }).spikes();
  assert.ok(one.node.length > 1000);
  for (const threads of [2, 3]) {
    const r = await runGridThreads({ kind: 'crg', N, K: 50, seed: 3, variant: 'crg' }, { threads, steps, seed: 9, drive, crgInitialPotential: true, recordSpikes: true });
    assert.deepEqual(r.spikes!.node, one.node, `${threads} threads: nodes`);
    assert.deepEqual(r.spikes!.step, one.step, `${threads} threads: steps`);
  }
});

test('a general network in shared memory runs on 2 threads like on one', async () => {
  const net = geometric({ n: 3000, seed: 4, connect: { rule: 'k', k: 8 }, speed: 300, synDelay: 0.3, weight: 0.4, refractory: 1.5, mode: 'leaky', threshold: 1, tauM: 8 });
  const inject = Array.from({ length: 40 }, (_, i) => ({ node: i * 70, step: i, weight: 1 }));
  const one = runGrid(toGridNetwork(net, 0.1), { steps: 800, inject, drive: { rate: 200, weight: 0.3 }, recordSpikes: true }).spikes();
  const r = await runGridThreads({ kind: 'network', g: toGridNetwork(net, 0.1, 2, true) }, { threads: 2, steps: 800, inject, drive: { rate: 200, weight: 0.3 }, recordSpikes: true });
  assert.ok(one.node.length > 500);
  assert.deepEqual(r.spikes!.node, one.node);
  assert.deepEqual(r.spikes!.step, one.step);
});
