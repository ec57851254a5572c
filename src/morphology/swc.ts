/**
 * SWC reading and writing. Works on strings (no Node built-ins: this runs in browsers too).
 *
 * A line is `id type x y z radius parent` (parent −1 for a root); `#` starts a comment,
 * anywhere on a line. Lines that cannot be read at all throw an `InputError`
 * (`file:line: field: detail`); structural problems (missing parents, cycles, duplicate ids,
 * self-parents, invalid type codes) are worked around and returned as problems.
 */
import { InputError } from '../formats/errors.js';
import { showValue } from '../formats/numbers.js';
import type { Morphology, MorphologyProblem, SomaInfo } from './types.js';

const FIELDS = ['id', 'type', 'x', 'y', 'z', 'radius', 'parent'] as const;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** The geometry and tree of a morphology: what soma detection and the checks need. */
export type MorphologyGeometry = Pick<Morphology, 'n' | 'type' | 'x' | 'y' | 'z' | 'radius' | 'parent'>;

const TYPE_NAMES: Record<number, string> = {
  0: 'undefined',
  1: 'soma',
  2: 'axon',
  3: 'basal dendrite',
  4: 'apical dendrite',
  5: 'fork point',
  6: 'end point',
  7: 'custom',
};

/** A readable name for an SWC type code: 'axon', 'basal dendrite', …, or 'type 12'. */
export function swcTypeName(code: number): string {
  return TYPE_NAMES[code] ?? `type ${code}`;
}

/** Sorts problems by line, keeping the order of problems on the same line. */
export function sortProblems(problems: MorphologyProblem[]): MorphologyProblem[] {
  return problems
    .map((p, k) => ({ p, k }))
    .sort((a, b) => a.p.line - b.p.line || a.k - b.k)
    .map((e) => e.p);
}

/**
 * Parses SWC text. Points keep the order of the file; `parent` holds parent indices.
 * Throws `InputError` for lines that cannot be read; returns structural problems (sorted by line).
 */
export function morphologyFromSwc(text: string, file?: string): { morphology: Morphology; problems: MorphologyProblem[] } {
  const problems: MorphologyProblem[] = [];
  const header: string[] = [];
  const ids: number[] = [], types: number[] = [], xs: number[] = [], ys: number[] = [], zs: number[] = [];
  const radii: number[] = [], parentIds: number[] = [], lines: number[] = [];
  const indexOfId = new Map<number, number>();

  const rows = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\r|\n/);
  for (let r = 0; r < rows.length; r++) {
    const lineNo = r + 1;
    const raw = rows[r];
    const hash = raw.indexOf('#');
    const data = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (data === '') {
      if (hash >= 0) header.push(raw.slice(hash + 1).trim());
      continue;
    }
    const tokens = data.split(/\s+/);
    if (tokens.length < FIELDS.length) {
      throw new InputError(
        `missing: expected ${FIELDS.length} values (${FIELDS.join(' ')}), found ${tokens.length}`,
        { file, line: lineNo, field: FIELDS[tokens.length] },
      );
    }
    if (tokens.length > FIELDS.length) {
      throw new InputError(`expected ${FIELDS.length} (${FIELDS.join(' ')}), found ${tokens.length}`, {
        file,
        line: lineNo,
        field: 'values',
      });
    }
    const values = tokens.map((tok, k) => {
      if (!NUMBER.test(tok)) throw new InputError(`not a number: ${showValue(tok)}`, { file, line: lineNo, field: FIELDS[k] });
      const v = Number(tok);
      if (!Number.isFinite(v)) throw new InputError(`out of range: ${showValue(tok)}`, { file, line: lineNo, field: FIELDS[k] });
      return v;
    });
    const [id, type, x, y, z, radius, parentId] = values;
    if (!Number.isInteger(id) || id < 0 || id > INT32_MAX) {
      throw new InputError(`not a non-negative integer: ${showValue(tokens[0])}`, { file, line: lineNo, field: 'id' });
    }
    if (!Number.isInteger(parentId) || parentId < INT32_MIN || parentId > INT32_MAX) {
      throw new InputError(`not an integer: ${showValue(tokens[6])}`, { file, line: lineNo, field: 'parent' });
    }
    const first = indexOfId.get(id);
    if (first !== undefined) {
      problems.push({
        kind: 'duplicate-id',
        line: lineNo,
        message: `id ${id} is already used on line ${lines[first]}; this line is ignored`,
        fixable: false,
      });
      continue;
    }
    const index = ids.length;
    let code = type;
    if (!Number.isInteger(type) || type < INT32_MIN || type > INT32_MAX) {
      code = 0;
      problems.push({
        kind: 'unknown-type',
        line: lineNo,
        message: `point id ${id}: type code ${tokens[1].length > 40 ? `${tokens[1].slice(0, 40)}…` : tokens[1]} is not an integer; stored as 0 (undefined)`,
        fixable: false,
        point: index,
      });
    } else if (type < 0) {
      problems.push({
        kind: 'unknown-type',
        line: lineNo,
        message: `point id ${id}: type code ${type} is negative`,
        fixable: false,
        point: index,
      });
    }
    indexOfId.set(id, index);
    ids.push(id);
    types.push(code);
    xs.push(x);
    ys.push(y);
    zs.push(z);
    radii.push(radius);
    parentIds.push(parentId);
    lines.push(lineNo);
  }

  const n = ids.length;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const pid = parentIds[i];
    if (pid === -1) {
      parent[i] = -1;
    } else if (pid === ids[i]) {
      parent[i] = -1;
      problems.push({
        kind: 'self-parent',
        line: lines[i],
        message: `point id ${ids[i]} is its own parent; it is read as a root`,
        fixable: true,
        point: i,
      });
    } else {
      const p = indexOfId.get(pid);
      if (p === undefined) {
        parent[i] = -1;
        problems.push({
          kind: 'missing-parent',
          line: lines[i],
          message: `point id ${ids[i]}: parent id ${pid} does not exist; the point starts a separate fragment`,
          fixable: true,
          point: i,
        });
      } else {
        parent[i] = p;
      }
    }
  }
  problems.push(...breakCycles(parent, ids, lines));

  const geometry: MorphologyGeometry = {
    n,
    type: Int32Array.from(types),
    x: Float64Array.from(xs),
    y: Float64Array.from(ys),
    z: Float64Array.from(zs),
    radius: Float64Array.from(radii),
    parent,
  };
  const morphology: Morphology = {
    ...(file !== undefined ? { file } : {}),
    header,
    ...geometry,
    id: Int32Array.from(ids),
    line: Int32Array.from(lines),
    soma: describeSoma(geometry),
  };
  return { morphology, problems: sortProblems(problems) };
}

/** Breaks every cycle of parent links (in place) at its point listed last in the file. */
function breakCycles(parent: Int32Array, ids: number[], lines: number[]): MorphologyProblem[] {
  const n = parent.length;
  const problems: MorphologyProblem[] = [];
  const done = new Uint8Array(n);
  const walk = new Int32Array(n).fill(-1);
  const path: number[] = [];
  for (let s = 0; s < n; s++) {
    if (done[s]) continue;
    path.length = 0;
    let v = s;
    while (v !== -1 && !done[v] && walk[v] !== s) {
      walk[v] = s;
      path.push(v);
      v = parent[v];
    }
    if (v !== -1 && !done[v]) {
      // v is on this walk: path[from..] is a cycle.
      const members = path.slice(path.indexOf(v));
      let last = members[0];
      for (const m of members) if (lines[m] > lines[last]) last = m;
      const chain = members.length <= 12 ? members.map((m) => ids[m]).join(' → ') : `${members.slice(0, 10).map((m) => ids[m]).join(' → ')} → …`;
      problems.push({
        kind: 'cycle',
        line: lines[last],
        message:
          `parent links id ${chain} → ${ids[members[0]]} form a cycle of ${members.length} points; ` +
          `broken at id ${ids[last]} (listed last), whose parent id ${ids[parent[last]]} is dropped`,
        fixable: true,
        point: last,
      });
      parent[last] = -1;
    }
    for (const p of path) done[p] = 1;
  }
  return problems;
}

/**
 * Connected groups of soma (type 1) points, linked through parent links between soma points.
 * Groups are ordered by their first point; points within a group by index.
 */
export function somaGroups(g: MorphologyGeometry): number[][] {
  const up = new Int32Array(g.n).fill(-1);
  const find = (i: number): number => {
    let r = i;
    while (up[r] !== -1) r = up[r];
    while (up[i] !== -1) {
      const next = up[i];
      up[i] = r;
      i = next;
    }
    return r;
  };
  for (let i = 0; i < g.n; i++) {
    const p = g.parent[i];
    if (g.type[i] === 1 && p >= 0 && g.type[p] === 1) {
      const a = find(i), b = find(p);
      if (a !== b) up[Math.max(a, b)] = Math.min(a, b);
    }
  }
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < g.n; i++) {
    if (g.type[i] !== 1) continue;
    const r = find(i);
    const group = byRoot.get(r);
    if (group) group.push(i);
    else byRoot.set(r, [i]);
  }
  return [...byRoot.values()];
}

/** Index of the main soma group: the largest one (the first of equal size), or −1. */
export function mainSomaGroup(groups: number[][]): number {
  let best = -1;
  for (let k = 0; k < groups.length; k++) if (best < 0 || groups[k].length > groups[best].length) best = k;
  return best;
}

function dist(g: MorphologyGeometry, a: number, b: number): number {
  return Math.hypot(g.x[a] - g.x[b], g.y[a] - g.y[b], g.z[a] - g.z[b]);
}

/** Works out how the soma is drawn (see `SomaInfo`), from its largest group of type-1 points. */
export function describeSoma(g: MorphologyGeometry): SomaInfo {
  const groups = somaGroups(g);
  const main = mainSomaGroup(groups);
  if (main < 0) {
    const c: [number, number, number] = [0, 0, 0];
    for (let i = 0; i < g.n; i++) {
      c[0] += g.x[i] / g.n;
      c[1] += g.y[i] / g.n;
      c[2] += g.z[i] / g.n;
    }
    return { kind: 'none', center: c, radius: 0, points: [] };
  }
  const pts = groups[main];
  const inSoma = new Set(pts);
  const root = pts.find((i) => !inSoma.has(g.parent[i])) ?? pts[0];
  const at = (i: number): [number, number, number] => [g.x[i], g.y[i], g.z[i]];
  if (pts.length === 1) return { kind: 'single-point', center: at(root), radius: g.radius[root], points: pts };

  const r0 = g.radius[root];
  if (pts.length === 3 && r0 > 0) {
    const [a, b] = pts.filter((i) => i !== root);
    const tol = 0.01 * r0;
    const threePoint =
      g.parent[a] === root &&
      g.parent[b] === root &&
      Math.abs(g.radius[a] - r0) <= tol &&
      Math.abs(g.radius[b] - r0) <= tol &&
      Math.abs(dist(g, a, root) - r0) <= tol &&
      Math.abs(dist(g, b, root) - r0) <= tol &&
      Math.hypot((g.x[a] + g.x[b]) / 2 - g.x[root], (g.y[a] + g.y[b]) / 2 - g.y[root], (g.z[a] + g.z[b]) / 2 - g.z[root]) <= tol;
    if (threePoint) return { kind: 'three-point', center: at(root), radius: r0, points: pts };
  }

  // A contour: an unbranched closed chain outlining the soma (points spread wider than their radii).
  const childCount = new Map<number, number>();
  for (const i of pts) if (i !== root) childCount.set(g.parent[i], (childCount.get(g.parent[i]) ?? 0) + 1);
  const unbranched = [...childCount.values()].every((c) => c === 1);
  if (pts.length >= 3 && unbranched) {
    const chain = [root];
    const next = new Map<number, number>();
    for (const i of pts) if (i !== root) next.set(g.parent[i], i);
    for (let v = next.get(root); v !== undefined; v = next.get(v)) chain.push(v);
    let maxStep = 0;
    for (let k = 1; k < chain.length; k++) maxStep = Math.max(maxStep, dist(g, chain[k - 1], chain[k]));
    const c: [number, number, number] = [0, 0, 0];
    for (const i of pts) {
      c[0] += g.x[i] / pts.length;
      c[1] += g.y[i] / pts.length;
      c[2] += g.z[i] / pts.length;
    }
    let meanDist = 0, meanRadius = 0;
    for (const i of pts) {
      meanDist += Math.hypot(g.x[i] - c[0], g.y[i] - c[1], g.z[i] - c[2]) / pts.length;
      meanRadius += g.radius[i] / pts.length;
    }
    const closes = dist(g, chain[0], chain[chain.length - 1]) <= 1.5 * maxStep;
    if (closes && maxStep > 0 && meanRadius < meanDist) return { kind: 'contour', center: c, radius: meanDist, points: pts };
  }

  // Cylinders (frustums between each soma point and its soma parent): a sphere of equal lateral area.
  let area = 0, maxRadius = 0;
  for (const i of pts) {
    maxRadius = Math.max(maxRadius, g.radius[i]);
    const p = g.parent[i];
    if (i === root || !inSoma.has(p)) continue;
    const r1 = g.radius[i], r2 = g.radius[p];
    area += Math.PI * (r1 + r2) * Math.hypot(dist(g, i, p), r1 - r2);
  }
  const radius = area > 0 ? Math.sqrt(area / (4 * Math.PI)) : maxRadius;
  return { kind: 'cylinders', center: at(root), radius, points: pts };
}

/**
 * Indices in a parent-before-child order: depth-first from each root (roots and children in
 * index order). Throws if the parent links contain a cycle (morphologyFromSwc never produces one).
 */
export function treeOrder(m: Pick<Morphology, 'n' | 'parent'>): Int32Array {
  const n = m.n;
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) if (m.parent[i] >= 0) start[m.parent[i] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const children = new Int32Array(start[n]);
  for (let i = 0; i < n; i++) if (m.parent[i] >= 0) children[fill[m.parent[i]]++] = i;
  const order = new Int32Array(n);
  let k = 0;
  const stack: number[] = [];
  for (let r = 0; r < n; r++) {
    if (m.parent[r] !== -1) continue;
    stack.push(r);
    while (stack.length > 0) {
      const v = stack.pop()!;
      order[k++] = v;
      for (let c = start[v + 1] - 1; c >= start[v]; c--) stack.push(children[c]);
    }
  }
  if (k !== n) throw new Error(`morphology: ${n - k} points are on a cycle of parent links`);
  return order;
}

const WRITER_LINE = 'written by refract; columns: id type x y z radius parent';

/**
 * Writes a standard SWC: the header comments, then one line per point, ids renumbered 1..n
 * in a parent-before-child order. Numbers are written in full precision (they parse back
 * to the same doubles).
 */
export function morphologyToSwc(m: Morphology): string {
  const order = treeOrder(m);
  const newId = new Int32Array(m.n);
  for (let k = 0; k < m.n; k++) newId[order[k]] = k + 1;
  const out: string[] = [];
  for (const h of m.header) out.push(h === '' ? '#' : `# ${h}`);
  if (!m.header.includes(WRITER_LINE)) out.push(`# ${WRITER_LINE}`);
  for (let k = 0; k < m.n; k++) {
    const i = order[k];
    const p = m.parent[i];
    out.push(`${k + 1} ${m.type[i]} ${m.x[i]} ${m.y[i]} ${m.z[i]} ${m.radius[i]} ${p >= 0 ? newId[p] : -1}`);
  }
  return out.join('\n') + '\n';
}
