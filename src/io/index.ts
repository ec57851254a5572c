/** File formats: networks, edge lists, spike lists, checkpoints; errors and atomic writes. */
export * from './errors.js';
export * from './atomic.js';
export {
  networkToJson,
  networkFromJson,
  readNetworkFile,
  writeNetworkFile,
  networkJsonSchema,
  networkJsonSchemaText,
  SIDECAR_THRESHOLD,
  type NetworkDoc,
  type WriteNetworkOptions,
} from './network-json.js';
export { NETWORK_FORMAT, NETWORK_VERSION, networkDocSchema } from './network-schema.js';
export { readEdgeList, type EdgeListOptions } from './edge-list.js';
export { spikesToCsv, spikesFromCsv, readSpikesCsv } from './spikes.js';
export { spikesToArrow, spikesFromArrow, readSpikesArrow } from './spikes-arrow.js';
export { encodeCheckpoint, decodeCheckpoint, saveCheckpoint, loadCheckpoint } from './checkpoint.js';
export { formatJson, parseJsonText } from './json-text.js';
