/**
 * Experiments on the connectome (George, Puppo & Silva 2021): stimulate a neuron, follow
 * which classes activate in which order, test whether the VB and DB motor neurons activate
 * in alternation, and compare the temporal sequences of a sub-circuit alone and embedded.
 */
import type { SpikeTrainLike } from '../analysis/arrivals.js';
import { causalChains, causalGraph, countWalks, distinctWalks, preservedChains, preservedInGraph } from '../analysis/causal.js';
import { Simulation, type SpikeList } from '../engine/simulation.js';
import { createRng } from '../model/random.js';
import { connectomeNetwork, type ConnectomeNetwork, type ConnectomeNetworkOptions } from './network.js';
import { antiPhase, type AntiPhase } from '../analysis/alternation.js';
import { InputError } from '../formats/errors.js';
import type { Connectome } from './datasets.js';
import { KNOWN_NEURONS, NEURON_CLASSES, nearestNames, neuronClass, normaliseName } from './names.js';

/** Circuits that can be named on the command line (by neuron classes). */
export const NAMED_CIRCUITS: Record<string, { classes: string[]; about: string }> = {
  locomotion: { classes: ['AVA', 'AVB', 'AVD', 'AVE', 'PVC', 'DVA', 'VA', 'VB', 'DA', 'DB', 'AS', 'VD', 'DD'], about: 'command interneurons and ventral-cord motor neurons' },
  chemotaxis: { classes: ['ASE', 'AIY', 'AIB', 'AIZ', 'AIA', 'RIA', 'AWC', 'RIB', 'SMB'], about: 'the salt-chemotaxis circuit downstream of ASE' },
  'ase-to-motor': { classes: ['ASE', 'AIY', 'AIB', 'AIZ', 'AIA', 'RIA', 'AVA', 'AVB', 'AVD', 'AVE', 'PVC', 'VA', 'VB', 'DA', 'DB'], about: 'ASE through first-layer interneurons and command interneurons to the A- and B-type motor neurons' },
};

/**
 * Resolves neuron names, class names (all members) and named circuits; an unknown name is a
 * one-line error with the nearest known names.
 */
export function resolveNeurons(items: string[], field: string): string[] {
  const out = new Set<string>();
  for (const raw of items) {
    const item = raw.trim();
    if (!item) continue;
    const circuit = NAMED_CIRCUITS[item.toLowerCase()];
    if (circuit) {
      for (const n of KNOWN_NEURONS) if (circuit.classes.includes(neuronClass(n) ?? '')) out.add(n);
      continue;
    }
    const name = normaliseName(item);
    if (KNOWN_NEURONS.includes(name)) {out.add(name);}
    else if (NEURON_CLASSES.includes(name)) {
      for (const n of KNOWN_NEURONS) if (neuronClass(n) === name) out.add(n);
    } else
      {throw new InputError(`unknown neuron "${item}" (nearest: ${nearestNames(name).join(', ')}; circuits: ${Object.keys(NAMED_CIRCUITS).join(', ')})`, { field });}
  }
  return [...out].sort();
}

/** The connectome restricted to the synapses among `members` (an isolated sub-circuit). */
export function subConnectome(c: Connectome, members: readonly string[]): Connectome {
  const keep = new Set(members);
  return {
    ...c,
    dataset: `${c.dataset} (sub-circuit of ${members.length} neurons)`,
    neurons: c.neurons.filter((n) => keep.has(n)),
    synapses: c.synapses.filter((s) => keep.has(s.pre) && keep.has(s.post)),
  };
}

/**
 * Stimulus times of a pattern: `once` (t = 0), `every:MS` (0, MS, 2·MS, … < duration) or
 * `poisson:HZ` (a Poisson train at HZ drawn from the seed, so that no rhythm is imposed).
 */
export function stimulusTimes(pattern: string, duration: number, seed: number): number[] {
  if (pattern === 'once') return [0];
  const m = /^(every|poisson):([0-9.]+)$/.exec(pattern);
  if (!m || !(Number(m[2]) > 0)) throw new InputError(`expected "once", "every:MS" or "poisson:HZ", got "${pattern}"`, { field: '--pattern' });
  const v = Number(m[2]);
  const out: number[] = [];
  if (m[1] === 'every') for (let t = 0; t < duration; t += v) out.push(t);
  else {
    const rng = createRng(seed);
    for (let t = rng.exponential(1000 / v); t < duration; t += rng.exponential(1000 / v)) out.push(t);
  }
  return out;
}

export interface ConnectomeRun extends ConnectomeNetwork {
  spikes: SpikeList;
}

/** Builds the network and forces each stimulated neuron at the pattern's times; runs `duration` ms. */
export function runConnectome(c: Connectome, netOpts: ConnectomeNetworkOptions, stimulate: readonly string[], pattern: string, duration: number, seed: number): ConnectomeRun {
  const cn = connectomeNetwork(c, netOpts);
  const sim = new Simulation(cn.net);
  const times = stimulusTimes(pattern, duration, seed);
  for (const name of stimulate) {
    const i = cn.names.indexOf(name);
    if (i < 0) throw new InputError(`${name} (--stimulate) has no synapses in this ${c.dataset} table`, { file: c.file });
    for (const t of times) sim.force(i, t);
  }
  return { ...cn, spikes: sim.run(duration).spikes() };
}

/**
 * A control connectome with the same neurons, the same connection sizes and every neuron's
 * in- and out-degree, but random partners: the receivers of chemical synapses are permuted
 * among them, and so are the partners of gap junctions (a configuration-model rewiring).
 * What it still shows is not due to the specific wiring.
 */
export function rewiredConnectome(c: Connectome, seed: number): Connectome {
  const rng = createRng(seed);
  const shuffled = (xs: string[]) => {
    const a = xs.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  const chem = c.synapses.filter((x) => x.kind === 'chemical'), gap = c.synapses.filter((x) => x.kind === 'electrical');
  const chemPost = shuffled(chem.map((x) => x.post)), gapPost = shuffled(gap.map((x) => x.post));
  return {
    ...c,
    dataset: `${c.dataset} (rewired, seed ${seed})`,
    synapses: [...chem.map((x, k) => ({ ...x, post: chemPost[k] })), ...gap.map((x, k) => ({ ...x, post: gapPost[k] }))],
  };
}

/**
 * The same neurons and internal wiring of a sub-circuit, with everything outside it rewired: in
 * every synapse that has an end outside `members`, those outside ends are permuted among all such
 * ends. Members keep their internal synapses and their number and sizes of outside connections;
 * only who is on the other side changes. The control for "embedding in *this* connectome".
 */
export function rewiredOutside(c: Connectome, members: readonly string[], seed: number): Connectome {
  const inside = new Set(members);
  const rng = createRng(seed);
  const slots: { k: number; end: 'pre' | 'post' }[] = [];
  c.synapses.forEach((x, k) => {
    if (inside.has(x.pre) && inside.has(x.post)) return;
    if (!inside.has(x.pre)) slots.push({ k, end: 'pre' });
    if (!inside.has(x.post)) slots.push({ k, end: 'post' });
  });
  const names = slots.map((q) => c.synapses[q.k][q.end]);
  for (let i = names.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [names[i], names[j]] = [names[j], names[i]];
  }
  const synapses = c.synapses.map((x) => ({ ...x }));
  slots.forEach((q, i) => (synapses[q.k][q.end] = names[i]));
  return { ...c, dataset: `${c.dataset} (outside of the sub-circuit rewired, seed ${seed})`, synapses };
}

export interface SequencePreservation {
  /** Causal chains of each length: distinct ones alone (on neurons both runs have), and how many recur embedded. */
  chains: { length: number; alone: number; preserved: number; fraction: number; truncated: boolean }[];
  /** Maximal causal walks (root to leaf), compared on the shared neurons; `truncated` when the isolated run had more than maxWalks distinct sequences. */
  walks: { alone: number; embedded: number; preserved: number; fraction: number; truncated: boolean };
  /** Walks that recur without passing through neurons outside the sub-circuit. */
  directWalks: { preserved: number; fraction: number };
}

/**
 * How many of a sub-circuit's temporal sequences — time-ordered walks of signals, each signal
 * causing the activation that sends the next — recur when the circuit is embedded: for causal
 * chains of each length, and for maximal walks (see analysis/causal.ts).
 */
export function sequencePreservation(alone: ConnectomeRun, embedded: ConnectomeRun, o: { duration: number; lengths: readonly number[]; maxWalks: number; maxChains?: number }): SequencePreservation {
  const ga = causalGraph(alone.net, alone.spikes, { duration: o.duration }), ge = causalGraph(embedded.net, embedded.spikes, { duration: o.duration });
  const index = new Map(embedded.names.map((n, j) => [n, j]));
  const toEmbedded = (i: number) => index.get(alone.names[i]) ?? null;
  const chains = o.lengths.map((length) => {
    const ca = causalChains(ga, alone.spikes.node, length, o.maxChains), ce = causalChains(ge, embedded.spikes.node, length, o.maxChains);
    const p = preservedChains(ca.chains, ce.chains, toEmbedded);
    return { length, alone: p.sequences, preserved: p.preserved, fraction: p.fraction, truncated: ca.truncated || ce.truncated };
  });
  // the isolated run's distinct walk sequences are listed; the embedded run is searched as a graph, exactly
  const wa = distinctWalks(ga, alone.spikes.node, o.maxWalks);
  const p = preservedInGraph(wa.nodes, ge, embedded.spikes.node, toEmbedded, alone.names.length);
  const direct = preservedInGraph(wa.nodes, ge, embedded.spikes.node, toEmbedded, alone.names.length, { direct: true });
  return {
    chains,
    walks: { alone: p.sequences, embedded: countWalks(ge), preserved: p.preserved, fraction: p.fraction, truncated: wa.truncated },
    directWalks: { preserved: direct.preserved, fraction: direct.fraction },
  };
}

/** Classes in order of their first activation, with that time (ms). */
export function activationOrder(spikes: SpikeTrainLike, classOf: readonly string[]): { cls: string; time: number }[] {
  const first = new Map<string, number>();
  for (let k = 0; k < spikes.node.length; k++) {
    const c = classOf[spikes.node[k]];
    if (!first.has(c)) first.set(c, spikes.time[k]);
  }
  return [...first].map(([cls, time]) => ({ cls, time }));
}

export interface AlternationOptions {
  /** Sampling step of the smoothed rates (ms); the verdict does not depend on it (≤ smoothing / 2). Default 2. */
  bin?: number;
  /** Gaussian smoothing σ of the population rates (ms). Default 25. */
  smoothing?: number;
  /** Start of the analysis window (ms): the transient before it is skipped. Default 100. */
  transient?: number;
  /** Label shuffles of the null model. Default 999. */
  shuffles?: number;
  seed?: number;
}

export interface Alternation extends AntiPhase {
  vbNeurons: number;
  dbNeurons: number;
  firstVB: number | null;
  firstDB: number | null;
}

/**
 * VB/DB alternation (George, Puppo & Silva 2021 report VB and DB activations "qualitatively
 * similar to rhythmic motorneuron firing"): the anti-phase statistic of analysis/alternation.ts
 * on the VB and DB classes over [transient, duration) — rates smoothed at a stated timescale,
 * their zero-lag correlation, the dominant frequency, the correlation at half its period and a
 * label-shuffle null. Real dorso-ventral alternation runs at ~0.5–2 Hz (crawling to swimming).
 */
export function vbDbAlternation(spikes: SpikeTrainLike, classOf: readonly string[], duration: number, o: AlternationOptions = {}): Alternation {
  const vb: number[][] = [], db: number[][] = [];
  const row = new Map<number, number[]>();
  classOf.forEach((c, i) => {
    if (c === 'VB' || c === 'DB') {
      const list: number[] = [];
      (c === 'VB' ? vb : db).push(list);
      row.set(i, list);
    }
  });
  let firstVB: number | null = null, firstDB: number | null = null;
  for (let k = 0; k < spikes.node.length; k++) {
    const list = row.get(spikes.node[k]);
    if (!list) continue;
    const t = spikes.time[k];
    list.push(t);
    if (classOf[spikes.node[k]] === 'VB') firstVB ??= t;
    else firstDB ??= t;
  }
  const from = Math.min(o.transient ?? 100, duration);
  const stat = from < duration && vb.length > 0 && db.length > 0
    ? antiPhase({ times: vb }, { times: db }, { window: [from, duration], step: o.bin ?? 2, smoothing: o.smoothing, shuffles: o.shuffles, seed: o.seed })
    : null;
  const base = stat ?? {
    alternating: false, reason: vb.length && db.length ? `nothing after the ${from} ms transient` : 'the network has no VB or no DB neurons',
    antiPhase: null, frequencyHz: null, halfPeriodCorrelation: null, segregation: null, pValue: null, shuffles: 0, spikesA: 0, spikesB: 0,
    window: [from, duration] as [number, number], smoothingMs: o.smoothing ?? 25, stepMs: o.bin ?? 2, criterion: '',
  };
  return { ...base, vbNeurons: vb.length, dbNeurons: db.length, firstVB, firstDB };
}
