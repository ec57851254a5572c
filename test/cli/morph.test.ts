// `refract morph` end to end (real neurons issue, acceptance 1–2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from './run-cli.js';

const dir = tempDir();
const fixtures = new URL('../fixtures/swc/', import.meta.url).pathname;
const shared = new URL('../../../shared/data/swc', import.meta.url).pathname;
const bundled = new URL('../../data/swc', import.meta.url).pathname;

function lines(stdout: string): Record<string, unknown>[] {
  return stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

test('morph --json on the zig-zag axon prints the hand-computed medians with the parameters used', () => {
  const r = cli(['morph', join(fixtures, 'zigzag-axon.swc'), '--R', '1', '--velocity', 'constant', '--k', '0.5', '--json', '--quiet', '--out', join(dir, 'zz')]);
  assert.equal(r.code, 0, r.stderr);
  const [cell, pop] = lines(r.stdout);
  assert.equal(cell.axon_terminals, 2);
  assert.equal(cell.median_lambda, (25 + 500 / 16) / 2);
  assert.equal(cell.R_ms, 1);
  assert.equal(cell.velocity_model, 'constant 0.5 m/s');
  assert.ok('population' in pop);
  for (const f of ['zigzag-axon-morphology.png', 'zigzag-axon-lambda.svg', 'zigzag-axon-path-vs-distance.png', 'cells.jsonl']) assert.ok(existsSync(join(dir, 'zz', f)), f);
});

test('one unreadable file among several: each error on its own line, exit 2, nothing written', () => {
  const out = join(dir, 'broken');
  const r = cli(['morph', join(fixtures, 'broken-line.swc'), join(fixtures, 'zigzag-axon.swc'), '--json', '--quiet', '--out', out]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^refract: .*broken-line\.swc:4: radius: not a number: "abc"\n/);
  assert.match(r.stderr, /refract: 1 of 2 files could not be read \(see above\); nothing was written\n$/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  assert.equal(r.stdout, '');
  assert.equal(existsSync(out), false);
});

test('a file with problems is analysed as read but says so: a problems column, a warning naming file and line, the axon left out; --strict refuses it', () => {
  // six points; the last names parent 7, which does not exist, so its axon piece is detached
  const file = join(dir, 'missing-parent-axon.swc');
  writeFileSync(file, '1 1 0 0 0 5 -1\n2 2 0 10 0 0.5 1\n3 2 0 60 0 0.5 2\n4 2 30 100 0 0.5 3\n5 2 -30 100 0 0.5 3\n6 2 0 150 0 0.5 7\n');
  const r = cli(['morph', file, '--quiet', '--pictures', 'none', '--out', join(dir, 'mp')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^refract: warning: .*missing-parent-axon\.swc:6: point id 6: parent id 7 does not exist.*\(2 problems in all: missing-parent, fragment\); analysed as read, detached fragments left out; .* % of the axon length .* is left out of every number — --repair fixes what it can, --strict refuses such files$/m);
  assert.match(r.stdout, /missing-parent-axon\.swc .* 0\.0 % \(1 pt\) +2: missing-parent, fragment/);
  const strict = cli(['morph', file, '--strict', '--quiet', '--out', join(dir, 'mp-strict')]);
  assert.equal(strict.code, 2);
  assert.match(strict.stderr, /^refract: .*missing-parent-axon\.swc:6: point id 6: parent id 7 does not exist.*--strict refuses such files/);
  assert.equal(strict.stderr.trim().split('\n').length, 1);
  assert.equal(existsSync(join(dir, 'mp-strict')), false);
  // repaired: the fragment is attached, nothing left to warn about
  const fixed = cli(['morph', file, '--repair', '--json', '--quiet', '--pictures', 'none', '--out', join(dir, 'mp-fixed')]);
  assert.equal(fixed.code, 0, fixed.stderr);
  assert.doesNotMatch(fixed.stderr, /warning/);
  const [cell] = lines(fixed.stdout);
  assert.equal(cell.problems, 2);
  assert.equal(cell.problems_unresolved, 0);
});

test('all 13 shared SWC files load with --repair; one JSON line per cell', { skip: !existsSync(shared) && 'shared data not present' }, () => {
  const r = cli(['morph', shared, '--repair', '--json', '--quiet', '--pictures', 'none', '--out', join(dir, 'all')]);
  assert.equal(r.code, 0, r.stderr);
  const rows = lines(r.stdout);
  const cells = rows.slice(0, -1);
  assert.equal(cells.length, 13);
  for (const c of cells) for (const k of ['file', 'axon_terminals', 'median_lambda', 'median_lambda_straight', 'R_ms', 'velocity_model']) assert.ok(k in c, k);
  const byName = new Map(cells.map((c) => [String(c.file).split('/').pop()!, c]));
  for (const f of ['v_e_moto1.CNG.swc', 'v_e_purk2.CNG.swc']) {
    assert.equal(byName.get(f)!.median_lambda, null, f);
    assert.equal(byName.get(f)!.axon, 'none');
  }
  for (const f of ['Pvalb_485184849_fullaxon.swc', 'Pvalb_491119484_m.swc', 'C031097B-I4.CNG.swc', 'C220498B-I4.CNG.swc', 'c12866.CNG.swc']) {
    const c = byName.get(f)!;
    assert.equal(c.axon, 'full', f);
    for (const k of ['latency_equalisation', 'near_terminal_detours', 'latency_spread_ratio_p', 'rho_distance_tortuosity_p', 'Rk_for_median_lambda_0_92']) assert.ok(c[k] !== null && c[k] !== undefined, `${f} ${k}`);
  }
  // only the two basket cells are pooled; the three other full axons are listed, not pooled
  const pop = rows[rows.length - 1].population as Record<string, unknown>;
  assert.equal(pop.cells_pooled, 2);
  assert.equal(pop.cells_not_pooled, 11);
  assert.equal(pop.cells_full_axon, 5);
  assert.equal(byName.get('Pvalb_485184849_fullaxon.swc')!.repairs, 83);
});

test('without --repair: the axon left out is a column and one warning per cell on stderr', () => {
  const r = cli(['morph', bundled, '--json', '--quiet', '--pictures', 'none', '--shuffles', '99', '--out', join(dir, 'norepair')]);
  assert.equal(r.code, 0, r.stderr);
  const rows = lines(r.stdout);
  const byName = new Map(rows.slice(0, -1).map((c) => [String(c.file).split('/').pop()!, c]));
  const pvalb = byName.get('Pvalb_485184849_fullaxon.swc')!;
  assert.equal((pvalb.axon_left_out_share as number).toFixed(3), '0.703');
  assert.equal(pvalb.axon_trees_left_out, 83);
  assert.equal(byName.get('Pvalb_491119484_m.swc')!.axon_left_out_share, 0);
  const warnings = r.stderr.trim().split('\n').filter((l) => l.includes('warning'));
  assert.deepEqual(warnings, [
    `refract: warning: ${join(bundled, 'Pvalb_485184849_fullaxon.swc')}:4598: fragment of 23 points (axon, root id 4595) is not connected to the main tree (root id 1) (83 problems in all: fragment ×83); analysed as read, detached fragments left out; 70.3 % of the axon length (7106 µm, 6077 points in 83 other axon trees) is not in the analysed tree and is left out of every number — --repair fixes what it can, --strict refuses such files`,
  ]);
  const text = cli(['morph', bundled, '--quiet', '--pictures', 'none', '--shuffles', '99', '--out', join(dir, 'norepair-text')]);
  assert.match(text.stdout, /Pvalb_485184849_fullaxon\.swc +basket \(Pvalb\+\) +full +46 .* 70\.3 % \(\d+ pts\) +83: fragment ×83\n/);
});

test('--repair on the bundled cells: Λ against R·k, the design tests with their null, basket cells pooled', () => {
  const r = cli(['morph', bundled, '--repair', '--quiet', '--pictures', 'none', '--out', join(dir, 'repair-text')]);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /warning/);
  const out = r.stdout;
  assert.match(out, /Λ against R·k \(Λ ∝ R·k exactly; R in ms, k in m\/s per √µm; this run: R·k = 1\):/);
  assert.match(out, /Pvalb_485184849_fullaxon\.swc +0\.2746–0\.3559 +no +0\.6306 +0\.4759 +0\.9518 +1\.904 +3\.807 +7\.614 +0\.4833/);
  assert.match(out, /basket cells pooled +0\.4759 +0\.9518 +1\.904 +3\.807 +7\.614 +0\.4833/);
  assert.match(out, /uniform axon diameters .* in Pvalb_491119484_m\.swc: there "velocity from diameter" is one constant speed/);
  assert.match(out, /design tests \(value, null median, one-sided p; null: each terminal gets another terminal's detour L − D, 999 shuffles; control: the same test on the cell's dendrites\):/);
  assert.match(out, /Pvalb_485184849_fullaxon\.swc +236 +27 +0\.719 \(null 0\.95, p 0\.001\) .* yes \(axon only\) +-0\.731 \(null -0\.555, p 0\.001\) .* yes \(axon only\)/);
  assert.match(out, /Pvalb_491119484_m\.swc +72 +24 +0\.738 \(null 0\.772, p 0\.368\) .* no +-0\.63 /);
  assert.match(out, /population: 2 basket cells with full axons pooled:/);
  assert.match(out, /lambda_below_1_closer_than_straight +0\.9655/);
  assert.doesNotMatch(out, /terminals_closer_to_1_than_straight/);
});

test('--cell-types: a cell typed as non-basket is listed but not pooled, and the output says so', () => {
  const types = join(dir, 'types.csv');
  writeFileSync(types, 'file,cell_type\nPvalb_491119484_m.swc,chandelier (Pvalb+)\n');
  const r = cli(['morph', bundled, '--repair', '--cell-types', types, '--json', '--quiet', '--pictures', 'none', '--shuffles', '99', '--out', join(dir, 'types')]);
  assert.equal(r.code, 0, r.stderr);
  const rows = lines(r.stdout);
  const pop = rows[rows.length - 1].population as Record<string, unknown>;
  assert.equal(pop.cells_pooled, 1);
  assert.equal(pop.not_pooled, 'chandelier (Pvalb+)');
  assert.equal(pop.terminals, 236);
  const cell = rows.find((c) => String(c.file).endsWith('Pvalb_491119484_m.swc'))!;
  assert.equal(cell.basket, false);
  assert.ok(cell.latency_equalisation, 'the tests are still run and listed');
  const text = cli(['morph', bundled, '--repair', '--cell-types', types, '--quiet', '--pictures', 'none', '--shuffles', '99', '--out', join(dir, 'types-text')]);
  assert.match(text.stdout, /population: 1 basket cell with full axons pooled; 1 other cell listed above, not pooled \(chandelier \(Pvalb\+\)\):/);
});

test('a bad --cell-types file: one line naming file, line and field, exit code 2', () => {
  const types = join(dir, 'bad-types.csv');
  writeFileSync(types, 'file,cell_type\nPvalb_491119484_m.swc,\n');
  const r = cli(['morph', join(fixtures, 'zigzag-axon.swc'), '--cell-types', types, '--quiet', '--out', join(dir, 'bad')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /bad-types\.csv:2: cell_type: empty cell type/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
});
