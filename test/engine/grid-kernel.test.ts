// The fast grid kernel against docs/workloads/crg.md §7 and against the general engine's grid mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { crgGrid } from '../../src/engine/crg-grid.js';
import { CRG } from '../../src/model/builders/crg.js';
import { geometric } from '../../src/model/builders/geometric.js';
import { ring } from '../../src/model/builders/fixtures.js';
import { withChanges } from '../../src/model/build.js';
import { runGrid } from '../../src/engine/grid-kernel.js';
import { toGridNetwork } from '../../src/engine/grid-network.js';
import { Simulation } from '../../src/engine/simulation.js';

const seeds10 = Array.from({ length: 10 }, (_, i) => ({ node: i, step: 0, weight: 1 }));

function det(N: number, K: number, steps: number) {
  const t = runGrid(crgGrid(N, K, 1, { variant: 'det' }), { steps, inject: seeds10 }).tally;
  const firstMs = Array.from({ length: 10 }, (_, m) => t.perStep.subarray(10 * m, 10 * m + 10).reduce((a, b) => a + b, 0));
  return { spikes: t.spikes, checksum: t.checksum, sum: t.sumSteps, fired: t.nodesFired, firstMs };
}

test('CRG-det on the fast kernel equals docs/workloads/crg.md §7 (N = 1000, K = 10; also T = 50 ms)', () => {
  assert.deepEqual(det(1000, 10, 1000), { spikes: 48569, checksum: 3903629138, sum: 24926687, fired: 1000, firstMs: [15, 69, 192, 448, 456, 481, 486, 486, 492, 489] });
  const half = det(1000, 10, 500);
  assert.equal(half.spikes, 23569);
  assert.equal(half.checksum, 3111251880);
});

test('CRG-det on the fast kernel equals docs/workloads/crg.md §7 (N = 10^4, K = 100)', () => {
  assert.deepEqual(det(10000, 100, 1000), { spikes: 491173, checksum: 2982785918, sum: 248354064, fired: 10000, firstMs: [45, 1130, 7877, 2121, 7877, 2123, 7877, 2123, 7877, 2123] });
});

/** The delay of every edge, decoded from the runs. */
function edgeSteps(g: ReturnType<typeof crgGrid>): Int32Array {
  const out = new Int32Array(g.m);
  for (let x = 0; x + 2 < g.group.length; x += 2) {
    let e = g.group[x], q = 2 * g.group[x + 1];
    while (e < g.group[x + 2]) {
      for (let c = 0; c < g.runs[q + 1]; c++) out[e++] = g.runs[q];
      q += 2;
    }
  }
  return out;
}

test('the compact CRG has the §2 targets and grid steps (test vectors)', () => {
  for (const parts of [1, 3]) {
    const g = crgGrid(1000, 10, 1, { parts });
    const steps = edgeSteps(g);
    // node 0's edges are sorted by (partition, delay): compare as sets of (target, steps)
    const got = Array.from({ length: 10 }, (_, k) => `${g.target[k]}:${steps[k]}`).sort();
    const want = [216, 504, 258, 552, 705, 587, 711, 488, 879, 766].map((j, k) => `${j}:${[10, 20, 15, 20, 10, 17, 17, 11, 10, 21][k]}`).sort();
    assert.deepEqual(got, want);
    let sumT = 0, sumS = 0;
    for (let e = 0; e < g.m; e++) {
      sumT += g.target[e];
      sumS += steps[e];
    }
    assert.equal(sumT, 4990916);
    assert.equal(sumS, 183217);
  }
});

test('property: on networks without leak and with dyadic weights the kernel equals the engine grid mode spike for spike', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 5, max: 60 }),
      fc.integer({ min: 1, max: 2 ** 31 }),
      fc.constantFrom(0.25, 0.5, 1),
      fc.double({ min: 0.1, max: 3, noNaN: true }),
      fc.constantFrom<'first' | 'leaky'>('first', 'leaky'),
      (n, seed, weight, R, mode) => {
        const net = geometric({ n, seed, connect: { rule: 'k', k: Math.min(4, n - 1) }, speed: 200, synDelay: 0.2, weight, refractory: R, mode, threshold: 1, tauM: Infinity });
        const dt = 0.1;
        const sim = new Simulation(net, { dt });
        for (let i = 0; i < 3; i++) sim.inject(i, 0, 1);
        const s = sim.run(30).spikes();
        const general = Array.from(s.node, (j, k) => `${Math.round(s.time[k] / dt)}:${j}`);
        const k = runGrid(toGridNetwork(net, dt), { steps: 300, inject: [0, 1, 2].map((i) => ({ node: i, step: 0, weight: 1 })), recordSpikes: true });
        const f = k.spikes();
        assert.deepEqual(Array.from(f.node, (j, q) => `${f.step[q]}:${j}`), general);
      },
    ),
    { numRuns: 60 },
  );
});

test('a ring with leak: the kernel and the engine agree (single arrivals, same decay arithmetic)', () => {
  const net = withChanges(ring({ n: 8, latency: 1.3, refractory: 2 }), {});
  const leaky = withChanges(net, { mode: new Uint8Array(8).fill(2), threshold: new Float64Array(8).fill(0.8), tauM: new Float64Array(8).fill(5) });
  const sim = new Simulation(leaky, { dt: 0.1 }).inject(0, 0, 1);
  const s = sim.run(50).spikes();
  const k = runGrid(toGridNetwork(leaky, 0.1), { steps: 500, inject: [{ node: 0, step: 0, weight: 1 }], recordSpikes: true });
  assert.deepEqual(Array.from(k.spikes().node), Array.from(s.node));
  assert.ok(s.node.length > 30, 'the ring keeps going');
});

test('CRG with drive: the kernel rate is within docs/workloads/crg.md §6 tolerance of the anchor (8.30 Hz) and pop CV near Poisson', () => {
  const N = 10000;
  const k = runGrid(crgGrid(N, 100, 1), { steps: 10000, seed: 1, drive: { rate: CRG.rExt, weight: CRG.wExt }, initialPotential: (j: number) => (j * 0.618034) % 1 });
  const rate = k.tally.spikes / N;
  assert.ok(Math.abs(rate - 8.3) / 8.3 < 0.1, `rate ${rate}`);
  const bins: number[] = [];
  for (let s = 2000; s < 10000; s += 10) bins.push(k.tally.perStep.subarray(s, s + 10).reduce((a, b) => a + b, 0));
  const mean = bins.reduce((a, b) => a + b, 0) / bins.length;
  const cv = Math.sqrt(bins.reduce((a, b) => a + (b - mean) ** 2, 0) / bins.length) / mean;
  assert.ok(cv < 0.15, `pop CV ${cv}`);
  const ext = k.tally.driveDelivered + k.tally.driveBlocked;
  assert.ok(Math.abs(ext - N * 500) < 5 * Math.sqrt(N * 500), `drive events ${ext}`);
});

test('toGridNetwork refuses what the kernel cannot do exactly', () => {
  const base = ring({ n: 4, latency: 1, refractory: 1 });
  assert.throws(() => toGridNetwork(withChanges(base, { mode: new Uint8Array(4).fill(1) }), 0.1), /window mode/);
  assert.throws(() => toGridNetwork(withChanges(base, { weight: -1 }), 0.1), /non-negative weights/);
  assert.throws(() => toGridNetwork(withChanges(base, { latency: new Float64Array(4).fill(0.01) }), 0.1), /below one step/);
});

test('property: per-node R and θ and per-edge weights (the general path) equal the engine grid mode', () => {
  fc.assert(
    fc.property(fc.integer({ min: 6, max: 50 }), fc.integer({ min: 1, max: 2 ** 31 }), (n, seed) => {
      const base = geometric({ n, seed, connect: { rule: 'k', k: 5 }, speed: 150, synDelay: 0.1, mode: 'leaky', tauM: Infinity });
      const R = Float64Array.from({ length: n }, (_, i) => 0.1 + ((i * 7 + seed) % 30) / 10);
      const theta = Float64Array.from({ length: n }, (_, i) => [0.25, 0.5, 0.75, 1][(i + seed) % 4]);
      const weight = Float32Array.from({ length: base.m }, (_, e) => [0.25, 0.5, 1][(e + seed) % 3]);
      const net = withChanges(base, { refractory: R, threshold: theta, weight });
      const sim = new Simulation(net, { dt: 0.1 });
      for (let i = 0; i < 2; i++) sim.inject(i, 0, 1);
      const s = sim.run(25).spikes();
      const k = runGrid(toGridNetwork(net, 0.1), { steps: 250, inject: [0, 1].map((i) => ({ node: i, step: 0, weight: 1 })), recordSpikes: true }).spikes();
      assert.deepEqual(Array.from(k.node, (j, q) => `${k.step[q]}:${j}`), Array.from(s.node, (j, q) => `${Math.round(s.time[q] / 0.1)}:${j}`));
    }),
    { numRuns: 40 },
  );
});

test('per-node τm (the general leak path) gives the engine spikes on a leaky ring', () => {
  const n = 10;
  const net = withChanges(ring({ n, latency: 0.7, refractory: 1 }), { mode: new Uint8Array(n).fill(2), threshold: new Float64Array(n).fill(0.9), tauM: Float64Array.from({ length: n }, (_, i) => 2 + i) });
  const s = new Simulation(net, { dt: 0.1 }).inject(0, 0, 1).run(100).spikes();
  const k = runGrid(toGridNetwork(net, 0.1), { steps: 1000, inject: [{ node: 0, step: 0, weight: 1 }], recordSpikes: true }).spikes();
  assert.deepEqual(Array.from(k.node), Array.from(s.node));
  assert.ok(s.node.length > 100);
});
