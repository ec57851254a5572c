// Online clustering: novelty opens clusters, centring separates what shared offsets hide.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OnlineClusters } from '../../src/learn/cluster.js';
import { clusterAccuracy } from '../../src/learn/metrics.js';
import { createRng } from '../../src/model/random.js';

/** Three blobs on top of a large shared positive offset (like exp(−t/τs) signatures). */
function blobs(n: number, seed: number): { x: Float64Array[]; y: number[] } {
  const rng = createRng(seed);
  const d = 20, x: Float64Array[] = [], y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    const v = new Float64Array(d).fill(5);
    for (let j = 0; j < d; j++) v[j] += (j % 3 === c ? 1 : 0) + 0.15 * (rng.float() - 0.5);
    x.push(v);
    y.push(c);
  }
  return { x, y };
}

test('centred similarity finds the three blobs; raw cosine lumps them together', () => {
  const { x, y } = blobs(300, 1);
  const centred = new OnlineClusters(20, { novelty: 0.5 });
  const raw = new OnlineClusters(20, { novelty: 0.5, centre: false });
  for (const v of x) {
    centred.learn(v);
    raw.learn(v);
  }
  assert.equal(raw.centres.length, 1, 'raw cosines are all > 0.99: one cluster');
  centred.consolidate(3);
  const assign = x.map((v) => centred.assign(v));
  assert.ok(clusterAccuracy(assign, y, 3, 3) > 0.95, String(clusterAccuracy(assign, y, 3, 3)));
});

test('novelty: a dissimilar example opens a cluster, a similar one joins and moves the centre', () => {
  const c = new OnlineClusters(2, { novelty: 0.9, centre: false });
  assert.equal(c.learn([1, 0]), 0);
  assert.equal(c.learn([0, 1]), 1); // cosine 0 < 0.9
  assert.equal(c.learn([1, 0.1]), 0); // cosine 0.995
  assert.deepEqual(Array.from(c.centres[0]), [1, 0.05]);
  assert.deepEqual(c.counts, [2, 1]);
  assert.equal(c.consolidate(1), 1);
  assert.equal(c.assign([0, 5]), c.assign([5, 0]));
});

test('maxClusters bounds the clusters opened', () => {
  const c = new OnlineClusters(3, { novelty: 0.999, maxClusters: 4, centre: false });
  for (let i = 0; i < 20; i++) c.learn([Math.cos(i), Math.sin(i), (i % 5) / 5]);
  assert.equal(c.centres.length, 4);
});

test('both consolidations merge the fine clusters of each blob into one group', () => {
  const { x, y } = blobs(300, 2);
  for (const method of ['kmeans', 'linkage'] as const) {
    const c = new OnlineClusters(20, { novelty: 0.998 }); // many fine clusters per blob
    for (const v of x) c.learn(v);
    assert.ok(c.centres.length > 3);
    assert.equal(c.consolidate(3, method), 3);
    const acc = clusterAccuracy(x.map((v) => c.assign(v)), y, 3, 3);
    assert.ok(acc > 0.95, `${method}: ${acc}`);
  }
});
