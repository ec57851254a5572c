/**
 * Refract's Node edge (`import … from '<package>/node'`): what needs the file system, native
 * code or threads — network, spike, checkpoint and data-set files (written atomically),
 * SONATA circuits and HDF5 spike files (h5wasm), Arrow IPC tables (apache-arrow), the fast
 * grid kernel on worker threads, and rendering charts to SVG/PNG (vega, resvg). Everything
 * else, including the codecs these files use, is the core entry (src/index.ts).
 */

// ------------------------------------------------------------------------------ files
export { readNetworkFile, writeNetworkFile, SIDECAR_THRESHOLD, type WriteNetworkOptions } from './io/network-file.js';
export { readEdgeList, type EdgeListOptions } from './io/edge-list.js';
export { readSpikesCsv } from './io/spikes.js';
export { spikesToArrow, spikesFromArrow, readSpikesArrow } from './io/spikes-arrow.js';
export { readCheckpoint, writeCheckpoint } from './io/checkpoint.js';
export { readConnectome, readSomaPositions, readOwmeta } from './io/connectome.js';
export { readMnist, readIdxDataset, readCsvDataset } from './io/datasets.js';
export { readIdx } from './io/idx.js';
export { writeFileAtomic } from './io/atomic.js';

// ------------------------------------------------------------------- SONATA (h5wasm)
export { exportSonata, importSonata, readSonataSpikes, writeSonataSpikes, type SonataExportOptions, type SonataImportOptions, type SonataSpikes } from './io/sonata.js';
export { importSonataRun, type SonataRunImport } from './io/sonata-run.js';
export type { SonataRun, StimulusEvents } from './io/sonata-inputs.js';

// ------------------------------------------------------------------- threads, pictures
export { runGridThreads, type GridJob, type GridThreadsOptions, type GridThreadsResult } from './parallel/grid-threads.js';
export { renderSvg, svgToPng, renderChart } from './io/render.js';
