// `refract connectome` end to end on the bundled Cook 2019 tables (connectome issue).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from './run-cli.js';

const dir = tempDir();

test('--stimulate ASEL --json: one object with the counts, activation order and the alternation verdict with its statistic', () => {
  const r = cli(['connectome', 'cook2019', '--stimulate', 'ASEL', '--duration', '1000', '--json', '--out', join(dir, 'a')]);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.equal(s.dataset, 'cook2019');
  assert.equal(s.neurons, 300);
  assert.equal(s.chemical_edges, 3638);
  assert.equal(s.electrical_edges, 1093);
  assert.equal((s.activation_order as string[])[0], 'ASE');
  assert.equal(typeof s.vb_db_alternation, 'boolean');
  const alt = s.alternation as Record<string, unknown>;
  for (const k of ['frequency_hz', 'anti_phase', 'p_value', 'half_period_correlation', 'reason']) assert.ok(k in alt, k);
  assert.equal((s.params as Record<string, unknown>).weight_unit, 'EM serial sections');
  assert.ok(existsSync(join(dir, 'a', 'raster.png')));
  // the raster's rows are labelled by class, the motor classes of the alternation among them
  const svg = readFileSync(join(dir, 'a', 'raster.svg'), 'utf8');
  // (the axis labels, not only the colour legend; hidden labels have opacity 0)
  const axisLabels = [...svg.matchAll(/role-axis-label"[^>]*>(.*?)<\/g>/g)].flatMap((m) => [...m[1].matchAll(/opacity="1">([^<]*)<\/text>/g)].map((t) => t[1]));
  for (const g of ['VB', 'DB', 'VA', 'DA', 'sensory', 'inter']) assert.ok(axisLabels.includes(g), `${g} among the y-axis labels ${axisLabels.join(', ')}`);
});

test('the VB/DB verdict does not depend on the sampling bin or the run length, and a saturated 250 Hz state is not alternation', () => {
  const settings = [[], ['--mode', 'leaky', '--threshold', '3', '--speed', '100', '-R', '4']];
  for (const extra of settings) {
    const verdicts: boolean[] = [];
    const runs = [...['1', '2', '4', '8'].map((b) => ['--bin', b]), ['--duration', '300'], ['--duration', '1000']];
    for (const args of runs) {
      const r = cli(['connectome', 'cook2019', '--stimulate', 'ASEL', ...extra, ...args, '--shuffles', '199', '--json', '--out', join(dir, 'v')]);
      assert.equal(r.code, 0, r.stderr);
      const s = JSON.parse(r.stdout) as { vb_db_alternation: boolean; mean_rate_hz: number; alternation: { anti_phase: number | null } };
      verdicts.push(s.vb_db_alternation);
      if (extra.length && args[0] === '--bin') {
        // every neuron near the refractory limit 1/R = 250 Hz, VB and DB together
        assert.ok(s.mean_rate_hz > 0.8 * 250, `rate ${s.mean_rate_hz}`);
        assert.ok(s.alternation.anti_phase! > 0.9, `C(0) ${s.alternation.anti_phase}`);
      }
    }
    assert.deepEqual(verdicts, verdicts.map(() => false), `${extra.join(' ') || 'default'}: ${verdicts.join(', ')}`);
  }
});

test('a sweep reports the statistic per setting', () => {
  const r = cli(['connectome', 'cook2019', '--mode', 'leaky', '--threshold', '3', '--sweep-speed', '100,500', '--sweep-R', '4', '--duration', '1000', '--shuffles', '99', '--json', '--out', join(dir, 'sweep')]);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout) as { sweep_alternating: string[] };
  assert.deepEqual(s.sweep_alternating, []);
  assert.ok(existsSync(join(dir, 'sweep', 'sweep.png')));
});

test('sub-circuit alone vs embedded: the preserved fraction of temporal sequences', () => {
  const r = cli(['connectome', 'cook2019', '--subcircuit', 'chemotaxis', '--duration', '50', '--json', '--out', join(dir, 'sub')]);
  assert.equal(r.code, 0, r.stderr);
  const sub = (JSON.parse(r.stdout) as { subcircuit: { chains_alone: number; preserved_fraction: number; preserved_by_length: { length: number; fraction: number }[]; walks_truncated: boolean } }).subcircuit;
  assert.ok(sub.chains_alone > 0);
  assert.ok(sub.preserved_fraction >= 0 && sub.preserved_fraction <= 1);
  assert.deepEqual(sub.preserved_by_length.map((x) => x.length), [2, 3, 4, 5, 6]);
  assert.equal(sub.walks_truncated, false);
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
