// Public API of the report module: chart specs, rendering, HTML and text tables.
export * from './charts.js';
export * from './render.js';
export * from './html.js';
export * from './table.js';
