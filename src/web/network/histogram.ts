/**
 * Λ histogram (Canvas 2D): edges per log10 Λ bin as bars, and the fraction of arrivals each
 * bin has lost to refractoriness so far as a line (none while nothing was lost); a marker at Λ = 1.
 */
import { fitCanvas } from '../ui/canvas.js';
import { blockedScale } from './lambda-bins.js';
import type { LambdaBins } from './protocol.js';

export function drawLambdaHistogram(canvas: HTMLCanvasElement, b: LambdaBins): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  fitCanvas(canvas, 1);
  const w = canvas.width, h = canvas.height;
  const pad = { l: 6, r: 6, t: 8, b: 18 };
  const pw = w - pad.l - pad.r, ph = h - pad.t - pad.b;
  ctx.fillStyle = '#0b0d14';
  ctx.fillRect(0, 0, w, h);
  const bins = b.edges.length;
  const max = Math.max(1, ...b.edges);
  const bw = pw / bins;
  ctx.fillStyle = '#4f7cc4';
  for (let k = 0; k < bins; k++) {
    const bh = (b.edges[k] / max) * ph;
    ctx.fillRect(pad.l + k * bw + 0.5, pad.t + ph - bh, Math.max(1, bw - 1), bh);
  }
  // fraction blocked per bin (bins without arrivals are skipped), on its own scale
  const scale = blockedScale(b);
  if (scale.line) {
    ctx.strokeStyle = '#ff2f6a';
    ctx.lineWidth = 2;
    ctx.beginPath();
    let pen = false;
    for (let k = 0; k < bins; k++) {
      const all = b.delivered[k] + b.blocked[k];
      if (all === 0) {
        pen = false;
        continue;
      }
      const x = pad.l + (k + 0.5) * bw, y = pad.t + ph * (1 - b.blocked[k] / all / scale.top);
      if (pen) ctx.lineTo(x, y);
      else ctx.moveTo(x, y);
      pen = true;
    }
    ctx.stroke();
  }
  const xOf = (log: number) => pad.l + ((log - b.lo) / (b.hi - b.lo)) * pw;
  ctx.strokeStyle = '#e8e8e8';
  ctx.lineWidth = 1;
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  ctx.moveTo(xOf(0), pad.t);
  ctx.lineTo(xOf(0), pad.t + ph);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.font = '11px sans-serif';
  ctx.fillStyle = scale.line ? '#ff2f6a' : '#8a93a8';
  ctx.fillText(scale.caption, pad.l + 2, pad.t + 10);
  // read by the end-to-end test
  canvas.dataset.blockedCaption = scale.caption;
  ctx.fillStyle = '#8a93a8';
  for (let log = b.lo; log <= b.hi; log++) {
    const label = log === 0 ? 'Λ=1' : `${10 ** log}`;
    ctx.fillText(label, Math.min(w - 28, Math.max(0, xOf(log) - 8)), h - 4);
  }
}
