// SONATA exchange: a Refract network survives export → import exactly; reference SONATA
// circuits load with their counts and delays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { exportSonata, importSonata, readSonataSpikes, writeSonataSpikes } from '../../src/node/sonata.js';
import { importSonataRun } from '../../src/node/sonata-run.js';
import { InputError } from '../../src/formats/errors.js';
import { geometric } from '../../src/model/builders/geometric.js';
import { withChanges } from '../../src/model/build.js';

const dir = mkdtempSync(join(tmpdir(), 'refract-sonata-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('export then import gives back the same network (positions, edges, latencies, weights, node parameters)', async () => {
  const base = geometric({ n: 60, seed: 3, connect: { rule: 'k', k: 5 }, speed: 300, synDelay: 0.4, weight: 0.5, mode: 'leaky', tauM: 12, refractory: 1.5 });
  const net = withChanges(base, {
    refractory: Float64Array.from({ length: 60 }, (_, i) => 1 + i / 10),
    mode: Uint8Array.from({ length: 60 }, (_, i) => i % 3),
    weight: Float32Array.from({ length: base.m }, (_, e) => 0.25 + (e % 4) / 8),
  });
  const files = await exportSonata(net, join(dir, 'a'));
  for (const f of files) assert.ok(existsSync(join(dir, 'a', f)), f);
  const back = await importSonata(join(dir, 'a'));
  assert.equal(back.n, net.n);
  assert.equal(back.m, net.m);
  assert.deepEqual(Array.from(back.offset), Array.from(net.offset));
  assert.deepEqual(Array.from(back.target), Array.from(net.target));
  assert.deepEqual(Array.from(back.latency), Array.from(net.latency));
  assert.deepEqual(Array.from(back.weight as Float32Array), Array.from(net.weight as Float32Array));
  assert.deepEqual(Array.from(back.position!), Array.from(net.position!));
  assert.deepEqual(Array.from(back.refractory), Array.from(net.refractory));
  assert.deepEqual(Array.from(back.mode), Array.from(net.mode));
  assert.deepEqual(Array.from(back.tauM), Array.from(net.tauM));
});

const ref = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'sonata', '300_pointneurons');
test('the SONATA 300_pointneurons example loads: 300 nodes, 27,588 internal edges, 2 ms delays from the edge types', { skip: existsSync(ref) ? false : `${ref} is absent` }, async () => {
  const net = await importSonata(join(ref, 'circuit_config.json'));
  assert.equal(net.n, 300);
  assert.equal(net.m, 27588);
  assert.ok(net.latency.every((d) => d === 2));
  assert.ok(net.position !== null);
});

test('a missing or broken config is a one-line InputError naming the file', async () => {
  await assert.rejects(importSonata(join(dir, 'nope')), /file not found/);
});

test('refract export / import through the CLI: the network JSON comes back the same', async () => {
  const { cli } = await import('../cli/run-cli.js');
  const { readFileSync } = await import('node:fs');
  const netFile = join(dir, 'ring.json');
  assert.equal(cli(['build', 'ring', '--n', '7', '--out', netFile]).code, 0);
  const ex = cli(['export', 'sonata', netFile, '--out', join(dir, 'ring-sonata'), '--json']);
  assert.equal(ex.code, 0, ex.stderr);
  assert.equal((JSON.parse(ex.stdout) as { edges: number }).edges, 7);
  const im = cli(['import', 'sonata', join(dir, 'ring-sonata'), '--out', join(dir, 'back.json'), '--json']);
  assert.equal(im.code, 0, im.stderr);
  const a = JSON.parse(readFileSync(netFile, 'utf8')) as { edges: unknown; nodes: unknown };
  const b = JSON.parse(readFileSync(join(dir, 'back.json'), 'utf8')) as { edges: unknown; nodes: unknown };
  assert.deepEqual(b.edges, a.edges);
  assert.deepEqual(b.nodes, a.nodes);
  const bad = cli(['import', 'sonata', join(dir, 'missing')]);
  assert.notEqual(bad.code, 0);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
});

test('spikes.h5: written sorted by time and read back; the old /spikes/gids layout reads too', async () => {
  const file = join(dir, 'spikes.h5');
  await writeSonataSpikes(file, { node: [3, 1, 2, 0], time: [2.5, 0.5, 0.5, 7] }, 'net');
  const [s] = await readSonataSpikes(file);
  assert.equal(s.population, 'net');
  assert.deepEqual(Array.from(s.node), [1, 2, 3, 0]);
  assert.deepEqual(Array.from(s.time), [0.5, 0.5, 2.5, 7]);
  // old layout, timestamps in seconds
  const h5wasm = (await import('h5wasm/node')).default;
  await h5wasm.ready;
  const old = join(dir, 'old.h5');
  const f = new h5wasm.File(old, 'w');
  const g = f.create_group('spikes');
  g.create_dataset({ name: 'gids', data: new Int32Array([4, 5]) });
  g.create_dataset({ name: 'timestamps', data: new Float64Array([0.001, 0.002]) }).create_attribute('units', 's');
  f.close();
  const [o] = await readSonataSpikes(old);
  assert.equal(o.population, null);
  assert.deepEqual(Array.from(o.node), [4, 5]);
  assert.deepEqual(Array.from(o.time), [1, 2]);
  await assert.rejects(readSonataSpikes(join(dir, 'none.h5')), /file not found/);
});

const out = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'sonata', '300_intfire_output', 'spikes.h5');
test('the reference 300_intfire spikes.h5 reads: population v1, 4,322 spikes sorted by time', { skip: existsSync(out) ? false : `${out} is absent` }, async () => {
  const [s] = await readSonataSpikes(out);
  assert.equal(s.population, 'v1');
  assert.equal(s.node.length, 4322);
  for (let k = 1; k < s.time.length; k++) assert.ok(s.time[k] >= s.time[k - 1]);
});

test('long columns are written and read block by block: a CRG network of 1.05 million edges round-trips exactly', async () => {
  const { crg } = await import('../../src/model/builders/crg.js');
  const net = crg(10500, 100, 3);
  assert.ok(net.m > 1 << 20, 'more edges than one read block');
  await exportSonata(net, join(dir, 'big'), { blockSize: 100_000 });
  const back = await importSonata(join(dir, 'big'));
  assert.equal(back.m, net.m);
  assert.deepEqual(back.offset, net.offset);
  assert.deepEqual(back.target, net.target);
  assert.deepEqual(back.latency, net.latency);
  assert.equal(back.weight, net.weight);
});

test('files of two exports mixed in one folder are refused; an export into a used folder leaves only its own files', async () => {
  const small = geometric({ n: 8, seed: 1, connect: { rule: 'k', k: 2 } });
  const large = geometric({ n: 40, seed: 2, connect: { rule: 'k', k: 3 } });
  const a = join(dir, 'mix-a'), b = join(dir, 'mix-b');
  const run = { stimulus: { node: [0], time: [0], weight: [1], force: [true] }, durationMs: 10, gridDt: null };
  await exportSonata(small, a, { run });
  await exportSonata(large, b);
  // the same export twice gets the same id (a digest of what was exported)
  const c = join(dir, 'mix-c');
  await exportSonata(small, c, { run });
  assert.equal(readFileSync(join(a, 'circuit_config.json'), 'utf8'), readFileSync(join(c, 'circuit_config.json'), 'utf8'));
  // a new nodes.h5 beside an old edges.h5 reads as a valid but wrong network: refused
  copyFileSync(join(b, 'network/nodes.h5'), join(a, 'network/nodes.h5'));
  await assert.rejects(importSonata(a), (e: Error) => e instanceof InputError && /network\/nodes\.h5: belongs to export [0-9a-f]{16}, but circuit_config\.json is export [0-9a-f]{16}: the folder mixes files of two exports/.test(e.message));
  // a simulation config of another export
  copyFileSync(join(c, 'network/nodes.h5'), join(a, 'network/nodes.h5'));
  const other = join(dir, 'mix-d');
  await exportSonata(large, other, { run });
  copyFileSync(join(other, 'simulation_config.json'), join(a, 'simulation_config.json'));
  copyFileSync(join(other, 'circuit_config.json'), join(a, 'circuit_config.json'));
  await assert.rejects(importSonataRun(a, { thread: 'here' }), /belongs to export|mixes files of two exports/);
  // exporting without a run over a folder with one: the input files of the old export go
  await exportSonata(large, c);
  assert.deepEqual(readdirSync(join(c, 'network')).sort(), ['edge_types.csv', 'edges.h5', 'node_types.csv', 'nodes.h5']);
  assert.ok(!existsSync(join(c, 'inputs')), 'the emptied inputs/ folder goes');
  assert.ok(!existsSync(join(c, 'simulation_config.json')));
  assert.equal((await importSonata(c)).n, 40);
  assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('.')), [], 'no staging or temporary entries left');
});
