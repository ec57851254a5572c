/**
 * Seeded variants of a real cell for population studies. Each copy is the original rotated
 * at random about its root, scaled by a factor in [1 − s, 1 + s] and warped by a smooth random
 * displacement field (three sinusoids of wavelength ~λ µm and amplitude σ µm). Being smooth,
 * the warp changes the arbor's shape without adding the spurious length that independent
 * per-point noise on densely sampled tracings would (which would inflate tortuosity).
 */
import { createRng } from '../model/random.js';
import type { Morphology } from './types.js';

export interface JitterOptions {
  seed: number;
  /** Amplitude of the smooth displacement, µm. Default 2. */
  sigma?: number;
  /** Wavelength of the displacement field, µm. Default 200. */
  wavelength?: number;
  /** Relative size variation. Default 0.1. */
  scale?: number;
}

/** A uniformly random rotation matrix (row-major 3×3) from a random unit quaternion. */
function randomRotation(u1: number, u2: number, u3: number): number[] {
  const a = Math.sqrt(1 - u1), b = Math.sqrt(u1);
  const qx = a * Math.sin(2 * Math.PI * u2), qy = a * Math.cos(2 * Math.PI * u2), qz = b * Math.sin(2 * Math.PI * u3), qw = b * Math.cos(2 * Math.PI * u3);
  return [
    1 - 2 * (qy * qy + qz * qz), 2 * (qx * qy - qz * qw), 2 * (qx * qz + qy * qw),
    2 * (qx * qy + qz * qw), 1 - 2 * (qx * qx + qz * qz), 2 * (qy * qz - qx * qw),
    2 * (qx * qz - qy * qw), 2 * (qy * qz + qx * qw), 1 - 2 * (qx * qx + qy * qy),
  ];
}

export function jitterMorphology(m: Morphology, o: JitterOptions): Morphology {
  const rng = createRng(o.seed);
  const sigma = o.sigma ?? 2, s = o.scale ?? 0.1, k = (2 * Math.PI) / (o.wavelength ?? 200);
  const f = 1 - s + 2 * s * rng.float();
  const rot = randomRotation(rng.float(), rng.float(), rng.float());
  // one random wave vector and phase per displacement component
  const waves = [0, 1, 2].map(() => {
    const d = [rng.normal(), rng.normal(), rng.normal()];
    const norm = Math.hypot(d[0], d[1], d[2]) || 1;
    return { d: d.map((v) => (v / norm) * k), phase: 2 * Math.PI * rng.float() };
  });
  const r = Math.max(0, m.parent.indexOf(-1));
  const cx = m.x[r], cy = m.y[r], cz = m.z[r];
  const x = new Float64Array(m.n), y = new Float64Array(m.n), z = new Float64Array(m.n);
  for (let i = 0; i < m.n; i++) {
    const px = (m.x[i] - cx) * f, py = (m.y[i] - cy) * f, pz = (m.z[i] - cz) * f;
    const w = waves.map((v) => sigma * Math.sin(v.d[0] * px + v.d[1] * py + v.d[2] * pz + v.phase));
    const qx = px + w[0], qy = py + w[1], qz = pz + w[2];
    x[i] = cx + rot[0] * qx + rot[1] * qy + rot[2] * qz;
    y[i] = cy + rot[3] * qx + rot[4] * qy + rot[5] * qz;
    z[i] = cz + rot[6] * qx + rot[7] * qy + rot[8] * qz;
  }
  return { ...m, x, y, z, file: m.file ? `${m.file}#jitter-${o.seed}` : `jitter-${o.seed}` };
}
