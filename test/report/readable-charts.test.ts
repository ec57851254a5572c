// What a reader of the standard pictures needs (issue 14, item 11) and that no input makes a
// chart spec unbounded (item 13): asserted on the Vega-Lite specs, and on the rendered SVG
// where that is cheap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BLOCKED_RASTER_ROWS, MAX_BINS, MAX_RATE_BINS, binValues, binnedFractionSpec, histogramSpec, lineSpec, placeRuleLabels, rasterSpec, rateSpec, scatterSpec, wilsonInterval } from '../../src/report/index.js';
import { renderSvg } from '../../src/node/render.js';
import { groupedRaster, sweepSpec, CONNECTOME_GROUP_COLORS } from '../../src/cli/connectome.js';
import { morphologyPictures } from '../../src/cli/morph-pictures.js';
import { morphologyFromSwc } from '../../src/morphology/swc.js';
import { analyzeArbor } from '../../src/morphology/arbor.js';
import { velocityModel } from '../../src/morphology/velocity.js';
import { countMarkItems } from './helpers.js';

type Json = Record<string, unknown>;
type Layer = { data?: { values: Json[] }; mark: Json | string; encoding?: Json; transform?: Json[] };
const asJson = (x: unknown): Json => JSON.parse(JSON.stringify(x)) as Json;
const layers = (spec: Json): Layer[] => spec.layer as Layer[];
const markType = (l: Layer) => (typeof l.mark === 'string' ? l.mark : (l.mark.type as string));

/** Text items of the rendered SVG: content and translate(x, y). */
function svgTexts(svg: string): { text: string; x: number; y: number }[] {
  return [...svg.matchAll(/<text[^>]*transform="translate\(([-\d.]+),([-\d.]+)\)"[^>]*>([^<]*)<\/text>/g)].map((m) => ({ text: m[3], x: Number(m[1]), y: Number(m[2]) }));
}

void test('blocked-vs-lambda: every bin carries its count and a 95 % interval that is wide for a sparse bin', () => {
  // a full bin and a sparse last bin with the same-looking fraction jump
  const spec = asJson(binnedFractionSpec({ x0: [0.5, 1, 2], x1: [1, 2, 4], hits: [200, 210, 2], total: [10_000, 10_000, 30] }, { xTitle: 'Λ', yTitle: 'blocked', countTitle: 'arrivals', logX: true }));
  const rows = (spec.data as { values: { n: number; f: number; lo: number; hi: number }[] }).values;
  assert.deepEqual(rows.map((r) => r.n), [10_000, 10_000, 30]);
  for (const r of rows) assert.ok(r.lo <= r.f && r.f <= r.hi);
  assert.ok(rows[2].hi - rows[2].lo > 10 * (rows[0].hi - rows[0].lo), 'the sparse bin is visibly uncertain');
  // the count panel plots n per bin
  const [, counts] = spec.vconcat as { encoding: { y: { field: string } } }[];
  assert.equal(counts.encoding.y.field, 'n');
  const [lo, hi] = wilsonInterval(0, 10);
  assert.equal(lo, 0);
  assert.ok(hi > 0.25 && hi < 0.35, `Wilson upper bound for 0 of 10: ${hi}`);
});

void test('a raster with blocked arrivals shows at most BLOCKED_RASTER_ROWS rows and says which', () => {
  const n = 1000, node: number[] = [], time: number[] = [];
  for (let i = 0; i < n; i++) for (let k = 0; k < 9; k++) [node[node.length], time[time.length]] = [i, k * 100 + (i % 97)];
  const blocked = { node: node.filter((_, k) => k % 3 === 0), time: time.filter((_, k) => k % 3 === 0).map((t) => t + 0.5) };
  const spec = asJson(rasterSpec({ node, time }, { blocked, timeDomain: [0, 1000] }));
  const y = (layers(spec)[0].encoding!.y as { scale: { domain: [number, number] } }).scale.domain;
  assert.equal(y[1] - y[0], BLOCKED_RASTER_ROWS);
  assert.match(JSON.stringify(spec.title), /showing nodes 0–59 of 0–999/);
  for (const l of layers(spec)) for (const r of l.data!.values) assert.ok((r.n as number) < BLOCKED_RASTER_ROWS);
  // spikes alone keep every row
  const all = asJson(rasterSpec({ node, time }, { timeDomain: [0, 1000] }));
  const yAll = (layers(all)[0].encoding!.y as { scale: { domain: [number, number] } }).scale.domain;
  assert.equal(yAll[1] - yAll[0], n);
});

// the C. elegans raster's classes, in the command's order, with made-up names
function connectomeRun() {
  const classOf: string[] = [], typeOf: string[] = [], names: string[] = [];
  const add = (count: number, cls: string, type: string) => {
    for (let k = 0; k < count; k++) [names[names.length], classOf[classOf.length], typeOf[typeOf.length]] = [`${cls}${String(k).padStart(2, '0')}`, cls, type];
  };
  add(80, 'S', 'sensory');
  add(80, 'I', 'inter');
  add(100, 'M', 'motor');
  add(12, 'VA', 'motor');
  add(9, 'DA', 'motor');
  add(11, 'VB', 'motor');
  add(7, 'DB', 'motor');
  const node = Int32Array.from(names.map((_, i) => i));
  return { names, classOf, typeOf, spikes: { node, time: Float64Array.from(node, (i) => i % 50) } };
}

/** Relative luminance-free colour distance in RGB (0 … 441). */
function rgbDistance(a: string, b: string): number {
  const c = (h: string) => [1, 3, 5].map((k) => parseInt(h.slice(k, k + 2), 16));
  const [p, q] = [c(a), c(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

void test('connectome raster: VB, DB, VA and DA rows are labelled on the y axis and VB and DB are far apart in colour', async () => {
  const spec = asJson(groupedRaster(connectomeRun(), 'test', 50));
  const spikeLayer = layers(spec).find((l) => l.data!.values.some((r) => 'g' in r))!;
  const axis = (spikeLayer.encoding!.y as { axis: { labelExpr: string; values: number[] } }).axis;
  for (const g of ['VB', 'DB', 'VA', 'DA', 'motor', 'inter', 'sensory']) assert.ok(axis.labelExpr.includes(`"${g}"`), g);
  const scale = (spikeLayer.encoding!.color as { scale: { domain: string[]; range: string[] } }).scale;
  const colourOf = (g: string) => scale.range[scale.domain.indexOf(g)];
  assert.equal(colourOf('VB'), CONNECTOME_GROUP_COLORS.VB);
  assert.ok(rgbDistance(colourOf('VB'), colourOf('DB')) > 200, `VB ${colourOf('VB')} vs DB ${colourOf('DB')}`);
  assert.equal(new Set(scale.range).size, scale.range.length, 'every group its own colour');
  // a band of 7 rows is tall enough for its label
  assert.ok((spec.height as number) >= (13 * 299) / 7);
  const svg = await renderSvg(groupedRaster(connectomeRun(), 'test', 50));
  const labels = svgTexts(svg).filter((t) => ['VB', 'DB', 'VA', 'DA'].includes(t.text));
  assert.equal(labels.length, 4 * 2, 'each class on the axis and in the legend');
  const axisYs = labels.filter((t) => t.x < 0).map((t) => t.y).sort((a, b) => a - b);
  for (let k = 1; k < axisYs.length; k++) assert.ok(axisYs[k] - axisYs[k - 1] >= 11, `axis labels ${axisYs.join(', ')} overlap`);
});

void test('connectome sweep: one cell per (speed, R), so coinciding values cannot hide each other; missing cells say why', () => {
  const sweep = [100, 500, 1000, 2000].flatMap((speed) => [1, 2, 4].map((R) => ({ speed, R, antiPhase: R < 4 ? 1 : null, reason: R < 4 ? 'ok' : 'too few spikes in the window (3 and 0; need 20 each)' })));
  const spec = asJson(sweepSpec(sweep));
  const rows = (spec.data as { values: { x: number; y: number; label: string }[] }).values;
  assert.equal(new Set(rows.map((r) => `${r.x},${r.y}`)).size, 12);
  assert.deepEqual(rows.filter((r) => r.x === 4).map((r) => r.label), ['–', '–', '–', '–']);
  assert.match(JSON.stringify(spec.title), /no C\(0\): too few spikes in the window"/);
  // and a line chart of coinciding series gives each its own marker shape
  const line = asJson(lineSpec([1, 2, 3].map((k) => ({ name: `s${k}`, x: [1, 2], y: [1, 1] })), { xTitle: 'x', yTitle: 'y', points: true }));
  const shapes = layers(line).filter((l) => markType(l) === 'point').map((l) => (l.encoding!.shape as { scale: { range: string[] } }).scale.range);
  assert.equal(new Set(shapes[0]).size, 3);
  const sizes = layers(line).filter((l) => markType(l) === 'point').map((l) => (l.mark as { size: number }).size);
  assert.ok(sizes[0] > sizes[1] && sizes[1] > sizes[2], 'markers nest where series coincide');
});

const zigzag = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'swc', 'zigzag-axon.swc'), 'utf8');

void test('morphology: the Λ colour scale and its bar are logarithmic, Λ = 1 in the middle', async () => {
  const m = morphologyFromSwc(zigzag, 'zigzag-axon.swc').morphology;
  const a = analyzeArbor(m, { refractory: 1, velocity: velocityModel('constant', 0.5) })!;
  const [[, cell], , [, path]] = morphologyPictures(m, a, 'zz');
  const colour = asJson(cell).layer as { encoding?: { color?: { scale: Json } } }[];
  const scale = colour[1].encoding!.color!.scale;
  assert.equal(scale.type, 'log');
  assert.equal(scale.domainMid, 1);
  const svg = await renderSvg(cell);
  const texts = svgTexts(svg.slice(svg.indexOf('role-legend')));
  const at = (s: string) => texts.find((t) => t.text === s)!.y;
  // (the end labels are nudged inwards by a couple of pixels; a linear bar puts 1 at 4/5 of the way down)
  assert.ok(Math.abs(at('1') - (at('0.25') + at('4')) / 2) <= 3, `1 at ${at('1')}, 0.25 at ${at('0.25')}, 4 at ${at('4')}`);
  assert.ok(Math.abs(at('1') - (at('0.5') + at('2')) / 2) <= 1, 'equal steps per factor of 2');

  // path vs distance: y = x is drawn (a path is never shorter than the straight line)
  const line = layers(asJson(path)).find((l) => markType(l) === 'line')!;
  const ends = line.data!.values as { x: number; y: number }[];
  assert.equal(ends.length, 2);
  for (const e of ends) assert.equal(e.x, e.y);
  assert.ok((await renderSvg(path)).includes('(y = x)'));
});

void test('scatter: the y = x line runs from the lower minimum to the lower maximum of the two axes', () => {
  const spec = asJson(scatterSpec({ x: [10, 50, 100], y: [30, 200, 400] }, { xTitle: 'd', yTitle: 'p', identityLine: 'y = x' }));
  const line = layers(spec).find((l) => markType(l) === 'line')!;
  assert.deepEqual(line.data!.values, [{ x: 10, y: 10 }, { x: 100, y: 100 }]);
  assert.equal(layers(asJson(scatterSpec({ x: [1], y: [2] }, { xTitle: 'd', yTitle: 'p' }))).length, 1, 'no line unless asked');
});

void test('histogram rule labels are never struck through by another rule (Λ = 1 beside the median)', async () => {
  const lines = [{ value: 1, label: 'Λ = 1' }, { value: 1.094, label: 'median' }];
  const placed = placeRuleLabels(lines, [0.5, 4], 640);
  for (const p of placed) {
    for (const q of placed) if (q !== p) assert.ok(q.px < p.x0 || q.px > p.x1, `${p.label} [${p.x0}, ${p.x1}] crosses the ${q.label} rule at ${q.px}`);
    assert.ok(p.x0 >= 0 && p.x1 <= 640);
  }
  // three rules close together: labels stack on lines of their own rather than overlap
  const crowded = placeRuleLabels([{ value: 1, label: 'a long label' }, { value: 1.01, label: 'another label' }, { value: 1.02, label: 'third one' }], [0, 2], 640);
  for (const p of crowded) for (const q of crowded) if (q !== p && q.row === p.row) assert.ok(q.x1 < p.x0 || q.x0 > p.x1, `${p.label} and ${q.label} overlap`);

  // in the tour's histogram as rendered: the label text ends left of the Λ = 1 rule, and the median's starts right of its rule
  const values = Array.from({ length: 2000 }, (_, k) => 0.6 + (3 * k) / 2000);
  const spec = histogramSpec(values, { xTitle: 'Λ', bins: 40, markLines: lines });
  const textLayer = layers(asJson(spec)).at(-1)!;
  const rows = textLayer.data!.values as { label: string; x0: number; x1: number; px: number }[];
  const one = rows.find((r) => r.label === 'Λ = 1')!, median = rows.find((r) => r.label === 'median')!;
  assert.ok(one.x1 < one.px && median.x0 > median.px, JSON.stringify(rows));
  const svg = await renderSvg(spec);
  assert.ok(svg.includes('>Λ = 1</text>') && svg.includes('>median</text>'));
});

void test('specs stay bounded: a spike at 10^7 ms in a 20 ms run, a 10^7 ms rate chart, 10^9 bins asked', async () => {
  const spikes = { node: [0, 1, 0], time: [1, 2, 1e7] };
  const spec = asJson(rasterSpec(spikes, { timeDomain: [0, 20], blocked: { node: [1], time: [5e6] } }));
  for (const l of layers(spec)) for (const r of l.data?.values ?? []) if ('t' in r) assert.ok((r.t as number) <= 20);
  assert.match(JSON.stringify(spec.title), /1 spike outside 0–20 ms left out; 1 blocked arrival outside 0–20 ms left out/);
  const svg = await renderSvg(rasterSpec(spikes, { timeDomain: [0, 20] }));
  const width = Number(/^<svg[^>]*\swidth="(\d+)"/.exec(svg)![1]);
  assert.ok(width < 2000, `SVG width ${width}`);
  assert.equal(countMarkItems(svg, 'layer_0_marks'), 2);

  const rate = asJson(rateSpec({ node: [0], time: [1e7] }, { n: 1, duration: 1e7, binMs: 5 }));
  assert.ok((rate.data as { values: unknown[] }).values.length <= MAX_RATE_BINS + 1);
  assert.match(JSON.stringify(rate.title), /widened from 5 ms/);
  assert.equal(binValues([1, 2, 3], 1e9).counts.length, MAX_BINS);
  const extreme = binValues([-1e308, 1e308, 0], 10);
  assert.equal(extreme.counts.reduce((s, c) => s + c, 0), 3);
});
