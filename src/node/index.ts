/**
 * Refract's Node edge (`import … from 'refract-networks/node'`): what needs the file system, native
 * code or threads — network, spike, checkpoint and data-set files (written atomically),
 * SONATA circuits and HDF5 spike files (h5wasm), Arrow IPC tables (apache-arrow), the fast
 * grid kernel on worker threads, and rendering charts to SVG/PNG (vega, resvg). Everything
 * else, including the codecs these files use, is the core entry (src/index.ts).
 */

// ------------------------------------------------------------------------------ files
export { readNetworkFile, writeNetworkFile, SIDECAR_THRESHOLD, type WriteNetworkOptions } from './network-file.js';
export { readEdgeList, type EdgeListOptions } from './edge-list.js';
export { readSpikesCsv } from './spikes.js';
export { spikesToArrow, spikesFromArrow, readSpikesArrow } from './spikes-arrow.js';
export { readCheckpoint, writeCheckpoint } from './checkpoint.js';
export { readConnectome, readSomaPositions, readOwmeta } from './connectome.js';
export { readMnist, readIdxDataset, readCsvDataset } from './datasets.js';
export { readIdx } from './idx.js';
export { writeFileAtomic } from './atomic.js';

// ------------------------------------------------------------------- SONATA (h5wasm)
export { exportSonata, importSonata, readSonataSpikes, writeSonataSpikes, type SonataExportOptions, type SonataImportOptions, type SonataSpikes } from './sonata.js';
export { importSonataRun, type SonataRunImport } from './sonata-run.js';
export type { SonataRun, StimulusEvents } from './sonata-inputs.js';

// ------------------------------------------------------------------- threads, pictures
export { runGridThreads, type GridJob, type GridThreadsOptions, type GridThreadsResult } from './grid-threads.js';
export { renderSvg, svgToPng, renderChart } from './render.js';
