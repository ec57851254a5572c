// `refract morph` end to end (real neurons issue, acceptance 1–2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from './run-cli.js';

const dir = tempDir();
const fixtures = new URL('../fixtures/swc/', import.meta.url).pathname;
const shared = new URL('../../../shared/data/swc', import.meta.url).pathname;

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

test('a broken file gives a line-numbered error and the others are still analysed', () => {
  const r = cli(['morph', join(fixtures, 'broken-line.swc'), join(fixtures, 'zigzag-axon.swc'), '--json', '--quiet', '--out', join(dir, 'broken')]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /broken-line\.swc:\d+: \w+: /);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  const out = lines(r.stdout);
  assert.equal(out.length, 2); // zig-zag + population
  assert.match(String(out[0].file), /zigzag-axon\.swc$/);
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
    // tortuous real paths bring Λ closer to 1 than straight ones
    assert.ok((c.median_lambda as number) < (c.median_lambda_straight as number), f);
  }
  assert.equal(byName.get('Pvalb_485184849_fullaxon.swc')!.repairs, 83);
});
