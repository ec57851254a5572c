// Λ ∝ R·k: the scaling is exact, so a median Λ restates the chosen R·k; and uniform diameters
// make "velocity from diameter" a constant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeArbor, axonDiameters, lambdaScale, medianLambdaAt, morphologyFromSwc, rkForMedianLambda, velocityModel, type VelocityModelName } from '../../src/morphology/index.js';
import { equalised, syntheticCell } from './synthetic-cells.js';

const cell = morphologyFromSwc(readFileSync(new URL('../../data/swc/Pvalb_491119484_m.swc', import.meta.url), 'utf8')).morphology;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

test('median Λ at any R·k follows from one run, for every velocity model', () => {
  for (const name of ['constant', 'unmyelinated', 'myelinated'] as VelocityModelName[]) {
    const v = velocityModel(name, 1);
    const scale = lambdaScale(analyzeArbor(cell, { refractory: 1, velocity: v })!, v);
    for (const [R, k] of [[0.5, 3], [2.9, 0.3], [1.7, 1]]) {
      const direct = analyzeArbor(cell, { refractory: R, velocity: velocityModel(name, k) })!.stats.lambda.median;
      assert.ok(rel(medianLambdaAt(scale, R * k), direct) < 1e-12, `${name} R ${R} k ${k}`);
    }
  }
});

test('the R·k for median Λ = 0.92, run directly, gives 0.92', () => {
  const v = velocityModel('unmyelinated', 1);
  const rk = rkForMedianLambda(lambdaScale(analyzeArbor(cell, { refractory: 1, velocity: v })!, v), 0.92);
  const m = analyzeArbor(cell, { refractory: rk, velocity: v })!.stats.lambda.median;
  assert.ok(rel(m, 0.92) < 1e-12);
  assert.equal(rk.toFixed(3), '0.484');
});

test('uniform diameters: the Allen cell’s axon is traced at 0.27–0.28 µm, so v = k·√d is one speed', () => {
  const v = velocityModel('unmyelinated', 1);
  const d = axonDiameters(cell, analyzeArbor(cell, { refractory: 1, velocity: v })!, v);
  assert.equal(d.uniform, true);
  assert.deepEqual([d.q1.toFixed(4), d.q3.toFixed(4)], ['0.2746', '0.2824']);
  assert.ok(rel(d.speedAtMedian, Math.sqrt(d.median)) < 1e-12);
});

test('uniform vs varied diameters on synthetic axons', () => {
  const v = velocityModel('unmyelinated', 2);
  const uniform = morphologyFromSwc(syntheticCell(equalised(), [], 0.2)).morphology;
  const du = axonDiameters(uniform, analyzeArbor(uniform, { refractory: 1, velocity: v })!, v);
  assert.deepEqual([du.q1, du.median, du.q3, du.uniform], [0.4, 0.4, 0.4, true]);
  assert.ok(rel(du.speedAtMedian, 2 * Math.sqrt(0.4)) < 1e-12);
  // the same cell with radii growing along the point list: no longer uniform
  const lines = syntheticCell(equalised(), [], 0.2).trim().split('\n').map((l, i) => {
    const f = l.split(' ');
    if (f[1] === '2') f[5] = String(0.1 + 0.01 * i);
    return f.join(' ');
  });
  const varied = morphologyFromSwc(lines.join('\n')).morphology;
  assert.equal(axonDiameters(varied, analyzeArbor(varied, { refractory: 1, velocity: v })!, v).uniform, false);
});
