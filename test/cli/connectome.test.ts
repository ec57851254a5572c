// `refract connectome` end to end on the bundled Cook 2019 tables (connectome issue).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from './run-cli.js';

const dir = tempDir();

test('--stimulate ASEL --json: one object with the counts, activation order and the alternation verdict', () => {
  const r = cli(['connectome', 'cook2019', '--stimulate', 'ASEL', '--duration', '100', '--json', '--out', join(dir, 'a')]);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.equal(s.dataset, 'cook2019');
  assert.equal(s.neurons, 300);
  assert.equal(s.chemical_edges, 3638);
  assert.equal(s.electrical_edges, 1093);
  assert.equal((s.activation_order as string[])[0], 'ASE');
  assert.equal(typeof s.vb_db_alternation, 'boolean');
  assert.ok(existsSync(join(dir, 'a', 'raster.png')));
});

test('slow conduction and R = 4 ms give VB/DB alternation in leaky mode; the default does not', () => {
  const r = cli(['connectome', 'cook2019', '--mode', 'leaky', '--threshold', '3', '--sweep-speed', '100,500', '--sweep-R', '4', '--json', '--out', join(dir, 'sweep')]);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout) as { sweep_alternating: string[]; vb_db_alternation: boolean };
  assert.deepEqual(s.sweep_alternating, ['speed 100, R 4']);
  const d = cli(['connectome', 'cook2019', '--json', '--out', join(dir, 'default')]);
  assert.equal((JSON.parse(d.stdout) as { vb_db_alternation: boolean }).vb_db_alternation, false);
});

test('sub-circuit alone vs embedded: the preserved fraction of temporal sequences', () => {
  const r = cli(['connectome', 'cook2019', '--subcircuit', 'chemotaxis', '--duration', '20', '--json', '--out', join(dir, 'sub')]);
  assert.equal(r.code, 0, r.stderr);
  const sub = (JSON.parse(r.stdout) as { subcircuit: { chains_alone: number; preserved_fraction: number } }).subcircuit;
  assert.ok(sub.chains_alone > 0);
  assert.ok(sub.preserved_fraction >= 0 && sub.preserved_fraction <= 1);
});

test('unknown names give one line with the nearest known names', () => {
  for (const args of [['--stimulate', 'ASEK'], ['--subcircuit', 'AVAQ,VB1']]) {
    const r = cli(['connectome', 'cook2019', ...args, '--out', join(dir, 'bad')]);
    assert.notEqual(r.code, 0);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /unknown neuron "(ASEK|AVAQ)" \(nearest: /);
  }
  const d = cli(['connectome', 'nosuch', '--out', join(dir, 'bad')]);
  assert.match(d.stderr, /unknown dataset "nosuch"/);
});
