/**
 * Live raster (Canvas 2D): node against time over the last `window` ms (from 0 until that much
 * has run), newest at the right.
 * Spikes are written as pixels into one ImageData (thousands of fillRect calls per frame
 * are too slow on a software renderer).
 */
import { fitCanvas } from '../ui/canvas.js';
import { rasterWindow, type SpikeWindow } from './spike-window.js';

const BACKGROUND = 0xff140d0b; // ABGR of #0b0d14
const SPIKE = 0xff8ae9ff; // ABGR of #ffe98a
let image: ImageData | null = null;

export function drawRaster(canvas: HTMLCanvasElement, spikes: SpikeWindow, n: number, now: number, window: number): number {
  const ctx = canvas.getContext('2d');
  if (!ctx) return 0;
  fitCanvas(canvas, 1);
  const w = canvas.width, h = canvas.height;
  if (!image || image.width !== w || image.height !== h) image = new ImageData(w, h);
  const px = new Uint32Array(image.data.buffer);
  px.fill(BACKGROUND);
  const { t0, t1 } = rasterWindow(now, window);
  const dot = Math.max(1, Math.min(3, Math.floor(h / Math.max(n, 1))));
  let shown = 0;
  spikes.since(t0, (node, t) => {
    const x0 = Math.min(w - dot, Math.max(0, Math.floor(((t - t0) / window) * w) - (dot >> 1)));
    const y0 = Math.min(h - dot, Math.floor((node / Math.max(n, 1)) * h));
    for (let y = y0; y < y0 + dot; y++) for (let x = x0; x < x0 + dot; x++) px[y * w + x] = SPIKE;
    shown++;
  });
  ctx.putImageData(image, 0, 0);
  ctx.font = '11px sans-serif';
  // until the window fills, a faint line marks the present
  if (now < t1) {
    ctx.fillStyle = 'rgba(138, 147, 168, 0.5)';
    ctx.fillRect(Math.floor(((now - t0) / window) * w), 0, 1, h);
  }
  ctx.fillStyle = '#8a93a8';
  ctx.fillText(`${t0.toFixed(1)} ms`, 4, h - 4);
  const label = `${t1.toFixed(1)} ms`;
  ctx.fillText(label, w - 4 - ctx.measureText(label).width, h - 4);
  // read by the end-to-end test
  canvas.dataset.t0 = String(t0);
  return shown;
}
