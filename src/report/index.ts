// The report module: chart specs (Vega-Lite), HTML reports and text tables; no rendering
// (SVG/PNG rendering is Node-side: node/render.ts).
export * from './charts.js';
export * from './html.js';
export * from './table.js';
