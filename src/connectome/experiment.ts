/**
 * Experiments on the connectome (George, Puppo & Silva 2021): stimulate a neuron, follow
 * which classes activate in which order, test whether the VB and DB motor neurons activate
 * in alternation, and compare the temporal sequences of a sub-circuit alone and embedded.
 */
import type { SpikeTrainLike } from '../analysis/arrivals.js';
import { antiPhase, type AntiPhase } from '../analysis/alternation.js';
import { InputError } from '../io/errors.js';
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
