/**
 * Checks of a parsed morphology, in the spirit of NeuroM's `morph_check`: zero-length
 * segments, non-positive radii, disconnected fragments, a missing or split soma.
 * Parsing reports the structural problems of the file itself (missing parents, cycles,
 * duplicate ids, self-parents, invalid type codes); `checkSwc` gives both together.
 */
import { mainSomaGroup, morphologyFromSwc, somaGroups, sortProblems, swcTypeName, treeOrder } from './swc.js';
import type { Morphology, MorphologyProblem } from './types.js';

/** The trees of a morphology: the root of each point, the size of each tree, and the main tree. */
export interface Forest {
  /** Index of the root of the tree each point belongs to. */
  rootOf: Int32Array;
  /** Root indices, in index order. */
  roots: number[];
  /** Number of points of the tree rooted at each root (0 for non-roots). */
  size: Int32Array;
  /** Root of the main tree: the one holding the main soma, else the largest (the first of equal size); −1 if empty. */
  main: number;
}

export function forest(m: Pick<Morphology, 'n' | 'type' | 'x' | 'y' | 'z' | 'radius' | 'parent'>): Forest {
  const order = treeOrder(m);
  const rootOf = new Int32Array(m.n);
  const size = new Int32Array(m.n);
  const roots: number[] = [];
  for (const v of order) {
    const p = m.parent[v];
    rootOf[v] = p < 0 ? v : rootOf[p];
    size[rootOf[v]]++;
  }
  for (let i = 0; i < m.n; i++) if (m.parent[i] < 0) roots.push(i);
  const groups = somaGroups(m);
  const g = mainSomaGroup(groups);
  let main = g >= 0 ? rootOf[groups[g][0]] : -1;
  if (main < 0) for (const r of roots) if (main < 0 || size[r] > size[main]) main = r;
  return { rootOf, roots, size, main };
}

/**
 * A zero-length segment: a point at exactly the position of its parent. A neurite point
 * at the position of a soma point is not one (neurites often start at the soma centre; the
 * soma-to-neurite link is not a neurite segment, as in NeuroM).
 */
export function isZeroLength(m: Pick<Morphology, 'type' | 'x' | 'y' | 'z' | 'parent'>, i: number): boolean {
  const p = m.parent[i];
  if (p < 0) return false;
  if (m.type[p] === 1 && m.type[i] !== 1) return false;
  return m.x[i] === m.x[p] && m.y[i] === m.y[p] && m.z[i] === m.z[p];
}

/** Problems of the morphology itself (not of its file): see the module comment. Sorted by line. */
export function validateMorphology(m: Morphology): MorphologyProblem[] {
  const problems: MorphologyProblem[] = [];
  const somaZero = m.header.some((h) => /soma size set to zero/i.test(h));

  for (let i = 0; i < m.n; i++) {
    if (isZeroLength(m, i)) {
      problems.push({
        kind: 'zero-length',
        line: m.line[i],
        message: `point id ${m.id[i]} is at the same position as its parent id ${m.id[m.parent[i]]} (zero-length segment)`,
        fixable: true,
        point: i,
      });
    }
    if (!(m.radius[i] > 0)) {
      const note = m.type[i] === 1 && somaZero ? ' (the header says "Soma size set to zero")' : '';
      problems.push({
        kind: 'non-positive-radius',
        line: m.line[i],
        message: `point id ${m.id[i]} (${swcTypeName(m.type[i])}) has radius ${m.radius[i]}${note}`,
        fixable: true,
        point: i,
      });
    }
  }

  const groups = somaGroups(m);
  const mainGroup = mainSomaGroup(groups);
  if (mainGroup < 0) {
    problems.push({
      kind: 'no-soma',
      line: m.n > 0 ? m.line[0] : 0,
      message: 'no soma: no point has type 1',
      fixable: false,
      ...(m.n > 0 ? { point: 0 } : {}),
    });
  } else {
    const main = groups[mainGroup];
    for (let k = 0; k < groups.length; k++) {
      if (k === mainGroup) continue;
      const first = groups[k][0];
      problems.push({
        kind: 'multiple-somata',
        line: m.line[first],
        message:
          `soma points from id ${m.id[first]} (${groups[k].length} point${groups[k].length > 1 ? 's' : ''}) are not connected ` +
          `to the main soma at id ${m.id[main[0]]} (${main.length} point${main.length > 1 ? 's' : ''})`,
        fixable: false,
        point: first,
      });
    }
  }

  const f = forest(m);
  for (const r of f.roots) {
    if (r === f.main) continue;
    problems.push({
      kind: 'fragment',
      line: m.line[r],
      message:
        `fragment of ${f.size[r]} point${f.size[r] > 1 ? 's' : ''} (${swcTypeName(m.type[r])}, root id ${m.id[r]}) ` +
        `is not connected to the main tree (root id ${m.id[f.main]})`,
      fixable: true,
      point: r,
    });
  }
  return sortProblems(problems);
}

/** Parses SWC text and validates it: the problems a user should see, sorted by line. */
export function checkSwc(text: string, file?: string): { morphology: Morphology; problems: MorphologyProblem[] } {
  const { morphology, problems } = morphologyFromSwc(text, file);
  return { morphology, problems: sortProblems([...problems, ...validateMorphology(morphology)]) };
}
