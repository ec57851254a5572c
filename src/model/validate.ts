/**
 * Structural and numeric checks of a Network. Each problem names the field (and the index
 * of the offending node or edge) so loaders can turn it into a one-line error.
 */
import { MODE_FIRST, MODE_LEAKY, type Network } from './types.js';

export interface Problem {
  /** Dotted field path, e.g. `edges.latency[12]` or `nodes.refractory[3]`. */
  field: string;
  message: string;
}

const MAX_REPORTED = 20;

export function validateNetwork(net: Network): Problem[] {
  const out: Problem[] = [];
  const add = (field: string, message: string) => {
    if (out.length < MAX_REPORTED) out.push({ field, message });
  };
  const { n, m } = net;
  if (!Number.isInteger(n) || n <= 0) {
    add('nodes.count', 'the network is empty: it needs at least one node');
    return out;
  }
  const nodeArrays: [string, Float64Array, (v: number) => boolean, string][] = [
    ['refractory', net.refractory, (v) => v >= 0 && Number.isFinite(v), 'must be a finite number >= 0'],
    ['threshold', net.threshold, Number.isFinite, 'must be a finite number'],
    ['processing', net.processing, (v) => v >= 0 && Number.isFinite(v), 'must be a finite number >= 0'],
    ['window', net.window, (v) => v >= 0 && Number.isFinite(v), 'must be a finite number >= 0'],
    ['tauM', net.tauM, (v) => v > 0, 'must be > 0'],
  ];
  for (const [name, arr, ok, msg] of nodeArrays) {
    if (arr.length !== n) add(`nodes.${name}`, `expected ${n} values, got ${arr.length}`);
    for (let i = 0; i < arr.length; i++) if (!ok(arr[i])) add(`nodes.${name}[${i}]`, `${msg}, got ${arr[i]}`);
  }
  for (let i = 0; i < net.mode.length; i++) if (net.mode[i] > 2) add(`nodes.mode[${i}]`, `unknown mode code ${net.mode[i]}`);
  const silent = thresholdProblem(net);
  if (silent) add(silent.field, silent.message);
  if (net.position) {
    if (net.position.length !== 3 * n) add('nodes.position', `expected ${3 * n} coordinates, got ${net.position.length}`);
    for (let k = 0; k < net.position.length; k++)
      if (!Number.isFinite(net.position[k])) add(`nodes.position[${Math.floor(k / 3)}]`, `coordinate is not a finite number: ${net.position[k]}`);
  }
  if (net.offset.length !== n + 1) add('edges.offset', `expected ${n + 1} offsets, got ${net.offset.length}`);
  else {
    if (net.offset[0] !== 0 || net.offset[n] !== m) add('edges.offset', `offsets must run from 0 to ${m}`);
    for (let i = 0; i < n; i++) if (net.offset[i + 1] < net.offset[i]) add(`edges.offset[${i + 1}]`, 'offsets must not decrease');
  }
  if (net.target.length !== m) add('edges.target', `expected ${m} targets, got ${net.target.length}`);
  for (let e = 0; e < net.target.length; e++) {
    const t = net.target[e];
    if (t < 0 || t >= n) add(`edges.target[${e}]`, `unknown node id ${t} (nodes are 0..${n - 1})`);
  }
  if (net.latency.length !== m) add('edges.latency', `expected ${m} latencies, got ${net.latency.length}`);
  for (let e = 0; e < net.latency.length; e++) {
    const l = net.latency[e];
    if (!(l >= 0) || !Number.isFinite(l)) add(`edges.latency[${e}]`, `latency must be a finite number >= 0, got ${l}`);
  }
  if (typeof net.weight === 'number') {
    if (!Number.isFinite(net.weight)) add('edges.weight', `weight must be finite, got ${net.weight}`);
  } else {
    if (net.weight.length !== m) add('edges.weight', `expected ${m} weights, got ${net.weight.length}`);
    for (let e = 0; e < net.weight.length; e++) if (!Number.isFinite(net.weight[e])) add(`edges.weight[${e}]`, `weight must be finite, got ${net.weight[e]}`);
  }
  if (net.length) {
    for (let e = 0; e < net.length.length; e++) {
      const l = net.length[e];
      if (!(l >= 0)) add(`edges.length[${e}]`, `path length must be >= 0, got ${l}`);
    }
  }
  return out;
}

/**
 * A `window` or `leaky` node with θ ≤ 0 would fire with no input at all (0 ≥ θ), again
 * whenever its refractory period ends. An event-driven engine evaluates a node only when
 * something arrives, so it would silently never fire such a node: refuse it instead. (In
 * `first` mode θ is not used.) Returns the first such node, or null.
 */
export function thresholdProblem(net: Network): Problem | null {
  for (let i = 0; i < net.n && i < net.threshold.length; i++)
    if (net.mode[i] !== MODE_FIRST && net.threshold[i] <= 0)
      return { field: `nodes.threshold[${i}]`, message: `must be > 0 for ${net.mode[i] === MODE_LEAKY ? 'leaky' : 'window'} nodes, got ${net.threshold[i]}: a node with θ ≤ 0 would fire with no input, which an event-driven engine never evaluates` };
  return null;
}

/** Throws a RangeError naming the first problem. */
export function assertValidNetwork(net: Network): void {
  const p = validateNetwork(net);
  if (p.length > 0) throw new RangeError(`${p[0].field}: ${p[0].message}`);
}
