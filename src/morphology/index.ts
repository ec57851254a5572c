/** Real neurons: SWC morphologies, their checks and repairs. Browser-safe (no Node built-ins). */
export * from './types.js';
export {
  parseSwc,
  formatSwc,
  describeSoma,
  somaGroups,
  mainSomaGroup,
  treeOrder,
  swcTypeName,
  sortProblems,
  type MorphologyGeometry,
} from './swc.js';
export { validateMorphology, checkSwc, forest, isZeroLength, type Forest } from './validate.js';
export { repairMorphology, type RepairOptions } from './repair.js';
export * from './velocity.js';
export * from './arbor.js';
export * from './arbor-network.js';
export * from './jitter.js';
