/**
 * Repairs of the problems `validateMorphology` finds: attaches (or drops) disconnected
 * fragments, replaces non-positive radii, optionally drops zero-length segments. Returns a
 * new morphology (the input is not modified) and one human-readable line per change.
 *
 * A fragment is attached where it comes closest to the main tree, not by its root: in a
 * tracing, the root of a piece is wherever the tracer happened to start it, often its far end
 * (in Allen's Pvalb_485184849 the root is the piece's nearest point in only 14 of 83 pieces),
 * and attaching the far end adds a long path that is not in the cell.
 */
import { describeSoma, swcTypeName, treeOrder } from './swc.js';
import type { Morphology } from './types.js';
import { forest, isZeroLength } from './validate.js';

export interface RepairOptions {
  /**
   * What to do with fragments (trees other than the main one):
   * - 'nearest-axon' (default): attach an axon fragment at its nearest pair with the main tree:
   *   the fragment's point closest to any axon point of the main tree, linked to that axon point;
   *   any other fragment likewise to the points of its own type (the type of its root); if the
   *   main tree has no such point, to the nearest point of any type.
   * - 'nearest': attach each fragment at its nearest pair with points of any type.
   * - 'drop': remove fragments.
   * When the fragment's point of the pair is not its root, the fragment is re-rooted there: the
   * parent links on the path from the old root to the new one are reversed.
   * Fragments are attached in order of increasing distance, and an attached fragment becomes
   * part of the main tree, so fragments can chain.
   */
  attachFragments?: 'nearest-axon' | 'nearest' | 'drop';
  /**
   * Which point of a fragment is linked to the tree: 'nearest-pair' (default, see above) or
   * 'root', the fragment's root whatever its distance (the old rule, kept for comparison).
   */
  attachAt?: 'nearest-pair' | 'root';
  /**
   * Replace non-positive radii (default true). A negative radius becomes its absolute value
   * (a sign slip: runs of −0.14 µm in NeuroMorpho files are thin axon, not missing data). A zero
   * radius takes the parent's radius, or 0.1 µm when the point is a root, when its parent's
   * radius is not positive either, or when a neurite point hangs from a soma point (a soma
   * radius would be far too thick for a neurite).
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
      attach(m, mode, opts.attachAt ?? 'nearest-pair', fragments, members, f.rootOf, f.main, parent, actions);
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
      if (old < 0) {
        radius[v] = -old;
        actions.push(`line ${line[v]}: radius ${old} of point id ${id[v]} replaced by its absolute value, ${fmt(radius[v])} µm`);
        continue;
      }
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

/**
 * Attaches fragments greedily, nearest pair first (Prim-like over fragments):
 * O(fragment points × points). For each fragment it keeps its best pair with the tree so far
 * (typed: a target of the fragment's type; any: a target of any type), and offers each newly
 * attached fragment's points to the fragments still waiting.
 */
function attach(
  m: Morphology,
  mode: 'nearest-axon' | 'nearest',
  attachAt: 'nearest-pair' | 'root',
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
  const bestTyped = new Float64Array(F).fill(Infinity), typedAt = new Int32Array(F).fill(-1), typedFrom = new Int32Array(F).fill(-1);
  const bestAny = new Float64Array(F).fill(Infinity), anyAt = new Int32Array(F).fill(-1), anyFrom = new Int32Array(F).fill(-1);
  const pending = fragments.slice();
  const offer = (points: number[]): void => {
    for (let k = 0; k < F; k++) {
      const r = pending[k];
      if (r < 0) continue;
      const t = want[k];
      for (const a of attachAt === 'root' ? [r] : members.get(r)!) {
        const ax = x[a], ay = y[a], az = z[a];
        for (const i of points) {
          const dx = x[i] - ax, dy = y[i] - ay, dz = z[i] - az;
          const d2 = dx * dx + dy * dy + dz * dz;
          if (d2 < bestAny[k]) {
            bestAny[k] = d2;
            anyAt[k] = i;
            anyFrom[k] = a;
          }
          if (type[i] === t && d2 < bestTyped[k]) {
            bestTyped[k] = d2;
            typedAt[k] = i;
            typedFrom[k] = a;
          }
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
      if (pending[k] < 0) continue;
      const d = typedAt[k] >= 0 ? bestTyped[k] : bestAny[k];
      if (best < 0 || d < bestD) {
        best = k;
        bestD = d;
      }
    }
    const r = pending[best];
    const typed = typedAt[best] >= 0;
    const target = typed ? typedAt[best] : anyAt[best];
    const from = typed ? typedFrom[best] : anyFrom[best];
    const reversed = reroot(parent, r, from);
    parent[from] = target;
    pending[best] = -1;
    const size = members.get(r)!.length;
    const d = String(Number(Math.sqrt(bestD).toPrecision(3)));
    const what = `${swcTypeName(type[r])} fragment (${size} point${size > 1 ? 's' : ''}, root id ${id[r]})`;
    const where = from === r ? 'by its root' : `at its point id ${id[from]} (line ${line[from]})`;
    const to =
      mode === 'nearest'
        ? `the nearest point id ${id[target]} (${swcTypeName(type[target])}) at ${d} µm`
        : typed
          ? `the nearest ${swcTypeName(type[target])} point id ${id[target]} at ${d} µm`
          : `the nearest point id ${id[target]} (${swcTypeName(type[target])}; no ${swcTypeName(want[best])} point to attach to) at ${d} µm`;
    const rerooted = from === r ? '' : `, re-rooted there (${reversed} parent link${reversed === 1 ? '' : 's'} reversed)`;
    actions.push(`line ${line[r]}: attached ${what} ${where} to ${to}${rerooted}`);
    offer(members.get(r)!);
  }
}

/**
 * Makes `newRoot` the root of the tree rooted at `oldRoot` by reversing the parent links on
 * the path between them; returns how many links were reversed. `parent[newRoot]` is left −1.
 */
export function reroot(parent: Int32Array, oldRoot: number, newRoot: number): number {
  const path: number[] = [newRoot];
  while (path[path.length - 1] !== oldRoot) {
    const p = parent[path[path.length - 1]];
    if (p < 0) throw new Error(`reroot: point ${newRoot} is not in the tree of ${oldRoot}`);
    path.push(p);
  }
  for (let k = path.length - 1; k > 0; k--) parent[path[k]] = path[k - 1];
  parent[newRoot] = -1;
  return path.length - 1;
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
