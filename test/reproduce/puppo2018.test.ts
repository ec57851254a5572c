// puppo2018: the verdict rule on synthetic cells where the answer is known, and the run on the
// bundled Allen Pvalb cells.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { morphologyFromSwc } from '../../src/morphology/index.js';
import { findReproduction, REPRODUCTIONS, type CellData } from '../../src/reproduce/index.js';
import { puppo2018 } from '../../src/reproduce/puppo2018.js';
import { loadCells } from '../../src/cli/reproduce.js';
import { cli } from '../cli/run-cli.js';
import { constantDetour, equalised, straight, syntheticCell, type BranchSpec } from '../morphology/synthetic-cells.js';

const cellOf = (file: string, cellType: string, axon: BranchSpec[], dendrites: BranchSpec[] = straight()): CellData => ({
  file,
  cellType,
  source: 'synthetic',
  morphology: morphologyFromSwc(syntheticCell(axon, dendrites), file).morphology,
});
const run = (cells: CellData[]) => puppo2018.run({ cells, fast: true, seed: 1 });
const scaled = (b: BranchSpec[], f: number) => b.map(({ D, L }) => ({ D: D * f, L: L * f }));

test('registered after ring-bounds, needs the basket cells', () => {
  assert.deepEqual(REPRODUCTIONS.map((r) => r.name).slice(0, 2), ['ring-bounds', 'puppo2018']);
  assert.equal(findReproduction('puppo2018'), puppo2018);
  assert.deepEqual(puppo2018.needs, ['basket-cells']);
});

test('synthetic yes: targeted detours in basket axons, R·v for 0.92 in the plausible box → reproduced', () => {
  const r = run([cellOf('a.swc', 'basket', equalised()), cellOf('b.swc', 'basket (Pvalb+)', equalised(24))]);
  assert.equal(r.verdict, 'reproduced', r.because);
  assert.equal(r.numbers.pooled_cells, 2);
  assert.equal(r.numbers.latency_equalisation_axon_only, 2);
  assert.equal(r.numbers.near_terminal_detours_axon_only, 2);
  // every path ≈ 600 µm: median Λ = R·v / 0.6 mm, so 0.92 needs R·v ≈ 0.55 mm
  assert.ok(Math.abs((r.numbers.rv_for_median_0_92_mm as number) - 0.92 * 0.6) < 0.01, String(r.numbers.rv_for_median_0_92_mm));
  assert.equal(r.numbers.rv_inside_box, true);
});

test('synthetic no: a constant detour (shorter-looking spread, tortuosity falling with distance) → not reproduced', () => {
  const r = run([cellOf('a.swc', 'basket', constantDetour()), cellOf('b.swc', 'basket', constantDetour(24))]);
  assert.equal(r.verdict, 'not reproduced', r.because);
  assert.equal(r.numbers.latency_equalisation_axon_only, 0);
  assert.equal(r.numbers.near_terminal_detours_axon_only, 0);
});

test('the same detours in the dendrites are arbor geometry, not design → not reproduced', () => {
  const r = run([cellOf('a.swc', 'basket', equalised(), equalised()), cellOf('b.swc', 'basket', equalised(24), equalised())]);
  assert.equal(r.verdict, 'not reproduced', r.because);
});

test('targeted detours but 0.92 would need R·v outside the plausible box → partly', () => {
  // paths of ≈ 6 mm: 0.92 needs R·v ≈ 5.5 mm, above 2.9 ms × 1 m/s
  const r = run([cellOf('a.swc', 'basket', scaled(equalised(), 10)), cellOf('b.swc', 'basket', scaled(equalised(24), 10))]);
  assert.equal(r.numbers.rv_inside_box, false);
  assert.equal(r.verdict, 'partly', r.because);
});

test('non-basket cells are listed but not pooled', () => {
  const r = run([cellOf('p.swc', 'pyramidal (L5)', equalised()), cellOf('b.swc', 'basket', constantDetour())]);
  assert.equal(r.numbers.pooled_cells, 1);
  const cells = r.tables[0];
  assert.deepEqual(cells.rows.map((row) => row[2]), ['not pooled: pyramidal (L5)', 'pooled']);
  assert.equal(r.verdict, 'not reproduced');
  const none = run([cellOf('p.swc', 'pyramidal (L5)', equalised())]);
  assert.equal(none.verdict, 'not reproduced');
  assert.equal(none.because, 'no basket cell with a full axon among the cells');
});

test('the bundled Allen Pvalb cells (fast): Λ against R·v, the R·v for 0.92, and the computed verdict', () => {
  const r = puppo2018.run({ cells: loadCells(undefined, undefined), fast: true, seed: 1 });
  assert.equal(r.numbers.pooled_cells, 2);
  assert.equal(r.numbers.pooled_terminals, 308);
  assert.equal(r.numbers.rv_for_median_0_92_mm, 0.3023);
  assert.equal(r.numbers.rv_inside_box, true);
  assert.equal(r.numbers.median_lambda_nominal, 1.904);
  assert.equal(r.numbers.cells_uniform_diameters, 1);
  // one cell of two passes each design test: not a majority
  assert.equal(r.numbers.latency_equalisation_axon_only, 1);
  assert.equal(r.numbers.near_terminal_detours_axon_only, 1);
  assert.equal(r.verdict, 'not reproduced');
  const grid = r.tables.find((t) => t.title.startsWith('Median Λ against R·v'))!;
  // Λ ∝ R·v: the pooled column is proportional to the R·v column
  const ratios = grid.rows.map((row) => (row[row.length - 1] as number) / (row[0] as number));
  for (const x of ratios) assert.ok(Math.abs(x / ratios[0] - 1) < 1e-3, String(ratios));
});

test('refract reproduce puppo2018 --fast prints the protocol, the tables and the verdict', () => {
  const r = cli(['reproduce', 'puppo2018', '--fast', '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  for (const s of ['R (refractory period)', '0.6–2.9 ms', '0.3–1 m/s', 'Median Λ against R·v', 'Design tests per basket cell', 'Sensitivity of the design tests', 'verdict: NOT REPRODUCED'])
    assert.ok(r.stdout.includes(s), s);
  const list = cli(['reproduce', '--list']);
  assert.match(list.stdout, /puppo2018 /);
});
