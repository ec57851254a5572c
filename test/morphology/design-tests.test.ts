// The design tests of Puppo 2018's claim, each on a synthetic case where the answer is yes and
// on ones where it is no; the shuffle null; the dendrite control.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  analyzeArbor,
  controlled,
  dendriteTerminalPaths,
  designReport,
  designTests,
  latencySpreadRatio,
  lambdaBelowOneCloserShare,
  morphologyFromSwc,
  ranks,
  shuffledDetours,
  spearman,
  tortuosityDistanceRho,
  velocityModel,
  type TerminalPath,
} from '../../src/morphology/index.js';
import { constantDetour, equalised, growingDetours, straight, syntheticCell, type BranchSpec } from './synthetic-cells.js';

/** Terminals at a constant 0.5 m/s (500 µm/ms). */
const paths = (b: BranchSpec[], speed = 500): TerminalPath[] => b.map(({ D, L }) => ({ pathLength: L, straight: D, latency: L / speed }));
const opts = { refractory: 1, seed: 7, shuffles: 499 };

describe('ranks and Spearman', () => {
  test('ties share their average rank', () => {
    assert.deepEqual([...ranks([10, 30, 20, 30])], [1, 3.5, 2, 3.5]);
  });
  test('ρ is ±1 for monotone relations and invariant under increasing transforms (ties included)', () => {
    assert.equal(spearman([1, 2, 3, 4], [10, 20, 30, 45]), 1);
    assert.equal(spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 })), { minLength: 3, maxLength: 30 }), (pairs) => {
        const a = pairs.map((p) => p[0]), b = pairs.map((p) => p[1]);
        const r = spearman(a, b), r2 = spearman(a.map(Math.log), b.map((x) => x ** 3));
        return Number.isNaN(r) ? Number.isNaN(r2) : Math.abs(r - r2) < 1e-12;
      }),
    );
  });
});

describe('statistic 2: latency spread ratio IQR(ln τ) / IQR(ln τ straight)', () => {
  test('targeted detours equalise latencies: ratio ≪ 1', () => {
    assert.ok(latencySpreadRatio(paths(equalised())) < 0.05);
  });
  test('straight paths: exactly 1; detours growing with distance: > 1', () => {
    assert.equal(latencySpreadRatio(paths(straight())), 1);
    assert.ok(latencySpreadRatio(paths(growingDetours())) > 1);
  });
  test('independent of R and of the speed (scale-free), per-terminal speeds kept', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 100, noNaN: true }), (c) => {
        const a = latencySpreadRatio(paths(growingDetours())), b = latencySpreadRatio(paths(growingDetours(), 500 * c));
        return Math.abs(a - b) < 1e-9 * a;
      }),
    );
  });
});

describe('statistic 3: Spearman ρ(straight distance, tortuosity)', () => {
  test('targeted detours: −1; growing detours: > 0', () => {
    assert.equal(tortuosityDistanceRho(paths(equalised())), -1);
    assert.ok(tortuosityDistanceRho(paths(growingDetours())) > 0.9);
  });
  test('a constant detour gives −1 too: the ratio artefact the shuffle null must absorb', () => {
    assert.equal(tortuosityDistanceRho(paths(constantDetour())), -1);
  });
});

describe('statistic 1: Λ < 1 terminals closer to 1 than straight', () => {
  test('long detours on near terminals land nearer 1 than their straight paths (yes)', () => {
    // L ≈ 600 µm at 0.5 m/s and R = 1 ms: Λ ≈ 0.83 everywhere; straight Λ = 500 / D ≥ 1.25
    const r = lambdaBelowOneCloserShare(paths(equalised()), 1);
    assert.deepEqual(r, { share: 1, count: 20 });
  });
  test('far terminals with a small detour: the straight path is nearer 1 (no)', () => {
    // D = 520…900 µm, L = D + 50: Λ = 500 / L < 1 and straight 500 / D is closer
    const r = lambdaBelowOneCloserShare(paths(constantDetour(20, 500)), 1);
    assert.deepEqual(r, { share: 0, count: 20 });
  });
  test('terminals with Λ ≥ 1 are not counted (for them "closer" is an identity)', () => {
    assert.deepEqual(lambdaBelowOneCloserShare(paths(straight()), 1), { share: NaN, count: 0 });
  });
});

describe('the detour shuffle null', () => {
  test('keeps distances, speeds and the multiset of detours', () => {
    const ts = paths(growingDetours(), 400);
    const perm = [...ts.keys()].reverse();
    const sh = shuffledDetours(ts, perm);
    assert.deepEqual(sh.map((t) => t.straight), ts.map((t) => t.straight));
    for (const t of sh) assert.ok(Math.abs(t.pathLength / t.latency - 400) < 1e-9);
    const excess = (xs: TerminalPath[]) => xs.map((t) => Math.round((t.pathLength - t.straight) * 1e9)).sort((a, b) => a - b);
    assert.deepEqual(excess(sh), excess(ts));
  });

  test('yes: targeted detours beat the null on all three tests', () => {
    const r = designTests(paths(equalised()), opts);
    assert.equal(r.latencySpreadRatio.answer, 'yes');
    assert.equal(r.tortuosityDistanceRho.answer, 'yes');
    assert.equal(r.lambdaBelowOneCloser.answer, 'yes');
    assert.ok(r.latencySpreadRatio.p! <= 0.01 && r.tortuosityDistanceRho.p! <= 0.01, JSON.stringify(r));
    assert.ok(r.latencySpreadRatio.nullMedian! > r.latencySpreadRatio.value!);
  });

  test('no: a constant detour compresses ln τ and gives ρ = −1, and the null explains both away', () => {
    const r = designTests(paths(constantDetour()), opts);
    assert.ok(r.latencySpreadRatio.value! < 1, 'the naive comparison would say "equalised"');
    assert.equal(r.latencySpreadRatio.p, 1);
    assert.equal(r.latencySpreadRatio.answer, 'no');
    assert.equal(r.tortuosityDistanceRho.value, -1);
    assert.equal(r.tortuosityDistanceRho.answer, 'no');
  });

  test('no: detours growing with distance', () => {
    const r = designTests(paths(growingDetours()), opts);
    assert.equal(r.latencySpreadRatio.answer, 'no');
    assert.equal(r.tortuosityDistanceRho.answer, 'no');
  });

  test('deterministic for a seed; too few terminals gives no answer', () => {
    assert.deepEqual(designTests(paths(growingDetours()), opts), designTests(paths(growingDetours()), opts));
    const few = designTests(paths(equalised(6)), opts);
    assert.equal(few.latencySpreadRatio.answer, 'too few terminals');
    assert.equal(few.latencySpreadRatio.value, null);
  });
});

describe('dendrite control and the per-cell report', () => {
  const v = velocityModel('constant', 0.5);
  const report = (axon: BranchSpec[], dendrites: BranchSpec[]) => {
    const m = morphologyFromSwc(syntheticCell(axon, dendrites)).morphology;
    return { m, rep: designReport(m, analyzeArbor(m, { refractory: 1, velocity: v })!, { velocity: v, seed: 3, shuffles: 499 }) };
  };

  test('dendrite terminal paths run from the soma', () => {
    const m = morphologyFromSwc(syntheticCell(straight(3), growingDetours(4))).morphology;
    const d = dendriteTerminalPaths(m, v).sort((a, b) => a.straight - b.straight);
    assert.equal(d.length, 4);
    growingDetours(4).forEach((b, k) => {
      assert.ok(Math.abs(d[k].straight - b.D) < 1e-9);
      assert.ok(Math.abs(d[k].pathLength - b.L) < 1e-9);
      assert.ok(Math.abs(d[k].latency - b.L / 500) < 1e-12);
    });
  });

  test('equalising axon, straight dendrites: yes (axon only)', () => {
    const { rep } = report(equalised(), straight());
    assert.equal(rep.latencyEqualisation, 'yes (axon only)');
    assert.equal(rep.nearTerminalDetours, 'yes (axon only)');
  });

  test('the same detours in the dendrites: yes (dendrites too), not counted as axonal design', () => {
    const { rep } = report(equalised(), equalised());
    assert.equal(rep.latencyEqualisation, 'yes (dendrites too)');
    assert.equal(rep.nearTerminalDetours, 'yes (dendrites too)');
  });

  test('constant detours in the axon: no', () => {
    const { rep } = report(constantDetour(), straight());
    assert.equal(rep.latencyEqualisation, 'no');
    assert.equal(rep.nearTerminalDetours, 'no');
  });

  test('controlled() over all cases', () => {
    assert.equal(controlled('yes', 'no'), 'yes (axon only)');
    assert.equal(controlled('yes', 'yes'), 'yes (dendrites too)');
    assert.equal(controlled('yes', 'too few terminals'), 'yes (no dendrite control)');
    assert.equal(controlled('no', 'yes'), 'no');
    assert.equal(controlled('too few terminals', 'no'), 'too few terminals');
  });
});
