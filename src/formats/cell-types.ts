/**
 * A list of cell types for morphology files: CSV `file,cell_type[,source]`, one row per SWC file
 * name (the base name). Used to pick the basket cells for the Puppo 2018 population summary.
 */
import { cell, parseCsvTable } from './csv.js';
import { InputError } from './errors.js';

export interface CellTypeEntry {
  cellType: string;
  source: string;
}

export function parseCellTypes(text: string, file?: string): Map<string, CellTypeEntry> {
  const t = parseCsvTable(text, file, ['file', 'cell_type', 'source'], ['file', 'cell_type']);
  const out = new Map<string, CellTypeEntry>();
  for (const row of t.rows) {
    const name = cell(t, row, 'file'), type = cell(t, row, 'cell_type');
    if (!name) throw new InputError('empty file name', { file, line: row.line, field: 'file' });
    if (!type) throw new InputError('empty cell type', { file, line: row.line, field: 'cell_type' });
    if (out.has(name)) throw new InputError(`${name} is listed twice`, { file, line: row.line, field: 'file' });
    out.set(name, { cellType: type, source: cell(t, row, 'source') ?? '' });
  }
  return out;
}
