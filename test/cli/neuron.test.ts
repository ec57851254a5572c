// refract neuron: CRG-det on NEURON (1 and 2 MPI ranks) gives docs/workloads/crg.md §7's spikes and
// checksum, like Refract; a leaky network in exact time gives identical spike lists; without
// NEURON the command names the missing Debian packages.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from './run-cli.js';
import { missingPrerequisites } from '../../src/cli/neuron.js';

const dir = tempDir('refract-neuron-');
after(() => rmSync(dir, { recursive: true, force: true }));

const missing = missingPrerequisites('/usr/bin/python3', 'mpirun');
const skip = missing.length ? `NEURON/MPI not installed (missing ${missing.join(', ')}; apt-get install -y neuron python3-neuron openmpi-bin python3-h5py)` : false;

test('without NEURON, refract neuron names the missing packages in one line and exits 3', () => {
  const net = join(dir, 'ring.json');
  assert.equal(cli(['build', 'ring', '--n', '5', '--out', net]).code, 0);
  assert.equal(cli(['export', 'sonata', net, '--out', join(dir, 'ring')]).code, 0);
  const r = cli(['neuron', join(dir, 'ring'), '--python', '/nonexistent/python3', '--mpirun', '/nonexistent/mpirun']);
  assert.equal(r.code, 3);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /apt-get install -y python3 neuron python3-neuron python3-h5py python3-numpy openmpi-bin/);
  const noConfig = cli(['neuron', dir]);
  assert.equal(noConfig.code, 2);
  assert.match(noConfig.stderr, /simulation_config\.json: no simulation_config\.json/);
});

interface NeuronJson {
  ranks: number;
  spikes: number;
  checksum: number | null;
  refract_spikes: number;
  refract_checksum: number | null;
  identical: boolean;
  nodes_fired: number;
}

test('CRG-det (N = 1000, K = 10, seed 1, 100 ms) on NEURON with 1 and 2 ranks: 48569 spikes, checksum 3903629138, identical to Refract', { skip }, () => {
  const net = join(dir, 'net.json'), sonata = join(dir, 'crg');
  assert.equal(cli(['build', 'crg', '--variant', 'det', '--N', '1000', '--K', '10', '--seed', '1', '--out', net]).code, 0);
  assert.equal(cli(['export', 'sonata', net, '--out', sonata]).code, 0);
  for (const ranks of [1, 2]) {
    const r = cli(['neuron', sonata, '--ranks', String(ranks), '--duration', '100', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as NeuronJson;
    assert.equal(j.ranks, ranks);
    assert.equal(j.spikes, 48569);
    assert.equal(j.checksum, 3903629138);
    assert.equal(j.refract_spikes, 48569);
    assert.equal(j.refract_checksum, 3903629138);
    assert.equal(j.identical, true);
  }
});

test('a leaky geometric network in exact (continuous) time: NEURON IntFire1 and Refract give the same spike list', { skip }, () => {
  const net = join(dir, 'geo.json'), sonata = join(dir, 'geo');
  assert.equal(cli(['build', 'geometric', '--n', '400', '--k', '20', '--mode', 'leaky', '--weight', '0.55', '--threshold', '1', '-R', '3', '--seed', '4', '--out', net]).code, 0);
  assert.equal(cli(['export', 'sonata', net, '--out', sonata, '--force', '0@0,1@0,2@0,3@0,4@0,5@0,6@1,7@1,8@1,9@1', '--duration', '200']).code, 0);
  const r = cli(['neuron', sonata, '--ranks', '2', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as NeuronJson;
  assert.ok(j.spikes > 1000, `only ${j.spikes} spikes: the activity did not spread`);
  assert.equal(j.checksum, null);
  assert.equal(j.refract_spikes, j.spikes);
  assert.equal(j.identical, true);
});

test('CRG (N = 1000, K = 10, 1 s, Poisson drive written out as input spikes): NEURON matches Refract spike for spike, and both match refract bench crg --mode exact', { skip }, () => {
  const net = join(dir, 'crg.json'), sonata = join(dir, 'crg-drive');
  assert.equal(cli(['build', 'crg', '--N', '1000', '--K', '10', '--seed', '1', '--out', net]).code, 0);
  const ex = cli(['export', 'sonata', net, '--out', sonata, '--json']);
  assert.equal(ex.code, 0, ex.stderr);
  const events = (JSON.parse(ex.stdout) as { stimulus_events: number }).stimulus_events;
  assert.ok(events > 1000 + 0.95 * 500 * 1000 && events < 1000 + 1.05 * 500 * 1000, `${events} input events (expected 1000 initial potentials + ~500,000 drive events)`);
  const bench = JSON.parse(cli(['bench', 'crg', '--N', '1000', '--K', '10', '--mode', 'exact', '--quiet']).stdout) as { spikes: number };
  const r = cli(['neuron', sonata, '--ranks', '2', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout) as NeuronJson;
  assert.equal(j.refract_spikes, bench.spikes);
  assert.equal(j.spikes, bench.spikes);
  assert.equal(j.identical, true);
});

test('a window-mode network has no IntFire1 equivalent: refused in one line, exit 2', { skip }, () => {
  const net = join(dir, 'win.json'), sonata = join(dir, 'win');
  assert.equal(cli(['build', 'geometric', '--n', '50', '--k', '3', '--mode', 'window', '--seed', '1', '--out', net]).code, 0);
  assert.equal(cli(['export', 'sonata', net, '--out', sonata]).code, 0);
  const r = cli(['neuron', sonata]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /NEURON run refused: window-mode nodes have no IntFire1 equivalent/);
});
