/**
 * 3-D positions → 2-D screen coordinates: the two axes of largest extent (a worm lies along
 * one axis, a 2-D network has z = 0), scaled to fit [-1, 1] with the aspect ratio kept.
 */
export function project2d(position: Float32Array, n: number): Float32Array {
  const lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++)
    for (let a = 0; a < 3; a++) {
      const v = position[3 * i + a];
      if (v < lo[a]) lo[a] = v;
      if (v > hi[a]) hi[a] = v;
    }
  const ext = [0, 1, 2].map((a) => (n > 0 ? hi[a] - lo[a] : 0));
  const [ax, ay] = [0, 1, 2].sort((a, b) => ext[b] - ext[a] || a - b).slice(0, 2).sort((a, b) => a - b);
  const half = Math.max(ext[ax], ext[ay]) / 2 || 1;
  const cx = (lo[ax] + hi[ax]) / 2, cy = (lo[ay] + hi[ay]) / 2;
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = (position[3 * i + ax] - cx) / half;
    out[2 * i + 1] = (position[3 * i + ay] - cy) / half;
  }
  return out;
}
