export * from './simulation.js';
export type { RecordOptions, RecorderState } from './recorder.js';
export { CODE_FORCE, CODE_INJECT, CODE_DRIVE } from './event-queue.js';
