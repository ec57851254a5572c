// Analyses recomputed from (network, spikes) agree with what the engine itself recorded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { geometric } from '../../src/model/builders/geometric.js';
import { ring } from '../../src/model/builders/fixtures.js';
import type { Mode } from '../../src/model/types.js';
import { Simulation } from '../../src/engine/simulation.js';
import { arrivalFates } from '../../src/analysis/arrivals.js';
import { causalGraph } from '../../src/analysis/causal.js';
import { busyFractions, efficiencySummary } from '../../src/analysis/efficiency.js';

function randomRun(seed: number, mode: Mode, dt?: number) {
  const net = geometric({ n: 40, connect: { rule: 'k', k: 5 }, seed, speed: 200, synDelay: 0.1, refractory: 1.5, weight: 0.45, window: 2, tauM: 5, mode, processing: 0.05 });
  const sim = new Simulation(net, { seed, dt, record: { edgeCounts: true, causes: true } });
  sim.force(0, 0).force(1, 0.5);
  sim.poisson({ rate: 120, weight: 0.3 });
  sim.run(60);
  return { net, sim, rec: sim.recording() };
}

const modeArb = fc.constantFrom<Mode>('first', 'window', 'leaky');
const dtArb = fc.constantFrom<number | undefined>(undefined, 0.1);

test('arrival fates recomputed from spikes equal the engine’s per-edge counts', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1e6 }), modeArb, dtArb, (seed, mode, dt) => {
      const { net, rec } = randomRun(seed, mode, dt);
      const f = arrivalFates(net, rec.spikes!, { duration: rec.duration, dt });
      assert.deepEqual(f.edgeDelivered, rec.edgeDelivered);
      assert.deepEqual(f.edgeBlocked, rec.edgeBlocked);
      assert.ok(f.delivered > 0);
      // idle gaps are never negative
      for (let e = 0; e < net.m; e++) assert.ok(f.edgeGapSum[e] >= 0);
    }),
    { numRuns: 30 },
  );
});

test('causes derived from spikes equal the causes the engine recorded', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1e6 }), modeArb, dtArb, (seed, mode, dt) => {
      const { net, rec } = randomRun(seed, mode, dt);
      const spikes = rec.spikes!, causes = rec.causes!;
      const g = causalGraph(net, spikes, { duration: rec.duration, dt });
      for (let s = 0; s < g.size; s++) {
        const fromEngine: number[] = [];
        for (let k = causes.start[s]; k < causes.start[s + 1]; k++) if (causes.code[k] >= 0) fromEngine.push(causes.code[k]);
        const derived = Array.from(g.parentEdge.subarray(g.parentStart[s], g.parentStart[s + 1]));
        assert.deepEqual(derived.sort((a, b) => a - b), fromEngine.sort((a, b) => a - b), `spike ${s} (node ${spikes.node[s]} at ${spikes.time[s]})`);
      }
    }),
    { numRuns: 30 },
  );
});

test('ring: busy fraction R/(Nτ) per node over whole periods; blocked arrivals when Nτ < R', () => {
  for (const [N, tau, R] of [[5, 1, 4], [7, 0.5, 3.5], [4, 2, 1]] as const) {
    const net = ring({ n: N, latency: tau, refractory: R });
    const T = 20 * N * tau;
    const spikes = new Simulation(net).force(0, 0).run(T).spikes();
    const f = arrivalFates(net, spikes, { duration: T, window: [N * tau, 11 * N * tau] });
    assert.equal(f.blocked, 0);
    const busy = busyFractions(net, f.index, N * tau, 11 * N * tau);
    for (const b of busy) assert.ok(Math.abs(b - R / (N * tau)) < 1e-9, `busy ${b}`);
    const s = efficiencySummary(net, f);
    // every arrival waits Nτ − R for a target receptive since R after its last spike: R/(R + Nτ − R)
    assert.ok(Math.abs(s.efficiency - R / (N * tau)) < 1e-9, `efficiency ${s.efficiency}`);
    assert.ok(Math.abs(s.busyFraction - R / (N * tau)) < 1e-9);
    assert.equal(s.efficiencyArrivals, 10 * N);
    assert.equal(s.blockedFraction, 0);
  }
  const dead = ring({ n: 5, latency: 1, refractory: 6 });
  const spikes = new Simulation(dead).force(0, 0).run(50).spikes();
  const f = arrivalFates(dead, spikes, { duration: 50, listBlocked: true });
  assert.equal(f.blocked, 1);
  assert.deepEqual([Array.from(f.blockedList!.node), Array.from(f.blockedList!.time)], [[0], [5]]);
});
