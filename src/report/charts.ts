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
/**
 * Bounds that keep every spec small whatever the data (a spike at 10^7 ms in a 20 ms run must
 * not make a chart of 10^6 bins): bins of a histogram, bins of a rate chart.
 */
export const MAX_BINS = 1000;
export const MAX_RATE_BINS = 2000;

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
  /**
   * Most node rows drawn: the consecutive ids from the lowest one that fires (ids of a random
   * network carry no order, so this is a sample of its nodes). Default: every row, but
   * BLOCKED_RASTER_ROWS when blocked arrivals are drawn — a cross must have a row of its own to
   * be told from its neighbours; 1,000 rows in 280 px make a solid red wall of them.
   */
  maxRows?: number;
  nodeLabel?: (i: number) => string;
  /** Group of each node; consecutive rows of one group become a labelled band on the y axis. */
  groups?: { node: number; group: string }[];
  /** Colours of groups by name; other groups take the categorical palette in row order. */
  groupColors?: Record<string, string>;
  /** Time axis [start, end] (ms), e.g. the simulated interval; events outside it are left out. */
  timeDomain?: readonly [number, number];
}

/** Rows a raster with blocked arrivals shows by default (4.7 px each at the default height). */
export const BLOCKED_RASTER_ROWS = 60;
/** A grouped raster grows until its thinnest band is this tall (its label's height), up to MAX_RASTER_HEIGHT. */
const BAND_LABEL_PX = 13;
export const MAX_RASTER_HEIGHT = 720;
// vega's tableau10, spelled out so a group's colour does not depend on how many groups follow
// it; unlike tableau20 it has no light/dark pairs of one hue (DB and VB were such a pair).
const CATEGORY_COLORS = ['#4c78a8', '#f58518', '#e45756', '#72b7b2', '#54a24b', '#eeca3b', '#b279a2', '#ff9da6', '#9d755d', '#bab0ac'];

interface Band {
  group: string;
  from: number;
  to: number;
}

/** Runs of consecutive rows in one group, bottom row first. */
function groupBands(groupOf: Map<number, string>, lo: number, hi: number): Band[] {
  const bands: Band[] = [];
  for (let r = lo; r <= hi; r++) {
    const g = groupOf.get(r) ?? '(none)';
    const last = bands[bands.length - 1];
    if (last && last.group === g) last.to = r;
    else bands.push({ group: g, from: r, to: r });
  }
  return bands;
}

/** Spike raster: time (ms) on x, node on y; blocked arrivals as red crosses. */
export function rasterSpec(spikes: SpikeTrain, opts: RasterOptions = {}): VegaLiteSpec {
  const maxPoints = opts.maxPoints ?? DEFAULT_MAX_POINTS;
  const dom = opts.timeDomain && finite(opts.timeDomain[0]) && finite(opts.timeDomain[1]) && opts.timeDomain[1] >= opts.timeDomain[0] ? opts.timeDomain : undefined;
  const inRun = (t: number) => finite(t) && (!dom || (t >= dom[0] && t <= dom[1]));
  const notes: string[] = [];
  const groupOf = new Map<number, string>();
  for (const g of opts.groups ?? []) groupOf.set(g.node, g.group);
  const useGroups = groupOf.size > 0;
  const trains: SpikeTrain[] = [spikes, ...(opts.blocked ? [opts.blocked] : [])];
  const length = (t: SpikeTrain) => Math.min(t.node.length, t.time.length);

  // rows: the node range of the events inside the run, cut to maxRows
  let lo = Infinity;
  let hi = -Infinity;
  for (const train of trains) {
    for (let i = 0, n = length(train); i < n; i++) {
      const node = train.node[i];
      if (!finite(node) || !inRun(train.time[i])) continue;
      if (node < lo) lo = node;
      if (node > hi) hi = node;
    }
  }
  if (lo > hi) [lo, hi] = [0, 1];
  const maxRows = Math.max(1, Math.floor(opts.maxRows ?? (opts.blocked ? BLOCKED_RASTER_ROWS : Infinity)));
  const top = hi - lo + 1 > maxRows ? lo + maxRows - 1 : hi;
  if (top < hi) notes.push(`showing nodes ${groupThousands(lo)}–${groupThousands(top)} of ${groupThousands(lo)}–${groupThousands(hi)}`);

  const collect = (train: SpikeTrain, what: string): Record<string, number | string>[] => {
    const kept: number[] = [];
    let outside = 0;
    for (let i = 0, n = length(train); i < n; i++) {
      const node = train.node[i];
      const t = train.time[i];
      if (!finite(node) || !finite(t)) continue;
      if (!inRun(t)) outside++;
      else if (node >= lo && node <= top) kept.push(i);
    }
    if (outside > 0 && dom) notes.push(`${groupThousands(outside)} ${outside === 1 ? what.replace(/s$/, '') : what} outside ${formatNumber(dom[0])}–${formatNumber(dom[1])} ms left out`);
    const idx = strideIndices(kept.length, maxPoints);
    if (idx.length < kept.length) notes.push(subsampleNote(idx.length, kept.length, what));
    return idx.map((k): Record<string, number | string> => {
      const i = kept[k];
      const t = train.time[i];
      const node = train.node[i];
      return useGroups && what === 'spikes' ? { t, n: node, g: groupOf.get(node) ?? '(none)' } : { t, n: node };
    });
  };
  const spikeRows = collect(spikes, 'spikes');
  const blockedRows = opts.blocked ? collect(opts.blocked, 'blocked arrivals') : [];

  const rows = top - lo + 1;
  const bands = useGroups && rows <= 5000 ? groupBands(groupOf, lo, top) : [];
  const labelledBands = bands.length > 1 && bands.length <= 60;
  const thinnest = bands.reduce((m, b) => Math.min(m, b.to - b.from + 1), Infinity);
  const height = labelledBands ? Math.min(MAX_RASTER_HEIGHT, Math.max(CHART_HEIGHT, Math.ceil((BAND_LABEL_PX * rows) / thinnest))) : CHART_HEIGHT;
  // Tick length ~ one row per node, clamped to stay visible yet not overlap much.
  const rowPx = Math.min(8, Math.max(2, height / rows));
  const x = {
    field: 't',
    type: 'quantitative',
    title: 'time (ms)',
    scale: dom ? { domain: [...dom], nice: false } : { zero: false, nice: false },
  };
  const y = {
    field: 'n',
    type: 'quantitative',
    title: labelledBands ? 'node, by group' : 'node',
    scale: { domain: [lo - 0.5, top + 0.5], nice: false, zero: false },
    axis: labelledBands ? bandAxis(bands) : { format: 'd', tickMinStep: 1, grid: false, ...labelAxis(opts.nodeLabel, lo, top) },
  };

  // group colours: the legend lists the groups top row first, as the raster shows them
  const groupNames = [...new Set(bands.length ? bands.map((b) => b.group) : [...groupOf.values()])].reverse();
  const color = useGroups
    ? {
        field: 'g',
        type: 'nominal',
        title: 'group',
        scale: groupNames.length <= CATEGORY_COLORS.length || opts.groupColors
          ? { domain: groupNames, range: groupNames.map((g, k) => opts.groupColors?.[g] ?? CATEGORY_COLORS[(groupNames.length - 1 - k) % CATEGORY_COLORS.length]) }
          : { domain: groupNames, scheme: 'tableau20' },
      }
    : undefined;
  const layers: object[] = [];
  if (labelledBands) {
    layers.push({
      data: { values: bands.slice(1).map((b) => ({ y: b.from - 0.5 })) },
      mark: { type: 'rule', color: '#999', strokeWidth: 0.6, aria: false },
      encoding: { y: { field: 'y', type: 'quantitative', scale: y.scale } },
    });
  }
  layers.push({
    data: { values: spikeRows },
    mark: { type: 'point', shape: VLINE, filled: false, strokeWidth: 1, size: rowPx * rowPx, opacity: 0.85, clip: true, aria: false },
    encoding: { x, y, ...(color ? { color } : {}) },
  });
  if (opts.blocked) {
    // no taller than a row, so that crosses do not outweigh the spikes they sit among
    const crossPx = Math.max(3, 0.8 * rowPx);
    const legendScale = (range: string[]) => ({ domain: [BLOCKED_LABEL], range });
    layers.push({
      data: { values: blockedRows.map((r) => ({ ...r, k: BLOCKED_LABEL })) },
      mark: { type: 'point', filled: false, strokeWidth: 1, size: crossPx * crossPx, opacity: 0.9, clip: true, aria: false },
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
    height,
    config: CONFIG,
    title: title(opts.title, 'Spike raster', notes),
    layer: layers,
    // Group colours and the "blocked arrival" key are separate legends.
    resolve: { scale: { color: 'independent', shape: 'independent' } },
  } as VegaLiteSpec;
}

// One label per band, at its middle row; ticks would only mark arbitrary rows.
function bandAxis(bands: Band[]): object {
  const middles = bands.map((b) => (b.from + b.to) / 2);
  return {
    values: middles,
    labelExpr: `${JSON.stringify(bands.map((b) => b.group))}[indexof(${JSON.stringify(middles)}, datum.value)]`,
    labelOverlap: false,
    ticks: false,
    grid: false,
    domain: false,
  };
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
  const nb = Math.min(MAX_BINS, Math.max(1, Math.floor(bins) || 1));
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
    // k is NaN only when hi − lo overflows to ∞ and v is at the top
    const k = (v - lo) / step;
    counts[k < nb ? Math.floor(k) : nb - 1]++;
  }
  return { edges, counts, nonFinite };
}

export interface HistogramOptions {
  title?: string;
  xTitle: string;
  bins?: number;
  markLines?: { value: number; label: string }[];
}

/** A labelled vertical rule and where its label goes, in pixels of the plot area. */
export interface PlacedRuleLabel {
  value: number;
  label: string;
  /** Rule position, and the label's left and right edge (px from the plot's left). */
  px: number;
  x0: number;
  x1: number;
  /** Line of text from the top, 0 first. */
  row: number;
}

// DejaVu Sans at 11 px advances ~6.2 px per character on average; 7 keeps a margin.
const LABEL_CHAR_PX = 7;
const LABEL_GAP_PX = 3;
const LABEL_ROW_PX = 14;

/**
 * Places each rule's label beside its rule, right if there is room and left otherwise, and on
 * a lower line when both sides are taken, so that no label is struck through by another rule
 * (Λ = 1 and a median of 1.09 are 20 px apart) or overlaps another label.
 */
export function placeRuleLabels(lines: { value: number; label: string }[], domain: readonly [number, number], width: number): PlacedRuleLabel[] {
  const [d0, d1] = domain;
  const toPx = (v: number) => ((v - d0) / (d1 - d0 || 1)) * width;
  const rules = lines.map((l) => toPx(l.value));
  const placed: PlacedRuleLabel[] = [];
  const free = (x0: number, x1: number, row: number, own: number) =>
    x0 >= 0 && x1 <= width && rules.every((r, k) => k === own || r < x0 - 1 || r > x1 + 1) && placed.every((p) => p.row !== row || p.x1 < x0 - 2 || p.x0 > x1 + 2);
  const order = lines.map((_, k) => k).sort((a, b) => rules[a] - rules[b]);
  for (const k of order) {
    const px = rules[k];
    const w = [...lines[k].label].length * LABEL_CHAR_PX;
    const right = (row: number) => ({ x0: px + LABEL_GAP_PX, x1: px + LABEL_GAP_PX + w, row });
    const left = (row: number) => ({ x0: px - LABEL_GAP_PX - w, x1: px - LABEL_GAP_PX, row });
    let spot: { x0: number; x1: number; row: number } | undefined;
    for (let row = 0; row < lines.length && !spot; row++) spot = [right(row), left(row)].find((s) => free(s.x0, s.x1, s.row, k));
    // crowded beyond help: a line of its own below the others, on the side with more room
    spot ??= px + w < width ? right(lines.length) : left(lines.length);
    placed.push({ value: lines[k].value, label: lines[k].label, px, ...spot });
  }
  return placed;
}

/** [lo, hi] widened to multiples of a 1-2-5 step (about `ticks` of them). */
export function niceDomain(lo: number, hi: number, ticks = 8): [number, number] {
  if (!(hi > lo)) return [lo - 0.5, hi + 0.5];
  const step = niceStep((hi - lo) / ticks);
  return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step];
}

/** Histogram of pre-binned values, with optional labelled vertical rules. */
export function histogramSpec(values: ArrayLike<number>, opts: HistogramOptions): VegaLiteSpec {
  const b = binValues(values, opts.bins);
  const rows = b.counts.map((count, k) => ({ x0: b.edges[k], x1: b.edges[k + 1], count }));
  const notes = b.nonFinite > 0 ? [`${groupThousands(b.nonFinite)} non-finite values omitted`] : [];
  const lines = (opts.markLines ?? []).filter((m) => finite(m.value));
  // A fixed domain puts the rules at known pixels, which is what places their labels.
  const domain = niceDomain(Math.min(b.edges[0], ...lines.map((m) => m.value)), Math.max(b.edges[b.edges.length - 1], ...lines.map((m) => m.value)));
  const xScale = { domain, nice: false, zero: false };
  const layers: object[] = [
    {
      data: { values: rows },
      mark: { type: 'rect', color: '#4c78a8', stroke: 'white', strokeWidth: 0.5 },
      encoding: {
        x: { field: 'x0', type: 'quantitative', title: opts.xTitle, scale: xScale },
        x2: { field: 'x1' },
        y: { field: 'count', type: 'quantitative', title: 'count' },
      },
    },
  ];
  if (lines.length > 0) {
    const placed = placeRuleLabels(lines, domain, CHART_WIDTH).map((p) => ({ ...p, py: 2 + LABEL_ROW_PX * p.row }));
    const text = (extra: object) => ({
      data: { values: placed },
      mark: { type: 'text', align: 'left', baseline: 'top', fontSize: 11, ...extra },
      // label positions are pixels (scale: null): placeRuleLabels has already laid them out
      encoding: { x: { field: 'x0', type: 'quantitative', scale: null }, y: { field: 'py', type: 'quantitative', scale: null }, text: { field: 'label', type: 'nominal' } },
    });
    layers.push(
      { data: { values: placed }, mark: { type: 'rule', color: '#d62728', strokeDash: [4, 3] }, encoding: { x: { field: 'value', type: 'quantitative', scale: xScale } } },
      // a white halo keeps red text legible over the blue bars
      text({ color: 'white', stroke: 'white', strokeWidth: 3, strokeJoin: 'round', opacity: 0.85 }),
      text({ color: '#d62728' }),
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
  /** Fixed y axis, e.g. [−1, 1] for a correlation (otherwise the data's range, which magnifies tiny differences). */
  yDomain?: readonly [number, number];
}

const LINE_DASHES: number[][] = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [12, 4]];
// Open markers, each series its own shape and a smaller size than the one before, so series
// that coincide (where a dash pattern is drawn over another and hides it) nest visibly.
const POINT_SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down'];
const POINT_SIZES = [110, 60, 30, 14];

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
  const names = series.map((s) => s.name);
  const yScale = { ...(opts.logY ? { type: 'log' } : { zero: false }), ...(opts.yDomain ? { domain: [...opts.yDomain], nice: false } : {}) };
  const x = { field: 'x', type: 'quantitative', title: opts.xTitle, scale: opts.logX ? { type: 'log' } : { zero: false } };
  const y = { field: 'y', type: 'quantitative', title: opts.yTitle, scale: yScale };
  // Legend keeps the caller's series order.
  const color = { field: 's', type: 'nominal', title: null, scale: { domain: names } };
  const byIndex = <T>(list: T[]) => names.map((_, k) => list[k % list.length]);
  const layers: object[] = [
    {
      mark: { type: 'line', strokeWidth: 1.5 },
      // Series that coincide (efficiency and busy fraction on a ring) stay visible: each has its own dash.
      encoding: { x, y, color, strokeDash: { field: 's', type: 'nominal', title: null, scale: { domain: names, range: byIndex(LINE_DASHES) } } },
    },
  ];
  if (opts.points) {
    // one layer per series: its marker size is fixed (a size legend would only repeat the names)
    const shape = { field: 's', type: 'nominal', title: null, scale: { domain: names, range: byIndex(POINT_SHAPES) } };
    names.forEach((name, k) =>
      layers.push({
        transform: [{ filter: { field: 's', equal: name } }],
        mark: { type: 'point', filled: false, strokeWidth: 1.4, opacity: 1, size: POINT_SIZES[Math.min(k, POINT_SIZES.length - 1)] },
        encoding: { x, y, color, shape },
      }),
    );
  }
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CONFIG,
    title: title(opts.title, '', notes),
    data: { values: rows },
    layer: layers,
  } as VegaLiteSpec;
}

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
  /** Draw y = x, labelled with this text (e.g. path length against straight distance: the floor). */
  identityLine?: string;
}

/** Scatter plot, optionally coloured by group, strided down to `maxPoints`. */
export function scatterSpec(points: ScatterPoints, opts: ScatterOptions): VegaLiteSpec {
  const n = Math.min(points.x.length, points.y.length);
  const idx = strideIndices(n, opts.maxPoints ?? DEFAULT_MAX_POINTS);
  const notes = idx.length < n ? [subsampleNote(idx.length, n, 'points')] : [];
  const rows: Record<string, number | string>[] = [];
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const i of idx) {
    const x = points.x[i];
    const y = points.y[i];
    if (!finite(x) || !finite(y)) continue;
    rows.push(points.group ? { x, y, g: points.group[i] ?? '' } : { x, y });
    [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)];
  }
  const x = { field: 'x', type: 'quantitative', title: opts.xTitle, scale: { zero: false } };
  const y = { field: 'y', type: 'quantitative', title: opts.yTitle, scale: { zero: false } };
  const layers: object[] = [
    {
      data: { values: rows },
      mark: { type: 'point', filled: true, size: 14, opacity: 0.6, aria: false },
      encoding: { x, y, ...(points.group ? { color: { field: 'g', type: 'nominal', title: 'group', scale: { scheme: 'tableau10' } } } : {}) },
    },
  ];
  // y = x from the lower of the two minima (an axis may grow down to the other's minimum, so
  // the line starts at the first point's height) to the lower maximum (no axis grows upwards)
  const from = Math.min(x0, y0), to = Math.min(x1, y1);
  if (opts.identityLine !== undefined && to > from) {
    const ends = { values: [{ x: from, y: from }, { x: to, y: to }] };
    layers.unshift({ data: ends, mark: { type: 'line', color: '#555', strokeDash: [5, 3], strokeWidth: 1.2 }, encoding: { x, y } });
    // the label above the line's upper end: the line falls to the left, away from the text
    const label = (extra: object) => ({
      data: { values: [{ x: to, y: to, label: opts.identityLine }] },
      mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -5, fontSize: 11, ...extra },
      encoding: { x, y, text: { field: 'label', type: 'nominal' } },
    });
    layers.push(label({ color: 'white', stroke: 'white', strokeWidth: 3, strokeJoin: 'round' }), label({ color: '#333' }));
  }
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CONFIG,
    title: title(opts.title, '', notes),
    layer: layers,
  } as VegaLiteSpec;
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
 * exactly `duration` lands in the last bin. At most MAX_RATE_BINS bins (RangeError
 * beyond: `rateSpec` widens its bins first).
 */
export function binRate(time: ArrayLike<number>, n: number, duration: number, binMs: number): { start: number[]; rate: number[] } {
  if (!(binMs > 0) || !finite(binMs)) throw new RangeError(`binMs must be a positive number, got ${binMs}`);
  if (!(duration >= 0) || !finite(duration)) throw new RangeError(`duration must be a finite number ≥ 0, got ${duration}`);
  const nb = Math.max(1, Math.ceil(duration / binMs));
  if (nb > MAX_RATE_BINS) throw new RangeError(`${duration} ms in ${binMs} ms bins is ${nb} bins, more than ${MAX_RATE_BINS}`);
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

/** Population firing rate (Hz per node) over time, as a step line; at most MAX_RATE_BINS bins. */
export function rateSpec(spikes: SpikeTrain, opts: RateOptions): VegaLiteSpec {
  const asked = opts.binMs ?? niceStep(opts.duration / 100);
  // bins wide enough that there are at most MAX_RATE_BINS of them
  const binMs = Math.ceil(opts.duration / asked) > MAX_RATE_BINS ? niceStep(opts.duration / MAX_RATE_BINS) : asked;
  const { start, rate } = binRate(spikes.time, opts.n, opts.duration, binMs);
  const rows = start.map((t, k) => ({ t, r: rate[k] }));
  // Closing point so the last step is drawn to the end of the run.
  if (rows.length > 0) rows.push({ t: opts.duration, r: rows[rows.length - 1].r });
  const widened = binMs === asked ? '' : ` (widened from ${formatNumber(asked)} ms: at most ${groupThousands(MAX_RATE_BINS)} bins)`;
  return {
    width: CHART_WIDTH,
    height: 240,
    config: CONFIG,
    title: title(opts.title, 'Population rate', [`${formatNumber(binMs)} ms bins${widened}, ${groupThousands(opts.n)} nodes`]),
    data: { values: rows },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5, color: '#4c78a8' },
    encoding: {
      x: { field: 't', type: 'quantitative', title: 'time (ms)', scale: { domain: [0, Math.max(opts.duration, binMs)], zero: false, nice: false } },
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

/** 95 % Wilson score interval of a proportion k / n (n > 0): honest also at k = 0 and for small n. */
export function wilsonInterval(k: number, n: number, z = 1.96): [number, number] {
  if (!(n > 0)) return [0, 1];
  const p = k / n, z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Per bin [x0, x1): how many events (`total`) and how many of them were hits. */
export interface BinnedCounts {
  x0: ArrayLike<number>;
  x1: ArrayLike<number>;
  hits: ArrayLike<number>;
  total: ArrayLike<number>;
}

export interface BinnedFractionOptions {
  title?: string;
  xTitle: string;
  yTitle: string;
  /** What is counted, e.g. "arrivals" (the count panel's axis title: keep it short, it must fit the panel's height). */
  countTitle: string;
  logX?: boolean;
}

/**
 * A fraction per bin (hits / total) with its 95 % interval, above the count of each bin: a
 * bin of 30 events and one of 30,000 look alike as points, and a sparse end bin would read as
 * a sharp rise. Empty bins are left out.
 */
export function binnedFractionSpec(b: BinnedCounts, opts: BinnedFractionOptions): VegaLiteSpec {
  const rows: { x0: number; x1: number; x: number; n: number; f: number; lo: number; hi: number }[] = [];
  const n = Math.min(b.x0.length, b.x1.length, b.hits.length, b.total.length);
  for (let i = 0; i < n; i++) {
    const [x0, x1, k, total] = [b.x0[i], b.x1[i], b.hits[i], b.total[i]];
    if (!(total > 0) || !finite(x0) || !finite(x1) || (opts.logX && !(x0 > 0))) continue;
    const [lo, hi] = wilsonInterval(k, total);
    rows.push({ x0, x1, x: opts.logX ? Math.sqrt(x0 * x1) : (x0 + x1) / 2, n: total, f: k / total, lo, hi });
  }
  let domain = rows.length ? [rows.reduce((m, r) => Math.min(m, r.x0), Infinity), rows.reduce((m, r) => Math.max(m, r.x1), -Infinity)] : [1, 10];
  // a few narrow bins (a ring has one Λ) get some room either side instead of filling the axis
  const g = Math.sqrt(domain[0] * domain[1]);
  if (opts.logX && domain[1] / domain[0] < 4) domain = [g / 2, g * 2];
  else if (!opts.logX && !(domain[1] > domain[0])) domain = [domain[0] - 0.5, domain[1] + 0.5];
  const xScale = { ...(opts.logX ? { type: 'log' } : { zero: false }), domain, nice: false };
  const x = { field: 'x', type: 'quantitative', scale: xScale, axis: { labels: false, ticks: false, domain: false, title: null } };
  const fraction = {
    width: CHART_WIDTH,
    height: 220,
    layer: [
      { mark: { type: 'rule', color: '#9ecae9', strokeWidth: 2 }, encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
      { mark: { type: 'line', color: '#4c78a8', strokeWidth: 1.5 }, encoding: { x, y: { field: 'f', type: 'quantitative', title: opts.yTitle, scale: { zero: true } } } },
      { mark: { type: 'point', filled: true, color: '#4c78a8', size: 30 }, encoding: { x, y: { field: 'f', type: 'quantitative' } } },
    ],
  };
  const counts = {
    width: CHART_WIDTH,
    height: 100,
    mark: { type: 'rect', color: '#bab0ac', stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      x: { field: 'x0', type: 'quantitative', scale: xScale, title: opts.xTitle },
      x2: { field: 'x1' },
      y: { field: 'n', type: 'quantitative', title: opts.countTitle, axis: { tickCount: 3, format: ',d' } },
    },
  };
  return {
    config: CONFIG,
    title: title(opts.title, '', [`whiskers: 95 % interval (Wilson) of each bin's fraction; bars: ${opts.countTitle} per bin`]),
    data: { values: rows },
    vconcat: [fraction, counts],
    spacing: 6,
  } as VegaLiteSpec;
}

/** One cell of a heat map; a null value is drawn as a grey "–". */
export interface HeatmapCell {
  x: number;
  y: number;
  value: number | null;
}

export interface HeatmapOptions {
  title?: string;
  xTitle: string;
  yTitle: string;
  valueTitle: string;
  /** Colour domain [low, high] with an optional middle (a diverging scale). */
  domain: readonly [number, number];
  mid?: number;
  /** How to read the values, for the subtitle. */
  note?: string;
  /** What a "–" cell means, for the subtitle. */
  missing?: string;
}

/**
 * A grid of values (a sweep over two parameters): one cell per (x, y), its value written in
 * it. Nothing can hide behind anything else, which is what goes wrong when the same grid is
 * drawn as one line per y value and several lines coincide.
 */
export function heatmapSpec(cells: HeatmapCell[], opts: HeatmapOptions): VegaLiteSpec {
  const xs = [...new Set(cells.map((c) => c.x))].sort((a, b) => a - b);
  const ys = [...new Set(cells.map((c) => c.y))].sort((a, b) => b - a);
  const rows = cells.map((c) => ({ x: c.x, y: c.y, v: c.value !== null && finite(c.value) ? c.value : null, label: c.value !== null && finite(c.value) ? formatNumber(c.value, 2) : '–' }));
  const missing = rows.filter((r) => r.v === null).length;
  const step = Math.min(120, Math.max(36, Math.floor(CHART_WIDTH / Math.max(1, xs.length))));
  const x = { field: 'x', type: 'ordinal', title: opts.xTitle, sort: xs, axis: { labelAngle: 0 } };
  const y = { field: 'y', type: 'ordinal', title: opts.yTitle, sort: ys };
  const [d0, d1] = opts.domain;
  const colour = { scheme: 'redblue', reverse: true, domain: [d0, d1], ...(opts.mid !== undefined ? { domainMid: opts.mid } : {}) };
  // text dark on pale cells, white on saturated ones
  const span = Math.max(Math.abs(d1 - (opts.mid ?? (d0 + d1) / 2)), Math.abs((opts.mid ?? (d0 + d1) / 2) - d0)) || 1;
  const strong = `datum.v !== null && abs(datum.v - ${opts.mid ?? (d0 + d1) / 2}) > ${0.6 * span}`;
  return {
    config: CONFIG,
    title: title(opts.title, '', [...(opts.note ? [opts.note] : []), ...(missing > 0 && opts.missing ? [`–: ${opts.missing}`] : [])]),
    width: step * xs.length,
    height: Math.min(40, step) * ys.length,
    data: { values: rows },
    layer: [
      { transform: [{ filter: 'datum.v === null' }], mark: { type: 'rect', color: '#eee', stroke: 'white' }, encoding: { x, y } },
      { transform: [{ filter: 'datum.v !== null' }], mark: { type: 'rect', stroke: 'white' }, encoding: { x, y, color: { field: 'v', type: 'quantitative', title: opts.valueTitle, scale: colour } } },
      { mark: { type: 'text', fontSize: 11 }, encoding: { x, y, text: { field: 'label', type: 'nominal' }, color: { condition: { test: strong, value: 'white' }, value: '#222' } } },
    ],
  } as VegaLiteSpec;
}
