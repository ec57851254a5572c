/** The bundled cells (data/swc) and the cell-type list that `refract morph` and `refract reproduce` share. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCellTypes, type CellTypeEntry } from '../formats/cell-types.js';
import { readText } from '../node/files.js';

/** Bundled basket cells and the cell-type list (data/swc). */
export const BUNDLED_CELLS = fileURLToPath(new URL('../../data/swc', import.meta.url));

/** The bundled list (data/swc/cell-types.csv), with the rows of `typesFile` added or overriding. */
export function cellTypeList(typesFile?: string): Map<string, CellTypeEntry> {
  const bundled = join(BUNDLED_CELLS, 'cell-types.csv');
  const types = parseCellTypes(readText(bundled), bundled);
  if (typesFile) for (const [k, v] of parseCellTypes(readText(typesFile), typesFile)) types.set(k, v);
  return types;
}
