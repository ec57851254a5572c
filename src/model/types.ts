/**
 * The network data model: nodes and edges in flat typed arrays, edges in CSR order by
 * source (docs/design.md §2–§4). Units: time ms, length µm, speed µm/ms.
 */

/** How a node turns arrivals into an activation (docs/design.md §2). */
export type Mode = 'first' | 'window' | 'leaky';
export const MODES: readonly Mode[] = ['first', 'window', 'leaky'];
export const MODE_FIRST = 0;
export const MODE_WINDOW = 1;
export const MODE_LEAKY = 2;

/** Free-form provenance: which builder made the network, with which parameters. */
export interface NetworkMeta {
  name?: string;
  builder?: string;
  params?: Record<string, unknown>;
  seed?: number;
  /** Conduction speed (µm/ms) the latencies were derived from, when uniform. */
  speed?: number;
  /** Fixed synaptic delay (ms) added to every edge, when uniform. */
  synDelay?: number;
  /** Time step (ms) of the grid this network's runs use (e.g. from a SONATA import); `refract analyze` defaults to it. */
  gridDt?: number;
  [key: string]: unknown;
}

export interface Network {
  /** Number of nodes. */
  readonly n: number;
  /** Number of edges. */
  readonly m: number;

  // ---- nodes (length n) ----
  /** Refractory period R (ms): a node activated at t ignores arrivals in [t, t+R). */
  readonly refractory: Float64Array;
  /** Threshold θ for `window` and `leaky` modes. */
  readonly threshold: Float64Array;
  /** Processing time P (ms) from activation to emission. */
  readonly processing: Float64Array;
  /** Integration mode per node: 0 first, 1 window, 2 leaky. */
  readonly mode: Uint8Array;
  /** Summation window W (ms) for `window` mode. */
  readonly window: Float64Array;
  /** Membrane time constant τm (ms) for `leaky` mode. */
  readonly tauM: Float64Array;
  /** Positions x,y,z (µm) interleaved, length 3n; null when the network has no geometry. */
  readonly position: Float64Array | null;
  /** Optional node names (e.g. neuron names of a connectome). */
  readonly labels: readonly string[] | null;

  // ---- edges, CSR by source ----
  /** Edge range of node i is [offset[i], offset[i+1]); length n+1. */
  readonly offset: Uint32Array | Float64Array;
  /** Target node of each edge. */
  readonly target: Int32Array;
  /** Latency τ (ms) of each edge: path length / speed + synaptic delay. */
  readonly latency: Float64Array;
  /** Weight of each edge (negative = inhibitory), or one weight shared by all edges. */
  readonly weight: Float32Array | number;
  /** Path length (µm) of each edge when known (geometric builders), else null. */
  readonly length: Float64Array | null;

  readonly meta: NetworkMeta;
}

/** Per-node parameters, each a single value for all nodes or one value per node. */
export interface NodeParams {
  refractory?: number | ArrayLike<number>;
  threshold?: number | ArrayLike<number>;
  processing?: number | ArrayLike<number>;
  mode?: Mode | readonly Mode[];
  window?: number | ArrayLike<number>;
  tauM?: number | ArrayLike<number>;
}

/** Defaults: the pure competitive race with a 2 ms refractory period. */
export const DEFAULT_NODE = {
  refractory: 2,
  threshold: 1,
  processing: 0,
  mode: 'first' as Mode,
  window: 1,
  tauM: 10,
} as const;

/** Weight of edge e. */
export function edgeWeight(net: Network, e: number): number {
  const w = net.weight;
  return typeof w === 'number' ? w : w[e];
}

/** Source node of every edge (expands the CSR offsets). */
export function edgeSources(net: Network): Int32Array {
  const src = new Int32Array(net.m);
  for (let i = 0; i < net.n; i++) {
    const end = net.offset[i + 1];
    for (let e = net.offset[i]; e < end; e++) src[e] = i;
  }
  return src;
}

/** Bytes held by the edge arrays, divided by the number of edges. */
export function bytesPerEdge(net: Network): number {
  if (net.m === 0) return 0;
  let b = net.target.byteLength + net.latency.byteLength + net.offset.byteLength;
  if (typeof net.weight !== 'number') b += net.weight.byteLength;
  if (net.length) b += net.length.byteLength;
  return b / net.m;
}
