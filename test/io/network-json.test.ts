import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync, truncateSync, statSync, readdirSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { basename, join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ring } from '../../src/model/builders/fixtures.js';
import { geometric } from '../../src/model/builders/geometric.js';
import { withChanges } from '../../src/model/build.js';
import type { Network } from '../../src/model/types.js';
import { formatJson } from '../../src/formats/json-text.js';
import { networkFromJson, networkToJson } from '../../src/formats/network-json.js';
import { readNetworkFile, writeNetworkFile, SIDECAR_THRESHOLD } from '../../src/node/network-file.js';
import { assertInputError, assertSameNetwork, awkwardNetwork, baseNetwork, tempDir } from './helpers.js';

const dir = tempDir();
let fileNo = 0;
const freshPath = () => join(dir, `net${++fileNo}.json`);

/** Writes a document (or raw text) and returns its path. */
function writeDoc(doc: unknown): string {
  const path = freshPath();
  writeFileSync(path, typeof doc === 'string' ? doc : formatJson(doc) + '\n');
  return path;
}

/** 1-based line of the first line of `text` containing `needle`, after the line containing `after`. */
function lineOf(text: string, needle: string, after = '"nodes": {'): number {
  const lines = text.split('\n');
  const from = lines.findIndex((l) => l.includes(after));
  const k = lines.findIndex((l, i) => i > from && l.includes(needle));
  assert.ok(k >= 0, `no line contains ${needle}`);
  return k + 1;
}

type Doc = ReturnType<typeof networkToJson>;
const smallDoc = (): Doc => networkToJson(ring({ n: 5, latency: 1, refractory: 2 }));

describe('network JSON round trip', () => {
  test('random geometric networks round-trip exactly, inline and with a sidecar (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.boolean(), fc.boolean(), (seed, awkward, sidecar) => {
        const net = awkward ? awkwardNetwork(seed) : baseNetwork(seed);
        const path = freshPath();
        const written = writeNetworkFile(path, net, { sidecar });
        assert.equal(written.length, sidecar ? 2 : 1);
        assertSameNetwork(readNetworkFile(path), net);
      }),
      { numRuns: 40 },
    );
  });

  test('networkFromJson(networkToJson(net)) is exact, after JSON text as well', () => {
    const net = baseNetwork(3);
    assertSameNetwork(networkFromJson(networkToJson(net)), net);
    assertSameNetwork(networkFromJson(JSON.parse(JSON.stringify(networkToJson(net)))), net);
  });

  test('float32 weights are written as their shortest decimal and come back identical', () => {
    const base = ring({ n: 4, latency: 1 });
    const weight = Float32Array.from([0.1, -0.3, 1 / 3, 16777217]);
    const net = withChanges(base, { weight });
    const doc = networkToJson(net);
    assert.deepEqual(doc.edges.weight, [0.1, -0.3, 0.33333334, 16777216]);
    const path = freshPath();
    writeNetworkFile(path, net);
    assert.match(readFileSync(path, 'utf8'), /"weight": \[0\.1,-0\.3,0\.33333334,16777216\]/);
    const back = readNetworkFile(path);
    assert.ok(back.weight instanceof Float32Array);
    assert.deepEqual(Array.from(back.weight), Array.from(weight));
  });

  test('a shared scalar weight stays a number; per-node values shared by all nodes are written once', () => {
    const net = withChanges(ring({ n: 6, latency: 0.5, refractory: 2.5, mode: 'leaky' }), { weight: 0.7 });
    const doc = networkToJson(net);
    assert.equal(doc.edges.weight, 0.7);
    assert.equal(doc.nodes.refractory, 2.5);
    assert.equal(doc.nodes.mode, 'leaky');
    assert.equal(doc.nodes.position?.length, 6);
    const back = networkFromJson(doc);
    assert.equal(back.weight, 0.7);
    assertSameNetwork(back, net);
  });

  test('per-node arrays stay arrays when values differ, -0 included', () => {
    const base = ring({ n: 3, latency: 1 });
    const net = withChanges(base, { refractory: Float64Array.from([0, -0, 0]) });
    const path = freshPath();
    writeNetworkFile(path, net);
    assert.match(readFileSync(path, 'utf8'), /"refractory": \[0,-0,0\]/);
    assertSameNetwork(readNetworkFile(path), net);
  });

  test('edges are written as columns with source expanded from the CSR offsets', () => {
    const doc = networkToJson(ring({ n: 3, latency: 2, bidirectional: true }));
    assert.deepEqual(doc.edges.source, [0, 0, 1, 1, 2, 2]);
    assert.deepEqual(doc.edges.target, [1, 2, 2, 0, 0, 1]);
    assert.equal(doc.format, 'refract-network');
    assert.equal(doc.version, 1);
    assert.deepEqual(doc.units, { time: 'ms', length: 'um', speed: 'um/ms' });
  });

  test('edges in any order in the file are put in CSR order', () => {
    const doc = smallDoc();
    doc.edges = { count: 3, source: [2, 0, 2], target: [0, 1, 1], latency: [1, 2, 3], weight: [0.5, 1, 2] };
    const net = networkFromJson(doc);
    assert.deepEqual(Array.from(net.offset), [0, 1, 1, 3, 3, 3]);
    assert.deepEqual(Array.from(net.target), [1, 0, 1]);
    assert.deepEqual(Array.from(net.latency), [2, 1, 3]);
  });

  test("sidecar 'auto' switches on above 200,000 edges and keeps arrays 8-byte aligned", () => {
    const small = baseNetwork(1);
    const p1 = freshPath();
    assert.deepEqual(writeNetworkFile(p1, small), [p1]);
    const big = geometric({ n: 20_010, connect: { rule: 'k', k: 10 }, seed: 5 });
    assert.ok(big.m > SIDECAR_THRESHOLD);
    const p2 = join(dir, 'big.json');
    const written = writeNetworkFile(p2, big);
    const doc = JSON.parse(readFileSync(p2, 'utf8')) as Doc;
    assert.ok(doc.sidecar);
    assert.match(doc.sidecar.file, /^big\.[0-9a-f]{8}\.bin$/);
    assert.equal(doc.sidecar.file, `big.${crc32(readFileSync(written[1])).toString(16).padStart(8, '0')}.bin`);
    assert.equal(doc.sidecar.crc32, crc32(readFileSync(written[1])));
    assert.deepEqual(written, [p2, join(dir, doc.sidecar.file)]);
    assert.equal(doc.edges.source, undefined);
    assert.equal(doc.nodes.position, undefined);
    assert.equal(doc.sidecar.byteLength, statSync(written[1]).size);
    for (const ref of Object.values(doc.sidecar.arrays)) assert.equal(ref.offset % 8, 0);
    assert.equal(doc.sidecar.arrays.offset.dtype, 'uint32');
    assert.equal(doc.sidecar.arrays.weight?.dtype, 'float32');
    assertSameNetwork(readNetworkFile(p2), big);
  });

  test('a scalar weight with a sidecar stays in the JSON', () => {
    const net = withChanges(baseNetwork(9), { weight: -2.5 });
    const path = freshPath();
    writeNetworkFile(path, net, { sidecar: true });
    const doc = JSON.parse(readFileSync(path, 'utf8')) as Doc;
    assert.equal(doc.edges.weight, -2.5);
    assert.equal(doc.sidecar?.arrays.weight, undefined);
    assertSameNetwork(readNetworkFile(path), net);
  });

  test('writing an invalid network is refused and leaves no file', () => {
    const net = withChanges(ring({ n: 3, latency: 1 }), { latency: Float64Array.from([1, NaN, 1]) });
    const path = freshPath();
    assert.throws(() => writeNetworkFile(path, net), /edges\.latency\[1\]/);
    assert.equal(existsSync(path), false);
    // Valid but not representable in JSON: an infinite membrane time constant.
    const inf = withChanges(ring({ n: 3, latency: 1 }), { tauM: Float64Array.from([10, Infinity, 10]) });
    assert.throws(() => writeNetworkFile(path, inf), /^RangeError: nodes\.tauM\[1\]: Infinity cannot be written to JSON$/);
    assert.equal(existsSync(path), false);
  });
});

describe('network JSON errors', () => {
  test('malformed JSON reports line and column', () => {
    const path = writeDoc('{\n  "format": "refract-network",\n  "version": 1,,\n}\n');
    assertInputError(() => readNetworkFile(path), new RegExp(`^${path}:3: malformed JSON at column 16: `));
    const path2 = writeDoc('{\n  "format": refract\n}');
    assertInputError(() => readNetworkFile(path2), new RegExp(`^${path2}:2: malformed JSON at column 13: Unexpected token 'r'$`));
  });

  test('truncated JSON', () => {
    const text = formatJson(smallDoc());
    const path = writeDoc(text.slice(0, Math.floor(text.length / 2)));
    assertInputError(() => readNetworkFile(path), new RegExp(`^${path}:\\d+: truncated JSON at column \\d+`));
    assertInputError(() => readNetworkFile(writeDoc('')), /empty file/);
  });

  test('wrong format or version', () => {
    const doc = smallDoc();
    const p1 = writeDoc({ ...doc, format: 'something-else' });
    assertInputError(() => readNetworkFile(p1), new RegExp(`^${p1}:2: format: not a Refract network file: expected "refract-network", got "something-else"$`));
    const p2 = writeDoc({ ...doc, version: 2 });
    assertInputError(() => readNetworkFile(p2), new RegExp(`^${p2}:3: version: unsupported version 2: this Refract reads version 1$`));
    assertInputError(() => networkFromJson([1, 2], { file: 'x.json' }), /^x\.json: not a Refract network file: expected a JSON object, got an array$/);
  });

  test('unknown node ids in edges.target and edges.source', () => {
    const doc = smallDoc();
    doc.edges.target![3] = 99;
    const p1 = writeDoc(doc);
    const line = lineOf(readFileSync(p1, 'utf8'), '"target"');
    assertInputError(() => readNetworkFile(p1), new RegExp(`^${p1}:${line}: edges\\.target\\[3\\]: unknown node id 99 \\(nodes are 0\\.\\.4\\)$`));
    const doc2 = smallDoc();
    doc2.edges.source![1] = 5;
    assertInputError(() => networkFromJson(doc2, { file: 'mem.json' }), /^mem\.json: edges\.source\[1\]: unknown node id 5 \(nodes are 0\.\.4\)$/);
    const doc3 = smallDoc() as unknown as { edges: { source: unknown[] } };
    doc3.edges.source[2] = -1;
    assertInputError(() => networkFromJson(doc3, { file: 'mem.json' }), /^mem\.json: edges\.source\[2\]: not a node id \(an integer >= 0\): -1$/);
  });

  test('negative latency, named by its index in the file even when edges are not in CSR order', () => {
    const doc = smallDoc();
    doc.edges.latency![2] = -1;
    const p1 = writeDoc(doc);
    const line = lineOf(readFileSync(p1, 'utf8'), '"latency"');
    assertInputError(() => readNetworkFile(p1), new RegExp(`^${p1}:${line}: edges\\.latency\\[2\\]: latency must be a finite number >= 0, got -1$`));
    const doc2 = smallDoc();
    doc2.edges = { count: 3, source: [4, 0, 2], target: [0, 1, 3], latency: [1, 2, -3], weight: 1 };
    assertInputError(() => networkFromJson(doc2, { file: 'm.json' }), /^m\.json: edges\.latency\[2\]: latency must be a finite number >= 0, got -3$/);
  });

  test('NaN latency: null, "NaN" and NaN are rejected clearly', () => {
    const text = formatJson(smallDoc());
    const p1 = writeDoc(text.replace(/"latency": \[1,1,1,1,1\]/, '"latency": [1,1,1,null,1]'));
    assertInputError(() => readNetworkFile(p1), new RegExp(`^${p1}:\\d+: edges\\.latency\\[3\\]: not a number: null$`));
    const p2 = writeDoc(text.replace(/"latency": \[1,1,1,1,1\]/, '"latency": [1,"NaN",1,1,1]'));
    assertInputError(() => readNetworkFile(p2), new RegExp(`^${p2}:\\d+: edges\\.latency\\[1\\]: not a number: "NaN"$`));
    const doc = smallDoc();
    doc.edges.latency![0] = NaN;
    assertInputError(() => networkFromJson(doc, { file: 'm.json' }), /^m\.json: edges\.latency\[0\]: not a number: NaN$/);
  });

  test('refractory < 0, scalar or per node', () => {
    const doc = smallDoc();
    doc.nodes.refractory = -1;
    const p1 = writeDoc(doc);
    const line = lineOf(readFileSync(p1, 'utf8'), '"refractory"');
    assertInputError(() => readNetworkFile(p1), new RegExp(`^${p1}:${line}: nodes\\.refractory: must be a finite number >= 0, got -1$`));
    doc.nodes.refractory = [2, 2, -0.5, 2, 2];
    assertInputError(() => networkFromJson(doc, { file: 'm.json' }), /^m\.json: nodes\.refractory\[2\]: must be a finite number >= 0, got -0\.5$/);
  });

  test('an empty network', () => {
    const doc = smallDoc();
    doc.nodes = { count: 0 };
    doc.edges = { count: 0, source: [], target: [], latency: [], weight: 1 };
    const p1 = writeDoc(doc);
    assertInputError(() => readNetworkFile(p1), new RegExp(`^${p1}:\\d+: nodes\\.count: the network is empty: it needs at least one node$`));
  });

  test('mismatched array lengths', () => {
    const doc = smallDoc();
    doc.edges.latency!.pop();
    const p1 = writeDoc(doc);
    assertInputError(() => readNetworkFile(p1), new RegExp(`^${p1}:\\d+: edges\\.latency: expected 5 values \\(edges\\.count\\), got 4$`));
    const doc2 = smallDoc();
    doc2.nodes.threshold = [1, 1];
    assertInputError(() => networkFromJson(doc2, { file: 'm.json' }), /^m\.json: nodes\.threshold: expected 5 values \(nodes\.count\), got 2$/);
    const doc3 = smallDoc();
    doc3.nodes.position![1] = [1, 2] as unknown as [number, number, number];
    assertInputError(() => networkFromJson(doc3, { file: 'm.json' }), /^m\.json: nodes\.position\[1\]: expected \[x, y, z\], got 2 values$/);
  });

  test('a missing file', () => {
    const path = join(dir, 'nope.json');
    assertInputError(() => readNetworkFile(path), new RegExp(`^${path}: file not found$`));
  });

  test('unknown fields, missing fields and bad modes name the field', () => {
    const doc = { ...smallDoc(), extra: 1 };
    assertInputError(() => networkFromJson(doc, { file: 'm.json' }), /^m\.json: extra: unknown field$/);
    const doc2 = smallDoc() as unknown as { nodes: Record<string, unknown> };
    delete doc2.nodes.count;
    assertInputError(() => networkFromJson(doc2, { file: 'm.json' }), /^m\.json: nodes\.count: missing \(required\)$/);
    const doc3 = smallDoc() as unknown as { nodes: Record<string, unknown> };
    doc3.nodes.mode = ['first', 'first', 'fast', 'first', 'first'];
    assertInputError(() => networkFromJson(doc3, { file: 'm.json' }), /^m\.json: nodes\.mode\[2\]: unknown mode \(expected "first", "window" or "leaky"\): "fast"$/);
  });

  test('a truncated sidecar names the sidecar file and the array', () => {
    const net = baseNetwork(11);
    const path = join(dir, 'trunc.json');
    const [, bin] = writeNetworkFile(path, net, { sidecar: true });
    const doc = JSON.parse(readFileSync(path, 'utf8')) as Doc;
    const lat = doc.sidecar!.arrays.latency;
    truncateSync(bin, lat.offset + 8 * 10); // cut inside the latency array
    assertInputError(() => readNetworkFile(path), new RegExp(`^${bin}: latency: truncated: the file has ${lat.offset + 80} of \\d+ bytes; the array needs bytes ${lat.offset}\\.\\.${lat.offset + 8 * lat.length}$`));
  });

  test('a missing sidecar, or one that does not match the JSON', () => {
    const net = baseNetwork(12);
    const path = join(dir, 'lost.json');
    const [, bin] = writeNetworkFile(path, net, { sidecar: true });
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace(`"file": "${basename(bin)}"`, '"file": "gone.bin"'));
    assertInputError(() => readNetworkFile(path), new RegExp(`^${join(dir, 'gone.bin')}: file not found$`));
    writeFileSync(path, text.replace('"dtype": "float64"', '"dtype": "float32"'));
    assertInputError(() => readNetworkFile(path), new RegExp(`^${path}:\\d+: sidecar\\.arrays\\.latency\\.dtype: expected float64, got "float32"$`));
    writeFileSync(path, text);
    writeFileSync(bin, Buffer.concat([readFileSync(bin), Buffer.alloc(8)]));
    assertInputError(() => readNetworkFile(path), new RegExp(`^${bin}: the file has \\d+ bytes, expected \\d+ \\(sidecar\\.byteLength\\)$`));
    // same size, other bytes: the sidecar of another network (or a damaged one) is refused by its checksum
    const other = readFileSync(bin).subarray(0, statSync(bin).size - 8);
    other[other.length - 1] ^= 1;
    writeFileSync(bin, other);
    assertInputError(() => readNetworkFile(path), new RegExp(`^${bin}: checksum mismatch: crc32 [0-9a-f]{8}, the network file expects [0-9a-f]{8} \\(sidecar\\.crc32\\); this sidecar does not belong to it$`));
  });

  test('a network written over another replaces its sidecar as a pair and leaves no old sidecar behind', () => {
    const path = join(dir, 'pair.json');
    const [, bin1] = writeNetworkFile(path, baseNetwork(21), { sidecar: true });
    // a writer killed after its sidecar but before its JSON leaves an unreferenced sidecar (and a temp file)
    writeFileSync(join(dir, 'pair.0badf00d.bin'), 'litter');
    writeFileSync(join(dir, '.pair.12345678.bin.refract-tmp-999999999-1'), 'litter');
    writeFileSync(join(dir, 'pair.other.bin'), 'a file of the user');
    const [, bin2] = writeNetworkFile(path, baseNetwork(22), { sidecar: true });
    assert.notEqual(bin1, bin2);
    assertSameNetwork(readNetworkFile(path), baseNetwork(22));
    const left = readdirSync(dir).filter((n) => n.includes('pair')).sort();
    assert.deepEqual(left, [basename(bin2), 'pair.json', 'pair.other.bin'].sort());
    // inline edges over a sidecar network: the sidecar goes too
    writeNetworkFile(path, baseNetwork(23), { sidecar: false });
    assert.deepEqual(readdirSync(dir).filter((n) => n.includes('pair')).sort(), ['pair.json', 'pair.other.bin']);
  });

  test('bad values inside a sidecar name the sidecar and the edge', () => {
    const net = baseNetwork(13);
    const path = join(dir, 'badval.json');
    const [, bin] = writeNetworkFile(path, net, { sidecar: true });
    const doc = JSON.parse(readFileSync(path, 'utf8')) as Doc;
    const bytes = readFileSync(bin);
    bytes.writeDoubleLE(-4, doc.sidecar!.arrays.latency.offset + 8 * 7);
    writeFileSync(bin, bytes);
    // the checksum refuses the edited file first; a file without one (written before sidecars
    // carried checksums) is still checked value by value
    assertInputError(() => readNetworkFile(path), /checksum mismatch/);
    delete doc.sidecar!.crc32;
    writeFileSync(path, JSON.stringify(doc, null, 1));
    assertInputError(() => readNetworkFile(path), new RegExp(`^${bin}: latency\\[7\\]: latency must be a finite number >= 0, got -4$`));
  });
});

/** Keeps the type checker honest about the helper used in tests above. */
export type { Network };
