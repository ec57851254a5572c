/** Spike-list CSV files (the codec is formats/spikes-csv.ts). */
import type { SpikeList } from '../engine/simulation.js';
import { spikeRowsFromCsv, spikesFromCsv, type SpikeRows } from '../formats/spikes-csv.js';
import { readText } from './files.js';

export function readSpikesCsv(path: string): SpikeList {
  return spikesFromCsv(readText(path), path);
}

/** As readSpikesCsv, with the line of each spike (for messages about one spike). */
export function readSpikeRowsCsv(path: string): SpikeRows {
  return spikeRowsFromCsv(readText(path), path);
}
