import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { analyzeArbor, checkSwc, morphologyToSwc, morphologyFromSwc, repairMorphology, validateMorphology, velocityModel, type ProblemKind } from '../../src/morphology/index.js';
import { byId, fixtureText, kindsAndLines, parentIds, rootCount } from './helpers.js';

describe('NeuroM test files (copied into test/fixtures/swc, BSD-3-Clause)', () => {
  test('simple.swc: hand-checkable tree; zero end radii are reported', () => {
    const { morphology: m, problems } = checkSwc(fixtureText('simple.swc'), 'simple.swc');
    assert.equal(m.n, 9);
    assert.equal(m.header[0], 'SWC structure:');
    assert.deepEqual([...m.type], [1, 3, 3, 3, 3, 2, 2, 2, 2]);
    assert.deepEqual(parentIds(m), [-1, 1, 2, 3, 3, 1, 6, 7, 7]);
    assert.deepEqual([...m.x], [0, 0, 0, -5, 6, 0, 0, 6, -5]);
    assert.deepEqual([...m.y], [0, 0, 5, 5, 5, 0, -4, -4, -4]);
    assert.deepEqual(m.soma, { kind: 'single-point', center: [0, 0, 0], radius: 1, points: [0] });
    // Neurites start at the soma centre: not zero-length segments (as in NeuroM).
    assert.deepEqual(kindsAndLines(problems), [
      ['non-positive-radius', 26],
      ['non-positive-radius', 27],
      ['non-positive-radius', 30],
      ['non-positive-radius', 31],
    ]);
  });

  test('three_pt_soma.swc: three-point soma', () => {
    const { morphology: m, problems } = checkSwc(fixtureText('three_pt_soma.swc'), 'three_pt_soma.swc');
    assert.equal(m.n, 23);
    assert.deepEqual(m.soma, { kind: 'three-point', center: [0, 0, 0], radius: 2, points: [0, 1, 2] });
    const counts = [0, 0, 0, 0, 0];
    for (const t of m.type) counts[t]++;
    assert.deepEqual(counts, [0, 3, 10, 5, 5]);
    assert.equal(rootCount(m), 1);
    assert.deepEqual(kindsAndLines(problems), [8, 9, 10, 11, 12].map((l) => ['non-positive-radius', l]));
  });
});

const shared = new URL('../../../shared/data/swc/', import.meta.url);
const skip = existsSync(shared) ? false : `no shared data at ${fileURLToPath(shared)}`;

/** Point counts from ../shared/data/SOURCES.md. */
const FILES: [string, number][] = [
  ['allen/Pvalb_485184849_fullaxon.swc', 10671],
  ['allen/Pvalb_491119484_m.swc', 6772],
  ['allen/Scnn1a_473845048_m.swc', 3783],
  ['allen/Rbp4_495335491_m.swc', 4213],
  ['allen/Pvalb_469628681_m.swc', 1247],
  ['neuromorpho/C031097B-I4.CNG.swc', 5420],
  ['neuromorpho/C220498B-I4.CNG.swc', 4911],
  ['neuromorpho/c12866.CNG.swc', 3907],
  ['neuromorpho/v_e_moto1.CNG.swc', 562],
  ['neuromorpho/v_e_purk2.CNG.swc', 1521],
  ['synthetic/Neuron.swc', 847],
  ['synthetic/simple.swc', 9],
  ['synthetic/three_pt_soma.swc', 23],
];

function read(name: string): string {
  return readFileSync(new URL(name, shared), 'utf8');
}

function countKinds(problems: { kind: ProblemKind }[]): Partial<Record<ProblemKind, number>> {
  const out: Partial<Record<ProblemKind, number>> = {};
  for (const p of problems) out[p.kind] = (out[p.kind] ?? 0) + 1;
  return out;
}

describe('the bundled Allen Pvalb cell (data/swc/Pvalb_485184849_fullaxon.swc)', () => {
  const text = readFileSync(new URL('../../data/swc/Pvalb_485184849_fullaxon.swc', import.meta.url), 'utf8');
  const { morphology: m, problems } = checkSwc(text, 'Pvalb_485184849_fullaxon.swc');
  const nominal = { refractory: 1, velocity: velocityModel('unmyelinated', 1) };

  test('83 axon fragments, attached at their nearest pair into one tree; 69 re-rooted', () => {
    const fragments = problems.filter((p) => p.kind === 'fragment');
    assert.equal(fragments.length, 83);
    assert.ok(fragments.every((p) => m.type[p.point!] === 2), 'all fragments are axon');
    assert.equal(rootCount(m), 84);
    const { morphology: r, actions } = repairMorphology(m);
    assert.equal(r.n, 10671);
    assert.equal(rootCount(r), 1);
    assert.equal(actions.length, 83);
    const byRoot = actions.filter((a) => /^line \d+: attached axon fragment \(\d+ points?, root id \d+\) by its root to the nearest axon point id \d+ at [\d.]+ µm$/.test(a));
    const rerooted = actions.filter((a) =>
      /^line \d+: attached axon fragment \(\d+ points?, root id \d+\) at its point id \d+ \(line \d+\) to the nearest axon point id \d+ at [\d.]+ µm, re-rooted there \(\d+ parent links? reversed\)$/.test(a),
    );
    assert.equal(byRoot.length, 14, 'the root is the nearest point of 14 fragments');
    assert.equal(rerooted.length, 69);
    assert.deepEqual(validateMorphology(r), []);
    // positions, ids, types and radii are untouched; parents change on the reversed paths and at the links
    const before = byId(m), after = byId(r);
    let changed = 0;
    for (const [id, v] of before) {
      const w = after.get(id)!;
      assert.deepEqual(w.slice(0, 5), v.slice(0, 5));
      if (w[5] !== v[5]) changed++;
    }
    const reversed = rerooted.reduce((s, a) => s + Number(/\((\d+) parent links? reversed/.exec(a)![1]), 0);
    assert.equal(changed, 83 + reversed);
    const dropped = repairMorphology(m, { attachFragments: 'drop' }).morphology;
    assert.equal(rootCount(dropped), 1);
    assert.equal(dropped.n, 10671 - fragments.reduce((s, p) => s + Number(/of (\d+) point/.exec(p.message)![1]), 0));
  });

  test('median Λ at R = 1 ms, k = 1: 2.68 unrepaired (70 % of the axon left out), 2.20 attached by root, 1.90 at the nearest pair', () => {
    const unrepaired = analyzeArbor(m, nominal)!;
    assert.equal(unrepaired.axonTreesExcluded, 83);
    const share = unrepaired.axonLengthExcluded / (unrepaired.axonLengthExcluded + unrepaired.totalLength);
    assert.equal(share.toFixed(3), '0.703');
    assert.equal(unrepaired.stats.lambda.median.toFixed(2), '2.68');
    const byRoot = analyzeArbor(repairMorphology(m, { attachAt: 'root' }).morphology, nominal)!;
    assert.equal(byRoot.stats.lambda.median.toFixed(2), '2.20');
    assert.equal(byRoot.terminals.length, 213);
    const nearest = analyzeArbor(repairMorphology(m).morphology, nominal)!;
    assert.equal(nearest.stats.lambda.median.toFixed(2), '1.90');
    assert.equal(nearest.terminals.length, 236);
    assert.equal(nearest.axonLengthExcluded, 0);
    assert.equal(nearest.axonTreesExcluded, 0);
    // the analysed axon keeps every traced segment: only the 83 links are added
    let traced = 0;
    for (let i = 0; i < m.n; i++) {
      const p = m.parent[i];
      if (p >= 0 && m.type[i] === 2 && m.type[p] === 2) traced += Math.hypot(m.x[i] - m.x[p], m.y[i] - m.y[p], m.z[i] - m.z[p]);
    }
    assert.ok(nearest.totalLength >= traced && nearest.totalLength - traced < 83 * 10, `${nearest.totalLength} vs ${traced}`);
  });
});

describe('real reconstructions in ../shared/data/swc', () => {
  test('all 13 files parse, with the point counts of SOURCES.md, and round-trip through morphologyToSwc', { skip }, () => {
    for (const [name, n] of FILES) {
      const text = read(name);
      const { morphology: m } = morphologyFromSwc(text, name);
      assert.equal(m.n, n, name);
      const again = morphologyFromSwc(morphologyToSwc(m)).morphology;
      assert.equal(again.n, n, name);
      assert.equal(again.soma.kind, m.soma.kind, name);
    }
  });

  test('problems found in each file', { skip }, () => {
    const expected: Record<string, Partial<Record<ProblemKind, number>>> = {
      'allen/Pvalb_485184849_fullaxon.swc': { fragment: 83 },
      'neuromorpho/C031097B-I4.CNG.swc': { 'non-positive-radius': 815 }, // a run of axon points with radius −0.14
      'neuromorpho/v_e_purk2.CNG.swc': { 'non-positive-radius': 1 }, // "Soma size set to zero"
      'synthetic/simple.swc': { 'non-positive-radius': 4 },
      'synthetic/three_pt_soma.swc': { 'non-positive-radius': 5 },
    };
    for (const [name] of FILES) {
      const { problems } = checkSwc(read(name), name);
      assert.deepEqual(countKinds(problems), expected[name] ?? {}, name);
    }
  });

  test('Pvalb_491119484_m.swc (CRLF, ids from 0): no structural problems', { skip }, () => {
    const name = 'allen/Pvalb_491119484_m.swc';
    const text = read(name);
    assert.ok(text.includes('\r\n'));
    const { morphology: m, problems } = checkSwc(text, name);
    assert.deepEqual(problems, []);
    assert.equal(m.id[0], 0);
    assert.equal(rootCount(m), 1);
    assert.deepEqual(m.header, ['n,type,x,y,z,radius,parent']);
    assert.equal(m.soma.kind, 'single-point');
  });

  test('c12866.CNG.swc and v_e_moto1.CNG.swc have a three-point soma', { skip }, () => {
    const c = morphologyFromSwc(read('neuromorpho/c12866.CNG.swc')).morphology;
    // Not exactly along y: the two points are at (±1.19, ±16.09, ∓0.58), 16.14 µm from the centre.
    assert.deepEqual(c.soma, { kind: 'three-point', center: [0, 0, 0], radius: 16.149, points: [0, 1, 2] });
    const moto = morphologyFromSwc(read('neuromorpho/v_e_moto1.CNG.swc')).morphology;
    assert.deepEqual(moto.soma, { kind: 'three-point', center: [0, 0, 0], radius: 60, points: [0, 1, 2] });
    const neuron = morphologyFromSwc(read('synthetic/Neuron.swc')).morphology;
    assert.equal(neuron.soma.kind, 'cylinders'); // a 3-point chain, not the NeuroMorpho convention (as NeuroM)
  });

  test('v_e_purk2.CNG.swc: "Soma size set to zero" is reported and repaired', { skip }, () => {
    const { morphology: m, problems } = checkSwc(read('neuromorpho/v_e_purk2.CNG.swc'));
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /^point id 1 \(soma\) has radius 0 \(the header says "Soma size set to zero"\)$/);
    const r = repairMorphology(m).morphology;
    assert.equal(r.radius[0], 0.1);
  });

  test('C031097B-I4.CNG.swc: the run of radius −0.14 axon points becomes 0.14 µm', { skip }, () => {
    const { morphology: m } = checkSwc(read('neuromorpho/C031097B-I4.CNG.swc'));
    const negative = [...m.radius.keys()].filter((i) => m.radius[i] < 0);
    assert.equal(negative.length, 815);
    const { morphology: r, actions } = repairMorphology(m);
    for (const i of negative) assert.equal(r.radius[i], -m.radius[i]);
    assert.equal(actions.filter((a) => a.includes('replaced by its absolute value')).length, 815);
  });
});
