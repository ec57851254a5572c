// The visualiser's browser-side logic that does not need a browser: reading dropped files,
// the slider's latency rule, Λ bins, the digit preprocessing and the morphology camera.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geometric } from '../../src/model/builders/geometric.js';
import { ring } from '../../src/model/builders/fixtures.js';
import { networkToJson } from '../../src/formats/network-json.js';
import { droppedNetwork, droppedSpikes } from '../../src/web/network/dropped-files.js';
import { networkFromJson } from '../../src/formats/network-json.js';
import { retime } from '../../src/web/network/retime.js';
import { BINS, binOfEdges, blockedScale, emptyBins } from '../../src/web/network/lambda-bins.js';
import { rasterWindow } from '../../src/web/network/spike-window.js';
import { split } from '../../src/web/learn/split.js';
import { project2d } from '../../src/web/network/projection.js';
import { toMnist } from '../../src/web/learn/preprocess.js';
import { fitPoints, project, viewMatrix } from '../../src/web/morphology/camera.js';
import { lambdaColor } from '../../src/web/morphology/arbor-scene.js';
import { withoutRecordedSpikes } from '../../src/web/network/compact.js';
import { Simulation } from '../../src/engine/simulation.js';

test('a network JSON document read in the browser equals the network written', () => {
  const net = geometric({ n: 50, connect: { rule: 'k', k: 4 }, speed: 300, synDelay: 0.5, seed: 2 });
  const back = droppedNetwork(JSON.stringify(networkToJson(net)), 'g.json');
  assert.equal(back.n, net.n);
  assert.equal(back.m, net.m);
  assert.deepEqual(Array.from(back.target), Array.from(net.target));
  assert.deepEqual(Array.from(back.latency), Array.from(net.latency));
  assert.deepEqual(Array.from(back.position!), Array.from(net.position!));
});

test('bad network documents give one message naming the file and field', () => {
  const doc = networkToJson(ring({ n: 3, latency: 1 }));
  type Doc = { format: string; edges: { target: number[]; latency: number[] }; sidecar?: unknown };
  const bad = (mutate: (d: Doc) => void) => {
    const d = JSON.parse(JSON.stringify(doc)) as Doc;
    mutate(d);
    return () => networkFromJson(d, { file: 'x.json' });
  };
  assert.throws(bad((d) => (d.edges.target[1] = 7)), /^InputError: x\.json: edges\.target\[1\]: unknown node id 7/);
  assert.throws(bad((d) => (d.format = 'other')), /x\.json: format: not a Refract network file/);
  assert.throws(bad((d) => (d.edges.latency[0] = -1)), /x\.json: edges\.latency\[\d\]/);
  assert.throws(bad((d) => (d.sidecar = { file: 'x.bin', byteLength: 0, arrays: {} })), /x\.json: sidecar/);
  assert.throws(() => droppedNetwork('{"format": ', 'y.json'), /y\.json:1: /);
  assert.throws(() => networkFromJson([1, 2], { file: 'z.json' }), /z\.json: not a Refract network file: expected a JSON object/);
});

test('a dropped network checks labels and edge lengths against the counts, as the file reader does', () => {
  const doc = networkToJson(ring({ n: 3, latency: 1 })) as unknown as { nodes: { labels?: string[] }; edges: { length?: number[] } };
  const labels = structuredClone(doc);
  labels.nodes.labels = ['a', 'b'];
  assert.throws(() => networkFromJson(labels, { file: 'l.json' }), /^InputError: l\.json: nodes\.labels: expected 3 values \(nodes\.count\), got 2/);
  const lengths = structuredClone(doc);
  lengths.edges.length = [1];
  assert.throws(() => networkFromJson(lengths, { file: 'e.json' }), /^InputError: e\.json: edges\.length: expected 3 values \(edges\.count\), got 1/);
});

test('a spikes CSV replays sorted by time and must fit the loaded network', () => {
  const net3 = ring({ n: 3, latency: 1 });
  const s = droppedSpikes('node,time_ms\n2,1.5\n0,0.5\n1,1.5\n', 's.csv', net3);
  assert.deepEqual(Array.from(s.node), [0, 1, 2]);
  assert.deepEqual(Array.from(s.time), [0.5, 1.5, 1.5]);
  assert.throws(() => droppedSpikes('node,time_ms\n0,1\n3,2\n', 's.csv', net3), /s\.csv:3: node: node 3 is not in the loaded network/);
  assert.throws(() => droppedSpikes('node,time_ms\nx,1\n', 's.csv', net3), /s\.csv:2: node: not a node id/);
});

test('the sliders give the latencies the geometric builder gives for that speed and tortuosity', () => {
  const opts = { n: 200, connect: { rule: 'k', k: 5 } as const, synDelay: 0.5, seed: 4 };
  const base = geometric({ ...opts, speed: 500, tortuosity: 1 });
  const want = geometric({ ...opts, speed: 125, tortuosity: 1.8, refractory: 3 });
  const got = retime({ net: base, speed: 500, synDelay: 0.5 }, { R: 3, speed: 125, tortuosity: 1.8 });
  for (let e = 0; e < base.m; e++) assert.ok(Math.abs(got.latency[e] - want.latency[e]) < 1e-9, `edge ${e}`);
  assert.deepEqual(Array.from(got.refractory), Array.from(want.refractory));
  assert.notDeepEqual(Array.from(got.latency), Array.from(base.latency));
});

test('Λ bins: log10 Λ from −2 to 2, ∞, NaN and out-of-range values in the end bins', () => {
  const b = binOfEdges(Float64Array.from([1, 0.01, 99.9, 1e-9, Infinity, 0, NaN]));
  assert.deepEqual(Array.from(b), [BINS / 2, 0, BINS - 1, 0, BINS - 1, 0, 0]);
});

test('2-D projection keeps the two widest axes and fits [-1, 1]', () => {
  const xy = project2d(Float32Array.from([0, 0, 0, 10, 0, 100, 0, 0, 50]), 3);
  // x spans 10, y 0, z 100: x and z are kept, z scaled to [-1, 1]
  assert.deepEqual(Array.from(xy), [-0.1, -1, 0.1, 1, -0.1, 0].map(Math.fround));
});

test('a drawn digit is scaled into 20 × 20 and centred by mass like MNIST', () => {
  const w = 100, h = 100, ink = new Float32Array(w * h);
  for (let y = 10; y < 50; y++) for (let x = 60; x < 80; x++) ink[y * w + x] = 1; // a bar in the top right
  const x = toMnist(ink, w, h)!;
  let mass = 0, mx = 0, my = 0, rows = 0;
  for (let r = 0; r < 28; r++) {
    let any = false;
    for (let c = 0; c < 28; c++) {
      const v = x[r * 28 + c];
      mass += v;
      mx += v * c;
      my += v * r;
      if (v > 0) any = true;
    }
    if (any) rows++;
  }
  assert.equal(rows, 20, 'the longer side becomes 20 pixels');
  assert.ok(Math.abs(mx / mass - 13.5) <= 1 && Math.abs(my / mass - 13.5) <= 1, `centre ${mx / mass}, ${my / mass}`);
  assert.equal(toMnist(new Float32Array(w * h), w, h), null);
});

test('the morphology camera puts the centre in the middle and turns with yaw', () => {
  const fit = fitPoints([0, 10], [0, 0], [0, 0]);
  const m0 = viewMatrix(fit, { yaw: 0, pitch: 0, zoom: 1 }, 1);
  for (const v of project(m0, 5, 0, 0)) assert.ok(Math.abs(v) < 1e-6);
  assert.ok(Math.abs(project(m0, 10, 0, 0)[0] - 1) < 1e-6, 'the far end touches the edge');
  const m1 = viewMatrix(fit, { yaw: Math.PI / 2, pitch: 0, zoom: 1 }, 1);
  assert.ok(Math.abs(project(m1, 10, 0, 0)[0]) < 1e-6, 'a quarter turn puts the x axis end-on');
});

test('Λ colours: blue below 1, white at 1, red above', () => {
  const [r1, g1, b1] = lambdaColor(1);
  assert.ok(r1 === g1 && g1 === b1);
  const [rl, , bl] = lambdaColor(0.2);
  const [rh, , bh] = lambdaColor(5);
  assert.ok(bl > rl && rh > bh);
});

test('dropping the recorded spikes mid-run changes nothing that follows', () => {
  const net = geometric({ n: 300, connect: { rule: 'k', k: 10 }, speed: 500, synDelay: 0.5, mode: 'leaky', tauM: 10, weight: 0.1, seed: 3 });
  const rec = { spikes: true, edgeCounts: true };
  const whole = new Simulation(net, { seed: 5, record: rec }).poisson({ rate: 500, weight: 0.11 }).run(60);
  let part = new Simulation(net, { seed: 5, record: rec }).poisson({ rate: 500, weight: 0.11 }).run(30);
  const first = part.rawSpikes().count;
  part = withoutRecordedSpikes(part, net).run(30);
  assert.ok(first > 0 && part.rawSpikes().count > 0);
  const tail = (s: Simulation) => {
    const sp = s.spikes();
    const k = sp.time.findIndex((t) => t >= 30);
    return [Array.from(sp.node.subarray(k)), Array.from(sp.time.subarray(k))];
  };
  assert.deepEqual(tail(part), tail(whole));
  assert.equal(part.rawSpikes().count + first, whole.rawSpikes().count);
  assert.deepEqual(Array.from(part.recording().edgeBlocked!), Array.from(whole.recording().edgeBlocked!));
});

test('Λ histogram: no red scale while nothing is blocked; 0 to the largest share (at least 5 %) once something is', () => {
  const b = emptyBins();
  assert.deepEqual(blockedScale(b), { top: 0, line: false, caption: 'no arrivals yet' });
  b.delivered[3] = 500;
  assert.deepEqual(blockedScale(b), { top: 0, line: false, caption: 'no arrival blocked so far' });
  b.blocked[3] = 5; // 1 %: the scale stays at 5 %
  assert.equal(blockedScale(b).top, 0.05);
  assert.match(blockedScale(b).caption, /0 – 5\.0 %/);
  b.delivered[7] = 30;
  b.blocked[7] = 10; // 25 %
  assert.equal(blockedScale(b).top, 0.25);
});

test('raster window: the last span ms, never before t = 0', () => {
  assert.deepEqual(rasterWindow(0, 80), { t0: 0, t1: 80 });
  assert.deepEqual(rasterWindow(30, 80), { t0: 0, t1: 80 });
  assert.deepEqual(rasterWindow(200, 80), { t0: 120, t1: 200 });
});

test('learning digits: the stream and the test digits are disjoint ranges', () => {
  const s = split({ n: 400, train: 300 });
  const streamed = new Set(Array.from({ length: 1000 }, (_, k) => s.streamRow(k)));
  const tested = new Set(Array.from({ length: 1000 }, (_, k) => s.testRow(k)));
  assert.equal(streamed.size, 300);
  assert.equal(tested.size, 100);
  for (const r of tested) assert.ok(!streamed.has(r) && r >= 300 && r < 400, String(r));
  assert.equal(s.testRow(-1), 399);
  assert.throws(() => split({ n: 400, train: 400 }), RangeError);
});
