import { test } from 'node:test';
import assert from 'node:assert/strict';
import { histogramSpec, rasterSpec, type VegaLiteSpec } from '../../src/report/index.js';
import { renderChart, renderSvg, svgToPng } from '../../src/node/render.js';
import { countMarkItems } from './helpers.js';

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

// IHDR is the first chunk: 8-byte signature, 4-byte length, "IHDR", width, height.
function pngSize(png: Uint8Array): { width: number; height: number } {
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength);
  assert.equal(String.fromCharCode(...png.subarray(12, 16)), 'IHDR');
  return { width: dv.getUint32(16), height: dv.getUint32(20) };
}

function svgSize(svg: string): { width: number; height: number } {
  const m = /^<svg[^>]*\swidth="(\d+)"[^>]*\sheight="(\d+)"/.exec(svg);
  assert.ok(m, 'root <svg> has width and height');
  return { width: Number(m[1]), height: Number(m[2]) };
}

void test('raster SVG has one symbol per finite spike and per blocked arrival', async () => {
  const svg = await renderSvg(
    rasterSpec(
      { node: [0, 1, 2, 3, 2, NaN], time: [1, 2, 3, 4, 5, 6] },
      { blocked: { node: [1, 2], time: [2.5, 3.5] } },
    ),
  );
  assert.equal(countMarkItems(svg, 'layer_0_marks'), 5);
  assert.equal(countMarkItems(svg, 'layer_1_marks'), 2);
  assert.ok(svg.includes('blocked arrival'), 'legend entry for blocked arrivals');
  assert.ok(svg.includes('time (ms)'));
  assert.ok(svg.includes('font-family="DejaVu Sans"'));
});

void test('raster above maxPoints draws only the subsample and notes it', async () => {
  const n = 100;
  const node = Array.from({ length: n }, (_, i) => i % 7);
  const time = Array.from({ length: n }, (_, i) => i);
  const svg = await renderSvg(rasterSpec({ node, time }, { maxPoints: 10 }));
  assert.equal(countMarkItems(svg, 'layer_0_marks'), 10);
  assert.ok(svg.includes('showing 10 of 100 spikes'));

  const full = await renderSvg(rasterSpec({ node, time }, { maxPoints: 100 }));
  assert.equal(countMarkItems(full, 'layer_0_marks'), 100);
  assert.ok(!full.includes('showing'));
});

void test('raster node labels appear on the y axis', async () => {
  const svg = await renderSvg(rasterSpec({ node: [0, 1, 2], time: [1, 2, 3] }, { nodeLabel: (i) => ['AVAL', 'AVAR', 'DD01'][i] }));
  for (const name of ['AVAL', 'AVAR', 'DD01']) assert.ok(svg.includes(`>${name}</text>`), name);
});

void test('histogram SVG draws one rect per bin', async () => {
  const svg = await renderSvg(histogramSpec([1, 2, 2, 3, 3, 3, 4, 9], { xTitle: 'Λ', bins: 6, markLines: [{ value: 1, label: 'Λ = 1' }] }));
  assert.equal(countMarkItems(svg, 'layer_0_marks'), 6);
  assert.ok(svg.includes('Λ = 1'));
});

void test('rendering is deterministic, including clip-path ids and concurrent renders', async () => {
  const raster = rasterSpec({ node: [0, 1, 2, 1], time: [0.5, 1, 2.25, 3] }, { title: 'det', blocked: { node: [0], time: [1.5] } });
  // A clipped line chart makes Vega emit numbered <clipPath> ids.
  const clipped = {
    data: { values: [{ x: 1, y: 1 }, { x: 2, y: 4 }, { x: 3, y: 9 }] },
    mark: { type: 'line', clip: true },
    encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
  } as VegaLiteSpec;

  const a1 = await renderSvg(raster);
  const c1 = await renderSvg(clipped);
  const [a2, c2, c3] = await Promise.all([renderSvg(raster), renderSvg(clipped), renderSvg(clipped)]);
  assert.ok(c1.includes('clipPath'), 'test spec must actually use a clip path');
  assert.equal(a1, a2);
  assert.equal(c1, c2);
  assert.equal(c1, c3);
});

void test('PNG has the signature and twice the SVG width by default', async () => {
  const { svg, png } = await renderChart(rasterSpec({ node: [0, 1], time: [1, 2] }));
  assert.deepEqual([...png.subarray(0, 8)], PNG_SIGNATURE);
  const s = svgSize(svg);
  const p = pngSize(png);
  assert.equal(p.width, 2 * s.width);
  assert.equal(p.height, 2 * s.height);

  const small = svgToPng(svg, { width: 500 });
  assert.deepEqual([...small.subarray(0, 8)], PNG_SIGNATURE);
  assert.equal(pngSize(small).width, 500);
});
