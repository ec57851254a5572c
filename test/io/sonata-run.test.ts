// SONATA runs: stimuli and run settings survive export → import; the reference circuit's
// external population arrives as stimulus events; malformed files give one-line errors.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync, cpSync, chmodSync, readdirSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSonata } from '../../src/node/sonata.js';
import { importSonataRun } from '../../src/node/sonata-run.js';
import { geometric } from '../../src/model/builders/geometric.js';
import { cli } from '../cli/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'refract-sonata-run-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('stimulus, duration and grid round-trip: forces and injections come back per event', async () => {
  const net = geometric({ n: 30, seed: 2, connect: { rule: 'k', k: 3 }, speed: 300, mode: 'leaky' });
  const stimulus = { node: [0, 4, 4, 7, 0], time: [0, 1.5, 3, 2, 9], weight: [0, 0.7, 0.7, 1.25, 0], force: [true, false, false, false, true] };
  await exportSonata(net, join(dir, 'r'), { run: { stimulus, durationMs: 42, gridDt: 0.1 } });
  const r = await importSonataRun(join(dir, 'r'));
  assert.equal(r.population, 'refract');
  assert.equal(r.net.n, 30);
  assert.equal(r.durationMs, 42);
  assert.equal(r.gridDt, 0.1);
  const rows = (s: typeof stimulus) => s.node.map((n, k) => `${n}@${s.time[k]}:${s.force[k] ? 'force' : s.weight[k]}`).sort();
  assert.deepEqual(rows(r.stimulus), rows(stimulus));
  // input spikes carry both layouts (PyNN 0.10 reads /spikes/gids); readers prefer the population
  const { readSonataSpikes } = await import('../../src/node/sonata.js');
  const trains = await readSonataSpikes(join(dir, 'r', 'inputs', 'spikes.h5'));
  assert.deepEqual(trains.map((t) => [t.population, t.node.length]), [['refract_input', 5]]);
  const h5wasm = (await import('h5wasm/node')).default;
  const f = new h5wasm.File(join(dir, 'r', 'inputs', 'spikes.h5'), 'r');
  assert.equal((f.get('spikes/gids') as InstanceType<typeof h5wasm.Dataset>).shape?.[0], 5);
  f.close();
  // a node outside the network is refused before anything is written
  await assert.rejects(exportSonata(net, join(dir, 'bad'), { run: { stimulus: { node: [30], time: [0], weight: [1], force: [false] }, durationMs: 1, gridDt: null } }), /unknown node id 30/);
});

const ref = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'sonata', '300_pointneurons');
test('300_pointneurons: the internal population is the network; external spike trains arrive through their 20,844 edges', { skip: existsSync(ref) ? false : `${ref} is absent` }, async () => {
  const r = await importSonataRun(ref);
  assert.equal(r.population, 'internal');
  assert.equal(r.net.n, 300);
  assert.equal(r.net.m, 27588);
  assert.equal(r.durationMs, 1500);
  // no delay for the external edges in the files: they arrive at the spike times
  assert.equal(r.inputDelaysDefaulted, 20844);
  // each external spike reaches every target of its source node (counted independently here)
  const h5wasm = (await import('h5wasm/node')).default;
  await h5wasm.ready;
  const ef = new h5wasm.File(join(ref, 'network', 'external_internal_edges.h5'), 'r');
  const src = Array.from((ef.get('edges/external_to_internal/source_node_id') as InstanceType<typeof h5wasm.Dataset>).value as ArrayLike<number | bigint>, Number);
  ef.close();
  const sf = new h5wasm.File(join(ref, 'inputs', 'external_spike_trains.h5'), 'r');
  const gids = Array.from((sf.get('spikes/gids') as InstanceType<typeof h5wasm.Dataset>).value as ArrayLike<number | bigint>, Number);
  sf.close();
  const outDegree = new Map<number, number>();
  for (const s of src) outDegree.set(s, (outDegree.get(s) ?? 0) + 1);
  const expected = gids.reduce((a, g) => a + (outDegree.get(g) ?? 0), 0);
  assert.equal(r.stimulus.node.length, expected);
  assert.ok(expected > 0);
  assert.ok(r.stimulus.force.every((f) => !f));
});

/** Copies an exported circuit and replaces one HDF5 file by a hand-made broken one. */
async function broken(name: string, write: (h5: typeof import('h5wasm/node').default, file: string) => void, file: string): Promise<string> {
  const h5wasm = (await import('h5wasm/node')).default;
  await h5wasm.ready;
  const d = join(dir, name);
  cpSync(join(dir, 'base'), d, { recursive: true });
  for (const f of walk(d)) chmodSync(f, 0o644);
  rmSync(join(d, file));
  write(h5wasm, join(d, file));
  return d;
}

function walk(d: string): string[] {
  return readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
}

test('malformed SONATA files: a missing dataset, mismatched lengths or a non-HDF5 file is one line naming file and field', async () => {
  const net = geometric({ n: 10, seed: 1, connect: { rule: 'k', k: 2 }, speed: 300 });
  await exportSonata(net, join(dir, 'base'), { run: { stimulus: { node: [0], time: [0], weight: [0], force: [true] }, durationMs: 10, gridDt: null } });
  const edgesFile = join('network', 'edges.h5');
  const noTarget = await broken('no-target', (h5, f) => {
    const file = new h5.File(f, 'w');
    const g = file.create_group('edges').create_group('refract_to_refract');
    g.create_dataset({ name: 'source_node_id', data: new BigUint64Array([0n, 1n]) }).create_attribute('node_population', 'refract');
    file.close();
  }, edgesFile);
  const shortWeights = await broken('short-weights', (h5, f) => {
    const file = new h5.File(f, 'w');
    const g = file.create_group('edges').create_group('refract_to_refract');
    g.create_dataset({ name: 'source_node_id', data: new BigUint64Array([0n, 1n, 2n]) }).create_attribute('node_population', 'refract');
    g.create_dataset({ name: 'target_node_id', data: new BigUint64Array([1n, 2n, 3n]) }).create_attribute('node_population', 'refract');
    const g0 = g.create_group('0');
    g0.create_dataset({ name: 'delay', data: new Float64Array([1, 1, 1]) });
    g0.create_dataset({ name: 'syn_weight', data: new Float64Array([1, 1]) });
    file.close();
  }, edgesFile);
  const notH5 = await broken('not-h5', (_h5, f) => writeFileSync(f, 'this is not HDF5\n'), edgesFile);
  for (const [d, pattern] of [
    [noTarget, /edges\.h5: \/edges\/refract_to_refract: missing source_node_id or target_node_id/],
    [shortWeights, /edges\.h5: \/edges\/refract_to_refract\/0\/syn_weight: 2 values for 3 edges/],
    [notH5, /edges\.h5: not an HDF5 file/],
  ] as const) {
    const r = cli(['import', 'sonata', d, '--out', join(dir, 'x.json')]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, pattern);
  }
});

test('refract export spikes / import spikes: a simulate run goes to spikes.h5 and back unchanged', () => {
  const run = join(dir, 'sim');
  assert.equal(cli(['simulate', '--preset', 'ring', '--duration', '30', '--out', run, '--quiet']).code, 0);
  const ex = cli(['export', 'spikes', run, '--out', join(dir, 'ring-spikes.h5'), '--json']);
  assert.equal(ex.code, 0, ex.stderr);
  const im = cli(['import', 'spikes', join(dir, 'ring-spikes.h5'), '--out', join(dir, 'ring-back.csv'), '--json']);
  assert.equal(im.code, 0, im.stderr);
  assert.equal(readFileSync(join(dir, 'ring-back.csv'), 'utf8'), readFileSync(join(run, 'spikes.csv'), 'utf8'));
  assert.ok((JSON.parse(ex.stdout) as { spikes: number }).spikes > 0);
});
