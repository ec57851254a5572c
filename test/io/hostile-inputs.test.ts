// Inputs found by the fuzzer and by targeted probes (issue 14, items 13 and 14), one test
// each, through the library readers: every one is refused with a one-line InputError naming
// the file (and field or line), before anything is allocated by it or run from it.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, test } from 'node:test';
import { Simulation, type Checkpoint } from '../../src/engine/simulation.js';
import { ring } from '../../src/model/builders/fixtures.js';
import { checkpointFromBytes, checkpointToBytes } from '../../src/formats/checkpoint.js';
import { decodeContainer, encodeContainer } from '../../src/formats/container.js';
import { readNetworkFile, writeNetworkFile } from '../../src/node/network-file.js';
import { readEdgeList } from '../../src/node/edge-list.js';
import { idxToBytes } from '../../src/formats/idx.js';
import { readIdx } from '../../src/node/idx.js';
import { readCsvDataset, readIdxDataset } from '../../src/node/datasets.js';
import { datasetFromCsv } from '../../src/learn/datasets.js';
import { spikesFromArrow, spikesToArrow } from '../../src/node/spikes-arrow.js';
import { exportSonata, importSonata, readSonataSpikes } from '../../src/node/sonata.js';
import { rewriteH5 } from '../fuzz/h5-rewrite.js';
import { morphologyFromSwc } from '../../src/morphology/swc.js';
import { createPipeline, signatures } from '../../src/learn/pipeline.js';
import { createLearner } from '../../src/learn/learners.js';
import { loadLearner, saveLearner } from '../../src/cli/learn-model.js';
import { assertInputError, tempDir } from './helpers.js';

const dir = tempDir();
const net5 = ring({ n: 5, latency: 1, refractory: 2 });

/** A checkpoint of a short ring run, re-encoded after `edit` (so the checksum is valid). */
function doctored(edit: (cp: Checkpoint) => void): Uint8Array {
  const cp = new Simulation(net5).force(0, 0).run(10).checkpoint();
  edit(cp);
  return checkpointToBytes(cp);
}

describe('checkpoints are checked field by field, and by a checksum', () => {
  test('an event at NaN (which hung the queue) is refused', () => {
    const bytes = doctored((cp) => (cp.events.time[0] = NaN));
    assertInputError(() => checkpointFromBytes(bytes, 'c.bin'), /^c\.bin: events\.time\[0\]: must be a time >= now = 10 ms .*got NaN$/);
  });

  test('unknown nodes, an event target of 10^6 and a negative now are refused', () => {
    assertInputError(() => checkpointFromBytes(doctored((cp) => (cp.recorder.spikeNode[0] = 1e6)), 'c.bin'), /^c\.bin: recorder\.spikeNode\[0\]: must be a node id 0\.\.4, got 1000000$/);
    assertInputError(() => checkpointFromBytes(doctored((cp) => (cp.events.target[0] = 1e6)), 'c.bin'), /^c\.bin: events\.target\[0\]: must be a node id 0\.\.4, got 1000000$/);
    assertInputError(() => checkpointFromBytes(doctored((cp) => (cp.now = -1e6)), 'c.bin'), /^c\.bin: now: must be a finite time >= 0, got -1000000$/);
  });

  test('a recorded spike after the current time (123456789 ms: the renderer aborted on it) and dt = 2^32 with out-of-range spikes are refused', () => {
    assertInputError(() => checkpointFromBytes(doctored((cp) => (cp.recorder.spikeTime[0] = 123456789)), 'c.bin'), /^c\.bin: recorder\.spikeTime\[0\]: must be a time in \[0, now = 10\) ms, got 123456789$/);
    // a grid checkpoint whose now and spikes are steps: a bigger step does not move them in range
    const grid = new Simulation(net5, { dt: 0.1 }).force(0, 0).run(10).checkpoint();
    grid.recorder.spikeTime[1] = 4294967296;
    assertInputError(() => checkpointFromBytes(checkpointToBytes(grid), 'g.bin'), /^g\.bin: recorder\.spikeTime\[1\]: must be a time in \[0, now = 100\) steps/);
  });

  test('a flipped bit inside an array is caught by the checksum', () => {
    const bytes = checkpointToBytes(new Simulation(net5).force(0, 0).run(10).checkpoint());
    bytes[bytes.length - 3] ^= 0x10; // inside the last array
    assertInputError(() => checkpointFromBytes(bytes, 'c.bin'), /^c\.bin: corrupt: the checksum does not match/);
  });
});

describe('network files and their sidecars', () => {
  const sidecarNet = () => {
    const path = join(dir, 'sc.json');
    writeNetworkFile(path, net5, { sidecar: true });
    return { path, doc: JSON.parse(readFileSync(path, 'utf8')) as { sidecar: { file: string; arrays: Record<string, { offset: number }> } } };
  };

  test('overlapping byte ranges (latencies read from the target ids: a hang) are refused', () => {
    const { path, doc } = sidecarNet();
    doc.sidecar.arrays.latency.offset = doc.sidecar.arrays.target.offset;
    writeFileSync(path, JSON.stringify(doc));
    assertInputError(() => readNetworkFile(path), /sc\.json:1: sidecar\.arrays\.latency\.offset: bytes \d+\.\.\d+ overlap those of target/);
  });

  test('an absolute or ../ sidecar.file is refused (it would read any file)', () => {
    for (const file of ['/etc/passwd', '../etc/passwd', '..']) {
      const { path, doc } = sidecarNet();
      doc.sidecar.file = file;
      writeFileSync(path, JSON.stringify(doc));
      assertInputError(() => readNetworkFile(path), /sc\.json:1: sidecar\.file: must name a file inside the network file's folder/);
    }
  });

  test('10^9 nodes in a file without a sidecar are refused before anything is allocated', () => {
    const path = join(dir, 'many.json');
    writeNetworkFile(path, net5);
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { nodes: Record<string, unknown> };
    doc.nodes.count = 1e9;
    delete doc.nodes.position;
    writeFileSync(path, JSON.stringify(doc));
    assertInputError(() => readNetworkFile(path), /many\.json:1: nodes\.count: 1000000000 nodes: a network file without a sidecar holds at most 10000000/);
  });
});

describe('numbers that size allocations', () => {
  test('an edge list with node id 2·10^9 (a 2 GB allocation) is refused at its row', () => {
    const path = join(dir, 'big-id.csv');
    writeFileSync(path, 'source,target,latency\n0,1,1\n1,2000000000,1\n');
    assertInputError(() => readEdgeList(path), /big-id\.csv:3: target: node id 2000000000 is too large for a file of 2 rows/);
  });

  test('IDX labels of 2^31 − 1 or 10^8 are refused (classes size per-class arrays)', () => {
    const images = join(dir, 'im.idx');
    writeFileSync(images, idxToBytes([2, 2, 2], new Uint8Array(8)));
    for (const label of [2 ** 31 - 1, 1e8]) {
      const labels = join(dir, 'lb.idx');
      writeFileSync(labels, idxToBytes([2], Int32Array.from([0, label])));
      assertInputError(() => readIdxDataset(images, labels), new RegExp(`lb\\.idx: label 1 is ${label}: labels must be below 1000`));
    }
  });

  test('an IDX gzip bomb stops at 256 MiB instead of decompressing 1.5 GB', () => {
    // 1.5 GB of zeros as gzip members of 16 MB each (a gzip file may hold several): 1.5 MB on disk
    const chunk = 16 * 2 ** 20;
    const head = new Uint8Array(chunk);
    head.set([0, 0, 0x08, 1]); // unsigned bytes, one dimension
    new DataView(head.buffer).setUint32(4, 96 * chunk - 8, false);
    const members = [gzipSync(head), ...Array.from({ length: 95 }, () => gzipSync(new Uint8Array(chunk)))];
    const path = join(dir, 'bomb.idx.gz');
    writeFileSync(path, Buffer.concat(members));
    assertInputError(() => readIdx(path), /bomb\.idx\.gz: decompresses to more than \d+ bytes; IDX values are limited to 268435456 bytes/);
  });

  test('a dataset CSV label of 10^9 (or 2147483648, which wrapped to -2147483648) is refused at its line', () => {
    for (const label of ['1000000000', '2147483648']) assertInputError(() => datasetFromCsv(`label,a,b\n0,0,1\n${label},1,0\n`, 'd.csv'), new RegExp(`^d\\.csv:3: label \\(label\\): class "${label}" is not below 1000`));
  });

  test('one flipped byte in spikes.arrow (a row count of 10^8: 500 MB) is refused', () => {
    const bytes = spikesToArrow(new Simulation(net5).force(0, 0).run(20).spikes());
    // one byte of the record batch's row count set to 0x7f, as the fuzzer found it
    let found = false;
    for (let at = 0; at < bytes.length - 8 && !found; at++) {
      const c = bytes.slice();
      c[at] = 0x7f;
      try {
        spikesFromArrow(c, 's.arrow');
      } catch (e) {
        if ((e as Error).message.includes('claims')) found = true;
      }
    }
    assert.ok(found, 'a row count set to ~2^31 is refused as claiming more rows than the body holds');
  });

  test('an Arrow spike time of NaN is refused naming the column (it reached steadyState with no file)', () => {
    const arrow = spikesToArrow({ node: Int32Array.from([0, 1]), time: Float64Array.from([0, NaN]) });
    assertInputError(() => spikesFromArrow(arrow, 's.arrow'), /^s\.arrow: time_ms: row 1: not a finite time: NaN$/);
  });
});

describe('SWC', () => {
  test('a 100 kB token is not echoed into the message', () => {
    const token = '9'.repeat(50_000) + 'x' + '9'.repeat(50_000);
    assert.throws(
      () => morphologyFromSwc(`1 1 0 0 0 1 -1\n2 3 ${token} 0 0 1 1\n`, 'c.swc'),
      (e: Error) => e.name === 'InputError' && e.message.length < 200 && /^c\.swc:2: x: not a number: "9{40}…"$/.test(e.message),
    );
  });
});

describe('saved learners are checked before use', () => {
  const data = join(import.meta.dirname, '..', 'fixtures', 'data', 'tiny-unit.csv');
  const ds = readCsvDataset(data);

  /** A learner file whose saved value is edited by `edit` (re-encoded: the checksum holds). */
  function model(name: 'prototype' | 'exemplar' | 'latency', edit: (v: Record<string, unknown>) => void): string {
    const p = createPipeline(ds.d, ds.shape);
    const l = createLearner(name, p.dim, { tauS: p.tauS, latency: p.options.latency });
    const sig = signatures(p, ds);
    for (let i = 0; i < ds.n; i++) l.learn(sig.subarray(i * p.dim, (i + 1) * p.dim), ds.y[i]);
    const path = join(dir, `${name}.refract`);
    saveLearner(path, l, ds, p.options);
    const v = decodeContainer(readFileSync(path), 'refract-learner', 'learner', path) as Record<string, unknown>;
    edit(v);
    writeFileSync(path, encodeContainer('refract-learner', v));
    return path;
  }
  const pipeline = (v: Record<string, unknown>) => v.pipeline as { encoder: Record<string, unknown>; network: Record<string, unknown> };

  test('encoder.median = 10^9 (which hung) and a huge orientations are refused naming file and field', () => {
    const shaped = (v: Record<string, unknown>) => {
      v.d = 3;
      v.shape = [1, 3];
    };
    const m = model('prototype', (v) => {
      shaped(v);
      pipeline(v).encoder.median = 1e9;
    });
    assertInputError(() => loadLearner(m), /prototype\.refract: pipeline\.encoder\.median: must be an integer 0\.\.16, got 1000000000$/);
    const o = model('prototype', (v) => {
      shaped(v);
      pipeline(v).encoder.orientations = 1e9;
    });
    assertInputError(() => loadLearner(o), /prototype\.refract: pipeline\.encoder\.orientations: must be an integer 0\.\.64, got 1000000000$/);
  });

  test('network.stride = 0 (Invalid typed array length: Infinity) and network.speed = 0 (an infinite run) are refused', () => {
    assertInputError(() => loadLearner(model('exemplar', (v) => (pipeline(v).network.stride = 0))), /exemplar\.refract: pipeline\.network\.stride: must be an integer >= 1/);
    assertInputError(() => loadLearner(model('exemplar', (v) => (pipeline(v).network.speed = 0))), /exemplar\.refract: pipeline\.network\.speed: must be a finite number > 0/);
  });

  test('a huge state.count (which hung predict) is refused', () => {
    assertInputError(() => loadLearner(model('exemplar', (v) => ((v.state as Record<string, unknown>).count = 1e9))), /exemplar\.refract: state\.labels: expected 1000000000 labels \(state\.count\), got \d+$/);
  });

  test('an unknown learner (s.outputs is not iterable) and a negative stored latency (an engine assertion) are refused', () => {
    assertInputError(() => loadLearner(model('latency', (v) => (v.learner = 'lattice'))), /latency\.refract: learner: /);
    const m = model('latency', (v) => {
      const outputs = (v.state as { outputs: { latencies: Float64Array }[] }).outputs;
      outputs[0].latencies[0] = -9.56;
    });
    assertInputError(() => loadLearner(m), /latency\.refract: state\.outputs\[0\]\.latencies\[0\]: must be a finite latency >= 0 \(ms\), got -9\.56$/);
  });
});

describe('SONATA', () => {
  /** An exported ring whose HDF5 dataset `path` in `file` is replaced by `values` (as doubles). */
  async function sonataWith(name: string, file: string, path: string, values: number[]): Promise<string> {
    const out = join(dir, name);
    await exportSonata(net5, out, { run: { stimulus: { node: [0], time: [0], weight: [0], force: [true] }, durationMs: 10, gridDt: null } });
    await rewriteH5(join(out, file), (p) => (p === path ? values : null));
    return out;
  }

  test('a fractional edge source (truncated before) and a source of -1 are refused naming file and dataset', async () => {
    const frac = await sonataWith('frac', 'network/edges.h5', 'edges/refract_to_refract/source_node_id', [0, 1.5, 2, 3, 4]);
    await assert.rejects(importSonata(frac), (e: Error) => e.name === 'InputError' && /edges\.h5: \/edges\/refract_to_refract\/source_node_id\[1\]: not a node id \(an integer 0\.\.2147483646\): 1\.5$/.test(e.message));
    const neg = await sonataWith('neg', 'network/edges.h5', 'edges/refract_to_refract/source_node_id', [-1, 1, 2, 3, 4]);
    await assert.rejects(importSonata(neg), (e: Error) => e.name === 'InputError' && /edges\.h5: \/edges\/refract_to_refract\/source_node_id\[0\]: not a node id/.test(e.message));
  });

  test('a delay of 1e-310 imports (the engine no longer hangs on it), a negative one is refused', async () => {
    const tiny = await sonataWith('tiny', 'network/edges.h5', 'edges/refract_to_refract/0/delay', [1e-310, 1, 1, 1, 1]);
    const net = await importSonata(tiny);
    assert.equal(new Simulation(net).force(0, 0).run(0.001).spikes().node.length, 2);
    const neg = await sonataWith('negdelay', 'network/edges.h5', 'edges/refract_to_refract/0/delay', [1, -1, 1, 1, 1]);
    await assert.rejects(importSonata(neg), /edges\.h5: \/edges\/refract_to_refract\/0\/delay\[1\]: edge 1: a delay must be >= 0 ms, got -1$/);
  });

  test('spikes.h5 ids −1, 2^40 and 1.5 and NaN times are refused (they became −1, 0 and 1 and a CSV Refract refuses)', async () => {
    for (const [dataset, values, what] of [
      ['spikes/refract_input/node_ids', [-1, 0], /node_ids\[0\]: not a node id .*: -1$/],
      ['spikes/refract_input/node_ids', [2 ** 40, 0], /node_ids\[0\]: not a node id .*: 1099511627776$/],
      ['spikes/refract_input/node_ids', [1.5, 0], /node_ids\[0\]: not a node id .*: 1\.5$/],
      ['spikes/refract_input/timestamps', [NaN, 1], /timestamps\[0\]: not a spike time \(a finite number >= 0\): NaN$/],
    ] as const) {
      const out = await sonataWith(`sp-${what.source.length}-${values[0]}`, 'inputs/spikes.h5', dataset, [...values]);
      await assert.rejects(readSonataSpikes(join(out, 'inputs/spikes.h5')), (e: Error) => e.name === 'InputError' && what.test(e.message) && e.message.includes('spikes.h5'));
    }
  });

  test('a spikes.h5 on which libhdf5 loops forever is refused after the per-file time limit', async () => {
    // test/fixtures/data/hdf5-loops.h5: found by the reader fuzz; h5py and h5wasm both never
    // finish reading its `units` attribute. The CLI allows 20 s + 2 s/MB per file; here 2 s.
    const file = join(import.meta.dirname, '..', 'fixtures', 'data', 'hdf5-loops.h5');
    await assert.rejects(readSonataSpikes(file, { fileMs: 2000 }), (e: Error) => e.name === 'InputError' && /hdf5-loops\.h5: reading did not finish within 2 s: HDF5 is stuck on this file/.test(e.message));
  });

  test('a corrupted HDF5 file is one line naming the file, not pages of HDF5-DIAG', async () => {
    const out = join(dir, 'corrupt');
    await exportSonata(net5, out);
    const path = join(out, 'network', 'nodes.h5');
    const bytes = readFileSync(path);
    bytes.fill(0xff, 200, 260); // inside the root group's object header
    writeFileSync(path, bytes);
    await assert.rejects(importSonata(out), (e: Error) => e.name === 'InputError' && !e.message.includes('\n') && !e.message.includes('HDF5-DIAG') && e.message.includes('nodes.h5'));
  });

  test('malformed configs and type tables: one line naming file and field (they were p.includes / .map / trim is not a function)', async () => {
    const out = join(dir, 'configs');
    await exportSonata(net5, out);
    const cfg = join(out, 'circuit_config.json');
    const text = readFileSync(cfg, 'utf8');
    const edit = (f: (doc: { networks: { nodes: unknown; edges: unknown[] } }) => void) => {
      const doc = JSON.parse(text) as { networks: { nodes: unknown; edges: unknown[] } };
      f(doc);
      writeFileSync(cfg, JSON.stringify(doc, null, 2));
    };
    edit((d) => (d.networks.nodes = { nodes_file: 'x' }));
    await assert.rejects(importSonata(out), /circuit_config\.json:\d+: networks\.nodes: .*expected array/);
    edit((d) => ((d.networks.nodes as { nodes_file: unknown }[])[0].nodes_file = 7));
    await assert.rejects(importSonata(out), /circuit_config\.json:\d+: networks\.nodes\[0\]\.nodes_file: expected a path \(a string\)$/);
    writeFileSync(cfg, text);
    writeFileSync(join(out, 'network', 'node_types.csv'), '');
    await assert.rejects(importSonata(out), /node_types\.csv: empty file: expected a header line/);
  });
});
