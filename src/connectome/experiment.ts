/**
 * Experiments on the connectome (George, Puppo & Silva 2021): stimulate a neuron, follow
 * which classes activate in which order, test whether the VB and DB motor neurons activate
 * in alternation, and compare the temporal sequences of a sub-circuit alone and embedded.
 */
import type { SpikeTrainLike } from '../analysis/arrivals.js';
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
  /** Bin width (ms). Default 2. */
  bin?: number;
  /** A bin is one class's when its active fraction exceeds the other's by this much. Default 0.2. */
  margin?: number;
  /** Switches VB ↔ DB needed. Default 3 (VB, DB, VB, DB or the reverse). */
  minSwitches?: number;
  /** Largest share of active bins where both classes are about equally active. Default 0.25. */
  maxMixed?: number;
}

export interface Alternation {
  alternation: boolean;
  /** The collapsed sequence of phases, e.g. ['VB', 'DB', 'VB'] (mixed bins break nothing). */
  phases: string[];
  switches: number;
  activeBins: number;
  mixedBins: number;
  vbSpikes: number;
  dbSpikes: number;
  firstVB: number | null;
  firstDB: number | null;
  criterion: string;
}

/**
 * VB/DB alternation, a defined criterion: bin the spikes of the VB and DB classes; in each
 * bin compare the fraction of each class that fired (so the 11 VB and 7 DB neurons weigh
 * alike); a bin belongs to the class whose fraction is larger by `margin`, else it is mixed.
 * Collapsing consecutive bins of one class gives the phase sequence. Alternation holds when
 * it switches between VB and DB at least `minSwitches` times and at most `maxMixed` of the
 * active bins are mixed.
 */
export function vbDbAlternation(spikes: SpikeTrainLike, classOf: readonly string[], duration: number, o: AlternationOptions = {}): Alternation {
  const bin = o.bin ?? 2, margin = o.margin ?? 0.2, minSwitches = o.minSwitches ?? 3, maxMixed = o.maxMixed ?? 0.25;
  const nb = Math.max(1, Math.ceil(duration / bin));
  const sizeVB = classOf.filter((c) => c === 'VB').length, sizeDB = classOf.filter((c) => c === 'DB').length;
  const vb = new Float64Array(nb), db = new Float64Array(nb);
  let vbSpikes = 0, dbSpikes = 0, firstVB: number | null = null, firstDB: number | null = null;
  for (let k = 0; k < spikes.node.length; k++) {
    const c = classOf[spikes.node[k]], t = spikes.time[k];
    const b = Math.min(nb - 1, Math.floor(t / bin));
    if (c === 'VB') {
      vb[b]++;
      vbSpikes++;
      firstVB ??= t;
    } else if (c === 'DB') {
      db[b]++;
      dbSpikes++;
      firstDB ??= t;
    }
  }
  const phases: string[] = [];
  let active = 0, mixed = 0;
  for (let b = 0; b < nb; b++) {
    const fv = sizeVB ? vb[b] / sizeVB : 0, fd = sizeDB ? db[b] / sizeDB : 0;
    if (fv === 0 && fd === 0) continue;
    active++;
    const label = fv - fd > margin ? 'VB' : fd - fv > margin ? 'DB' : 'mixed';
    if (label === 'mixed') {
      mixed++;
      continue;
    }
    if (phases[phases.length - 1] !== label) phases.push(label);
  }
  const switches = Math.max(0, phases.length - 1);
  return {
    alternation: switches >= minSwitches && active > 0 && mixed / active <= maxMixed,
    phases,
    switches,
    activeBins: active,
    mixedBins: mixed,
    vbSpikes,
    dbSpikes,
    firstVB,
    firstDB,
    criterion: `${bin} ms bins; a bin is VB's or DB's when that class's active fraction leads by > ${margin}; alternation = ≥ ${minSwitches} VB↔DB switches with ≤ ${maxMixed * 100} % mixed bins`,
  };
}
