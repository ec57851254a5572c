/** Messages between the network view and its engine worker (plain data, typed arrays transferred). */

export const PRESETS = ['ring', 'geometric', 'geometric-10k', 'crg', 'celegans'] as const;
export type PresetName = (typeof PRESETS)[number];

/** The three geometric knobs of the model the sliders control. */
export interface Params {
  /** Refractory period R of every node, ms. */
  R: number;
  /** Conduction speed, µm/ms (1 m/s = 1000 µm/ms). */
  speed: number;
  /** Path length / straight-line length (≥ 1). */
  tortuosity: number;
}

export type NetworkOrigin = { kind: 'preset'; preset: PresetName } | { kind: 'file'; file: string };

export type ToEngine =
  | { kind: 'preset'; preset: PresetName; seed: number }
  | { kind: 'load-network'; text: string; file: string }
  | { kind: 'replay'; text: string; file: string }
  | { kind: 'params'; params: Params }
  | { kind: 'kick'; count: number }
  | { kind: 'advance'; gen: number; until: number };

/** Histogram of Λ = R/τ over edges, on log10 bins, with the arrivals each bin delivered and lost. */
export interface LambdaBins {
  lo: number;
  hi: number;
  edges: Float64Array;
  delivered: Float64Array;
  blocked: Float64Array;
}

export interface NetworkInfo {
  kind: 'network';
  /** Generation: events of an older network are ignored. */
  gen: number;
  name: string;
  /** Where the network came from: the preset menu shows it (a file too, not the last preset). */
  origin: NetworkOrigin;
  n: number;
  m: number;
  /** Positions x,y,z (µm) interleaved; a circle layout when the network has none. */
  position: Float32Array;
  source: Int32Array;
  target: Int32Array;
  latency: Float32Array;
  processing: Float32Array;
  refractory: Float32Array;
  /** Node names (a connectome's neurons), or null. */
  labels: string[] | null;
  params: Params;
  lambda: LambdaBins;
  medianLambda: number;
}

export interface EngineEvents {
  kind: 'events';
  gen: number;
  from: number;
  until: number;
  /** Spikes in [from, until), by time. */
  spikeNode: Int32Array;
  spikeTime: Float64Array;
  /** Nodes that blocked at least one arrival in [from, until). */
  blockedNode: Int32Array;
  lambda: LambdaBins;
  /** Arrivals delivered and blocked since the network started. */
  totals: { delivered: number; blocked: number };
}

export type FromEngine = NetworkInfo | EngineEvents | { kind: 'error'; message: string } | { kind: 'status'; message: string };
