/**
 * Refract: geometric dynamic networks — nodes in space, signals that take time to travel,
 * nodes that cannot respond while refractory (G. A. Silva's competitive-refractory
 * framework). The library: network model and builders, the exact event-driven engine,
 * signalling analysis, file formats and charts.
 */
export * from './model/index.js';
export * from './engine/index.js';
export * from './analysis/index.js';
export * from './morphology/index.js';
export * from './connectome/index.js';
export * from './connectome/experiment.js';
export { runGridThreads, type GridJob, type GridThreadsOptions, type GridThreadsResult } from './parallel/grid-threads.js';
export { exportSonata, importSonata, readSonataSpikes, writeSonataSpikes, type SonataSpikes, type SonataExportOptions } from './io/sonata.js';
export { importSonataRun, type SonataRunImport } from './io/sonata-run.js';
export type { SonataRun, StimulusEvents } from './io/sonata-inputs.js';
export {
  readNetworkFile,
  writeNetworkFile,
  networkToJson,
  networkFromJson,
  networkJsonSchema,
  readEdgeList,
  spikesToCsv,
  spikesToArrow,
  readSpikesCsv,
  readSpikesArrow,
  encodeCheckpoint,
  decodeCheckpoint,
  saveCheckpoint,
  loadCheckpoint,
  InputError,
} from './io/index.js';
export { rasterSpec, histogramSpec, lineSpec, scatterSpec, rateSpec, renderSvg, svgToPng, renderChart, htmlReport } from './report/index.js';
