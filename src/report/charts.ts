// Vega-Lite spec builders for the standard report charts. Pure data -> JSON, no
// Node built-ins, so the same specs can be embedded in a browser view. Heavy
// lifting (binning, subsampling) happens here in plain loops so that charts of
// millions of spikes stay cheap to compile and render.
import type { TopLevelSpec } from 'vega-lite';
import { formatNumber, groupThousands } from './table.js';

export type VegaLiteSpec = TopLevelSpec;

/** Parallel arrays of spike (or arrival) events. */
export interface SpikeTrain {
  node: ArrayLike<number>;
  time: ArrayLike<number>;
}

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 280;
export const FONT_FAMILY = 'DejaVu Sans';
export const DEFAULT_MAX_POINTS = 40_000;

// Shared look. The fixed font is what makes the SVG text metrics match the
// DejaVu files resvg loads for PNG output.
const CONFIG = {
  font: FONT_FAMILY,
  background: 'white',
  view: { stroke: '#ccc' },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#eee' },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', labelLimit: 320 },
  title: { fontSize: 14, subtitleFontSize: 11, subtitleColor: '#555', anchor: 'start' },
} as const;

// Stroked symbol paths in vega's unit coordinates (scaled by sqrt(size)/2).
const VLINE = 'M0,-1L0,1';
const XCROSS = 'M-1,-1L1,1M-1,1L1,-1';
const BLOCKED_LABEL = 'blocked arrival';
const BLOCKED_COLOR = '#d62728';

/**
 * Deterministic, evenly strided subsample: `max` indices spread over [0, n)
 * (first index 0, always increasing). Returns all indices when n <= max.
 */
export function strideIndices(n: number, max: number): number[] {
  const m = Math.max(0, Math.min(n, Math.floor(max)));
  const out = new Array<number>(m);
  if (m === n) {
    for (let i = 0; i < n; i++) out[i] = i;
  } else {
    for (let i = 0; i < m; i++) out[i] = Math.floor((i * n) / m);
  }
  return out;
}

// Notes (subsampling, dropped points) go in the subtitle; Vega hides a subtitle
// whose title text is empty, so untitled charts show the note as a muted title.
function title(text: string | undefined, fallback: string, notes: string[]): VegaLiteSpec['title'] {
  const t = text ?? fallback;
  const note = notes.join('; ');
  if (note === '') return t === '' ? undefined : t;
  return t === '' ? { text: note, fontSize: 11, fontWeight: 'normal', color: '#555' } : { text: t, subtitle: note };
}

function subsampleNote(shown: number, total: number, what: string): string {
  return `showing ${groupThousands(shown)} of ${groupThousands(total)} ${what}`;
}

function finite(x: number): boolean {
  return Number.isFinite(x);
}

export interface RasterOptions {
  title?: string;
  blocked?: SpikeTrain;
  maxPoints?: number;
  nodeLabel?: (i: number) => string;
  groups?: { node: number; group: string }[];
  /** Fixed time axis [start, end] (ms), e.g. the simulated interval. */
  timeDomain?: readonly [number, number];
}

/** Spike raster: time (ms) on x, node on y; blocked arrivals as red crosses. */
export function rasterSpec(spikes: SpikeTrain, opts: RasterOptions = {}): VegaLiteSpec {
  const maxPoints = opts.maxPoints ?? DEFAULT_MAX_POINTS;
  const notes: string[] = [];
  const groupOf = new Map<number, string>();
  for (const g of opts.groups ?? []) groupOf.set(g.node, g.group);
  const useGroups = groupOf.size > 0;

  let lo = Infinity;
  let hi = -Infinity;
  const collect = (train: SpikeTrain, what: string): Record<string, number | string>[] => {
    const n = Math.min(train.node.length, train.time.length);
    const idx = strideIndices(n, maxPoints);
    if (idx.length < n) notes.push(subsampleNote(idx.length, n, what));
    const rows: Record<string, number | string>[] = [];
    for (const i of idx) {
      const node = train.node[i];
      const t = train.time[i];
      if (!finite(node) || !finite(t)) continue;
      if (node < lo) lo = node;
      if (node > hi) hi = node;
      rows.push(useGroups && what === 'spikes' ? { t, n: node, g: groupOf.get(node) ?? '(none)' } : { t, n: node });
    }
    return rows;
  };
  const spikeRows = collect(spikes, 'spikes');
  const blockedRows = opts.blocked ? collect(opts.blocked, 'blocked arrivals') : [];
  if (lo > hi) [lo, hi] = [0, 1];

  // Tick length ~ one row per node, clamped to stay visible yet not overlap much.
  const rowPx = Math.min(8, Math.max(2, CHART_HEIGHT / (hi - lo + 1)));
  const x = {
    field: 't',
    type: 'quantitative',
    title: 'time (ms)',
    scale: opts.timeDomain ? { domain: [...opts.timeDomain], nice: false } : { zero: false, nice: false },
  };
  const y = {
    field: 'n',
    type: 'quantitative',
    title: 'node',
    scale: { domain: [lo - 0.5, hi + 0.5], nice: false, zero: false },
    axis: { format: 'd', tickMinStep: 1, grid: false, ...labelAxis(opts.nodeLabel, lo, hi) },
  };

  const layers: object[] = [
    {
      data: { values: spikeRows },
      mark: { type: 'point', shape: VLINE, filled: false, strokeWidth: 1, size: rowPx * rowPx, opacity: 0.85, aria: false },
      encoding: {
        x,
        y,
        ...(useGroups ? { color: { field: 'g', type: 'nominal', title: 'group', scale: { scheme: 'tableau20' } } } : {}),
      },
    },
  ];
  if (opts.blocked) {
    const crossPx = Math.max(4, rowPx);
    const legendScale = (range: string[]) => ({ domain: [BLOCKED_LABEL], range });
    layers.push({
      data: { values: blockedRows.map((r) => ({ ...r, k: BLOCKED_LABEL })) },
      mark: { type: 'point', filled: false, strokeWidth: 1.2, size: crossPx * crossPx, opacity: 0.9, aria: false },
      encoding: {
        x,
        y,
        color: { field: 'k', type: 'nominal', title: null, scale: legendScale([BLOCKED_COLOR]) },
        shape: { field: 'k', type: 'nominal', title: null, scale: legendScale([XCROSS]) },
      },
    });
  }
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CONFIG,
    title: title(opts.title, 'Spike raster', notes),
    layer: layers,
    // Group colours and the "blocked arrival" key are separate legends.
    resolve: { scale: { color: 'independent', shape: 'independent' } },
  } as VegaLiteSpec;
}

// Node names on the y axis via an inline lookup table in a Vega expression
// (specs are JSON, so the callback itself cannot travel with them).
function labelAxis(nodeLabel: ((i: number) => string) | undefined, lo: number, hi: number): object {
  if (!nodeLabel || hi - lo > 5000) return {};
  const names: string[] = [];
  for (let i = lo; i <= hi; i++) names.push(nodeLabel(i));
  const extra = hi - lo + 1 <= 40 ? { values: names.map((_, k) => lo + k), labelOverlap: false } : {};
  // JSON string literals are valid Vega expression string literals.
  return { labelExpr: `${JSON.stringify(names)}[datum.value - ${lo}] || datum.label`, ...extra };
}

/** Result of `binValues`: equal-width bins over the finite values. */
export interface Bins {
  /** bins + 1 edges, ascending. */
  edges: number[];
  counts: number[];
  /** Values skipped because they were NaN or ±Infinity. */
  nonFinite: number;
}

/**
 * Equal-width histogram of the finite values (the last bin includes the
 * maximum). Done in JS so millions of values never reach Vega.
 */
export function binValues(values: ArrayLike<number>, bins = 40): Bins {
  const nb = Math.max(1, Math.floor(bins));
  let lo = Infinity;
  let hi = -Infinity;
  let nonFinite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!finite(v)) {
      nonFinite++;
      continue;
    }
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return { edges: [0, 1], counts: [0], nonFinite };
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  const step = (hi - lo) / nb;
  const edges = Array.from({ length: nb + 1 }, (_, k) => (k === nb ? hi : lo + k * step));
  const counts = new Array<number>(nb).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!finite(v)) continue;
    counts[Math.min(nb - 1, Math.floor((v - lo) / step))]++;
  }
  return { edges, counts, nonFinite };
}

export interface HistogramOptions {
  title?: string;
  xTitle: string;
  bins?: number;
  markLines?: { value: number; label: string }[];
}

/** Histogram of pre-binned values, with optional labelled vertical rules. */
export function histogramSpec(values: ArrayLike<number>, opts: HistogramOptions): VegaLiteSpec {
  const b = binValues(values, opts.bins);
  const rows = b.counts.map((count, k) => ({ x0: b.edges[k], x1: b.edges[k + 1], count }));
  const notes = b.nonFinite > 0 ? [`${groupThousands(b.nonFinite)} non-finite values omitted`] : [];
  const layers: object[] = [
    {
      data: { values: rows },
      mark: { type: 'rect', color: '#4c78a8', stroke: 'white', strokeWidth: 0.5 },
      encoding: {
        x: { field: 'x0', type: 'quantitative', title: opts.xTitle, scale: { zero: false } },
        x2: { field: 'x1' },
        y: { field: 'count', type: 'quantitative', title: 'count' },
      },
    },
  ];
  const lines = (opts.markLines ?? []).filter((m) => finite(m.value));
  if (lines.length > 0) {
    // Labels stagger downwards so that close lines (e.g. Λ = 1 and the median) stay legible.
    const data = { values: lines.map((m, k) => ({ v: m.value, label: m.label, py: 2 + 14 * k })) };
    layers.push(
      { data, mark: { type: 'rule', color: '#d62728', strokeDash: [4, 3] }, encoding: { x: { field: 'v', type: 'quantitative' } } },
      {
        data,
        mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, color: '#d62728', fontSize: 11 },
        encoding: { x: { field: 'v', type: 'quantitative' }, y: { field: 'py', type: 'quantitative', scale: null }, text: { field: 'label', type: 'nominal' } },
      },
    );
  }
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CONFIG,
    title: title(opts.title, 'Histogram', notes),
    layer: layers,
  } as VegaLiteSpec;
}

export interface Series {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

export interface LineOptions {
  title?: string;
  xTitle: string;
  yTitle: string;
  logX?: boolean;
  logY?: boolean;
  points?: boolean;
}

/** Multi-series line chart; non-positive values are dropped on log axes. */
export function lineSpec(series: Series[], opts: LineOptions): VegaLiteSpec {
  const rows: { s: string; x: number; y: number }[] = [];
  let dropped = 0;
  for (const s of series) {
    const n = Math.min(s.x.length, s.y.length);
    for (let i = 0; i < n; i++) {
      const x = s.x[i];
      const y = s.y[i];
      if (!finite(x) || !finite(y) || (opts.logX && x <= 0) || (opts.logY && y <= 0)) {
        dropped++;
        continue;
      }
      rows.push({ s: s.name, x, y });
    }
  }
  const notes = dropped > 0 ? [`${groupThousands(dropped)} points omitted (non-finite or ≤ 0 on a log axis)`] : [];
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CONFIG,
    title: title(opts.title, '', notes),
    data: { values: rows },
    mark: { type: 'line', point: opts.points ?? false, strokeWidth: 1.5 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: opts.xTitle, scale: opts.logX ? { type: 'log' } : { zero: false } },
      y: { field: 'y', type: 'quantitative', title: opts.yTitle, scale: opts.logY ? { type: 'log' } : { zero: false } },
      // Legend keeps the caller's series order.
      color: { field: 's', type: 'nominal', title: null, scale: { domain: series.map((s) => s.name) } },
      // Series that coincide (efficiency and busy fraction on a ring) stay visible: each has its own dash.
      strokeDash: { field: 's', type: 'nominal', title: null, scale: { domain: series.map((s) => s.name), range: series.map((_, k) => LINE_DASHES[k % LINE_DASHES.length]) } },
    },
  };
}

const LINE_DASHES: number[][] = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [12, 4]];

export interface ScatterPoints {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  group?: ArrayLike<string>;
}

export interface ScatterOptions {
  title?: string;
  xTitle: string;
  yTitle: string;
  maxPoints?: number;
}

/** Scatter plot, optionally coloured by group, strided down to `maxPoints`. */
export function scatterSpec(points: ScatterPoints, opts: ScatterOptions): VegaLiteSpec {
  const n = Math.min(points.x.length, points.y.length);
  const idx = strideIndices(n, opts.maxPoints ?? DEFAULT_MAX_POINTS);
  const notes = idx.length < n ? [subsampleNote(idx.length, n, 'points')] : [];
  const rows: Record<string, number | string>[] = [];
  for (const i of idx) {
    const x = points.x[i];
    const y = points.y[i];
    if (!finite(x) || !finite(y)) continue;
    rows.push(points.group ? { x, y, g: points.group[i] ?? '' } : { x, y });
  }
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CONFIG,
    title: title(opts.title, '', notes),
    data: { values: rows },
    mark: { type: 'point', filled: true, size: 14, opacity: 0.6, aria: false },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: opts.xTitle, scale: { zero: false } },
      y: { field: 'y', type: 'quantitative', title: opts.yTitle, scale: { zero: false } },
      ...(points.group ? { color: { field: 'g', type: 'nominal', title: 'group', scale: { scheme: 'tableau10' } } } : {}),
    },
  };
}

/** 1, 2 or 5 times a power of ten, at least `x`. */
export function niceStep(x: number): number {
  if (!(x > 0) || !finite(x)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x * (1 - 1e-12)) return m * p;
  return 10 * p;
}

/**
 * Population rate per bin in Hz per node: spikes in [t, t + binMs) divided by
 * n * binMs / 1000. Spikes outside [0, duration] are ignored; a spike at
 * exactly `duration` lands in the last bin.
 */
export function binRate(time: ArrayLike<number>, n: number, duration: number, binMs: number): { start: number[]; rate: number[] } {
  if (!(binMs > 0) || !finite(binMs)) throw new RangeError(`binMs must be a positive number, got ${binMs}`);
  const nb = Math.max(1, Math.ceil(duration / binMs));
  const counts = new Array<number>(nb).fill(0);
  for (let i = 0; i < time.length; i++) {
    const t = time[i];
    if (!(t >= 0 && t <= duration)) continue;
    counts[Math.min(nb - 1, Math.floor(t / binMs))]++;
  }
  const start = counts.map((_, k) => k * binMs);
  // Per-bin width, so a short final bin is not under-reported.
  const rate = counts.map((c, k) => {
    const w = Math.min(binMs, duration - k * binMs) || binMs;
    return (c * 1000) / (Math.max(1, n) * w);
  });
  return { start, rate };
}

export interface RateOptions {
  n: number;
  binMs?: number;
  duration: number;
  title?: string;
}

/** Population firing rate (Hz per node) over time, as a step line. */
export function rateSpec(spikes: SpikeTrain, opts: RateOptions): VegaLiteSpec {
  const binMs = opts.binMs ?? niceStep(opts.duration / 100);
  const { start, rate } = binRate(spikes.time, opts.n, opts.duration, binMs);
  const rows = start.map((t, k) => ({ t, r: rate[k] }));
  // Closing point so the last step is drawn to the end of the run.
  if (rows.length > 0) rows.push({ t: opts.duration, r: rows[rows.length - 1].r });
  return {
    width: CHART_WIDTH,
    height: 240,
    config: CONFIG,
    title: title(opts.title, 'Population rate', [`${formatNumber(binMs)} ms bins, ${groupThousands(opts.n)} nodes`]),
    data: { values: rows },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5, color: '#4c78a8' },
    encoding: {
      x: { field: 't', type: 'quantitative', title: 'time (ms)', scale: { zero: false, nice: false } },
      y: { field: 'r', type: 'quantitative', title: 'rate (Hz per node)' },
    },
  };
}

export interface OverlayHistogramOptions {
  title?: string;
  xTitle: string;
  bins?: number;
  /** Log-spaced bins and axis (values ≤ 0 are dropped). */
  log?: boolean;
  markLines?: { value: number; label: string }[];
}

/** Several distributions on common bins, drawn as overlaid step outlines. */
export function overlayHistogramSpec(groups: { name: string; values: ArrayLike<number> }[], opts: OverlayHistogramOptions): VegaLiteSpec {
  const tf = opts.log ? Math.log10 : (v: number) => v;
  const inv = opts.log ? (v: number) => 10 ** v : (v: number) => v;
  const keep = (v: number) => finite(v) && (!opts.log || v > 0);
  const all: number[] = [];
  for (const g of groups) for (let i = 0; i < g.values.length; i++) if (keep(g.values[i])) all.push(tf(g.values[i]));
  const b = binValues(all, opts.bins ?? 40);
  const nb = b.counts.length, lo = b.edges[0], step = (b.edges[nb] - lo) / nb;
  const rows: { s: string; x: number; count: number }[] = [];
  for (const g of groups) {
    const counts = new Array<number>(nb).fill(0);
    for (let i = 0; i < g.values.length; i++) if (keep(g.values[i])) counts[Math.min(nb - 1, Math.max(0, Math.floor((tf(g.values[i]) - lo) / step)))]++;
    counts.forEach((c, k) => rows.push({ s: g.name, x: inv(b.edges[k]), count: c }));
    rows.push({ s: g.name, x: inv(b.edges[nb]), count: counts[nb - 1] });
  }
  const x = { field: 'x', type: 'quantitative', title: opts.xTitle, scale: opts.log ? { type: 'log' } : { zero: false } };
  const layers: object[] = [
    {
      data: { values: rows },
      mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.6 },
      encoding: { x, y: { field: 'count', type: 'quantitative', title: 'count' }, color: { field: 's', type: 'nominal', title: null, scale: { domain: groups.map((g) => g.name) } } },
    },
  ];
  const lines = (opts.markLines ?? []).filter((m) => keep(m.value));
  if (lines.length)
    layers.push({ data: { values: lines.map((m) => ({ v: m.value, label: m.label })) }, mark: { type: 'rule', color: '#555', strokeDash: [4, 3] }, encoding: { x: { field: 'v', type: 'quantitative' } } });
  return { width: CHART_WIDTH, height: CHART_HEIGHT, config: CONFIG, title: title(opts.title, 'Histogram', []), layer: layers } as VegaLiteSpec;
}
