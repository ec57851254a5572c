import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { accuracy, clusterAccuracy, confusion, hungarianMatch, matchClusters, meanSd, nmi } from '../../src/learn/metrics.js';
import { createRng } from '../../src/model/random.js';

function close(actual: number, expected: number, tol = 1e-12, what = ''): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${what} ${actual} vs ${expected}`);
}

/** Every injective map of the rows of an n × m cost matrix (n ≤ m) to columns. */
function* injections(n: number, m: number, prefix: number[] = []): Generator<number[]> {
  if (prefix.length === n) {
    yield prefix.slice();
    return;
  }
  for (let j = 0; j < m; j++) {
    if (prefix.includes(j)) continue;
    prefix.push(j);
    yield* injections(n, m, prefix);
    prefix.pop();
  }
}

function totalCost(cost: number[][], colOf: number[]): number {
  return colOf.reduce((s, j, i) => s + (j >= 0 ? cost[i][j] : 0), 0);
}

function bruteMin(cost: number[][]): number {
  const n = cost.length;
  const m = cost[0].length;
  let best = Infinity;
  if (n <= m) for (const p of injections(n, m)) best = Math.min(best, totalCost(cost, p));
  else {
    const t = Array.from({ length: m }, (_, j) => cost.map((r) => r[j]));
    for (const p of injections(m, n)) best = Math.min(best, totalCost(t, p));
  }
  return best;
}

/** The assignment is a valid matching of min(n, m) pairs. */
function assertMatching(colOf: number[], n: number, m: number): void {
  assert.equal(colOf.length, n);
  const used = colOf.filter((j) => j >= 0);
  assert.equal(used.length, Math.min(n, m));
  assert.equal(new Set(used).size, used.length, 'a column used twice');
  for (const j of used) assert.ok(Number.isInteger(j) && j < m);
}

describe('accuracy and confusion', () => {
  test('accuracy counts equal positions', () => {
    assert.equal(accuracy([0, 1, 2, 1], [0, 1, 1, 1]), 0.75);
    assert.equal(accuracy(Int32Array.from([3]), Int32Array.from([3])), 1);
    assert.ok(Number.isNaN(accuracy([], [])));
    assert.throws(() => accuracy([0], [0, 1]), RangeError);
  });

  test('confusion: rows are the true class, columns the prediction (hand-computed)', () => {
    const truth = [0, 0, 1, 1, 2, 2];
    const pred = [0, 1, 1, 1, 2, 0];
    assert.deepEqual(confusion(pred, truth, 3), [
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 1],
    ]);
    assert.throws(() => confusion([3], [0], 3), RangeError);
    assert.throws(() => confusion([-1], [0], 3), RangeError);
  });
});

describe('hungarianMatch', () => {
  test('a known 3×3 case', () => {
    const cost = [
      [4, 1, 3],
      [2, 0, 5],
      [3, 2, 2],
    ];
    assert.deepEqual(hungarianMatch(cost), [1, 0, 2]); // 1 + 2 + 2 = 5, the unique optimum
  });

  test('a known 4×4 case', () => {
    const cost = [
      [82, 83, 69, 92],
      [77, 37, 49, 92],
      [11, 69, 5, 86],
      [8, 9, 98, 23],
    ];
    const colOf = hungarianMatch(cost);
    assert.deepEqual(colOf, [2, 1, 0, 3]);
    assert.equal(totalCost(cost, colOf), 140);
  });

  test('rectangular: more columns than rows, and more rows than columns', () => {
    const wide = [
      [5, 1, 9, 4],
      [1, 6, 9, 3],
    ];
    assert.deepEqual(hungarianMatch(wide), [1, 0]);
    const tall = [
      [5, 1],
      [1, 6],
      [0, 0],
    ];
    const colOf = hungarianMatch(tall);
    assertMatching(colOf, 3, 2);
    assert.equal(totalCost(tall, colOf), bruteMin(tall));
    assert.equal(totalCost(tall, colOf), 1); // row 2 takes one column at 0, row 0 or 1 the other at 1
    assert.deepEqual(hungarianMatch([]), []);
    assert.throws(() => hungarianMatch([[1, 2], [3]]), RangeError);
    assert.throws(() => hungarianMatch([[NaN]]), RangeError);
  });

  test('matches brute force over all permutations on random 5×5 matrices (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: -20, max: 50 }), { minLength: 5, maxLength: 5 }), { minLength: 5, maxLength: 5 }), (cost) => {
        const colOf = hungarianMatch(cost);
        assertMatching(colOf, 5, 5);
        assert.equal(totalCost(cost, colOf), bruteMin(cost));
      }),
    );
  });

  test('matches brute force on random rectangular matrices, real-valued (property)', () => {
    const matrix = fc
      .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
      .chain(([n, m]) => fc.array(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: m, maxLength: m }), { minLength: n, maxLength: n }));
    fc.assert(
      fc.property(matrix, (cost) => {
        const colOf = hungarianMatch(cost);
        assertMatching(colOf, cost.length, cost[0].length);
        close(totalCost(cost, colOf), bruteMin(cost), 1e-9, 'total cost');
      }),
    );
  });
});

describe('cluster accuracy', () => {
  test('best one-to-one matching; unmatched clusters count as wrong', () => {
    const truth = [0, 0, 0, 1, 1, 1, 2, 2, 2];
    const assign = [0, 0, 3, 1, 1, 1, 2, 2, 0];
    // cluster 0 → class 0 (2), 1 → 1 (3), 2 → 2 (2), cluster 3 unmatched: 7 of 9.
    close(clusterAccuracy(assign, truth, 4, 3), 7 / 9);
    assert.deepEqual(Array.from(matchClusters(assign, truth, 4, 3)), [0, 1, 2, -1]);
  });

  test('a renamed perfect clustering scores 1; fewer clusters than classes caps the score', () => {
    assert.equal(clusterAccuracy([2, 2, 0, 0, 1, 1], [0, 0, 1, 1, 2, 2], 3, 3), 1);
    close(clusterAccuracy([0, 0, 0, 0, 1, 1], [0, 0, 1, 1, 2, 2], 2, 3), 4 / 6);
  });
});

describe('normalized mutual information', () => {
  test('1 for identical labelings up to renaming', () => {
    close(nmi([0, 0, 1, 1, 2, 2], [5, 5, 3, 3, -1, -1]), 1);
    close(nmi([1, 1, 0, 0], [0, 0, 1, 1]), 1);
    assert.equal(nmi([7, 7, 7], [1, 1, 1]), 1); // neither labeling splits the data
  });

  test('0 for exactly independent labelings, near 0 for random ones', () => {
    const a = Array.from({ length: 8 }, (_, i) => i % 2);
    const b = Array.from({ length: 8 }, (_, i) => Math.floor(i / 2) % 2);
    assert.equal(nmi(a, b), 0);
    assert.equal(nmi([0, 0, 0, 0], [0, 1, 2, 3]), 0);
    const rng = createRng(5);
    const x = Array.from({ length: 20000 }, () => rng.int(0, 9));
    const y = Array.from({ length: 20000 }, () => rng.int(0, 9));
    assert.ok(nmi(x, y) < 0.005, String(nmi(x, y)));
  });

  test('the scikit-learn value on a hand example', () => {
    // truth [0,0,0,1,1,1], clusters [0,0,1,1,2,2]: H(truth) = ln 2, H(clusters) = ln 3,
    // MI = 1/3·ln(1/3 ÷ 1/6) · 2 = (2/3) ln 2, so NMI = (2/3) ln 2 / ((ln 2 + ln 3) / 2)
    // = (4/3) ln 2 / ln 6 ≈ 0.515804 (sklearn.metrics.normalized_mutual_info_score).
    const expected = ((4 / 3) * Math.LN2) / Math.log(6);
    close(nmi([0, 0, 1, 1, 2, 2], [0, 0, 0, 1, 1, 1]), expected);
    close(expected, 0.515804, 1e-6);
    close(nmi([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]), expected); // symmetric
  });
});

describe('meanSd', () => {
  test('mean and sample standard deviation', () => {
    const { mean, sd } = meanSd([1, 2, 3, 4]);
    assert.equal(mean, 2.5);
    close(sd, Math.sqrt(5 / 3));
    assert.deepEqual(meanSd([7]), { mean: 7, sd: 0 });
    assert.ok(Number.isNaN(meanSd([]).mean));
  });
});
