/**
 * Repairs of the problems `validateMorphology` finds: attaches (or drops) disconnected
 * fragments, replaces non-positive radii, optionally drops zero-length segments. Returns a
 * new morphology (the input is not modified) and one human-readable line per change.
 */
import { describeSoma, swcTypeName, treeOrder } from './swc.js';
import type { Morphology } from './types.js';
import { forest, isZeroLength } from './validate.js';

export interface RepairOptions {
  /**
   * What to do with fragments (trees other than the main one):
   * - 'nearest-axon' (default): attach the root of an axon fragment to the nearest axon point of
   *   the main tree; the root of any other fragment to the nearest point of its own type;
   *   if there is no such point, to the nearest point of any type.
   * - 'nearest': attach each fragment's root to the nearest point of any type.
   * - 'drop': remove fragments.
   * Fragments are attached in order of increasing distance, and an attached fragment becomes
   * part of the main tree, so fragments can chain.
   */
  attachFragments?: 'nearest-axon' | 'nearest' | 'drop';
  /**
   * Replace non-positive radii (default true) by the parent's radius, or by 0.1 µm when the point
   * is a root, when its parent's radius is not positive either, or when a neurite point hangs
   * from a soma point (a soma radius would be far too thick for a neurite).
   */
  fixRadii?: boolean;
  /** Remove points at the position of their parent, attaching their children to that parent (default false). */
  dropZeroLength?: boolean;
}

const DEFAULT_RADIUS = 0.1;

function fmt(v: number): string {
  return String(Math.round(v * 10000) / 10000);
}

export function repairMorphology(m: Morphology, opts: RepairOptions = {}): { morphology: Morphology; actions: string[] } {
  const mode = opts.attachFragments ?? 'nearest-axon';
  const fixRadii = opts.fixRadii ?? true;
  const dropZeroLength = opts.dropZeroLength ?? false;
  const n = m.n;
  const actions: string[] = [];
  const parent = m.parent.slice();
  const radius = m.radius.slice();
  const keep = new Uint8Array(n).fill(1);
  const { x, y, z, type, id, line } = m;

  // 1. Fragments.
  const f = forest(m);
  const fragments = f.roots.filter((r) => r !== f.main);
  if (fragments.length > 0) {
    const members = new Map<number, number[]>(fragments.map((r) => [r, []]));
    for (let i = 0; i < n; i++) members.get(f.rootOf[i])?.push(i);
    if (mode === 'drop') {
      for (const r of fragments) {
        for (const i of members.get(r)!) keep[i] = 0;
        actions.push(`line ${line[r]}: dropped ${swcTypeName(type[r])} fragment (${f.size[r]} point${f.size[r] > 1 ? 's' : ''}, root id ${id[r]})`);
      }
    } else {
      attach(m, mode, fragments, members, f.rootOf, f.main, parent, actions);
    }
  }

  const order = treeOrder({ n, parent });

  // 2. Zero-length segments: drop the point, its children move up to its parent.
  if (dropZeroLength) {
    for (const v of order) {
      if (!keep[v]) continue;
      const p = parent[v];
      if (p >= 0 && !keep[p]) parent[v] = parent[p]; // p was dropped; parent[p] is already resolved
      if (isZeroLength({ type, x, y, z, parent }, v)) {
        keep[v] = 0;
        actions.push(`line ${line[v]}: dropped point id ${id[v]}, at the same position as its parent id ${id[parent[v]]}`);
      }
    }
  }

  // 3. Radii, parents first so that runs of bad radii take the last good one.
  if (fixRadii) {
    for (const v of order) {
      if (!keep[v] || radius[v] > 0) continue;
      const p = parent[v];
      const old = radius[v];
      const usable = p >= 0 && radius[p] > 0 && (type[p] === 1) === (type[v] === 1);
      radius[v] = usable ? radius[p] : DEFAULT_RADIUS;
      actions.push(
        usable
          ? `line ${line[v]}: radius ${old} of point id ${id[v]} replaced by its parent's (id ${id[p]}), ${fmt(radius[v])} µm`
          : `line ${line[v]}: radius ${old} of point id ${id[v]} (${swcTypeName(type[v])}) replaced by ${DEFAULT_RADIUS} µm`,
      );
    }
  }

  return { morphology: compact(m, keep, parent, radius), actions };
}

/** Attaches fragments greedily, nearest first (Prim-like): O(fragments × points). */
function attach(
  m: Morphology,
  mode: 'nearest-axon' | 'nearest',
  fragments: number[],
  members: Map<number, number[]>,
  rootOf: Int32Array,
  main: number,
  parent: Int32Array,
  actions: string[],
): void {
  const { x, y, z, type, id, line } = m;
  const F = fragments.length;
  const want = fragments.map((r) => (mode === 'nearest' ? -1 : type[r]));
  const bestTyped = new Float64Array(F).fill(Infinity), typedAt = new Int32Array(F).fill(-1);
  const bestAny = new Float64Array(F).fill(Infinity), anyAt = new Int32Array(F).fill(-1);
  const offer = (points: Iterable<number>): void => {
    for (let k = 0; k < F; k++) {
      const r = fragments[k];
      if (r < 0) continue;
      const rx = x[r], ry = y[r], rz = z[r], t = want[k];
      for (const i of points) {
        const dx = x[i] - rx, dy = y[i] - ry, dz = z[i] - rz;
        const d2 = dx * dx + dy * dy + dz * dz;
        if (d2 < bestAny[k]) {
          bestAny[k] = d2;
          anyAt[k] = i;
        }
        if (type[i] === t && d2 < bestTyped[k]) {
          bestTyped[k] = d2;
          typedAt[k] = i;
        }
      }
    }
  };
  const mainPoints: number[] = [];
  for (let i = 0; i < m.n; i++) if (rootOf[i] === main) mainPoints.push(i);
  offer(mainPoints);

  for (let step = 0; step < F; step++) {
    let best = -1, bestD = Infinity;
    for (let k = 0; k < F; k++) {
      if (fragments[k] < 0) continue;
      const d = typedAt[k] >= 0 ? bestTyped[k] : bestAny[k];
      if (best < 0 || d < bestD) {
        best = k;
        bestD = d;
      }
    }
    const r = fragments[best];
    const typed = typedAt[best] >= 0;
    const target = typed ? typedAt[best] : anyAt[best];
    parent[r] = target;
    fragments[best] = -1;
    const size = members.get(r)!.length;
    const d = String(Number(Math.sqrt(bestD).toPrecision(3)));
    const what = `${swcTypeName(type[r])} fragment (${size} point${size > 1 ? 's' : ''}, root id ${id[r]})`;
    actions.push(
      mode === 'nearest'
        ? `line ${line[r]}: attached ${what} to the nearest point id ${id[target]} (${swcTypeName(type[target])}) at ${d} µm`
        : typed
          ? `line ${line[r]}: attached ${what} to the nearest ${swcTypeName(type[target])} point id ${id[target]} at ${d} µm`
          : `line ${line[r]}: attached ${what} to the nearest point id ${id[target]} (${swcTypeName(type[target])}; no ${swcTypeName(want[best])} point to attach to) at ${d} µm`,
    );
    offer(members.get(r)!);
  }
}

function compact(m: Morphology, keep: Uint8Array, parent: Int32Array, radius: Float64Array): Morphology {
  const newIndex = new Int32Array(m.n).fill(-1);
  let n = 0;
  for (let i = 0; i < m.n; i++) if (keep[i]) newIndex[i] = n++;
  const pick = <T extends Int32Array | Float64Array>(a: T, out: T): T => {
    for (let i = 0; i < m.n; i++) if (keep[i]) out[newIndex[i]] = a[i];
    return out;
  };
  const newParent = new Int32Array(n);
  for (let i = 0; i < m.n; i++) if (keep[i]) newParent[newIndex[i]] = parent[i] < 0 ? -1 : newIndex[parent[i]];
  const geometry = {
    n,
    type: pick(m.type, new Int32Array(n)),
    x: pick(m.x, new Float64Array(n)),
    y: pick(m.y, new Float64Array(n)),
    z: pick(m.z, new Float64Array(n)),
    radius: pick(radius, new Float64Array(n)),
    parent: newParent,
  };
  return {
    ...(m.file !== undefined ? { file: m.file } : {}),
    header: [...m.header],
    ...geometry,
    id: pick(m.id, new Int32Array(n)),
    line: pick(m.line, new Int32Array(n)),
    soma: describeSoma(geometry),
  };
}
