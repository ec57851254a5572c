// Vega-Lite -> SVG (headless Vega) -> PNG (resvg with bundled DejaVu fonts).
// Everything is pinned so a given spec always yields byte-identical output,
// independent of the machine's installed fonts.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { FONT_FAMILY, type VegaLiteSpec } from '../report/charts.js';

// Resolve via package.json: the package has no entry point of its own.
const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_FILES = [join(fontDir, 'DejaVuSans.ttf'), join(fontDir, 'DejaVuSans-Bold.ttf')];

// Vega numbers clip paths and gradients from module-level counters; renders are
// serialised and the counters reset so ids never depend on earlier renders.
let queue: Promise<unknown> = Promise.resolve();

/** Renders a Vega-Lite spec to an SVG string (deterministic for a given spec). */
export function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const job = queue.then(async () => {
    const compiled = compile({ ...spec, config: { font: FONT_FAMILY, ...spec.config } });
    const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none' });
    try {
      vega.resetSVGDefIds();
      return await view.toSVG();
    } finally {
      view.finalize();
    }
  });
  queue = job.catch(() => undefined);
  return job;
}

/** Rasterises an SVG to PNG; default width is twice the SVG's own width. */
export function svgToPng(svg: string, opts: { width?: number } = {}): Uint8Array {
  const fitTo = opts.width !== undefined ? { mode: 'width' as const, value: Math.round(opts.width) } : { mode: 'zoom' as const, value: 2 };
  const resvg = new Resvg(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    background: 'white',
    fitTo,
  });
  const png = resvg.render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/** Both forms at once: SVG for HTML reports, PNG for files and slides. */
export async function renderChart(spec: VegaLiteSpec, opts: { width?: number } = {}): Promise<{ svg: string; png: Uint8Array }> {
  const svg = await renderSvg(spec);
  return { svg, png: svgToPng(svg, opts) };
}
