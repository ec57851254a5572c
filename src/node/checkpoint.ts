/** Checkpoint files (the codec is formats/checkpoint.ts). */
import type { Checkpoint } from '../engine/simulation.js';
import { checkpointFromBytes, checkpointToBytes } from '../formats/checkpoint.js';
import { writeFileAtomic } from './atomic.js';
import { readBytes } from './files.js';

/** Writes a checkpoint atomically (a killed write leaves the previous file). */
export function writeCheckpoint(path: string, cp: Checkpoint): void {
  writeFileAtomic(path, checkpointToBytes(cp));
}

/** Reads and checks a checkpoint file (see checkpointFromBytes). */
export function readCheckpoint(path: string): Checkpoint {
  return checkpointFromBytes(readBytes(path), path);
}
