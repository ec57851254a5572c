/**
 * Per-neuron data files: soma positions (c302_soma_positions.csv, µm) and the owmeta cell
 * table (owmeta_cache.json: cell types, receptors, transmitters). Names are normalised
 * (names.ts) so they match the connectome tables.
 */
import { parseCsvTable, cell, numberCell } from '../formats/csv.js';
import { InputError } from '../formats/errors.js';
import { showValue } from '../formats/numbers.js';
import { parseJsonText } from '../formats/json-text.js';
import { normaliseName } from './names.js';

export type Position = [number, number, number];

/** Largest soma coordinate (µm): 1 km, a million times the worm. */
const MAX_COORDINATE = 1e9;

const POSITION_COLUMNS = ['neuron', 'x', 'y', 'z', 'soma_diameter', 'n_segments'];

/** Soma positions from CSV text `neuron,x,y,z[,soma_diameter,n_segments]` (µm). */
export function somaPositionsFromCsv(text: string, file?: string): Map<string, Position> {
  const t = parseCsvTable(text, file, POSITION_COLUMNS, ['neuron', 'x', 'y', 'z']);
  const out = new Map<string, Position>();
  for (const row of t.rows) {
    const raw = cell(t, row, 'neuron');
    if (raw === undefined) throw new InputError('missing neuron name', { file, line: row.line, field: 'neuron' });
    const name = normaliseName(raw);
    // a name listed twice would leave it unclear which position is meant
    if (out.has(name)) throw new InputError(`neuron ${name} is listed twice`, { file, line: row.line, field: 'neuron' });
    const xyz = (['x', 'y', 'z'] as const).map((c) => {
      const v = numberCell(t, row, c);
      if (v === undefined) throw new InputError('missing coordinate', { file, line: row.line, field: c });
      // distances between coordinates near 1e308 overflow to infinite latencies
      if (Math.abs(v) > MAX_COORDINATE) throw new InputError(`coordinate ${v} µm is beyond ±10^9 µm`, { file, line: row.line, field: c });
      return v;
    });
    out.set(name, [xyz[0], xyz[1], xyz[2]]);
  }
  return out;
}

export interface OwmetaNeuron {
  /** `sensory`, `interneuron`, `motor` (one or more), or `unknown`. */
  types: string[];
  receptors: string[];
  transmitters: string[];
}

export interface Owmeta {
  neurons: Map<string, OwmetaNeuron>;
  /** Names of the muscles in `muscle_info` (MDL01 … MVR24). */
  muscles: string[];
}

function stringList(v: unknown, file: string | undefined, field: string): string[] {
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw new InputError(`expected a list of strings, got ${showValue(v)}`, { file, field });
  return v;
}

/**
 * owmeta_cache.json: `neuron_info[name] = [uri, types, receptors, transmitters, label,
 * colour]`, `muscle_info[name] = [...]`. JSON has no useful line numbers here, so errors
 * name the field (`neuron_info.ADAL[3]`).
 */
export function owmetaFromJson(text: string, file?: string): Owmeta {
  const doc = parseJsonText(text, file); // one line, file:line and column
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(doc) || !isObject(doc.neuron_info)) throw new InputError('expected an object with a "neuron_info" object', { file, field: 'neuron_info' });
  const neurons = new Map<string, OwmetaNeuron>();
  for (const [raw, entry] of Object.entries(doc.neuron_info)) {
    const field = `neuron_info.${raw}`;
    if (!Array.isArray(entry) || entry.length < 4) throw new InputError(`expected [uri, types, receptors, transmitters, …], got ${showValue(entry)}`, { file, field });
    neurons.set(normaliseName(raw), {
      types: stringList(entry[1], file, `${field}[1]`),
      receptors: stringList(entry[2], file, `${field}[2]`),
      transmitters: stringList(entry[3], file, `${field}[3]`),
    });
  }
  const muscles = isObject(doc.muscle_info) ? Object.keys(doc.muscle_info).map(normaliseName) : [];
  return { neurons, muscles };
}
