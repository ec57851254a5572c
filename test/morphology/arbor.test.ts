// Axonal arbor analysis on a hand-computable zig-zag axon, and its agreement with a
// simulation of the arbor as a network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { morphologyFromSwc } from '../../src/morphology/swc.js';
import { repairMorphology } from '../../src/morphology/repair.js';
import { analyzeArbor } from '../../src/morphology/arbor.js';
import { arborNetwork } from '../../src/morphology/arbor-network.js';
import { speed, velocityModel } from '../../src/morphology/velocity.js';
import { Simulation } from '../../src/engine/simulation.js';

const zigzag = morphologyFromSwc(readFileSync(new URL('../fixtures/swc/zigzag-axon.swc', import.meta.url), 'utf8'), 'zigzag-axon.swc').morphology;
const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

test('velocity models: constant, k·√d, k·d (µm/ms)', () => {
  assert.equal(speed(velocityModel('constant', 0.5), 3), 500);
  assert.equal(speed(velocityModel('unmyelinated'), 4), 2000);
  assert.equal(speed(velocityModel('myelinated'), 2), 12000);
  assert.equal(speed(velocityModel('unmyelinated'), 0), speed(velocityModel('unmyelinated'), 0.1)); // missing diameter → minimum
});

test('zig-zag axon: path lengths, distances, tortuosity, orders, latencies and Λ by hand', () => {
  const a = analyzeArbor(zigzag, { refractory: 1, velocity: velocityModel('constant', 0.5) })!;
  assert.equal(a.axonRoot, 1); // point index of SWC id 2
  assert.equal(a.axonPoints, 6);
  assert.equal(a.branchPoints, 1);
  assert.equal(a.totalLength, 26);
  const t = new Map(a.terminals.map((x) => [x.line, x]));
  const end = t.get(8)!, side = t.get(9)!; // SWC ids 6 and 7 (lines 8, 9)
  close(end.pathLength, 20, 'path to id 6');
  close(end.straight, 12, 'distance to id 6');
  close(end.tortuosity, 20 / 12, 'tortuosity');
  close(end.latency, 20 / 500, 'latency at 0.5 m/s');
  close(end.lambda, 1 / (20 / 500), 'Λ');
  close(end.lambdaStraight, 25 * (20 / 12), 'Λ straight');
  close(end.lengthForUnitLambda, 500, 'path length for Λ = 1: R × v');
  assert.equal(end.order, 1);
  close(side.pathLength, 16, 'path to id 7');
  close(side.straight, Math.sqrt(72), 'distance to id 7');
  assert.equal(side.order, 1);
  const branches = a.branches.map((b) => [b.length, b.chord]);
  assert.deepEqual(branches.map(([l]) => l).sort((x, y) => x - y), [6, 10, 10]);
  for (const [l, c] of branches) if (l === 10) close(c, 6, 'chord of a zig-zag branch');
  assert.equal(a.stats.lambda.median, (25 + 500 / 16) / 2);
});

test('from the soma: paths include the 10 µm from the soma centre; unmyelinated speed from d = 1 µm', () => {
  const a = analyzeArbor(zigzag, { refractory: 2, velocity: velocityModel('unmyelinated'), from: 'soma' })!;
  const end = a.terminals.find((x) => x.line === 8)!;
  close(end.pathLength, 30, 'path from soma');
  close(end.straight, 22, 'distance from soma');
  // 1 m/s on the d = 1 µm axon; the soma segment uses the child's diameter (1 µm) too
  close(end.latency, 30 / 1000, 'latency');
});

test('a cell without an axon has no arbor', () => {
  const m = morphologyFromSwc('1 1 0 0 0 5 -1\n2 3 10 0 0 1 1\n').morphology;
  assert.equal(analyzeArbor(m, { refractory: 1, velocity: velocityModel('constant') }), null);
});

function simulatedLatencies(file: string, text: string, from: 'axon' | 'soma') {
  const m = repairMorphology(morphologyFromSwc(text, file).morphology).morphology;
  const o = { refractory: 1, velocity: velocityModel('unmyelinated'), from };
  const a = analyzeArbor(m, o)!;
  const { net, nodeOf, rootNode } = arborNetwork(m, a, o);
  const spikes = new Simulation(net).force(rootNode, 0).run(1000).spikes();
  const fired = new Map<number, number>();
  spikes.node.forEach((nd, k) => fired.set(nd, spikes.time[k]));
  return { a, nodeOf, fired, n: net.n };
}

test('terminal latencies from the analysis equal arrival times in a simulation of the arbor', () => {
  for (const from of ['axon', 'soma'] as const) {
    const { a, nodeOf, fired, n } = simulatedLatencies('zigzag', readFileSync(new URL('../fixtures/swc/zigzag-axon.swc', import.meta.url), 'utf8'), from);
    assert.equal(fired.size, n);
    for (const t of a.terminals) assert.equal(fired.get(nodeOf[t.point]), t.latency);
  }
});

const real = new URL('../../../shared/data/swc/allen/Pvalb_491119484_m.swc', import.meta.url);
test('…and on a real basket-type cell (Allen Pvalb 491119484, 72 terminals)', { skip: !existsSync(real) && 'shared data not present' }, () => {
  const { a, nodeOf, fired } = simulatedLatencies('Pvalb_491119484_m.swc', readFileSync(real, 'utf8'), 'axon');
  assert.equal(a.terminals.length, 72);
  for (const t of a.terminals) assert.equal(fired.get(nodeOf[t.point]), t.latency, `terminal at line ${t.line}`);
  // tortuous paths: every terminal's real Λ is below its straight-line Λ
  assert.ok(a.terminals.every((t) => t.lambda <= t.lambdaStraight));
});
