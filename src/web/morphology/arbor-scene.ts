/**
 * What the morphology view draws: one line per segment (point → parent) and the axon's
 * terminals, coloured by Λ = R / latency from the axon root to that point — the refraction
 * ratio a terminal there would have. Blue below 1 (a target that fired with the soma would have
 * recovered before the signal arrives), white at 1, red above 1 (that target would still be
 * refractory and lose it).
 * Dendrites are grey, the soma white.
 */
import type { ArborAnalysis } from '../../morphology/arbor.js';
import type { Morphology } from '../../morphology/types.js';

export interface Scene {
  /** Segment end points x,y,z (2 per segment) and their colours r,g,b. */
  lines: Float32Array;
  lineColors: Float32Array;
  /** Terminal points x,y,z and colours. */
  terminals: Float32Array;
  terminalColors: Float32Array;
}

/** Ends of the colour scale: Λ = 1/4 (full blue) to 4 (full red), log scale. */
export const LAMBDA_SCALE = 4;

/** Λ on a log scale from 1/LAMBDA_SCALE to LAMBDA_SCALE → blue · white · red. */
export function lambdaColor(lambda: number): [number, number, number] {
  if (!Number.isFinite(lambda) || lambda <= 0) return [1, 0.24, 0.16];
  const t = Math.max(-1, Math.min(1, Math.log(lambda) / Math.log(LAMBDA_SCALE)));
  if (t < 0) return [0.94 + 0.78 * t, 0.94 + 0.51 * t, 0.94 + 0.06 * t];
  return [0.94 + 0.06 * t, 0.94 - 0.7 * t, 0.94 - 0.78 * t];
}

function pointColor(m: Morphology, a: ArborAnalysis | null, i: number): [number, number, number] {
  if (a && a.inArbor[i]) return lambdaColor(a.params.refractory / a.latency[i]);
  switch (m.type[i]) {
    case 1:
      return [0.95, 0.95, 0.95];
    case 2:
      return [0.35, 0.35, 0.4];
    default:
      return [0.55, 0.58, 0.64];
  }
}

export function buildScene(m: Morphology, a: ArborAnalysis | null): Scene {
  const segs: number[] = [];
  for (let i = 0; i < m.n; i++) if (m.parent[i] >= 0) segs.push(i);
  const lines = new Float32Array(6 * segs.length), lineColors = new Float32Array(6 * segs.length);
  segs.forEach((i, k) => {
    const p = m.parent[i];
    lines.set([m.x[p], m.y[p], m.z[p], m.x[i], m.y[i], m.z[i]], 6 * k);
    // a segment takes its distal point's colour (its parent's, when only the parent is in the arbor)
    const c = pointColor(m, a, a && !a.inArbor[i] && a.inArbor[p] ? p : i);
    lineColors.set([...c, ...c], 6 * k);
  });
  const terms = a ? a.terminals : [];
  const terminals = new Float32Array(3 * terms.length), terminalColors = new Float32Array(3 * terms.length);
  terms.forEach((t, k) => {
    terminals.set([m.x[t.point], m.y[t.point], m.z[t.point]], 3 * k);
    terminalColors.set(lambdaColor(t.lambda), 3 * k);
  });
  return { lines, lineColors, terminals, terminalColors };
}
