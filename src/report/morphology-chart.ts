/**
 * A neuron drawn in 2-D projection: every segment as a line, axonal segments coloured by a
 * value (Λ), the rest in grey. Equal scales on both axes so the cell keeps its shape.
 */
import type { VegaLiteSpec } from './charts.js';
import { FONT_FAMILY } from './charts.js';

export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Colour value for axonal segments; null draws the segment grey. */
  value: number | null;
}

export interface MorphologyChartOptions {
  title?: string;
  /** A second, smaller line (e.g. the parameters), so that the title is not wider than the cell. */
  subtitle?: string;
  valueTitle: string;
  /** Colour domain [low, high]; values outside are clamped. */
  domain?: [number, number];
  /** Value drawn in the middle of the diverging scale (e.g. Λ = 1). */
  mid?: number;
  /**
   * Colour by log(value), and draw the colour bar on a log axis: for a ratio such as Λ, where
   * 1/4 and 4 are equally far from 1. (A linear bar from 0.25 to 4 puts 1 a fifth of the way
   * up and squeezes everything below it.) Needs a positive domain.
   */
  log?: boolean;
  size?: number;
}

export function morphologySpec(segments: Segment[], opts: MorphologyChartOptions): VegaLiteSpec {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const s of segments) {
    x0 = Math.min(x0, s.x1, s.x2);
    x1 = Math.max(x1, s.x1, s.x2);
    y0 = Math.min(y0, s.y1, s.y2);
    y1 = Math.max(y1, s.y1, s.y2);
  }
  if (!(x1 > x0)) [x0, x1] = [0, 1];
  if (!(y1 > y0)) [y0, y1] = [0, 1];
  // a square frame around the longer side keeps µm equal on both axes
  const span = Math.max(x1 - x0, y1 - y0) * 1.04;
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const size = opts.size ?? 560;
  const grey = segments.filter((s) => s.value === null);
  const coloured = segments.filter((s) => s.value !== null);
  const x = { field: 'x1', type: 'quantitative', title: 'x (µm)', scale: { domain: [cx - span / 2, cx + span / 2], nice: false, zero: false } };
  const y = { field: 'y1', type: 'quantitative', title: 'y (µm)', scale: { domain: [cy - span / 2, cy + span / 2], nice: false, zero: false } };
  const colour: Record<string, unknown> = { scheme: 'redblue', reverse: true, clamp: true };
  const log = opts.log === true && opts.domain !== undefined && opts.domain[0] > 0;
  if (log) Object.assign(colour, { type: 'log', domain: opts.domain, ...(opts.mid !== undefined ? { domainMid: opts.mid } : {}) });
  else if (opts.domain) colour.domain = opts.mid !== undefined ? [opts.domain[0], opts.mid, opts.domain[1]] : opts.domain;
  // log ticks on the bar: the domain's ends, powers of two between them, and the middle
  const legend = log ? { legend: { values: logTicks(opts.domain![0], opts.domain![1], opts.mid) } } : {};
  return {
    width: size,
    height: size,
    config: { font: FONT_FAMILY, view: { stroke: null }, axis: { grid: false } },
    title: opts.subtitle && opts.title ? { text: opts.title, subtitle: opts.subtitle, anchor: 'start' } : opts.title,
    layer: [
      { data: { values: grey }, mark: { type: 'rule', color: '#b0b0b0', strokeWidth: 0.8, aria: false }, encoding: { x, y, x2: { field: 'x2' }, y2: { field: 'y2' } } },
      {
        data: { values: coloured },
        mark: { type: 'rule', strokeWidth: 1, aria: false },
        encoding: { x, y, x2: { field: 'x2' }, y2: { field: 'y2' }, color: { field: 'value', type: 'quantitative', title: opts.valueTitle, scale: colour, ...legend } },
      },
    ],
  } as VegaLiteSpec;
}

/** Powers of two in [lo, hi] (lo and hi included), and `mid`: tick values of a log colour bar. */
function logTicks(lo: number, hi: number, mid?: number): number[] {
  const ticks = new Set<number>([lo, hi]);
  for (let p = Math.ceil(Math.log2(lo)); 2 ** p <= hi; p++) ticks.add(2 ** p);
  if (mid !== undefined && mid > lo && mid < hi) ticks.add(mid);
  return [...ticks].sort((a, b) => a - b);
}
