/**
 * Synthetic cells for the design tests: a soma, an axon that fans out from its root into
 * straight-or-zig-zag branches with chosen straight distances D and path lengths L, and
 * optional dendrites built the same way. Each branch is a zig-zag of 8 segments whose
 * out-of-plane amplitude gives exactly path length L over chord D.
 */
export interface BranchSpec {
  /** Straight distance from the root to the terminal (µm). */
  D: number;
  /** Path length (µm), ≥ D. */
  L: number;
}

const SEGMENTS = 8;

/** Branches radiating in the xy plane from `origin`, zig-zagging along z. Returns SWC lines. */
function fan(branches: BranchSpec[], origin: [number, number, number], parentId: number, firstId: number, type: number, radius: number): string[] {
  const lines: string[] = [];
  let id = firstId;
  branches.forEach((b, k) => {
    const angle = (2 * Math.PI * k) / branches.length + 0.1;
    const ux = Math.cos(angle), uy = Math.sin(angle);
    const step = b.D / SEGMENTS;
    const h = Math.sqrt(Math.max(0, (b.L / SEGMENTS) ** 2 - step * step));
    let parent = parentId;
    for (let j = 1; j <= SEGMENTS; j++) {
      const x = origin[0] + ux * step * j, y = origin[1] + uy * step * j, z = origin[2] + (j % 2 === 1 ? h : 0);
      lines.push(`${id} ${type} ${x} ${y} ${z} ${radius} ${parent}`);
      parent = id++;
    }
  });
  return lines;
}

/** A cell: soma at the origin, axon root at (0, 0, −10), axon and dendrite fans. */
export function syntheticCell(axon: BranchSpec[], dendrites: BranchSpec[] = [], axonRadius = 0.25): string {
  const lines = ['1 1 0 0 0 5 -1', `2 2 0 0 -10 ${axonRadius} 1`];
  lines.push(...fan(axon, [0, 0, -10], 2, 3, 2, axonRadius));
  lines.push(...fan(dendrites, [0, 0, 0], 1, 3 + axon.length * SEGMENTS, 3, 1));
  return lines.join('\n') + '\n';
}

/** Straight distances 20, 40, …, 20·n µm. */
export function distances(n: number): number[] {
  return Array.from({ length: n }, (_, i) => 20 * (i + 1));
}

/** Targeted detours: every path about 600 µm whatever its distance (the design claim, idealised). */
export function equalised(n = 20): BranchSpec[] {
  return distances(n).map((D, i) => ({ D, L: 600 + 7 * Math.sin(i) }));
}

/** The same detour of 50 µm on every path: compresses ln L and makes tortuosity fall with D, without targeting. */
export function constantDetour(n = 20, offset = 0): BranchSpec[] {
  return distances(n).map((D) => ({ D: D + offset, L: D + offset + 50 }));
}

/** Detours that grow with distance, as wiggles accumulate along a path: no compensation. */
export function growingDetours(n = 20): BranchSpec[] {
  return distances(n).map((D) => ({ D, L: D * (1 + D / 400) }));
}

/** Straight branches. */
export function straight(n = 20): BranchSpec[] {
  return distances(n).map((D) => ({ D, L: D }));
}
