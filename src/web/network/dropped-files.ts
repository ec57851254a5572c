/**
 * What the engine worker does with a dropped network JSON or spikes CSV: the library's own
 * codecs (src/formats, the ones `refract` uses on files), so a file is read, and refused with
 * the same message, in the browser as by the CLI. Only the checks against the network on
 * screen are the visualiser's.
 */
import { networkFromJson } from '../../formats/network-json.js';
import { spikeRowsFromCsv } from '../../formats/spikes-csv.js';
import { InputError } from '../../formats/errors.js';
import type { SpikeList } from '../../engine/simulation.js';
import type { Network } from '../../model/types.js';

/** A dropped network file (inline edges: a dropped file has no sidecar beside it). */
export function droppedNetwork(text: string, file: string): Network {
  return networkFromJson(text, { file });
}

/** A dropped spikes CSV to replay on `net`: every node in it, sorted by time (then node). */
export function droppedSpikes(text: string, file: string, net: Network): SpikeList {
  const { spikes, lines } = spikeRowsFromCsv(text, file);
  const order = Array.from(spikes.node, (_, k) => k);
  for (const k of order)
    if (spikes.node[k] >= net.n) throw new InputError(`node ${spikes.node[k]} is not in the loaded network (nodes are 0..${net.n - 1})`, { file, line: lines[k], field: 'node' });
  order.sort((a, b) => spikes.time[a] - spikes.time[b] || spikes.node[a] - spikes.node[b]);
  return { node: Int32Array.from(order, (k) => spikes.node[k]), time: Float64Array.from(order, (k) => spikes.time[k]) };
}
