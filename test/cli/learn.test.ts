// `refract learn` end to end (learning issue, acceptance 1 and 4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from './run-cli.js';
import { readCsvDataset, readMnist } from '../../src/node/datasets.js';
import { splitPerClass } from '../../src/learn/datasets.js';

const dir = tempDir();

function lines(stdout: string): Record<string, unknown>[] {
  return stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

test('learn eval --json: one line per result with the required fields; same seed, same output', () => {
  const args = ['learn', 'eval', '--protocol', 'shots', '--shots', '1,2', '--seeds', '2', '--limit-test', '40', '--json', '--quiet'];
  const a = cli([...args, '--out', join(dir, 'a')]);
  assert.equal(a.code, 0, a.stderr);
  const rows = lines(a.stdout);
  const names = new Set(rows.map((r) => r.learner));
  for (const n of ['prototype', 'exemplar', 'latency', 'pixels-knn', 'pixels-prototype', 'projection-prototype', 'projection-exemplar', 'projection-latency']) assert.ok(names.has(n), n);
  for (const r of rows) for (const k of ['protocol', 'learner', 'shots', 'accuracy_mean', 'accuracy_sd']) assert.ok(k in r, `${k} in ${JSON.stringify(r)}`);
  const b = cli([...args, '--out', join(dir, 'b')]);
  assert.deepEqual(lines(b.stdout), rows);
  assert.ok(readFileSync(join(dir, 'a', 'shots.png')).length > 1000);
});

test('unsupervised and continual protocols run and report their measures', () => {
  const u = cli(['learn', 'eval', '--protocol', 'unsupervised', '--seeds', '1', '--limit-test', '40', '--json', '--quiet', '--data', csvOf(300), '--shape', '28x28', '--out', join(dir, 'u')]);
  assert.equal(u.code, 0, u.stderr);
  const rows = lines(u.stdout);
  assert.deepEqual(rows.map((r) => r.learner), ['cluster', 'projection-cluster', 'pixels-kmeans']);
  for (const r of rows) assert.ok((r.nmi_mean as number) >= 0 && (r.accuracy_mean as number) > 0);
  const c = cli(['learn', 'eval', '--protocol', 'continual', '--shots', '2', '--seeds', '1', '--limit-test', '40', '--learners', 'exemplar', '--json', '--quiet', '--out', join(dir, 'c')]);
  assert.equal(c.code, 0, c.stderr);
  const final = lines(c.stdout).find((r) => r.learner === 'exemplar' && r.step === 'final')!;
  assert.equal(final.order_cost_points, 0); // learning classes in a stream costs nothing
});

let csvCount = 0;
/** The first `n` MNIST digits of each class as a labelled CSV (header, 0..255 values). */
function csvOf(n: number, transform?: (rows: string[]) => string[]): string {
  const ds = readMnist();
  const per = Math.ceil(n / 10);
  const rows: string[] = ['label,' + Array.from({ length: 784 }, (_, i) => `p${i}`).join(',')];
  const taken = new Array<number>(10).fill(0);
  for (let i = 0; i < ds.n; i++) {
    if (taken[ds.y[i]]++ >= per) continue;
    rows.push(`${ds.y[i]},${Array.from(ds.x.subarray(i * 784, (i + 1) * 784), (v) => Math.round(v * 255)).join(',')}`);
  }
  const p = join(dir, `data-${++csvCount}.csv`);
  writeFileSync(p, (transform ? transform(rows) : rows).join('\n') + '\n');
  return p;
}

test('learn fit saves a learner that loads back and predicts identically', () => {
  const data = csvOf(30);
  const model = join(dir, 'model.refract');
  const fit = cli(['learn', 'fit', '--data', data, '--shape', '28x28', '--learner', 'exemplar', '--model', model, '--quiet']);
  assert.equal(fit.code, 0, fit.stderr);
  const p1 = cli(['learn', 'predict', '--model', model, '--data', data, '--shape', '28x28', '--out', join(dir, 'p1.csv'), '--json', '--quiet']);
  assert.equal(p1.code, 0, p1.stderr);
  assert.equal((JSON.parse(p1.stdout) as { accuracy: number }).accuracy, 1); // its own examples
  const p2 = cli(['learn', 'predict', '--model', model, '--data', data, '--shape', '28x28', '--out', join(dir, 'p2.csv'), '--quiet']);
  assert.equal(p2.code, 0, p2.stderr);
  assert.equal(readFileSync(join(dir, 'p1.csv'), 'utf8'), readFileSync(join(dir, 'p2.csv'), 'utf8'));
  // k and the vote are saved with the learner: a distance-voting 3-nearest model predicts the same twice
  const kd = join(dir, 'k3.refract');
  assert.equal(cli(['learn', 'fit', '--data', data, '--shape', '28x28', '--k', '3', '--vote', 'distance', '--model', kd, '--quiet']).code, 0);
  const q1 = cli(['learn', 'predict', '--model', kd, '--data', data, '--shape', '28x28', '--out', join(dir, 'q1.csv'), '--json', '--quiet']);
  const q2 = cli(['learn', 'predict', '--model', kd, '--data', data, '--shape', '28x28', '--out', join(dir, 'q2.csv'), '--quiet']);
  assert.equal(q1.code + q2.code, 0, q1.stderr + q2.stderr);
  assert.ok((JSON.parse(q1.stdout) as { accuracy: number }).accuracy >= 0.9);
  assert.equal(readFileSync(join(dir, 'q1.csv'), 'utf8'), readFileSync(join(dir, 'q2.csv'), 'utf8'));
  for (const learner of ['prototype', 'latency']) {
    const m = join(dir, `${learner}.refract`);
    assert.equal(cli(['learn', 'fit', '--data', data, '--shape', '28x28', '--learner', learner, '--model', m, '--quiet']).code, 0);
    const a = cli(['learn', 'predict', '--model', m, '--data', data, '--shape', '28x28', '--out', join(dir, `${learner}-a.csv`), '--quiet']);
    const b = cli(['learn', 'predict', '--model', m, '--data', data, '--shape', '28x28', '--out', join(dir, `${learner}-b.csv`), '--quiet']);
    assert.equal(a.code + b.code, 0);
    assert.equal(readFileSync(join(dir, `${learner}-a.csv`), 'utf8'), readFileSync(join(dir, `${learner}-b.csv`), 'utf8'));
  }
});

test('learn fit rejects bad CSV with a line-numbered error', () => {
  const cases: [string, (rows: string[]) => string[], RegExp][] = [
    ['wrong column count', (r) => [...r.slice(0, 3), r[3].split(',').slice(0, 100).join(','), ...r.slice(4)], /:4: .*has 100 fields/],
    ['label out of range', (r) => [...r.slice(0, 2), '-1' + r[2].slice(r[2].indexOf(',')), ...r.slice(3)], /:3: label.*must be ≥ 0/],
    ['NaN', (r) => [...r.slice(0, 5), r[5].replace(/,\d+,/, ',NaN,'), ...r.slice(6)], /:6: .*p\d+.*(NaN|not a number)/],
  ];
  for (const [name, edit, re] of cases) {
    const r = cli(['learn', 'fit', '--data', csvOf(10, edit), '--shape', '28x28', '--model', join(dir, 'bad.refract'), '--quiet']);
    assert.notEqual(r.code, 0, name);
    assert.match(r.stderr.trim(), re, name);
    assert.equal(r.stderr.trim().split('\n').length, 1, name);
  }
  const shape = cli(['learn', 'fit', '--data', csvOf(10), '--shape', '10x10', '--model', join(dir, 'bad.refract'), '--quiet']);
  assert.notEqual(shape.code, 0);
  assert.match(shape.stderr, /784|shape|10x10/);
});

test('learn eval --validation: the training pool split again, the test set untouched', () => {
  const r = cli(['learn', 'eval', '--protocol', 'shots', '--shots', '1', '--seeds', '1', '--limit-test', '50', '--learners', 'prototype', '--validation', '--json', '--quiet', '--out', join(dir, 'val')]);
  assert.equal(r.code, 0, r.stderr);
  const row = JSON.parse(r.stdout.trim().split('\n')[0]) as { train: number; test_pool: number; data: string };
  // 7996 pool rows split per class 80/20 again
  assert.equal(row.train + row.test_pool, 7996);
  assert.ok(Math.abs(row.test_pool / 7996 - 0.2) < 0.01, String(row.test_pool));
  assert.match(row.data, /validation split/);
  const bad = cli(['learn', 'eval', '--validation', '--data', 'a.csv', '--test', 'b.csv']);
  assert.notEqual(bad.code, 0);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
});

test('learn eval --k: the neighbours that vote are reported and change the k-nearest results', () => {
  const run = (k: string) => {
    const r = cli(['learn', 'eval', '--protocol', 'shots', '--shots', '5', '--seeds', '1', '--limit-test', '100', '--learners', 'exemplar', '--k', k, '--json', '--quiet', '--out', join(dir, `k${k}`)]);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { learner: string; k: number; accuracy_mean: number });
  };
  const one = run('1'), five = run('5');
  assert.ok(five.every((row) => row.k === 5));
  const acc = (rows: typeof one, name: string) => rows.find((row) => row.learner === name)!.accuracy_mean;
  // prototypes do not vote: unchanged; k-nearest with 5 of 5-per-class votes differs from 1-NN
  assert.equal(acc(one, 'pixels-prototype'), acc(five, 'pixels-prototype'));
  assert.notEqual(acc(one, 'pixels-knn'), acc(five, 'pixels-knn'));
});

test('learn export-mnist writes disjoint train and test digits that learn fit and predict read back exactly', () => {
  const train = join(dir, 'digits-train.csv'), test = join(dir, 'digits-test.csv');
  assert.equal(cli(['learn', 'export-mnist', '--split', 'train', '--per-class', '3', '--out', train]).code, 0);
  assert.equal(cli(['learn', 'export-mnist', '--split', 'test', '--per-class', '2', '--out', test]).code, 0);
  const a = readCsvDataset(train), b = readCsvDataset(test);
  assert.deepEqual([a.n, a.d, b.n, b.d], [30, 784, 20, 784]);
  assert.deepEqual(Array.from(a.y), Array.from({ length: 30 }, (_, i) => Math.floor(i / 3)));
  // the values are the built-in digits bit for bit, and no test digit is a training digit
  const split = splitPerClass(readMnist());
  assert.deepEqual(a.x.subarray(0, 784), split.train.x.subarray(0, 784));
  const key = (x: Float32Array, i: number) => x.subarray(i * 784, (i + 1) * 784).join(',');
  const seen = new Set(Array.from({ length: a.n }, (_, i) => key(a.x, i)));
  for (let i = 0; i < b.n; i++) assert.equal(seen.has(key(b.x, i)), false);
  const model = join(dir, 'exported.refract');
  assert.equal(cli(['learn', 'fit', '--data', train, '--shape', '28x28', '--model', model, '--quiet']).code, 0);
  const p = cli(['learn', 'predict', '--model', model, '--data', test, '--shape', '28x28', '--json', '--quiet', '--out', join(dir, 'exported-pred.csv')]);
  assert.equal(p.code, 0, p.stderr);
  assert.ok((JSON.parse(p.stdout) as { accuracy: number }).accuracy > 0.3);
  const bad = cli(['learn', 'export-mnist', '--per-class', '5000', '--out', join(dir, 'too-many.csv')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^refract: --per-class: the train split has only \d+ digits of class \d\n$/);
});

test('noise, lesion and throughput protocols run at a small size and report their measures', () => {
  const run = (protocol: string, extra: string[] = []) => {
    const r = cli(['learn', 'eval', '--protocol', protocol, '--shots', '2', '--seeds', '1', '--limit-test', '40', '--learners', 'exemplar', '--json', '--quiet', '--out', join(dir, protocol), ...extra]);
    assert.equal(r.code, 0, r.stderr);
    return lines(r.stdout);
  };
  const noise = run('noise');
  assert.ok(noise.some((r) => r.learner === 'exemplar' && typeof r.drop_points === 'number' && r.level !== undefined), JSON.stringify(noise[0]));
  const lesion = run('lesion');
  assert.ok(lesion.some((r) => r.learner === 'exemplar' && typeof r.drop_points === 'number'));
  const speed = run('throughput');
  const ex = speed.find((r) => r.learner === 'exemplar')!;
  for (const k of ['learn_per_s', 'classify_per_s', 'examples_per_s', 'events_per_example']) assert.ok((ex[k] as number) > 0, k);
});
