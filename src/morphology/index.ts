/** Real neurons: SWC morphologies, their checks and repairs. Browser-safe (no Node built-ins). */
export * from './types.js';
export {
  morphologyFromSwc,
  morphologyToSwc,
  describeSoma,
  somaGroups,
  mainSomaGroup,
  treeOrder,
  swcTypeName,
  sortProblems,
  type MorphologyGeometry,
} from './swc.js';
export { validateMorphology, checkSwc, forest, isZeroLength, type Forest } from './validate.js';
export { repairMorphology, reroot, type RepairOptions } from './repair.js';
export * from './velocity.js';
export * from './arbor.js';
export * from './arbor-network.js';
export * from './jitter.js';
export * from './design-tests.js';
export * from './lambda-scale.js';
export * from './design-report.js';
export { isBasket } from './cell-type.js';
