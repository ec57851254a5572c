// The engine against an independent plain implementation (reference-sim.ts) on random
// networks of every integration mode, and run-splitting / checkpoint exactness.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { geometric } from '../../src/model/builders/geometric.js';
import { withChanges } from '../../src/model/build.js';
import { Simulation, type SimulationOptions } from '../../src/engine/simulation.js';
import type { Mode, Network } from '../../src/model/types.js';
import { referenceRun } from './reference-sim.js';

function randomNet(seed: number, mode: Mode | 'mixed', n = 30): Network {
  const modes: Mode[] = ['first', 'window', 'leaky'];
  return geometric({
    n,
    connect: { rule: 'k', k: 4 },
    seed,
    speed: 200,
    synDelay: 0.1,
    refractory: 1.5,
    threshold: 1,
    weight: 0.45,
    inhibitoryFraction: 0.2,
    window: 2,
    tauM: 5,
    mode: mode === 'mixed' ? Array.from({ length: n }, (_, i) => modes[(i * 7 + seed) % 3]) : mode,
  });
}

const seeds = fc.integer({ min: 1, max: 1_000_000 });
const modeArb = fc.constantFrom<Mode | 'mixed'>('first', 'window', 'leaky', 'mixed');

test('engine equals the reference implementation on random networks (all modes, drive)', () => {
  fc.assert(
    fc.property(seeds, modeArb, (seed, mode) => {
      const net = randomNet(seed, mode);
      const T = 40;
      const sim = new Simulation(net, { seed });
      sim.force(0, 0).force(1, 0.5).inject(2, 1, 0.7);
      sim.poisson({ rate: 100, weight: 0.3 });
      sim.run(T);
      const ref = referenceRun(net, T, { force: [[0, 0], [1, 0.5]], inject: [[2, 1, 0.7]], drive: { rate: 100, weight: 0.3, seed } });
      const s = sim.spikes();
      assert.deepEqual(Array.from(s.node), ref.node);
      assert.deepEqual(Array.from(s.time), ref.time);
      const rec = sim.recording();
      const blocked = rec.nodeBlocked.reduce((a, b) => a + b, 0);
      const delivered = rec.nodeDelivered.reduce((a, b) => a + b, 0);
      assert.equal(blocked, ref.blocked);
      assert.equal(delivered, ref.delivered);
    }),
    { numRuns: 40 },
  );
});

test('engine equals the reference with zero latencies (delta cycles)', () => {
  fc.assert(
    fc.property(seeds, (seed) => {
      const base = randomNet(seed, 'mixed', 12);
      const lat = base.latency.map((l, e) => (e % 3 === 0 ? 0 : l));
      const net = withChanges(base, { latency: lat, refractory: base.refractory.map(() => 0.5) });
      const sim = new Simulation(net).force(0, 0).force(3, 0).force(5, 2);
      sim.run(20);
      const ref = referenceRun(net, 20, { force: [[0, 0], [3, 0], [5, 2]] });
      assert.deepEqual(Array.from(sim.spikes().node), ref.node);
      assert.deepEqual(Array.from(sim.spikes().time), ref.time);
    }),
    { numRuns: 30 },
  );
});

function driven(net: Network, opts: SimulationOptions): Simulation {
  const sim = new Simulation(net, opts);
  sim.force(0, 0).force(1, 0.5).inject(2, 1, 0.7);
  sim.poisson({ rate: 150, weight: 0.3 });
  return sim;
}

function same(a: Simulation, b: Simulation): void {
  const ra = a.recording(), rb = b.recording();
  assert.deepEqual(Array.from(ra.spikes!.node), Array.from(rb.spikes!.node));
  assert.deepEqual(Array.from(ra.spikes!.time), Array.from(rb.spikes!.time));
  assert.deepEqual(ra.nodeBlocked, rb.nodeBlocked);
  assert.deepEqual(ra.nodeDelivered, rb.nodeDelivered);
  assert.deepEqual(ra.edgeBlocked, rb.edgeBlocked);
  assert.deepEqual(ra.causes?.code, rb.causes?.code);
  assert.deepEqual(a.potentials(), b.potentials());
  assert.equal(a.pendingEvents, b.pendingEvents);
}

const gridArb = fc.constantFrom<number | undefined>(undefined, 0.1, 0.25);

test('run(a); run(b) ≡ run(a + b) exactly, at any split point', () => {
  fc.assert(
    fc.property(seeds, modeArb, gridArb, fc.double({ min: 0.01, max: 59.99, noNaN: true }), (seed, mode, dt, split) => {
      const net = randomNet(seed, mode);
      const opts = { seed, dt, record: { edgeCounts: true, causes: true } };
      const whole = driven(net, opts).run(60);
      const a = dt === undefined ? split : Math.round(split / dt) * dt;
      const parts = driven(net, opts).run(a).run(60 - a);
      same(whole, parts);
      assert.ok(whole.spikes().node.length > 0);
    }),
    { numRuns: 40 },
  );
});

test('checkpoint/restore continues bit-identically', () => {
  fc.assert(
    fc.property(seeds, modeArb, gridArb, fc.double({ min: 0.01, max: 59.99, noNaN: true }), (seed, mode, dt, split) => {
      const net = randomNet(seed, mode);
      const opts = { seed, dt, record: { edgeCounts: true, causes: true } };
      const whole = driven(net, opts).run(60);
      const a = dt === undefined ? split : Math.round(split / dt) * dt;
      const first = driven(net, opts).run(a);
      const restored = Simulation.restore(net, first.checkpoint());
      restored.run(60 - a);
      same(whole, restored);
    }),
    { numRuns: 40 },
  );
});

test('restoring into a different network is refused', () => {
  const a = randomNet(1, 'leaky'), b = randomNet(2, 'leaky');
  const cp = new Simulation(a).force(0, 0).run(5).checkpoint();
  assert.throws(() => Simulation.restore(b, cp), /different network/);
});

test('same seed → identical spikes; another seed → different spikes', () => {
  const net = randomNet(7, 'leaky', 200);
  const run = (seed: number) => driven(net, { seed }).run(100).spikes();
  const a = run(3), b = run(3), c = run(4);
  assert.deepEqual(a, b);
  assert.notDeepEqual(Array.from(a.time), Array.from(c.time));
});

test('grid mode rounds latencies to whole steps and matches the reference on the rounded network', () => {
  fc.assert(
    fc.property(seeds, (seed) => {
      const net = randomNet(seed, 'first');
      const dt = 0.25;
      const sim = new Simulation(net, { dt }).force(0, 0).run(30);
      const rounded = withChanges(net, { latency: net.latency.map((l) => Math.floor(l / dt + 0.5)), refractory: net.refractory.map((r) => Math.floor(r / dt + 0.5)) });
      const ref = referenceRun(rounded, 30 / dt, { force: [[0, 0]] });
      assert.deepEqual(Array.from(sim.spikes().node), ref.node);
      assert.deepEqual(Array.from(sim.spikes().time), ref.time.map((t) => t * dt));
    }),
    { numRuns: 20 },
  );
});

test('reset() gives the same run as a fresh simulation', () => {
  fc.assert(
    fc.property(seeds, modeArb, gridArb, (seed, mode, dt) => {
      const net = randomNet(seed, mode);
      const opts = { seed, dt, record: { edgeCounts: true, causes: true } };
      const fresh = driven(net, opts).run(40);
      const reused = driven(net, opts).run(25);
      reused.reset();
      reused.force(0, 0).force(1, 0.5).inject(2, 1, 0.7);
      reused.poisson({ rate: 150, weight: 0.3 });
      reused.run(40);
      same(fresh, reused);
    }),
    { numRuns: 20 },
  );
});
