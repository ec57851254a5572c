/** The C. elegans data files (parsed by src/connectome): connectome tables, soma positions, the owmeta cell table. */
import { join } from 'node:path';
import { connectomeFromText, datasetSpec, type Connectome } from '../connectome/datasets.js';
import { owmetaFromJson, somaPositionsFromCsv, type Owmeta, type Position } from '../connectome/positions.js';
import { readText } from './files.js';

/** Reads dataset `name` from its file in `dir` (file names: DATASET_SPECS[name].file). */
export function readConnectome(name: string, dir: string): Connectome {
  const path = join(dir, datasetSpec(name).file);
  return connectomeFromText(name, readText(path), path);
}

/** Reads c302_soma_positions.csv (or any file of that shape). */
export function readSomaPositions(path: string): Map<string, Position> {
  return somaPositionsFromCsv(readText(path), path);
}

/** Reads owmeta_cache.json. */
export function readOwmeta(path: string): Owmeta {
  return owmetaFromJson(readText(path), path);
}
