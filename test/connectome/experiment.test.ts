// The VB/DB alternation criterion and name resolution (connectome issue, acceptance 2 and 5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveNeurons, vbDbAlternation, subConnectome } from '../../src/connectome/experiment.js';
import { loadConnectome } from '../../src/connectome/datasets.js';
import { FIXTURES } from './helpers.js';

// nodes 0..10 are VB (11 neurons), 11..17 DB (7 neurons), 18 something else
const classOf = [...Array<string>(11).fill('VB'), ...Array<string>(7).fill('DB'), 'AVA'];
function burst(cls: 'VB' | 'DB', t: number): [number, number][] {
  const ids = classOf.map((c, i) => (c === cls ? i : -1)).filter((i) => i >= 0);
  return ids.map((i) => [i, t]);
}
function spikesOf(events: [number, number][]) {
  events.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  return { node: Int32Array.from(events, (e) => e[0]), time: Float64Array.from(events, (e) => e[1]) };
}

test('bursts of VB, DB, VB, DB alternate; simultaneous activity does not', () => {
  const alt = vbDbAlternation(spikesOf([...burst('VB', 1), ...burst('DB', 5), ...burst('VB', 9), ...burst('DB', 13)]), classOf, 20);
  assert.equal(alt.alternation, true);
  assert.deepEqual(alt.phases, ['VB', 'DB', 'VB', 'DB']);
  assert.equal(alt.switches, 3);
  const together = vbDbAlternation(spikesOf([...burst('VB', 1), ...burst('DB', 1), ...burst('VB', 9), ...burst('DB', 9)]), classOf, 20);
  assert.equal(together.alternation, false);
  assert.equal(together.mixedBins, 2);
  // two switches are not enough
  assert.equal(vbDbAlternation(spikesOf([...burst('VB', 1), ...burst('DB', 5), ...burst('VB', 9)]), classOf, 20).alternation, false);
  // the fractions are per class: 2 of 7 DB (0.29) beat 2 of 11 VB (0.18) by less than the margin
  const small = vbDbAlternation(spikesOf([[0, 1], [1, 1], [11, 1], [12, 1]]), classOf, 20);
  assert.equal(small.mixedBins, 1);
});

test('names, classes and circuits resolve; an unknown name gives its nearest neighbours', () => {
  assert.deepEqual(resolveNeurons(['asel'], '--stimulate'), ['ASEL']);
  assert.deepEqual(resolveNeurons(['ASE'], '--stimulate'), ['ASEL', 'ASER']);
  assert.ok(resolveNeurons(['locomotion'], '--subcircuit').includes('VB11'));
  assert.throws(() => resolveNeurons(['ASEK'], '--stimulate'), /--stimulate: unknown neuron "ASEK" \(nearest: .*ASEL.*\)/);
});

test('a sub-circuit keeps only the synapses among its members', () => {
  const c = loadConnectome('cook2019', FIXTURES);
  const members = resolveNeurons(['chemotaxis'], '--subcircuit');
  const sub = subConnectome(c, members);
  assert.ok(sub.synapses.length > 0);
  assert.ok(sub.synapses.every((s) => members.includes(s.pre) && members.includes(s.post)));
  const expected = c.synapses.filter((s) => members.includes(s.pre) && members.includes(s.post)).length;
  assert.equal(sub.synapses.length, expected);
});
