export * from './simulation.js';
export type { RecordOptions, RecorderState } from './recorder.js';
export { CODE_FORCE, CODE_INJECT, CODE_DRIVE } from './event-queue.js';
export { GridKernel, runGrid, DRIVE_BLOCK, type GridDrive, type GridKernelOptions, type GridRunOptions, type GridTally } from './grid-kernel.js';
export { toGridNetwork, partitionBounds, type GridNetwork } from './grid-network.js';
export { PoissonCells } from './poisson-cells.js';
export { driveEvents } from './drive-events.js';
