/**
 * A drawing → an MNIST-like image: MNIST digits are scaled to fit a 20 × 20 box and centred
 * by their centre of mass in 28 × 28. `ink` is the pad's intensity (row-major, [0, 1]).
 */
export function toMnist(ink: Float32Array, w: number, h: number): Float32Array | null {
  let x0 = w, x1 = -1, y0 = h, y1 = -1;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (ink[y * w + x] > 0.05) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
  if (x1 < 0) return null;
  // area-average the bounding box into a box of at most 20 × 20, aspect kept
  const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
  const s = 20 / Math.max(bw, bh);
  const ow = Math.max(1, Math.round(bw * s)), oh = Math.max(1, Math.round(bh * s));
  const box = new Float32Array(ow * oh), cnt = new Float32Array(ow * oh);
  for (let y = y0; y <= y1; y++)
    for (let x = x0; x <= x1; x++) {
      const k = Math.min(oh - 1, Math.floor((y - y0) * s)) * ow + Math.min(ow - 1, Math.floor((x - x0) * s));
      box[k] += ink[y * w + x];
      cnt[k]++;
    }
  let mass = 0, mx = 0, my = 0;
  for (let y = 0; y < oh; y++)
    for (let x = 0; x < ow; x++) {
      const v = (box[y * ow + x] /= Math.max(1, cnt[y * ow + x]));
      mass += v;
      mx += v * x;
      my += v * y;
    }
  const ox = Math.round(14 - (mass > 0 ? mx / mass : ow / 2) - 0.5), oy = Math.round(14 - (mass > 0 ? my / mass : oh / 2) - 0.5);
  const out = new Float32Array(784);
  for (let y = 0; y < oh; y++)
    for (let x = 0; x < ow; x++) {
      const tx = x + ox, ty = y + oy;
      if (tx >= 0 && tx < 28 && ty >= 0 && ty < 28) out[ty * 28 + tx] = Math.min(1, box[y * ow + x] * 1.6);
    }
  return out;
}
