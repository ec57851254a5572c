/**
 * A Connectome as a Refract network: one node per neuron at its soma position, chemical
 * synapses as directed edges, gap junctions as an edge each way. Latency = straight-line
 * soma distance / speed + delay; the straight line is shorter than the real neurite path
 * (neurites run round the nerve ring and along the cords), so latencies are lower bounds
 * on conduction time at the chosen speed.
 */
import { InputError } from '../formats/errors.js';
import { EdgeList, makeNetwork } from '../model/build.js';
import { DEFAULT_NODE, type Mode, type Network } from '../model/types.js';
import type { Connectome } from './datasets.js';
import { cellType, cellTypes, isGabaergic, neuronClass, transmitters, type CellType } from './names.js';
import { synapseSign, type SignBasis } from './signs.js';
import type { Owmeta, Position } from './positions.js';

/**
 * Default conduction speed, µm/ms (= 0.5 m/s). C. elegans neurites are unmyelinated and
 * thin (0.1–0.5 µm); unmyelinated fibres conduct at roughly 1–2 m/s × √(diameter/µm)
 * (mammalian C fibres of 0.2–1.5 µm: 0.5–2 m/s), which gives 0.3–1 m/s here. 0.5 m/s
 * puts the longest soma-to-soma distance (~720 µm, head to tail) at ~1.4 ms.
 */
export const DEFAULT_CONNECTOME_SPEED = 500;
/** Default synaptic delay, ms: transmitter release and receptor opening at a chemical synapse. */
export const DEFAULT_CONNECTOME_SYN_DELAY = 1;
/** Default gap-junction delay, ms: none — current flows through the junction directly (conduction along the neurites still takes length / speed). */
export const DEFAULT_CONNECTOME_GAP_DELAY = 0;

/**
 * Edge weights: `sections` — the data as they are: Cook et al. 2019 give the size of a
 * connection as the number of EM serial sections its synapses span, summed over them (older
 * tables give synapse counts), divided by `sectionScale`; `normalized` — those sizes divided by
 * the target's total input (chemical and electrical), so every neuron's inputs sum to 1 and θ is
 * the share of its input that must arrive together; `unit` — 1 per edge.
 */
export type ConnectomeWeight = 'sections' | 'normalized' | 'unit';
/** Signs of chemical edges: `none` (all excitatory), `gaba` (senders releasing GABA inhibit), `receptors` (signs.ts). */
export type ConnectomeSign = 'none' | 'gaba' | 'receptors';

export interface ConnectomeNetworkOptions {
  /** Soma positions (µm) by normalised name, e.g. from readSomaPositions. */
  positions: Map<string, Position>;
  /** The file the positions came from, named when a neuron has none. */
  positionsFile?: string;
  /** Cell types and transmitters; needed for `signByTransmitter`, and for `typeOf` (else all `unknown`). */
  owmeta?: Owmeta;
  /** Conduction speed, µm/ms (default DEFAULT_CONNECTOME_SPEED = 500, i.e. 0.5 m/s). */
  speed?: number;
  /** Delay added to chemical edges, ms (default 1). */
  synDelay?: number;
  /** Delay added to gap-junction edges, ms (default 0: direct current flow; latency = length / speed). */
  gapDelay?: number;
  refractory?: number;
  mode?: Mode;
  threshold?: number;
  window?: number;
  tauM?: number;
  /** See ConnectomeWeight. Default `sections`. */
  weight?: ConnectomeWeight;
  /** Divides sizes in `sections` weighting (default 1): the size that equals one unit of threshold. */
  sectionScale?: number;
  /** See ConnectomeSign; `gaba` and `receptors` need owmeta. Default `none`. */
  sign?: ConnectomeSign;
  /** `pair` (default): a gap junction becomes an edge each way; `none`: gap junctions are left out. */
  gap?: 'pair' | 'none';
}

export interface ConnectomeNetwork {
  net: Network;
  /** Node i is neuron names[i] (= net.labels). */
  names: string[];
  classOf: string[];
  typeOf: CellType[];
  /** Kind of each edge in the network's CSR order. */
  edgeKind: ('chemical' | 'electrical')[];
}

function positive(v: number, field: string, allowZero = false): number {
  if (!Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) throw new InputError(`must be a finite number ${allowZero ? '>= 0' : '> 0'}, got ${v}`, { field });
  return v;
}

/**
 * Positions of the nodes. A neuron without a position gets the mean of the other neurons
 * of its class that have one (its left/right partner, its numbered siblings); with none,
 * an InputError names the neurons.
 */
function nodePositions(names: readonly string[], positions: Map<string, Position>, file: string | undefined): { pos: Float64Array; imputed: string[] } {
  const pos = new Float64Array(3 * names.length);
  const imputed: string[] = [];
  const missing: string[] = [];
  names.forEach((name, i) => {
    let p = positions.get(name);
    if (!p) {
      const cls = neuronClass(name);
      const mates = [...positions].filter(([n]) => n !== name && cls !== undefined && neuronClass(n) === cls).map(([, q]) => q);
      if (mates.length === 0) return missing.push(name);
      p = [0, 1, 2].map((d) => mates.reduce((s, q) => s + q[d], 0) / mates.length) as Position;
      imputed.push(name);
    }
    pos.set(p, 3 * i);
  });
  if (missing.length > 0) {
    const list = missing.length > 10 ? `${missing.slice(0, 10).join(', ')} and ${missing.length - 10} more` : missing.join(', ');
    throw new InputError(`no soma position for ${list}, nor for any other neuron of their class`, { file, field: file ? undefined : 'positions' });
  }
  return { pos, imputed };
}

export function connectomeNetwork(c: Connectome, opts: ConnectomeNetworkOptions): ConnectomeNetwork {
  const speed = positive(opts.speed ?? DEFAULT_CONNECTOME_SPEED, 'speed');
  const synDelay = positive(opts.synDelay ?? DEFAULT_CONNECTOME_SYN_DELAY, 'synDelay', true);
  const gapDelay = positive(opts.gapDelay ?? DEFAULT_CONNECTOME_GAP_DELAY, 'gapDelay', true);
  const sectionScale = positive(opts.sectionScale ?? 1, 'sectionScale');
  const weighting = opts.weight ?? 'sections';
  const gap = opts.gap ?? 'pair';
  const sign = opts.sign ?? 'none';
  const ow = opts.owmeta;
  if (sign !== 'none' && !ow) throw new InputError('signing synapses needs the owmeta cell table (option owmeta)', { field: 'sign' });

  const names = [...c.neurons];
  const index = new Map(names.map((n, i) => [n, i]));
  const { pos, imputed } = nodePositions(names, opts.positions, opts.positionsFile);
  const dist = (i: number, j: number) => Math.hypot(pos[3 * i] - pos[3 * j], pos[3 * i + 1] - pos[3 * j + 1], pos[3 * i + 2] - pos[3 * j + 2]);
  const node = (name: string) => {
    const i = index.get(name);
    if (i === undefined) throw new RangeError(`connectome: synapse names ${name}, which is not in its neuron list`);
    return i;
  };

  // Edges per source, so that CSR order (a stable sort by source) is known and edgeKind matches it.
  const out: { j: number; w: number; electrical: boolean }[][] = names.map(() => []);
  const selfGaps: string[] = [];
  const signBasis: Record<SignBasis, number> = { receptor: 0, transmitter: 0, unknown: 0 };
  const signOf = (pre: string, post: string): number => {
    if (sign === 'none') return 1;
    if (sign === 'gaba') return isGabaergic(pre, ow!) ? -1 : 1;
    const r = synapseSign(pre, post, ow!);
    signBasis[r.basis]++;
    return r.sign;
  };
  for (const s of c.synapses) {
    const i = node(s.pre);
    const j = node(s.post);
    const w = weighting === 'unit' ? 1 : weighting === 'sections' ? s.count / sectionScale : s.count;
    if (s.kind === 'chemical') out[i].push({ j, w: w * signOf(s.pre, s.post), electrical: false });
    else if (gap === 'pair') {
      // a gap junction between two processes of one neuron couples nothing in a point model
      if (i === j) selfGaps.push(s.pre);
      else {
        out[i].push({ j, w, electrical: true });
        out[j].push({ j: i, w, electrical: true });
      }
    }
  }

  // normalized: each neuron's inputs (by size, whatever their sign) sum to 1
  const inputTotal = new Float64Array(names.length);
  if (weighting === 'normalized') for (const list of out) for (const { j, w } of list) inputTotal[j] += Math.abs(w);
  const edges = new EdgeList();
  const edgeKind: ('chemical' | 'electrical')[] = [];
  out.forEach((list, i) => {
    for (const { j, w, electrical } of list) {
      const len = dist(i, j);
      edges.add(i, j, len / speed + (electrical ? gapDelay : synDelay), weighting === 'normalized' ? w / inputTotal[j] : w, len);
      edgeKind.push(electrical ? 'electrical' : 'chemical');
    }
  });
  const chemicalEdges = edgeKind.filter((k) => k === 'chemical').length;

  const classOf = names.map((n) => neuronClass(n) ?? n);
  const typeOf = names.map((n) => (ow ? cellType(n, ow) : 'unknown'));
  const uniformDelay = gapDelay === synDelay || chemicalEdges === edgeKind.length;
  const cols = edges.columns();
  const params = {
    dataset: c.dataset, speed, synDelay, gapDelay, weight: weighting, sectionScale, sign, gap,
  };
  const net = makeNetwork({
    n: names.length,
    nodes: {
      refractory: opts.refractory ?? DEFAULT_NODE.refractory,
      mode: opts.mode ?? DEFAULT_NODE.mode,
      threshold: opts.threshold ?? DEFAULT_NODE.threshold,
      window: opts.window ?? DEFAULT_NODE.window,
      tauM: opts.tauM ?? DEFAULT_NODE.tauM,
    },
    position: pos,
    labels: names,
    edges: cols,
    meta: {
      name: `celegans-${c.dataset}`,
      builder: 'connectome',
      params,
      speed,
      ...(uniformDelay ? { synDelay } : {}),
      source: c.file,
      classes: classOf,
      cellTypes: typeOf,
      ...(ow ? { allCellTypes: names.map((n) => cellTypes(n, ow)), transmitters: names.map((n) => [...transmitters(n, ow)]) } : {}),
      chemicalEdges,
      electricalEdges: edgeKind.length - chemicalEdges,
      imputedPositions: imputed,
      ...(sign === 'receptors' ? { signBasis } : {}),
      selfGapJunctions: selfGaps,
    },
  });
  return { net, names, classOf, typeOf, edgeKind };
}
