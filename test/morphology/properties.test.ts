import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { morphologyToSwc, morphologyFromSwc, repairMorphology, treeOrder, validateMorphology, type Morphology } from '../../src/morphology/index.js';
import { byId, rootCount } from './helpers.js';

/** A finite double without −0 (written as "0", which reads back as +0). */
const coord = fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => v + 0);

interface Row {
  id: number;
  type: number;
  x: number;
  y: number;
  z: number;
  r: number;
  parent: number;
}

/**
 * A random forest as SWC rows: point k's parent is an earlier point or none; ids are distinct
 * random numbers (so parents may be listed after children once rows are shuffled).
 */
const forestRows = fc
  .integer({ min: 1, max: 40 })
  .chain((n) =>
    fc.tuple(
      fc.uniqueArray(fc.integer({ min: 0, max: 100000 }), { minLength: n, maxLength: n }),
      fc.array(
        fc.record({
          type: fc.oneof(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 8, max: 1000 })),
          x: coord,
          y: coord,
          z: coord,
          r: coord,
          parent: fc.double({ min: -0.3, max: 1, noNaN: true }),
        }),
        { minLength: n, maxLength: n },
      ),
    ),
  )
  .map(([ids, pts]): Row[] =>
    pts.map((p, k) => ({ id: ids[k], type: p.type, x: p.x, y: p.y, z: p.z, r: p.r, parent: k === 0 || p.parent < 0 ? -1 : ids[Math.floor(p.parent * k) % k] })),
  );

function rowsToSwc(rows: Row[]): string {
  return rows.map((r) => `${r.id} ${r.type} ${r.x} ${r.y} ${r.z} ${r.r} ${r.parent}`).join('\n');
}

function assertSameGeometry(a: Morphology, b: Morphology): void {
  // b is a renumbered copy of a, in a's tree order.
  const order = treeOrder(a);
  const pos = new Int32Array(a.n);
  order.forEach((i, k) => (pos[i] = k));
  assert.equal(b.n, a.n);
  for (let k = 0; k < a.n; k++) {
    const i = order[k];
    assert.equal(b.id[k], k + 1);
    assert.equal(b.type[k], a.type[i]);
    assert.equal(b.x[k], a.x[i]);
    assert.equal(b.y[k], a.y[i]);
    assert.equal(b.z[k], a.z[i]);
    assert.equal(b.radius[k], a.radius[i]);
    assert.equal(b.parent[k], a.parent[i] < 0 ? -1 : pos[a.parent[i]]);
    if (b.parent[k] >= 0) assert.ok(b.parent[k] < k, 'parents come first');
  }
}

describe('properties', () => {
  test('morphologyFromSwc(morphologyToSwc(m)) keeps positions, radii, types and the tree, for random forests', () => {
    fc.assert(
      fc.property(forestRows, (rows) => {
        const { morphology: m, problems } = morphologyFromSwc(rowsToSwc(rows));
        assert.deepEqual(problems, []);
        const back = morphologyFromSwc(morphologyToSwc(m));
        assert.deepEqual(back.problems, []);
        assertSameGeometry(m, back.morphology);
        assert.equal(back.morphology.soma.kind, m.soma.kind);
      }),
      { numRuns: 300 },
    );
  });

  test('shuffling the lines of a file does not change the tree (up to point order)', () => {
    fc.assert(
      fc.property(
        forestRows.chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }))),
        ([rows, shuffled]) => {
          const a = morphologyFromSwc(rowsToSwc(rows)).morphology;
          const b = morphologyFromSwc(rowsToSwc(shuffled)).morphology;
          assert.deepEqual(byId(b), byId(a));
          assert.equal(b.soma.kind, a.soma.kind);
          assert.deepEqual(validateMorphology(b).map((p) => p.kind).sort(), validateMorphology(a).map((p) => p.kind).sort());
        },
      ),
      { numRuns: 300 },
    );
  });

  test('arbitrary parent links (missing, self, cycles) never throw; the result is a forest and repair joins it', () => {
    const anyLinks = fc.integer({ min: 1, max: 30 }).chain((n) =>
      fc.tuple(
        fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: n, maxLength: n }),
        fc.array(fc.integer({ min: -2, max: 45 }), { minLength: n, maxLength: n }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: -5, max: 5 }), fc.integer({ min: -5, max: 5 }), fc.integer({ min: -1, max: 2 })), {
          minLength: n,
          maxLength: n,
        }),
      ),
    );
    fc.assert(
      fc.property(anyLinks, ([ids, parents, pts]) => {
        const text = ids.map((id, k) => `${id} ${pts[k][0]} ${pts[k][1]} ${pts[k][2]} 0 ${pts[k][3]} ${parents[k]}`).join('\n');
        const { morphology: m, problems } = morphologyFromSwc(text);
        assert.equal(m.n, ids.length);
        treeOrder(m); // throws on a cycle
        for (const p of problems) assert.ok(['missing-parent', 'self-parent', 'cycle'].includes(p.kind), p.kind);
        const { morphology: r } = repairMorphology(m, { dropZeroLength: true });
        assert.equal(rootCount(r), r.n > 0 ? 1 : 0);
        assert.ok(r.radius.every((v) => v > 0));
        const left = validateMorphology(r).map((p) => p.kind);
        assert.ok(left.every((k) => k === 'no-soma' || k === 'multiple-somata'), left.join(','));
      }),
      { numRuns: 300 },
    );
  });
});
