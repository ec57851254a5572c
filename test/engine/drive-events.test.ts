// driveEvents writes out the engine's own Poisson drive: with a node that fires on every
// accepted input and has no refractory period, the engine's spikes are exactly these events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { driveEvents } from '../../src/engine/drive-events.js';
import { Simulation } from '../../src/engine/simulation.js';
import { makeNetwork } from '../../src/model/build.js';

test('driveEvents = the times Simulation.poisson delivers (same seed, same stream), in [0, T)', () => {
  const n = 5, T = 300, rate = 120, seed = 9;
  const net = makeNetwork({ n, nodes: { refractory: 0, mode: 'first' }, edges: { source: [], target: [], latency: [], weight: 1 } });
  const sim = new Simulation(net, { seed, record: { spikes: true } });
  sim.poisson({ rate, weight: 1 });
  sim.run(T);
  const s = sim.spikes();
  const ev = driveEvents(n, rate, T, seed);
  const key = (node: ArrayLike<number>, time: ArrayLike<number>) => Array.from(node, (x, k) => `${x}@${time[k]}`).sort();
  assert.deepEqual(key(ev.node, ev.time), key(s.node, s.time));
  assert.ok(ev.node.length > 0.8 * n * rate * (T / 1000) && ev.node.length < 1.2 * n * rate * (T / 1000));
  assert.ok(ev.time.every((t) => t > 0 && t < T));
  assert.equal(driveEvents(n, 0, T, seed).node.length, 0);
  assert.throws(() => driveEvents(n, -1, T, seed), /rate/);
});
