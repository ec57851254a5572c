import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { KNearest, NearestPrototype, kmeans, randomProjection } from '../../src/learn/baselines.js';
import { clusterAccuracy, nmi } from '../../src/learn/metrics.js';
import { cosine, dot, l2normalize, mean, norm, row, squaredDistance } from '../../src/learn/vectors.js';
import { createRng } from '../../src/model/random.js';

function close(actual: number, expected: number, tol = 1e-12, what = ''): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${what} ${actual} vs ${expected}`);
}

describe('vectors', () => {
  test('dot, norm, cosine, squaredDistance', () => {
    assert.equal(dot([1, 2, 3], [4, 5, 6]), 32);
    assert.equal(norm([3, 4]), 5);
    close(cosine([1, 0], [1, 1]), Math.SQRT1_2);
    assert.equal(cosine([0, 0], [1, 1]), 0);
    assert.equal(squaredDistance(Float32Array.of(1, 2), Float64Array.of(4, 6)), 25);
    assert.throws(() => dot([1], [1, 2]), RangeError);
  });

  test('l2normalize: new array by default, in place on request, zero stays zero', () => {
    const v = Float32Array.of(3, 4);
    const u = l2normalize(v);
    assert.ok(u instanceof Float64Array);
    assert.deepEqual(Array.from(u), [0.6, 0.8]);
    assert.deepEqual(Array.from(v), [3, 4]);
    l2normalize(v, v);
    close(v[0], 0.6, 1e-7);
    assert.deepEqual(Array.from(l2normalize([0, 0])), [0, 0]);
  });

  test('row is a view; mean of all rows or of some', () => {
    const x = Float32Array.of(1, 2, 3, 4, 5, 6);
    const r = row(x, 1, 2);
    assert.deepEqual(Array.from(r), [3, 4]);
    r[0] = 30;
    assert.equal(x[2], 30);
    assert.throws(() => row(x, 3, 2), RangeError);
    assert.deepEqual(Array.from(mean(Float64Array.of(1, 2, 3, 4, 5, 6), 2)), [3, 4]);
    assert.deepEqual(Array.from(mean(Float64Array.of(1, 2, 3, 4, 5, 6), 2, [0, 2])), [3, 4]);
    assert.deepEqual(Array.from(mean(Float64Array.of(1, 2, 3, 4, 5, 6), 2, [])), [0, 0]);
  });
});

describe('KNearest', () => {
  test('1-NN on a tiny 2-D problem, -1 before learning', () => {
    const knn = new KNearest(2);
    assert.equal(knn.predict([1, 0]), -1);
    knn.learn([1, 0], 0);
    knn.learn([0.9, 0.2], 0);
    knn.learn([0, 1], 1);
    knn.learn([0.1, 0.8], 1);
    assert.equal(knn.predict([2, 0.1]), 0);
    assert.equal(knn.predict([0.05, 3]), 1);
    assert.equal(knn.size, 4);
  });

  test('cosine ignores length, Euclidean does not', () => {
    const cos = new KNearest(2);
    const euc = new KNearest(2, { metric: 'euclidean' });
    for (const m of [cos, euc]) {
      m.learn([1, 0], 0);
      m.learn([0.1, 0.1], 1);
    }
    assert.equal(cos.predict([5, 5]), 1); // same direction as (0.1, 0.1)
    assert.equal(euc.predict([5, 5]), 0); // 6.4 from (1, 0), 6.9 from (0.1, 0.1)
  });

  test('ties go to the smaller class id', () => {
    const knn = new KNearest(2);
    knn.learn([1, 1], 3);
    knn.learn([2, 2], 1); // same direction: the same cosine
    knn.learn([1, 1], 2);
    assert.equal(knn.predict([1, 1]), 1);
    const k2 = new KNearest(2, { k: 2, metric: 'euclidean' });
    k2.learn([1, 0], 4);
    k2.learn([-1, 0], 2);
    assert.equal(k2.predict([0, 0]), 2); // one vote each, equal summed similarity
  });

  test('k > 1 votes by count, then by summed similarity', () => {
    const knn = new KNearest(2, { k: 3, metric: 'euclidean' });
    knn.learn([0, 0], 1); // nearest to the query
    knn.learn([1, 0], 0);
    knn.learn([0, 1.1], 0);
    knn.learn([9, 9], 1); // too far to vote
    assert.equal(knn.predict([0.1, 0]), 0); // two votes for 0 beat the nearest 1
    const k2 = new KNearest(2, { k: 2, metric: 'euclidean' });
    k2.learn([1, 0], 0);
    k2.learn([-0.5, 0], 1);
    assert.equal(k2.predict([0, 0]), 1); // one vote each: class 1 is closer
    const big = new KNearest(2, { k: 10 });
    big.learn([1, 0], 5);
    assert.equal(big.predict([0, 1]), 5); // k larger than the memory
  });

  test('memory keeps the newest examples', () => {
    const knn = new KNearest(2, { memory: 2, metric: 'euclidean' });
    knn.learn([0, 0], 0);
    knn.learn([10, 0], 1);
    knn.learn([0, 10], 2); // drops (0, 0)
    assert.equal(knn.size, 2);
    assert.equal(knn.predict([0, 0]), 1); // (10, 0) and (0, 10) tie at distance 10: class 1
    knn.learn([0, 1], 3); // drops (10, 0)
    assert.equal(knn.predict([9, 0]), 3);
    const grow = new KNearest(1, { memory: 100, metric: 'euclidean' });
    for (let i = 0; i < 150; i++) grow.learn([i], i);
    assert.equal(grow.size, 100);
    assert.equal(grow.predict([0]), 50);
    assert.equal(grow.predict([149]), 149);
  });

  test('rejects bad arguments', () => {
    assert.throws(() => new KNearest(0), RangeError);
    assert.throws(() => new KNearest(2, { k: 0 }), RangeError);
    assert.throws(() => new KNearest(2, { memory: 0 }), RangeError);
    const knn = new KNearest(2);
    assert.throws(() => knn.learn([1, 2, 3], 0), RangeError);
    assert.throws(() => knn.learn([1, 2], -1), RangeError);
    assert.throws(() => knn.predict([1]), RangeError);
  });

  test('1-NN recalls every stored example (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 })), { minLength: 1, maxLength: 30, selector: ([a, b]) => `${a},${b}` }), (pts) => {
        const knn = new KNearest(2, { metric: 'euclidean' });
        pts.forEach((p, i) => knn.learn(p, i));
        pts.forEach((p, i) => assert.equal(knn.predict(p), i));
      }),
    );
  });
});

describe('NearestPrototype', () => {
  test('running means per class, cosine to the normalised means', () => {
    const np = new NearestPrototype(2);
    assert.equal(np.predict([1, 0]), -1);
    np.learn([1, 0], 0);
    np.learn([3, 0], 0);
    np.learn([0, 1], 2);
    assert.deepEqual(Array.from(np.prototype(0)!), [2, 0]);
    assert.equal(np.prototype(1), null);
    assert.equal(np.predict([1, 0.5]), 0);
    assert.equal(np.predict([0.2, 5]), 2);
    assert.equal(np.predict([1, 1]), 0); // a tie goes to the smaller class
    np.learn([0, 10], 0); // mean of class 0 now (4/3, 10/3)
    close(np.prototype(0)![1], 10 / 3);
    assert.equal(np.predict([1, 1]), 0);
  });

  test('the means do not depend on the order of learning', () => {
    const rng = createRng(3);
    const pts = Array.from({ length: 40 }, () => [rng.float(), rng.float(), rng.float()]);
    const a = new NearestPrototype(3);
    const b = new NearestPrototype(3);
    pts.forEach((p, i) => a.learn(p, i % 3));
    pts.map((p, i) => [p, i] as const).reverse().forEach(([p, i]) => b.learn(p, i % 3));
    for (let c = 0; c < 3; c++) a.prototype(c)!.forEach((v, j) => close(v, b.prototype(c)![j], 1e-12));
  });
});

/** n points per blob around the given centres, sd `spread`. */
function blobs(centres: number[][], n: number, spread: number, seed: number): { x: Float32Array; y: Int32Array; d: number } {
  const rng = createRng(seed);
  const d = centres[0].length;
  const x = new Float32Array(centres.length * n * d);
  const y = new Int32Array(centres.length * n);
  for (let i = 0; i < centres.length * n; i++) {
    const c = i % centres.length; // interleaved, so the order says nothing
    y[i] = c;
    for (let j = 0; j < d; j++) x[i * d + j] = centres[c][j] + spread * rng.normal();
  }
  return { x, y, d };
}

describe('kmeans', () => {
  const centres = [
    [0, 0],
    [10, 0],
    [0, 10],
    [10, 10],
  ];
  const { x, y, d } = blobs(centres, 50, 0.5, 11);
  const n = y.length;

  test('recovers well separated blobs', () => {
    const r = kmeans(x, n, d, 4, 1);
    assert.equal(clusterAccuracy(r.assign, y, 4, 4), 1);
    close(nmi(r.assign, y), 1, 1e-12);
    for (const c of centres) {
      const nearest = Math.min(...[0, 1, 2, 3].map((m) => Math.hypot(r.centroids[m * 2] - c[0], r.centroids[m * 2 + 1] - c[1])));
      assert.ok(nearest < 0.3, `no centroid near ${c.join(',')}`);
    }
    let inertia = 0;
    for (let i = 0; i < n; i++) inertia += (x[i * 2] - r.centroids[r.assign[i] * 2]) ** 2 + (x[i * 2 + 1] - r.centroids[r.assign[i] * 2 + 1]) ** 2;
    close(r.inertia, inertia, 1e-6);
  });

  test('is deterministic per seed', () => {
    const a = kmeans(x, n, d, 3, 42, { restarts: 2 });
    const b = kmeans(x, n, d, 3, 42, { restarts: 2 });
    assert.deepEqual(a.assign, b.assign);
    assert.deepEqual(a.centroids, b.centroids);
    assert.equal(a.inertia, b.inertia);
    const seeds = new Set(Array.from({ length: 8 }, (_, s) => kmeans(x, n, d, 4, s, { restarts: 1, iterations: 0 }).inertia));
    assert.ok(seeds.size > 1, 'different seeds should give different k-means++ starts');
  });

  test('more restarts never do worse than one (same seed stream)', () => {
    const one = kmeans(x, n, d, 6, 9, { restarts: 1 });
    const five = kmeans(x, n, d, 6, 9, { restarts: 5 });
    assert.ok(five.inertia <= one.inertia);
  });

  test('degenerate inputs: k = n, duplicate rows, bad arguments', () => {
    const small = Float32Array.of(0, 1, 2);
    const r = kmeans(small, 3, 1, 3, 0);
    assert.equal(r.inertia, 0);
    assert.deepEqual(Array.from(r.assign).sort(), [0, 1, 2]);
    const dup = Float32Array.of(5, 5, 5, 5);
    const rd = kmeans(dup, 4, 1, 2, 0);
    assert.equal(rd.inertia, 0);
    assert.throws(() => kmeans(small, 3, 1, 4, 0), RangeError);
    assert.throws(() => kmeans(small, 2, 1, 1, 0), RangeError);
  });
});

describe('randomProjection', () => {
  test('preserves pairwise distances roughly (Johnson–Lindenstrauss)', () => {
    const dIn = 500;
    const dOut = 300;
    const project = randomProjection(dIn, dOut, 7);
    const rng = createRng(8);
    const pts = Array.from({ length: 20 }, () => Float32Array.from({ length: dIn }, () => rng.float()));
    const proj = pts.map(project);
    let worst = 0;
    for (let i = 0; i < pts.length; i++)
      for (let j = i + 1; j < pts.length; j++) {
        const ratio = squaredDistance(proj[i], proj[j]) / squaredDistance(pts[i], pts[j]);
        worst = Math.max(worst, Math.abs(ratio - 1));
      }
    assert.ok(worst < 0.4, `worst squared-distance distortion ${worst}`);
  });

  test('is linear and fixed by the seed', () => {
    const a = randomProjection(10, 4, 1);
    const b = randomProjection(10, 4, 1);
    const c = randomProjection(10, 4, 2);
    const v = Array.from({ length: 10 }, (_, i) => i / 10);
    assert.deepEqual(a(v), b(v));
    assert.notDeepEqual(a(v), c(v));
    const twice = a(v.map((t) => 2 * t));
    a(v).forEach((t, i) => close(twice[i], 2 * t, 1e-5));
    assert.throws(() => a([1, 2]), RangeError);
  });
});

test('KNearest distance vote (Dudani): one close neighbour outweighs two far ones that outvote it by majority', () => {
  // 1-D, similarity = −distance²; query 0.5. Neighbours: 0 (class 0, s −0.25), 1.5 and 1.9
  // (class 1, s −1 and −1.96); reference (4th) 2 (class 2, s −2.25). Weights: class 0 → 1;
  // class 1 → (−1 + 2.25)/2 + (−1.96 + 2.25)/2 = 0.77.
  const make = (vote: 'majority' | 'distance') => {
    const m = new KNearest(1, { k: 3, metric: 'euclidean', vote });
    for (const [x, y] of [[0, 0], [1.5, 1], [1.9, 1], [2, 2], [9, 2]]) m.learn([x], y);
    return m;
  };
  assert.equal(make('majority').predict([0.5]), 1);
  assert.equal(make('distance').predict([0.5]), 0);
  // with k = 1 both are the nearest neighbour; an unknown vote is refused
  assert.equal(new KNearest(1, { k: 1, vote: 'distance' }).predict([1]), -1);
  assert.throws(() => new KNearest(1, { vote: 'nearest' as never }), /vote must be/);
});
