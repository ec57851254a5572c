import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeArbor, checkSwc, morphologyFromSwc, repairMorphology, validateMorphology, velocityModel } from '../../src/morphology/index.js';
import { reroot } from '../../src/morphology/repair.js';
import { fixtureText, kindsAndLines, parentIds, rootCount } from './helpers.js';

function load(name: string) {
  return morphologyFromSwc(fixtureText(name), name).morphology;
}

describe('validateMorphology', () => {
  test('zero-length segments (a neurite starting at the soma centre is not one)', () => {
    const problems = validateMorphology(load('zero-length.swc'));
    assert.deepEqual(problems, [
      {
        kind: 'zero-length',
        line: 5,
        message: 'point id 3 is at the same position as its parent id 2 (zero-length segment)',
        fixable: true,
        point: 2,
      },
      {
        kind: 'zero-length',
        line: 7,
        message: 'point id 5 is at the same position as its parent id 4 (zero-length segment)',
        fixable: true,
        point: 4,
      },
    ]);
  });

  test('non-positive radii, with a note on "Soma size set to zero"', () => {
    const problems = validateMorphology(load('non-positive-radius.swc'));
    assert.deepEqual(kindsAndLines(problems), [
      ['non-positive-radius', 2],
      ['non-positive-radius', 4],
      ['non-positive-radius', 5],
      ['non-positive-radius', 6],
    ]);
    assert.deepEqual(
      problems.map((p) => p.message),
      [
        'point id 1 (soma) has radius 0 (the header says "Soma size set to zero")',
        'point id 3 (basal dendrite) has radius 0',
        'point id 4 (basal dendrite) has radius -0.5',
        'point id 5 (axon) has radius 0',
      ],
    );
  });

  test('fragments: the main tree is the one with the soma', () => {
    const problems = validateMorphology(load('several-roots.swc'));
    assert.deepEqual(problems, [
      {
        kind: 'fragment',
        line: 5,
        message: 'fragment of 2 points (axon, root id 4) is not connected to the main tree (root id 1)',
        fixable: true,
        point: 3,
      },
      {
        kind: 'fragment',
        line: 7,
        message: 'fragment of 1 point (basal dendrite, root id 6) is not connected to the main tree (root id 1)',
        fixable: true,
        point: 5,
      },
    ]);
  });

  test('fragments without a soma: the main tree is the largest', () => {
    const m = morphologyFromSwc('1 3 0 0 0 1 -1\n2 3 0 1 0 1 -1\n3 3 0 2 0 1 2\n').morphology;
    assert.deepEqual(kindsAndLines(validateMorphology(m)), [
      ['no-soma', 1],
      ['fragment', 1],
    ]);
  });

  test('no soma', () => {
    assert.deepEqual(validateMorphology(load('no-soma.swc')), [
      { kind: 'no-soma', line: 2, message: 'no soma: no point has type 1', fixable: false, point: 0 },
    ]);
  });

  test('several disconnected somata', () => {
    const problems = validateMorphology(load('multiple-somata.swc'));
    assert.deepEqual(kindsAndLines(problems), [
      ['multiple-somata', 4],
      ['fragment', 4],
    ]);
    assert.equal(problems[0].message, 'soma points from id 3 (1 point) are not connected to the main soma at id 1 (1 point)');
  });

  test('clean fixtures have no problems', () => {
    for (const name of ['header-comments.swc', 'crlf.swc', 'ids-from-zero.swc', 'unsorted.swc', 'soma-single.swc', 'soma-three-point.swc', 'soma-contour.swc', 'soma-cylinders.swc']) {
      assert.deepEqual(checkSwc(fixtureText(name), name).problems, [], name);
    }
  });

  test('checkSwc merges parse and validation problems by line', () => {
    const text = '1 1 0 0 0 1 -1\n2 3 0 0 5 0 1\n3 3 0 0 9 1 77\n4 -2 0 0 9 1 3\n';
    assert.deepEqual(kindsAndLines(checkSwc(text).problems), [
      ['non-positive-radius', 2],
      ['missing-parent', 3],
      ['fragment', 3],
      ['unknown-type', 4],
      ['zero-length', 4],
    ]);
  });
});

describe('repairMorphology', () => {
  test('attaches fragments to the nearest axon point, else the nearest point', () => {
    const m = load('several-roots.swc');
    const { morphology: r, actions } = repairMorphology(m);
    assert.deepEqual(actions, [
      'line 5: attached axon fragment (2 points, root id 4) by its root to the nearest axon point id 3 at 5 µm',
      'line 7: attached basal dendrite fragment (1 point, root id 6) by its root to the nearest point id 1 (soma; no basal dendrite point to attach to) at 40 µm',
    ]);
    assert.equal(r.n, 6);
    assert.deepEqual(parentIds(r), [-1, 1, 2, 3, 4, 1]);
    assert.deepEqual(validateMorphology(r), []);
    assert.deepEqual(parentIds(m), [-1, 1, 2, -1, 4, -1], 'the input is not modified');
  });

  test("'nearest' ignores types; 'drop' removes fragments", () => {
    const m = load('several-roots.swc');
    const near = repairMorphology(m, { attachFragments: 'nearest' });
    assert.deepEqual(near.actions, [
      'line 5: attached axon fragment (2 points, root id 4) by its root to the nearest point id 3 (axon) at 5 µm',
      'line 7: attached basal dendrite fragment (1 point, root id 6) by its root to the nearest point id 1 (soma) at 40 µm',
    ]);
    const drop = repairMorphology(m, { attachFragments: 'drop' });
    assert.deepEqual(drop.actions, [
      'line 5: dropped axon fragment (2 points, root id 4)',
      'line 7: dropped basal dendrite fragment (1 point, root id 6)',
    ]);
    assert.deepEqual([...drop.morphology.id], [1, 2, 3]);
    assert.deepEqual([...drop.morphology.line], [2, 3, 4]);
    assert.deepEqual([...drop.morphology.parent], [-1, 0, 1]);
  });

  test('fragments chain: nearest first, attached fragments become targets', () => {
    const text = [
      '1 1 0 0 0 5 -1',
      '2 2 0 -10 0 1 1',
      '3 2 0 -20 0 1 2',
      '10 2 0 -45 0 1 -1', // B: 25 µm from the main tree, 5 µm from the end of A
      '11 2 0 -50 0 1 10',
      '20 2 0 -25 0 1 -1', // A: 5 µm from the main tree
      '21 2 0 -40 0 1 20',
    ].join('\n');
    const { morphology: r, actions } = repairMorphology(morphologyFromSwc(text).morphology);
    assert.deepEqual(actions, [
      'line 6: attached axon fragment (2 points, root id 20) by its root to the nearest axon point id 3 at 5 µm',
      'line 4: attached axon fragment (2 points, root id 10) by its root to the nearest axon point id 21 at 5 µm',
    ]);
    assert.equal(rootCount(r), 1);
  });

  test('a fragment is attached at its nearest pair and re-rooted there, not by its root', () => {
    // The fragment 10 → 11 → 12 runs towards the main tree: its root (id 10) is 40 µm from the
    // axon end id 3, its last point (id 12) 5 µm. Root attachment would add a 40 µm link and a
    // path 3 → 10 → 11 → 12 that doubles back on itself.
    const text = [
      '1 1 0 0 0 5 -1',
      '2 2 0 -10 0 1 1',
      '3 2 0 -20 0 1 2',
      '10 2 0 -60 0 1 -1',
      '11 2 0 -40 0 1 10',
      '12 2 0 -25 0 1 11',
      '13 2 8 -45 0 1 11', // a side branch stays where it is, below id 11
    ].join('\n');
    const m = morphologyFromSwc(text).morphology;
    const { morphology: r, actions } = repairMorphology(m);
    assert.deepEqual(actions, [
      'line 4: attached axon fragment (4 points, root id 10) at its point id 12 (line 6) to the nearest axon point id 3 at 5 µm, re-rooted there (2 parent links reversed)',
    ]);
    assert.deepEqual(parentIds(r), [-1, 1, 2, 11, 12, 3, 11]);
    assert.deepEqual(validateMorphology(r), []);
    // the path lengths from the soma follow the cell: 20 to id 3, +5 to id 12, +15 to id 11, +20 to id 10
    const a = analyzeArbor(r, { refractory: 1, velocity: velocityModel('constant', 1) })!;
    const byLine = new Map(a.terminals.map((t) => [t.line, t.pathLength]));
    assert.deepEqual([...byLine.entries()].sort((p, q) => p[0] - q[0]), [
      [4, 10 + 5 + 15 + 20],
      [7, 10 + 5 + 15 + Math.hypot(8, 5)],
    ]);
    // attaching by the root (the old rule) gives other paths: id 10 at 10 + 40
    const rootOnly = morphologyFromSwc(text.replace('10 2 0 -60 0 1 -1', '10 2 0 -60 0 1 3')).morphology;
    const old = analyzeArbor(rootOnly, { refractory: 1, velocity: velocityModel('constant', 1) })!;
    assert.deepEqual(old.terminals.map((t) => t.line).sort(), [6, 7]);
    assert.notDeepEqual(old.stats.pathLength.median, a.stats.pathLength.median);
  });

  test('reroot reverses the parent links on the path and nothing else', () => {
    // 0 ← 1 ← 2 ← 3, and 4 hangs from 1
    const parent = Int32Array.from([-1, 0, 1, 2, 1]);
    assert.equal(reroot(parent, 0, 3), 3);
    assert.deepEqual([...parent], [1, 2, 3, -1, 1]);
    assert.equal(reroot(parent, 3, 3), 0);
    assert.throws(() => reroot(Int32Array.from([-1, -1]), 0, 1), /not in the tree/);
  });

  test('missing parents, cycles and self-parents end up attached', () => {
    for (const name of ['missing-parent.swc', 'cycle.swc', 'self-parent.swc']) {
      const { morphology: r, actions } = repairMorphology(load(name));
      assert.equal(rootCount(r), 1, name);
      assert.equal(actions.length, 1, name);
      assert.deepEqual(validateMorphology(r), [], name);
    }
    assert.deepEqual(repairMorphology(load('missing-parent.swc')).actions, [
      'line 5: attached basal dendrite fragment (2 points, root id 4) by its root to the nearest basal dendrite point id 3 at 10 µm',
    ]);
  });

  test('radii: negative ones by |r|; zero ones by the parent’s, or 0.1 µm for roots and neurites starting at the soma', () => {
    const { morphology: r, actions } = repairMorphology(load('non-positive-radius.swc'));
    assert.deepEqual([...r.radius], [0.1, 1, 1, 0.5, 0.1]);
    assert.deepEqual(actions, [
      'line 2: radius 0 of point id 1 (soma) replaced by 0.1 µm',
      "line 4: radius 0 of point id 3 replaced by its parent's (id 2), 1 µm",
      'line 5: radius -0.5 of point id 4 replaced by its absolute value, 0.5 µm',
      'line 6: radius 0 of point id 5 (axon) replaced by 0.1 µm',
    ]);
    assert.equal(r.soma.radius, 0.1);
    const kept = repairMorphology(load('non-positive-radius.swc'), { fixRadii: false });
    assert.deepEqual(kept.actions, []);
    assert.deepEqual([...kept.morphology.radius], [0, 1, 0, -0.5, 0]);
  });

  test('zero-length segments are kept by default and dropped on request', () => {
    const m = load('zero-length.swc');
    assert.deepEqual(repairMorphology(m).actions, []);
    const { morphology: r, actions } = repairMorphology(m, { dropZeroLength: true });
    assert.deepEqual(actions, [
      'line 5: dropped point id 3, at the same position as its parent id 2',
      'line 7: dropped point id 5, at the same position as its parent id 4',
    ]);
    assert.deepEqual([...r.id], [1, 2, 4]);
    assert.deepEqual(parentIds(r), [-1, 1, 2]);
    assert.deepEqual(validateMorphology(r), []);
  });

  test('a chain of coincident points collapses onto the first', () => {
    const text = '1 1 0 0 0 5 -1\n2 3 0 9 0 1 1\n3 3 0 9 0 1 2\n4 3 0 9 0 1 3\n5 3 0 12 0 1 4\n6 3 0 9 0 1 4\n';
    const { morphology: r, actions } = repairMorphology(morphologyFromSwc(text).morphology, { dropZeroLength: true });
    assert.equal(actions.length, 3);
    assert.deepEqual([...r.id], [1, 2, 5]);
    assert.deepEqual(parentIds(r), [-1, 1, 2]);
  });
});
