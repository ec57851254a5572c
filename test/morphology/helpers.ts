/** Shared helpers for the morphology tests: fixtures and compact views of results. */
import { readFileSync } from 'node:fs';
import type { Morphology, MorphologyProblem } from '../../src/morphology/index.js';

/** The text of `test/fixtures/swc/<name>`. */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`../fixtures/swc/${name}`, import.meta.url), 'utf8');
}

/** Problems as `[kind, line]` pairs, for exact comparison. */
export function kindsAndLines(problems: MorphologyProblem[]): [string, number][] {
  return problems.map((p) => [p.kind, p.line]);
}

/** Parent structure as SWC ids: the parent id of each point (−1 for a root), in point order. */
export function parentIds(m: Morphology): number[] {
  return Array.from(m.parent, (p) => (p < 0 ? -1 : m.id[p]));
}

/** Per id: type, position, radius and parent id, for comparing trees up to point order. */
export function byId(m: Morphology): Map<number, [number, number, number, number, number, number]> {
  const out = new Map<number, [number, number, number, number, number, number]>();
  for (let i = 0; i < m.n; i++) {
    out.set(m.id[i], [m.type[i], m.x[i], m.y[i], m.z[i], m.radius[i], m.parent[i] < 0 ? -1 : m.id[m.parent[i]]]);
  }
  return out;
}

export function rootCount(m: Morphology): number {
  return m.parent.filter((p) => p < 0).length;
}
