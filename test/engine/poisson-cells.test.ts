// The drive sampler: every cell's count is Poisson(λ), independent of its neighbours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PoissonCells } from '../../src/engine/poisson-cells.js';
import { h32 } from '../../src/model/hash.js';

function counts(lambda: number, rows: number, len: number): Float64Array {
  const c = new PoissonCells(lambda);
  const per = new Float64Array(rows * len);
  for (let r = 0; r < rows; r++) {
    const n = c.draw(h32(7, 3, r, 0), len);
    for (let k = 0; k < n; k++) {
      assert.ok(c.out[k] >= 0 && c.out[k] < len);
      if (k > 0) assert.ok(c.out[k] >= c.out[k - 1], 'cells ascend');
      per[r * len + c.out[k]]++;
    }
  }
  return per;
}

for (const lambda of [0.05, 0.7, 4]) {
  test(`λ = ${lambda}: mean, variance and P(0) of the per-cell counts match Poisson(λ)`, () => {
    const x = counts(lambda, 400, 1000); // 4·10^5 cells
    const n = x.length;
    const mean = x.reduce((a, b) => a + b, 0) / n;
    const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    const zeros = x.filter((v) => v === 0).length / n;
    const se = Math.sqrt(lambda / n);
    assert.ok(Math.abs(mean - lambda) < 5 * se, `mean ${mean}`);
    assert.ok(Math.abs(variance / lambda - 1) < 0.03, `variance ${variance}`);
    assert.ok(Math.abs(zeros - Math.exp(-lambda)) < 5 * Math.sqrt(Math.exp(-lambda) * (1 - Math.exp(-lambda)) / n), `P(0) ${zeros}`);
    // neighbouring cells are uncorrelated
    let cov = 0;
    for (let k = 0; k + 1 < n; k++) cov += (x[k] - mean) * (x[k + 1] - mean);
    assert.ok(Math.abs(cov / (n - 1) / variance) < 0.01, `lag-1 correlation ${cov / (n - 1) / variance}`);
  });
}

test('the same stream gives the same draw; another stream another', () => {
  const c = new PoissonCells(0.3);
  const a = Array.from(c.out.subarray(0, c.draw(12345, 500)));
  const b = Array.from(c.out.subarray(0, c.draw(12345, 500)));
  const d = Array.from(c.out.subarray(0, c.draw(54321, 500)));
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, d);
  assert.throws(() => new PoissonCells(0), /must be > 0/);
});
