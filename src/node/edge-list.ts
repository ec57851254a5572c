/** Edge-list files (CSV or JSON) and their positions files (the codec is formats/edge-list.ts). */
import { networkFromEdgeList, type EdgeListNetworkOptions } from '../formats/edge-list.js';
import type { Network } from '../model/types.js';
import { readText } from './files.js';

export interface EdgeListOptions extends EdgeListNetworkOptions {
  /** CSV file `node,x,y,z` (µm) with node positions. */
  positions?: string;
}

/** Reads an edge list (CSV or JSON, by extension or content) and, optionally, a positions file, into a Network. */
export function readEdgeList(path: string, opts: EdgeListOptions = {}): Network {
  const { positions, ...rest } = opts;
  const text = readText(path); // the edge list first: its problems are reported before those of the positions
  return networkFromEdgeList(text, { ...rest, file: path, ...(positions !== undefined ? { positions: { text: readText(positions), file: positions } } : {}) });
}
