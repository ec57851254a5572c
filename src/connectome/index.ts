/** Loading the C. elegans connectome into Refract networks. */
export * from './names.js';
export * from './positions.js';
export * from './datasets.js';
export * from './network.js';
export { parseDelimited } from './table.js';
