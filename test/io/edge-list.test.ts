import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { edgeSources } from '../../src/model/types.js';
import { readEdgeList, type EdgeListOptions } from '../../src/node/edge-list.js';
import { assertInputError, tempDir } from './helpers.js';

const dir = tempDir();
let fileNo = 0;
function file(text: string, ext = 'csv'): string {
  const path = join(dir, `in${++fileNo}.${ext}`);
  writeFileSync(path, text);
  return path;
}
const read = (text: string, opts?: EdgeListOptions, ext?: string) => readEdgeList(file(text, ext), opts);

/** Edges as [source, target, latency] triples in CSR order. */
function triples(net: ReturnType<typeof readEdgeList>): [number, number, number][] {
  const src = edgeSources(net);
  return Array.from(net.target, (t, e) => [src[e], t, net.latency[e]]);
}

describe('edge lists: CSV', () => {
  test('numeric ids, explicit latency, columns in any order, comments and blank lines', () => {
    const net = read('# exported by hand\ntarget,latency,source\n1,2.5,0\n\n# a comment line\n2,0.125,1\n0,3,3\n');
    assert.equal(net.n, 4); // n = largest id + 1
    assert.deepEqual(triples(net), [[0, 1, 2.5], [1, 2, 0.125], [3, 0, 3]]);
    assert.equal(net.labels, null);
    assert.equal(net.weight, 1); // no weights given: one shared weight
    assert.equal(net.length, null);
    assert.equal(net.position, null);
  });

  test('names become labels in first-seen order', () => {
    const net = read('source,target,latency\nAVAL,PVCL,1\nPVCL,AVAL,2\nRIML,AVAL,3\n');
    assert.deepEqual(net.labels, ['AVAL', 'PVCL', 'RIML']);
    assert.deepEqual(triples(net), [[0, 1, 1], [1, 0, 2], [2, 0, 3]]);
  });

  test('latency from length / speed + synDelay; weights per edge when given', () => {
    const net = read('source,target,length,weight\n0,1,500,0.5\n1,0,1000,\n', { speed: 1000, synDelay: 0.25, weight: 2 });
    assert.deepEqual(triples(net), [[0, 1, 0.75], [1, 0, 1.25]]);
    assert.ok(net.weight instanceof Float32Array);
    assert.deepEqual(Array.from(net.weight), [0.5, 2]);
    assert.deepEqual(Array.from(net.length!), [500, 1000]);
    assert.equal(net.meta.speed, 1000);
  });

  test('latency from positions × tortuosity / speed + synDelay; explicit latency wins', () => {
    const pos = file('node,x,y,z\n0,0,0,0\n1,300,400,0\n2,0,0,100\n');
    const net = read('source,target,latency\n0,1,\n1,2,\n2,0,9\n', { positions: pos, speed: 100, tortuosity: 1.2, synDelay: 1 });
    const src = edgeSources(net);
    assert.deepEqual(Array.from(src), [0, 1, 2]);
    assert.equal(net.latency[0], (1.2 * 500) / 100 + 1);
    assert.equal(net.latency[1], (1.2 * Math.hypot(300, 400, 100)) / 100 + 1);
    assert.equal(net.latency[2], 9);
    assert.deepEqual(Array.from(net.position!), [0, 0, 0, 300, 400, 0, 0, 0, 100]);
  });

  test('undirected lists add the reverse edge', () => {
    const net = read('source,target,latency,weight\n0,1,2,3\n', { directed: false });
    assert.deepEqual(triples(net), [[0, 1, 2], [1, 0, 2]]);
    assert.deepEqual(Array.from(net.weight as Float32Array), [3, 3]);
  });

  test('node parameters from options', () => {
    const net = read('source,target,latency\n0,1,1\n1,0,1\n', { nodes: { refractory: [1, 3], mode: 'window' } });
    assert.deepEqual(Array.from(net.refractory), [1, 3]);
    assert.deepEqual(Array.from(net.mode), [1, 1]);
    assertInputError(() => read('source,target,latency\n0,1,1\n', { nodes: { refractory: [1, 2, 3] } }), /^nodes\.refractory: expected 2 values \(one per node\), got 3$/);
    assertInputError(() => read('source,target,latency\n0,1,1\n', { nodes: { refractory: -1 } }), /^nodes\.refractory\[0\]: must be a finite number >= 0, got -1$/);
  });
});

describe('edge lists: errors name file, line and column', () => {
  test('a value that is not a number', () => {
    const path = file('source,target,latency\n0,1,1\n1,2,2\n# comment\n\n2,3,3\n3,4,abc\n');
    assertInputError(() => readEdgeList(path), new RegExp(`^${path}:7: latency: not a number: "abc"$`));
  });

  test('no way to compute a latency', () => {
    const p1 = file('source,target,latency\n0,1,1\n1,0,\n');
    assertInputError(() => readEdgeList(p1), new RegExp(`^${p1}:3: latency: no latency: give a latency, a length \\(with speed\\) or node positions \\(with speed\\)$`));
    const p2 = file('source,target,length\n0,1,10\n');
    assertInputError(() => readEdgeList(p2), new RegExp(`^${p2}:2: latency: no latency, and no speed to compute it from the length`));
  });

  test('negative values, bad ids, mixed ids', () => {
    assertInputError(() => read('source,target,latency\n0,1,-2\n'), /in\d+\.csv:2: latency: must be >= 0, got -2$/);
    assertInputError(() => read('source,target,length\n0,1,-2\n', { speed: 1 }), /:2: length: must be >= 0, got -2$/);
    assertInputError(() => read('source,target,latency\n0,1.5,1\n'), /:2: target: not a node id \(an integer 0\.\.2147483646 or a name\): "1\.5"$/);
    assertInputError(() => read('source,target,latency\n0,1,1\nA,1,1\n'), /:3: source: node id "A" is a name, but earlier ids were numbers/);
    assertInputError(() => read('source,target,latency\n,1,1\n'), /:2: source: missing \(required\)$/);
  });

  test('header and row problems', () => {
    assertInputError(() => read('# c\nsource,target,lenght\n0,1,1\n'), /:2: lenght: unknown column \(expected source, target, latency, length, weight\)$/);
    assertInputError(() => read('source,latency\n0,1\n'), /:1: missing column "target"/);
    assertInputError(() => read('source,target,latency\n0,1,1\n1,0\n'), /:3: the row has 2 fields, the header has 3$/);
    assertInputError(() => read('source,target,latency\n"0,1,1\n'), /:\d+: malformed CSV: Quote Not Closed/);
    assertInputError(() => read('# nothing\n'), /empty file/);
    assertInputError(() => read('source,target,latency\n'), /: the network is empty: no edges$/);
  });

  test('positions file problems', () => {
    const p1 = file('node,x,y,z\n0,0,0,0\n1,1,two,0\n');
    assertInputError(() => read('source,target\n0,1\n', { positions: p1, speed: 1 }), new RegExp(`^${p1}:3: y: not a number: "two"$`));
    const p2 = file('node,x,y,z\n0,0,0,0\n');
    assertInputError(() => read('source,target\n0,1\n', { positions: p2, speed: 1 }), new RegExp(`^${p2}: node 1 has no position$`));
    const p3 = file('node,x,y,z\n0,0,0,0\n1,0,0,0\n0,1,1,1\n');
    assertInputError(() => read('source,target\n0,1\n', { positions: p3, speed: 1 }), new RegExp(`^${p3}:4: node: position of node 0 given twice \\(first on line 2\\)$`));
    assertInputError(() => read('source,target\n0,1\n', { positions: join(dir, 'nope.csv') }), /nope\.csv: file not found$/);
  });

  test('bad options and a missing file', () => {
    assertInputError(() => read('source,target,length\n0,1,1\n', { speed: 0 }), /^speed: must be a number > 0 \(µm\/ms\), got 0$/);
    assertInputError(() => read('source,target,length\n0,1,1\n', { speed: 1, tortuosity: 0.5 }), /^tortuosity: must be a number >= 1, got 0\.5$/);
    const missing = join(dir, 'missing.csv');
    assertInputError(() => readEdgeList(missing), new RegExp(`^${missing}: file not found$`));
  });
});

describe('edge lists: JSON', () => {
  test('an array of edges', () => {
    const net = read(JSON.stringify([{ source: 'a', target: 'b', latency: 1, weight: -1 }, { source: 'b', target: 'a', length: 50 }]), { speed: 100 }, 'json');
    assert.deepEqual(net.labels, ['a', 'b']);
    assert.deepEqual(triples(net), [[0, 1, 1], [1, 0, 0.5]]);
    assert.deepEqual(Array.from(net.weight as Float32Array), [-1, 1]);
    assert.equal(net.length, null); // only one edge has a length
  });

  test('an object with edges and positions', () => {
    const doc = { edges: [{ source: 0, target: 1 }, { source: '1', target: 2 }], positions: { '0': [0, 0, 0], '1': [10, 0, 0], '2': [10, 10, 0] } };
    const net = read(JSON.stringify(doc, null, 2), { speed: 10 }, 'json');
    assert.deepEqual(triples(net), [[0, 1, 1], [1, 2, 1]]);
    assert.deepEqual(Array.from(net.length!), [10, 10]);
  });

  test('errors name the line and the path', () => {
    const text = JSON.stringify([{ source: 0, target: 1, latency: 1 }, { source: 1, target: 0, latency: 'abc' }], null, 2);
    const p1 = file(text, 'json');
    const line = text.split('\n').findIndex((l) => l.includes('"abc"')) + 1;
    assertInputError(() => readEdgeList(p1), new RegExp(`^${p1}:${line}: \\[1\\]\\.latency: not a number: "abc"$`));
    const p2 = file(JSON.stringify({ edges: [{ source: 0, target: 1, latency: null }] }), 'json');
    assertInputError(() => readEdgeList(p2), new RegExp(`^${p2}:1: edges\\[0\\]\\.latency: not a number: null$`));
    const p3 = file('[{"source": 0, "target": 1, "latency": 1},\n {"source": 1, "target": 0, "latency": -1}]', 'json');
    assertInputError(() => readEdgeList(p3), new RegExp(`^${p3}:2: \\[1\\]\\.latency: must be >= 0, got -1$`));
    const p4 = file('[{"source": 0, "target": 1, "lat": 1}]', 'json');
    assertInputError(() => readEdgeList(p4), new RegExp(`^${p4}:1: \\[0\\]\\.lat: unknown field$`));
    const p5 = file('[{"source": 0, "target": 1, "latency": 1}', 'json');
    assertInputError(() => readEdgeList(p5), new RegExp(`^${p5}:1: truncated JSON`));
  });
});
