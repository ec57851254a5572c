/**
 * Network kinds the CLI can build, with their defaults, and presets: a kind plus the
 * stimulus and duration that make it show something (used by `simulate --preset` and the
 * tour). Option names are shared by `build`, `simulate` and `sweep`.
 */
import { Command, Option } from 'commander';
import { geometric, type ConnectRule } from '../model/builders/geometric.js';
import { lattice, pair, race, ring } from '../model/builders/fixtures.js';
import { crg, CRG } from '../model/builders/crg.js';
import type { Mode, Network, NodeParams } from '../model/types.js';
import { readEdgeList } from '../node/edge-list.js';
import { InputError } from '../formats/errors.js';
import { choice, int, intUpTo, MAX_LATTICE_SIDE, MAX_NODES_OPTION, MAX_OUT_EDGES, nonNegative, num, positive } from './args.js';

export const KINDS = ['geometric', 'ring', 'pair', 'race', 'lattice', 'crg', 'from-edges'] as const;
export type Kind = (typeof KINDS)[number];

export interface NetworkOptions {
  seed?: number;
  n?: number;
  ringSize?: number;
  dim?: number;
  box?: number;
  k?: number;
  radius?: number;
  p0?: number;
  lambda?: number;
  speed?: number;
  synDelay?: number;
  tortuosity?: number;
  weight?: number;
  inhibitory?: number;
  inhibitoryGain?: number;
  refractory?: number;
  threshold?: number;
  processing?: number;
  mode?: Mode;
  window?: number;
  tauM?: number;
  latency?: number;
  tauAb?: number;
  tauCb?: number;
  rows?: number;
  cols?: number;
  spacing?: number;
  neighbourhood?: number;
  periodic?: boolean;
  N?: number;
  K?: number;
  variant?: 'crg' | 'det';
  edges?: string;
  positions?: string;
}

/** Adds the network-shaping options to a command. */
export function addNetworkOptions(cmd: Command): Command {
  const opts: Option[] = [
    new Option('--n <count>', 'number of nodes (geometric)').argParser(intUpTo(MAX_NODES_OPTION)),
    new Option('--ring-size <count>', 'nodes in the ring (ring)').argParser(intUpTo(MAX_NODES_OPTION)),
    new Option('--dim <2|3>', 'dimensions of the box (geometric)').argParser(int),
    new Option('--box <um>', 'side of the box, µm (geometric)').argParser(positive),
    new Option('--k <count>', 'random targets per node (geometric)').argParser(int),
    new Option('--radius <um>', 'connect all pairs closer than this, µm (geometric)').argParser(positive),
    new Option('--p0 <p>', 'distance rule: p = p0·exp(−d/λ) (geometric)').argParser(positive),
    new Option('--lambda <um>', 'distance rule length constant λ, µm (geometric)').argParser(positive),
    new Option('--speed <um/ms>', 'conduction speed, µm/ms (1 m/s = 1000)').argParser(positive),
    new Option('--syn-delay <ms>', 'synaptic delay added to every edge, ms').argParser(nonNegative),
    new Option('--tortuosity <x>', 'path length / straight distance (≥ 1)').argParser(positive),
    new Option('--weight <w>', 'edge weight').argParser(num),
    new Option('--inhibitory <fraction>', 'fraction of inhibitory nodes (geometric)').argParser(nonNegative),
    new Option('--inhibitory-gain <g>', 'inhibitory weight = −g · weight (geometric)').argParser(nonNegative),
    new Option('-R, --refractory <ms>', 'refractory period R, ms').argParser(nonNegative),
    new Option('--threshold <theta>', 'threshold θ (window, leaky)').argParser(num),
    new Option('--processing <ms>', 'processing time P, ms').argParser(nonNegative),
    new Option('--mode <mode>', 'integration: first | window | leaky').argParser(choice(['first', 'window', 'leaky'] as const)),
    new Option('--window <ms>', 'summation window W, ms (window mode)').argParser(nonNegative),
    new Option('--tau-m <ms>', 'membrane time constant τm, ms (leaky mode)').argParser(positive),
    new Option('--latency <ms>', 'latency of every edge, ms (ring, pair)').argParser(nonNegative),
    new Option('--tau-ab <ms>', 'latency a → b (race)').argParser(nonNegative),
    new Option('--tau-cb <ms>', 'latency c → b (race)').argParser(nonNegative),
    new Option('--rows <count>', 'lattice rows').argParser(intUpTo(MAX_LATTICE_SIDE)),
    new Option('--cols <count>', 'lattice columns').argParser(intUpTo(MAX_LATTICE_SIDE)),
    new Option('--spacing <um>', 'lattice spacing, µm').argParser(positive),
    new Option('--neighbourhood <4|8>', 'lattice neighbours').argParser(int),
    new Option('--periodic', 'lattice wraps around'),
    new Option('--N <count>', 'CRG nodes').argParser(intUpTo(MAX_NODES_OPTION)),
    new Option('--K <count>', 'CRG out-edges per node').argParser(intUpTo(MAX_OUT_EDGES)),
    new Option('--variant <crg|det>', 'CRG variant').argParser(choice(['crg', 'det'] as const)),
    new Option('--edges <file>', 'edge list CSV or JSON (from-edges)'),
    new Option('--positions <file>', 'node positions CSV node,x,y,z in µm (from-edges)'),
  ];
  for (const o of opts) cmd.addOption(o);
  return cmd;
}

function nodeParams(o: NetworkOptions, d: NodeParams): NodeParams {
  return {
    refractory: o.refractory ?? d.refractory,
    threshold: o.threshold ?? d.threshold,
    processing: o.processing ?? d.processing,
    mode: o.mode ?? d.mode,
    window: o.window ?? d.window,
    tauM: o.tauM ?? d.tauM,
  };
}

/** Defaults of the `geometric` kind: a driven, asynchronous cortical-like patch. */
export const GEOMETRIC_DEFAULTS = {
  n: 1000,
  box: 1000,
  k: 20,
  speed: 500,
  synDelay: 0.5,
  weight: 0.1,
  inhibitory: 0.2,
  inhibitoryGain: 4,
  nodes: { refractory: 2, threshold: 1, mode: 'leaky' as Mode, tauM: 10 },
  drive: { rate: 500, weight: 0.11 },
};

export function buildNetwork(kind: Kind, o: NetworkOptions): Network {
  const s = o.seed ?? 1;
  switch (kind) {
    case 'geometric': {
      const d = GEOMETRIC_DEFAULTS;
      let connect: ConnectRule = { rule: 'k', k: o.k ?? d.k };
      if (o.radius !== undefined) connect = { rule: 'radius', radius: o.radius };
      else if (o.lambda !== undefined || o.p0 !== undefined) connect = { rule: 'distance', p0: o.p0 ?? 1, lambda: o.lambda ?? 100 };
      if (o.dim !== undefined && o.dim !== 2 && o.dim !== 3) throw new InputError(`must be 2 or 3, got ${o.dim}`, { field: '--dim' });
      return geometric({
        n: o.n ?? d.n,
        dim: (o.dim ?? 3),
        box: o.box ?? d.box,
        connect,
        speed: o.speed ?? d.speed,
        synDelay: o.synDelay ?? d.synDelay,
        tortuosity: o.tortuosity ?? 1,
        weight: o.weight ?? d.weight,
        inhibitoryFraction: o.inhibitory ?? d.inhibitory,
        inhibitoryGain: o.inhibitoryGain ?? d.inhibitoryGain,
        seed: s,
        ...nodeParams(o, d.nodes),
      });
    }
    case 'ring':
      return ring({ n: o.ringSize ?? o.n ?? 5, latency: o.latency ?? 1, weight: o.weight, ...nodeParams(o, { refractory: 2 }) });
    case 'pair':
      return pair({ latency: o.latency ?? 1, weight: o.weight, ...nodeParams(o, { refractory: 1.5 }) });
    case 'race':
      return race({ tauAB: o.tauAb ?? 1, tauCB: o.tauCb ?? 1.5, weight: o.weight, ...nodeParams(o, { refractory: 2 }) });
    case 'lattice':
      return lattice({
        rows: o.rows ?? 20,
        cols: o.cols ?? 20,
        spacing: o.spacing ?? 50,
        speed: o.speed ?? 100,
        synDelay: o.synDelay ?? 0,
        tortuosity: o.tortuosity,
        neighbourhood: o.neighbourhood === 8 ? 8 : 4,
        periodic: o.periodic,
        weight: o.weight,
        ...nodeParams(o, { refractory: 3 }),
      });
    case 'crg':
      return crg(o.N ?? 1000, o.K ?? 10, s, { variant: o.variant ?? 'crg' });
    case 'from-edges': {
      if (!o.edges) throw new InputError('from-edges needs --edges FILE', { field: '--edges' });
      return readEdgeList(o.edges, {
        positions: o.positions,
        speed: o.speed,
        synDelay: o.synDelay,
        tortuosity: o.tortuosity,
        weight: o.weight,
        nodes: nodeParams(o, {}),
      });
    }
  }
}

/** What a preset stimulates, and for how long it runs by default. */
export interface Stimulus {
  force?: [number, number][];
  drive?: { rate: number; weight: number };
  initialPotential?: 'crg';
}

export interface Preset {
  kind: Kind;
  description: string;
  duration: number;
  stimulus: (net: Network) => Stimulus;
}

export const PRESETS: Record<string, Preset> = {
  geometric: {
    kind: 'geometric',
    description: '1000 leaky nodes in a 1 mm cube, 20 random targets each, 0.5 m/s, Poisson drive',
    duration: 1000,
    stimulus: () => ({ drive: GEOMETRIC_DEFAULTS.drive }),
  },
  ring: { kind: 'ring', description: 'a ring of 5 nodes, latency 1 ms, R = 2 ms; node 0 forced at 0', duration: 50, stimulus: () => ({ force: [[0, 0]] }) },
  pair: { kind: 'pair', description: 'two nodes 0 ⇄ 1, latency 1 ms, R = 1.5 ms; node 0 forced at 0', duration: 20, stimulus: () => ({ force: [[0, 0]] }) },
  race: { kind: 'race', description: 'a → b (1 ms) races c → b (1.5 ms), R = 2 ms; a and c forced at 0', duration: 10, stimulus: () => ({ force: [[0, 0], [2, 0]] }) },
  lattice: {
    kind: 'lattice',
    description: '20 × 20 lattice, 50 µm spacing, 0.1 m/s, R = 3 ms; the centre forced at 0 (a wave)',
    duration: 40,
    stimulus: (net) => ({ force: [[Math.floor(net.n / 2) + 10, 0]] }),
  },
  crg: {
    kind: 'crg',
    description: 'CRG reference workload (N = 1000, K = 10 unless --N/--K): leaky nodes, Poisson drive',
    duration: 1000,
    stimulus: () => ({ drive: { rate: CRG.rExt, weight: CRG.wExt }, initialPotential: 'crg' }),
  },
};

export function presetNames(): string {
  return Object.keys(PRESETS).join(', ');
}
