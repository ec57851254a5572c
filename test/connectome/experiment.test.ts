// The VB/DB alternation criterion and name resolution (connectome issue, acceptance 2 and 5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveNeurons, vbDbAlternation, subConnectome } from '../../src/connectome/experiment.js';
import { readConnectome } from '../../src/node/connectome.js';
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

test('VB/DB alternation: 1 Hz anti-phase bursts alternate at every sampling step; VB and DB bursting together do not', () => {
  // every neuron of the class fires 5 spikes 20 ms apart in its half of each second, for 8 s
  const phased = (vbAt: number, dbAt: number) => {
    const ev: [number, number][] = [];
    for (let s = 0; s < 8; s++)
      for (let k = 0; k < 5; k++) {
        ev.push(...burst('VB', 1000 * s + vbAt + 20 * k + 0.1 * s), ...burst('DB', 1000 * s + dbAt + 20 * k + 0.3 * s));
      }
    return spikesOf(ev);
  };
  for (const bin of [1, 2, 4, 8]) {
    const alt = vbDbAlternation(phased(100, 600), classOf, 8000, { bin, transient: 500, shuffles: 199 });
    assert.equal(alt.alternating, true, `bin ${bin}: ${alt.reason}`);
    assert.ok(Math.abs(alt.frequencyHz! - 1) < 0.2, `f ${alt.frequencyHz}`);
    assert.ok(alt.antiPhase! < 0 && alt.halfPeriodCorrelation! > 0.5, `C(0) ${alt.antiPhase}, C(half) ${alt.halfPeriodCorrelation}`);
    assert.equal(alt.vbNeurons, 11);
    assert.equal(alt.dbNeurons, 7);
    const together = vbDbAlternation(phased(100, 100), classOf, 8000, { bin, transient: 500, shuffles: 199 });
    assert.equal(together.alternating, false);
    assert.ok(together.antiPhase! > 0.5);
  }
  // nothing after the transient: no verdict of yes, and a reason
  const early = vbDbAlternation(spikesOf([...burst('VB', 1), ...burst('DB', 5)]), classOf, 50);
  assert.equal(early.alternating, false);
  assert.match(early.reason, /transient/);
});

test('names, classes and circuits resolve; an unknown name gives its nearest neighbours', () => {
  assert.deepEqual(resolveNeurons(['asel'], '--stimulate'), ['ASEL']);
  assert.deepEqual(resolveNeurons(['ASE'], '--stimulate'), ['ASEL', 'ASER']);
  assert.ok(resolveNeurons(['locomotion'], '--subcircuit').includes('VB11'));
  assert.throws(() => resolveNeurons(['ASEK'], '--stimulate'), /--stimulate: unknown neuron "ASEK" \(nearest: .*ASEL.*\)/);
});

test('a sub-circuit keeps only the synapses among its members', () => {
  const c = readConnectome('cook2019', FIXTURES);
  const members = resolveNeurons(['chemotaxis'], '--subcircuit');
  const sub = subConnectome(c, members);
  assert.ok(sub.synapses.length > 0);
  assert.ok(sub.synapses.every((s) => members.includes(s.pre) && members.includes(s.post)));
  const expected = c.synapses.filter((s) => members.includes(s.pre) && members.includes(s.post)).length;
  assert.equal(sub.synapses.length, expected);
});
