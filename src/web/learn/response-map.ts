/**
 * The network's response to one input: each channel's map (gh × gw nodes) as a tile, tiles
 * in a square mosaic; a node's brightness is how early it fired (black: silent).
 */
export function drawResponse(canvas: HTMLCanvasElement, times: Float32Array, channels: number, grid: [number, number], horizon: number): void {
  const [gh, gw] = grid;
  const cols = Math.ceil(Math.sqrt(channels)), rows = Math.ceil(channels / cols);
  const w = cols * (gw + 1) - 1, h = rows * (gh + 1) - 1;
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(w, h);
  for (let k = 0; k < img.data.length; k += 4) img.data[k + 3] = 255;
  for (let c = 0; c < channels; c++) {
    const tx = (c % cols) * (gw + 1), ty = Math.floor(c / cols) * (gh + 1);
    for (let y = 0; y < gh; y++)
      for (let x = 0; x < gw; x++) {
        const t = times[c * gh * gw + y * gw + x];
        if (t < 0) continue;
        const v = 1 - Math.min(1, t / horizon);
        const o = 4 * ((ty + y) * w + tx + x);
        img.data[o] = 255 * Math.min(1, 0.3 + v);
        img.data[o + 1] = 255 * v * v;
        img.data[o + 2] = 60 * (1 - v);
      }
  }
  ctx.putImageData(img, 0, 0);
}

/** A 28 × 28 image into a canvas, greyscale. */
export function drawDigit(canvas: HTMLCanvasElement, x: Float32Array): void {
  canvas.width = 28;
  canvas.height = 28;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(28, 28);
  for (let k = 0; k < 784; k++) {
    img.data[4 * k] = img.data[4 * k + 1] = img.data[4 * k + 2] = Math.round(255 * x[k]);
    img.data[4 * k + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}
