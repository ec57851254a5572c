import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InputError } from '../../src/formats/errors.js';
import { checkSwc, morphologyToSwc, morphologyFromSwc } from '../../src/morphology/index.js';
import { fixtureText, kindsAndLines, parentIds } from './helpers.js';

function load(name: string) {
  return morphologyFromSwc(fixtureText(name), name);
}

function assertInputError(fn: () => unknown, message: string, where: { file?: string; line: number; field: string }): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof InputError, `expected an InputError, got ${String(e)}`);
    assert.equal(e.message, message);
    assert.equal(e.file, where.file);
    assert.equal(e.line, where.line);
    assert.equal(e.field, where.field);
    return true;
  });
}

describe('morphologyFromSwc: layout of the file', () => {
  test('header comments, blank lines, inline comments, tabs and runs of spaces', () => {
    const { morphology: m, problems } = load('header-comments.swc');
    assert.equal(m.file, 'header-comments.swc');
    assert.deepEqual(m.header, [
      'A hand-written cell with header comments',
      'and indented comment text',
      'columns: id type x y z radius parent',
      'a comment between points',
    ]);
    assert.equal(m.n, 4);
    assert.deepEqual([...m.id], [1, 2, 3, 4]);
    assert.deepEqual([...m.type], [1, 3, 3, 2]);
    assert.deepEqual([...m.y], [0, 6, 12, -6]);
    assert.deepEqual([...m.radius], [5, 1, 0.8, 0.5]);
    assert.deepEqual([...m.parent], [-1, 0, 1, 0]);
    assert.deepEqual([...m.line], [5, 6, 7, 9]);
    assert.deepEqual(problems, []);
    assert.deepEqual(checkSwc(fixtureText('header-comments.swc')).problems, []);
  });

  test('CRLF line endings, and CR-only ones', () => {
    const text = fixtureText('crlf.swc');
    assert.ok(text.includes('\r\n'), 'the fixture must keep its CRLF line endings');
    const { morphology: m, problems } = morphologyFromSwc(text, 'crlf.swc');
    assert.deepEqual(m.header, ['CRLF line endings (Windows)']);
    assert.equal(m.n, 3);
    assert.deepEqual([...m.x], [0, 5, 10]);
    assert.deepEqual([...m.parent], [-1, 0, 1]);
    assert.deepEqual([...m.line], [2, 3, 4]);
    assert.deepEqual(problems, []);
    const cr = morphologyFromSwc(text.replaceAll('\r\n', '\r')).morphology;
    assert.deepEqual([...cr.parent], [-1, 0, 1]);
    assert.deepEqual([...cr.line], [2, 3, 4]);
    const bom = morphologyFromSwc('\uFEFF' + text).morphology;
    assert.deepEqual(bom.header, m.header);
  });

  test('ids starting at 0', () => {
    const { morphology: m, problems } = load('ids-from-zero.swc');
    assert.deepEqual(m.header, ['n,type,x,y,z,radius,parent']);
    assert.deepEqual([...m.id], [0, 1, 2, 3]);
    assert.deepEqual([...m.parent], [-1, 0, 1, 0]);
    assert.deepEqual(parentIds(m), [-1, 0, 1, 0]);
    assert.deepEqual(problems, []);
  });

  test('unsorted ids, parents listed after their children', () => {
    const { morphology: m, problems } = load('unsorted.swc');
    assert.deepEqual([...m.id], [12, 5, 11, 3, 7]);
    assert.deepEqual([...m.parent], [2, 3, 3, -1, 1]);
    assert.deepEqual(parentIds(m), [11, 3, 3, -1, 5]);
    assert.deepEqual(m.soma, { kind: 'single-point', center: [0, 0, 0], radius: 4, points: [3] });
    assert.deepEqual(problems, []);
    assert.deepEqual(checkSwc(fixtureText('unsorted.swc')).problems, []);
  });

  test('several roots are kept as they are (validation reports the fragments)', () => {
    const { morphology: m, problems } = load('several-roots.swc');
    assert.deepEqual([...m.parent], [-1, 0, 1, -1, 3, -1]);
    assert.deepEqual(problems, []);
    assert.deepEqual(kindsAndLines(checkSwc(fixtureText('several-roots.swc')).problems), [
      ['fragment', 5],
      ['fragment', 7],
    ]);
  });

  test('type codes: 0, 5–7 and custom codes kept; negative and non-integer ones are problems', () => {
    const { morphology: m, problems } = load('custom-types.swc');
    assert.deepEqual([...m.type], [1, 0, 5, 6, 7, 12, 100, -3, 0]);
    assert.deepEqual(kindsAndLines(problems), [
      ['unknown-type', 9],
      ['unknown-type', 10],
    ]);
    assert.deepEqual(problems.map((p) => p.point), [7, 8]);
    assert.equal(problems[0].message, 'point id 8: type code -3 is negative');
    assert.equal(problems[1].message, 'point id 9: type code 2.5 is not an integer; stored as 0 (undefined)');
    assert.ok(problems.every((p) => !p.fixable));
  });
});

describe('morphologyFromSwc: somata', () => {
  test('one point', () => {
    const { morphology: m } = load('soma-single.swc');
    assert.deepEqual(m.soma, { kind: 'single-point', center: [10, 20, 30], radius: 7.5, points: [0] });
  });

  test("NeuroMorpho.Org's three points", () => {
    const { morphology: m } = load('soma-three-point.swc');
    assert.deepEqual(m.soma, { kind: 'three-point', center: [0, 0, 0], radius: 6, points: [0, 1, 2] });
    assert.deepEqual(checkSwc(fixtureText('soma-three-point.swc')).problems, []);
  });

  test('a contour (closed outline of soma points)', () => {
    const { morphology: m } = load('soma-contour.swc');
    assert.equal(m.soma.kind, 'contour');
    assert.deepEqual(m.soma.points, [0, 1, 2, 3, 4, 5]);
    m.soma.center.forEach((c, k) => assert.ok(Math.abs(c - [10, 10, 0][k]) < 1e-12, `center ${m.soma.center.join(',')}`));
    assert.ok(Math.abs(m.soma.radius - 5) < 1e-3, `radius ${m.soma.radius}`);
  });

  test('cylinders (an open chain of soma points)', () => {
    const { morphology: m } = load('soma-cylinders.swc');
    assert.equal(m.soma.kind, 'cylinders');
    assert.deepEqual(m.soma.points, [0, 1, 2]);
    assert.deepEqual(m.soma.center, [0, 0, 0]);
    // Two cylinders of radius 3 and length 5: lateral area 60π = 4π r² → r = √15.
    assert.ok(Math.abs(m.soma.radius - Math.sqrt(15)) < 1e-12);
  });

  test('no soma', () => {
    const { morphology: m } = load('no-soma.swc');
    assert.deepEqual(m.soma, { kind: 'none', center: [0, 5, 0], radius: 0, points: [] });
  });
});

describe('morphologyFromSwc: structural problems are reported, never thrown', () => {
  test('a missing parent: the point starts a fragment', () => {
    const { morphology: m, problems } = load('missing-parent.swc');
    assert.equal(m.n, 5);
    assert.deepEqual([...m.parent], [-1, 0, 1, -1, 3]);
    assert.deepEqual(problems, [
      {
        kind: 'missing-parent',
        line: 5,
        message: 'point id 4: parent id 99 does not exist; the point starts a separate fragment',
        fixable: true,
        point: 3,
      },
    ]);
    assert.deepEqual(kindsAndLines(checkSwc(fixtureText('missing-parent.swc')).problems), [
      ['missing-parent', 5],
      ['fragment', 5],
    ]);
  });

  test('a cycle: broken at the point listed last', () => {
    const { morphology: m, problems } = load('cycle.swc');
    assert.deepEqual(parentIds(m), [-1, 1, 5, 3, -1, 5]);
    assert.deepEqual(problems, [
      {
        kind: 'cycle',
        line: 6,
        message: 'parent links id 3 → 5 → 4 → 3 form a cycle of 3 points; broken at id 5 (listed last), whose parent id 4 is dropped',
        fixable: true,
        point: 4,
      },
    ]);
    assert.deepEqual(kindsAndLines(checkSwc(fixtureText('cycle.swc')).problems), [
      ['cycle', 6],
      ['fragment', 6],
    ]);
  });

  test('a longer cycle listed in any order, and two cycles', () => {
    const text = ['1 1 0 0 0 1 -1', '7 3 1 0 0 1 9', '8 3 2 0 0 1 7', '9 3 3 0 0 1 8', '20 3 0 1 0 1 21', '21 3 0 2 0 1 20'].join('\n');
    const { morphology: m, problems } = morphologyFromSwc(text);
    assert.deepEqual(kindsAndLines(problems), [
      ['cycle', 4],
      ['cycle', 6],
    ]);
    assert.deepEqual(parentIds(m), [-1, 9, 7, -1, 21, -1]);
  });

  test('a self-parent: read as a root', () => {
    const { morphology: m, problems } = load('self-parent.swc');
    assert.deepEqual([...m.parent], [-1, -1, 1]);
    assert.deepEqual(kindsAndLines(problems), [['self-parent', 3]]);
    assert.equal(problems[0].message, 'point id 2 is its own parent; it is read as a root');
  });

  test('a duplicate id: the first is kept, the later line reported', () => {
    const { morphology: m, problems } = load('duplicate-id.swc');
    assert.equal(m.n, 4);
    assert.deepEqual([...m.id], [1, 2, 3, 4]);
    assert.deepEqual([...m.line], [2, 3, 4, 6]);
    assert.deepEqual([...m.x], [0, 0, 0, 0]);
    assert.deepEqual([...m.parent], [-1, 0, 1, 2]);
    assert.deepEqual(problems, [
      { kind: 'duplicate-id', line: 5, message: 'id 3 is already used on line 4; this line is ignored', fixable: false },
    ]);
  });
});

describe('morphologyFromSwc: lines that cannot be read throw an InputError naming file, line and field', () => {
  test('a radius that is not a number (fixture)', () => {
    assertInputError(() => load('broken-line.swc'), 'broken-line.swc:4: radius: not a number: "abc"', {
      file: 'broken-line.swc',
      line: 4,
      field: 'radius',
    });
  });

  test('wrong field counts, non-numbers, non-integer ids and parents', () => {
    const ok = '1 1 0 0 0 1 -1\n';
    assertInputError(() => morphologyFromSwc(ok + '2 3 0 0 1 1\n', 'c.swc'), 'c.swc:2: parent: missing: expected 7 values (id type x y z radius parent), found 6', {
      file: 'c.swc',
      line: 2,
      field: 'parent',
    });
    assertInputError(() => morphologyFromSwc(ok + '2 3 0 0 0 1 1 9\n', 'c.swc'), 'c.swc:2: values: expected 7 (id type x y z radius parent), found 8', {
      file: 'c.swc',
      line: 2,
      field: 'values',
    });
    assertInputError(() => morphologyFromSwc(ok + '2.5 3 0 0 0 1 1\n', 'c.swc'), 'c.swc:2: id: not a non-negative integer: "2.5"', {
      file: 'c.swc',
      line: 2,
      field: 'id',
    });
    assertInputError(() => morphologyFromSwc(ok + '-2 3 0 0 0 1 1\n'), '2: id: not a non-negative integer: "-2"', { line: 2, field: 'id' });
    assertInputError(() => morphologyFromSwc(ok + '2 3 0 0 0 1 1.5\n', 'c.swc'), 'c.swc:2: parent: not an integer: "1.5"', {
      file: 'c.swc',
      line: 2,
      field: 'parent',
    });
    for (const bad of ['NaN', 'inf', '0x10', '1,5', '--1', '1e']) {
      assertInputError(() => morphologyFromSwc(ok + `2 3 ${bad} 0 0 1 1\n`, 'c.swc'), `c.swc:2: x: not a number: "${bad}"`, {
        file: 'c.swc',
        line: 2,
        field: 'x',
      });
    }
    assertInputError(() => morphologyFromSwc(ok + '2 3 0 1e999 0 1 1\n', 'c.swc'), 'c.swc:2: y: out of range: "1e999"', {
      file: 'c.swc',
      line: 2,
      field: 'y',
    });
  });

  test('numbers in any decimal notation, and an empty file', () => {
    const { morphology: m } = morphologyFromSwc('1 1 +1. .5 -2.5e-1 1E2 -1\n2 3 1.0e+1 0 0 1. 1.0');
    assert.deepEqual([m.x[0], m.y[0], m.z[0], m.radius[0]], [1, 0.5, -0.25, 100]);
    assert.deepEqual([...m.parent], [-1, 0]);
    const empty = morphologyFromSwc('# nothing here\n\n');
    assert.equal(empty.morphology.n, 0);
    assert.deepEqual(empty.problems, []);
  });
});

describe('morphologyToSwc', () => {
  test('renumbers 1..n with parents first and keeps the header', () => {
    const { morphology: m } = load('unsorted.swc');
    const text = morphologyToSwc(m);
    assert.equal(
      text,
      [
        '# ids out of order; parents listed after their children',
        '# written by refract; columns: id type x y z radius parent',
        '1 1 0 0 0 4 -1',
        '2 2 0 -10 0 0.5 1',
        '3 2 0 -20 0 0.5 2',
        '4 3 0 10 0 1 1',
        '5 3 0 20 0 1 4',
        '',
      ].join('\n'),
    );
    const again = morphologyFromSwc(text).morphology;
    assert.equal(morphologyToSwc(again), text, 'formatting is stable');
  });
});
