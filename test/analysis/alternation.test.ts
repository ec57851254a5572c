// The anti-phase alternation statistic must be able to say yes and no, and must not depend on
// the sampling step or the run length once past the transient.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { antiPhase, type NeuronTrains } from '../../src/analysis/alternation.js';
import { createRng } from '../../src/model/random.js';

/** Poisson trains at `rate(t)` Hz (thinning), one per neuron, over [0, T) ms. */
function trains(count: number, T: number, rate: (t: number) => number, seed: number, maxRate: number): NeuronTrains {
  const rng = createRng(seed);
  return {
    times: Array.from({ length: count }, () => {
      const out: number[] = [];
      for (let t = rng.exponential(1000 / maxRate); t < T; t += rng.exponential(1000 / maxRate)) if (rng.float() < rate(t) / maxRate) out.push(t);
      return out;
    }),
  };
}

const STEPS = [1, 2, 4, 8];

test('a 1 Hz anti-phase raster (VB in the first half of each second, DB in the second) alternates at every step and length', () => {
  for (const T of [5000, 10000, 20000]) {
    const vb = trains(11, T, (t) => (t % 1000 < 500 ? 20 : 1), 1, 20);
    const db = trains(7, T, (t) => (t % 1000 >= 500 ? 20 : 1), 2, 20);
    for (const step of STEPS) {
      const r = antiPhase(vb, db, { window: [500, T], step, shuffles: 199 });
      assert.equal(r.alternating, true, `T ${T} step ${step}: ${r.reason}`);
      assert.ok(Math.abs(r.frequencyHz! - 1) < 0.15, `frequency ${r.frequencyHz}`);
      assert.ok(r.antiPhase! < -0.5, `C(0) ${r.antiPhase}`);
      assert.ok(r.pValue! < 0.01);
      assert.ok(r.segregation! > 0.7);
    }
  }
});

test('a synchronous 250 Hz raster is not alternation, even with VB and DB in alternate halves of the 4 ms cycle', () => {
  // the aliasing case of the old 2 ms-bin detector: every neuron fires every 4 ms, VB at 0, DB at 2 ms
  const T = 2000;
  const every = (count: number, phase: number): NeuronTrains => ({ times: Array.from({ length: count }, (_, i) => Array.from({ length: T / 4 }, (_, k) => 4 * k + phase + 0.01 * i)) });
  for (const step of STEPS)
    for (const dur of [300, 1000, 2000]) {
      const vb = every(11, 0), db = every(7, 2);
      const cut = (x: NeuronTrains) => ({ times: x.times.map((t) => Array.from(t).filter((v) => v < dur)) });
      const r = antiPhase(cut(vb), cut(db), { window: [100, dur], step, shuffles: 199 });
      assert.equal(r.alternating, false, `step ${step} duration ${dur}`);
    }
});

test('independent Poisson populations are not alternating, and the label-shuffle p is not small', () => {
  let significant = 0;
  for (let seed = 1; seed <= 10; seed++) {
    const r = antiPhase(trains(11, 10000, () => 10, seed, 10), trains(7, 10000, () => 10, 100 + seed, 10), { window: [500, 10000], step: 2, shuffles: 199 });
    assert.equal(r.alternating, false, r.reason);
    if (r.pValue! < 0.05) significant++;
  }
  assert.ok(significant <= 2, `${significant} of 10 independent pairs came out significant`);
});

test('in-phase 1 Hz populations are rhythmic but not anti-phase', () => {
  const vb = trains(11, 10000, (t) => (t % 1000 < 500 ? 20 : 1), 3, 20);
  const db = trains(7, 10000, (t) => (t % 1000 < 500 ? 20 : 1), 4, 20);
  const r = antiPhase(vb, db, { window: [500, 10000], step: 2, shuffles: 199 });
  assert.equal(r.alternating, false);
  assert.ok(r.antiPhase! > 0.5, `C(0) ${r.antiPhase}`);
});

test('the same seed gives the same p-value; too few spikes or a short window give a reason, not a verdict of yes', () => {
  const vb = trains(11, 6000, (t) => (t % 1000 < 500 ? 20 : 1), 5, 20), db = trains(7, 6000, (t) => (t % 1000 >= 500 ? 20 : 1), 6, 20);
  assert.deepEqual(antiPhase(vb, db, { window: [500, 6000], seed: 9, shuffles: 99 }), antiPhase(vb, db, { window: [500, 6000], seed: 9, shuffles: 99 }));
  const short = antiPhase(vb, db, { window: [500, 800], shuffles: 99 });
  assert.equal(short.alternating, false);
  assert.match(short.reason, /fewer than two periods|too few spikes/);
  assert.throws(() => antiPhase(vb, db, { window: [0, 1000], step: 20 }), /at most half/);
});
