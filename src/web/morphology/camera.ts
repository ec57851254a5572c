/**
 * An orbit camera for the morphology: the cell centred and scaled into the unit sphere,
 * turned by yaw and pitch, orthographic (so a picked point's screen position is exact).
 * Matrices are column-major, as WebGL expects.
 */
export interface Orbit {
  yaw: number;
  pitch: number;
  zoom: number;
}

export interface Fit {
  center: [number, number, number];
  radius: number;
}

export function fitPoints(x: ArrayLike<number>, y: ArrayLike<number>, z: ArrayLike<number>): Fit {
  const n = x.length;
  if (n === 0) return { center: [0, 0, 0], radius: 1 };
  const lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    const p = [x[i], y[i], z[i]];
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.min(lo[a], p[a]);
      hi[a] = Math.max(hi[a], p[a]);
    }
  }
  const center: [number, number, number] = [(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2];
  let r = 0;
  for (let i = 0; i < n; i++) r = Math.max(r, Math.hypot(x[i] - center[0], y[i] - center[1], z[i] - center[2]));
  return { center, radius: r || 1 };
}

/** World (µm) → clip space, for a canvas of the given aspect (width / height). */
export function viewMatrix(fit: Fit, o: Orbit, aspect: number): Float32Array {
  const s = o.zoom / fit.radius;
  const cy = Math.cos(o.yaw), sy = Math.sin(o.yaw), cp = Math.cos(o.pitch), sp = Math.sin(o.pitch);
  // rotation R = Rx(pitch) · Ry(yaw), rows:
  const r = [
    [cy, 0, sy],
    [sp * sy, cp, -sp * cy],
    [-cp * sy, sp, cp * cy],
  ];
  const ax = aspect >= 1 ? 1 / aspect : 1, ay = aspect >= 1 ? 1 : aspect;
  const scale = [s * ax, s * ay, -0.9 / fit.radius]; // depth independent of zoom, so nothing is clipped
  const m = new Float32Array(16);
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 3; col++) m[col * 4 + row] = scale[row] * r[row][col];
    m[12 + row] = -scale[row] * (r[row][0] * fit.center[0] + r[row][1] * fit.center[1] + r[row][2] * fit.center[2]);
  }
  m[15] = 1;
  return m;
}

/** Clip-space x, y of a world point under matrix m. */
export function project(m: Float32Array, x: number, y: number, z: number): [number, number] {
  return [m[0] * x + m[4] * y + m[8] * z + m[12], m[1] * x + m[5] * y + m[9] * z + m[13]];
}
