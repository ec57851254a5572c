import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binRate, binValues, histogramSpec, niceStep, rasterSpec, strideIndices } from '../../src/report/index.js';

// Specs are typed as a broad union; tests inspect them as plain JSON.
type Json = Record<string, unknown>;
const asJson = (x: unknown): Json => JSON.parse(JSON.stringify(x)) as Json;

void test('binValues: counts sum to the number of finite values', () => {
  const values = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, NaN, Infinity, -Infinity, 2.5];
  const b = binValues(values, 4);
  assert.equal(b.counts.length, 4);
  assert.equal(b.edges.length, 5);
  assert.equal(b.counts.reduce((a, c) => a + c, 0), 12);
  assert.equal(b.nonFinite, 3);
  assert.deepEqual(b.edges, [0, 2.5, 5, 7.5, 10]);
  // [0,2.5): 0,1,2  [2.5,5): 3,4,2.5  [5,7.5): 5,6,7  [7.5,10]: 8,9,10 (max included)
  assert.deepEqual(b.counts, [3, 3, 3, 3]);
});

void test('binValues: large typed arrays and degenerate inputs', () => {
  const n = 200_000;
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = Math.sin(i) * 100;
  v[7] = NaN;
  const b = binValues(v, 37);
  assert.equal(b.counts.reduce((a, c) => a + c, 0), n - 1);
  assert.ok(b.edges.every((e, i) => i === 0 || e > b.edges[i - 1]));

  const same = binValues([3, 3, 3]);
  assert.equal(same.counts.reduce((a, c) => a + c, 0), 3);
  assert.ok(same.edges[0] < 3 && same.edges[same.edges.length - 1] > 3);

  assert.deepEqual(binValues([NaN]).counts, [0]);
});

void test('histogramSpec carries the pre-binned data and mark lines', () => {
  const spec = asJson(histogramSpec([1, 2, 3, 4], { xTitle: 'Λ', bins: 2, markLines: [{ value: 1, label: 'Λ = 1' }] }));
  const layer = spec.layer as { data: { values: { count: number; value?: number }[] } }[];
  assert.deepEqual(layer[0].data.values.map((r) => r.count), [2, 2]);
  assert.equal(layer.length, 4); // bars, rules, the labels' white halo, the labels
  assert.equal(layer[1].data.values[0].value, 1);
});

void test('strideIndices is an even, deterministic, increasing subsample', () => {
  assert.deepEqual(strideIndices(5, 10), [0, 1, 2, 3, 4]);
  assert.deepEqual(strideIndices(10, 5), [0, 2, 4, 6, 8]);
  const idx = strideIndices(812_345, 40_000);
  assert.equal(idx.length, 40_000);
  assert.ok(idx.every((v, i) => i === 0 || v > idx[i - 1]));
  assert.ok(idx[idx.length - 1] < 812_345 && idx[idx.length - 1] > 812_345 - 30);
  assert.deepEqual(strideIndices(812_345, 40_000), idx);
});

void test('rasterSpec subsamples above maxPoints and says so in the subtitle', () => {
  const n = 812_345;
  const node = new Int32Array(n);
  const time = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    node[i] = i % 97;
    time[i] = i * 0.01;
  }
  const spec = asJson(rasterSpec({ node, time }));
  assert.deepEqual(spec.title, { text: 'Spike raster', subtitle: 'showing 40,000 of 812,345 spikes' });
  const layer = spec.layer as { data: { values: unknown[] } }[];
  assert.equal(layer[0].data.values.length, 40_000);

  const small = asJson(rasterSpec({ node: [0, 1], time: [1, 2] }, { title: 'T' }));
  assert.equal(small.title, 'T');
});

void test('rasterSpec colours by group when groups are given', () => {
  const spec = asJson(rasterSpec({ node: [0, 1, 2], time: [1, 2, 3] }, { groups: [{ node: 0, group: 'AVA' }, { node: 2, group: 'DD' }] }));
  const l0 = (spec.layer as { data: { values: { g?: string }[] }; encoding: Json }[]).find((l) => l.data.values.some((r) => r.g !== undefined))!;
  assert.deepEqual(l0.data.values.map((r) => r.g), ['AVA', '(none)', 'DD']);
  assert.equal((l0.encoding.color as Json).field, 'g');
});

void test('binRate gives Hz per node and niceStep picks 1-2-5 steps', () => {
  // 10 nodes, 100 ms bins: 5 spikes in the first bin -> 5 / (10 * 0.1 s) = 5 Hz.
  const { start, rate } = binRate([0, 10, 20, 30, 99.9, 150, 200], 10, 200, 100);
  assert.deepEqual(start, [0, 100]);
  assert.deepEqual(rate, [5, 2]);
  assert.throws(() => binRate([1], 1, 10, 0), RangeError);
  assert.equal(niceStep(81.2345), 100);
  assert.equal(niceStep(3), 5);
  assert.equal(niceStep(0.15), 0.2);
});
