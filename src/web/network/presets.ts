/**
 * The presets of the network view: a base network (tortuosity 1, its own speed and delay),
 * the slider values it starts from, and how it is driven. Runs inside the engine worker.
 */
import { quantileSorted, sortedFinite } from '../../analysis/stats.js';
import { DEFAULT_CONNECTOME_SPEED, DEFAULT_CONNECTOME_SYN_DELAY } from '../../connectome/network.js';
import { crg, CRG, crgInitialPotential } from '../../model/builders/crg.js';
import { ring } from '../../model/builders/fixtures.js';
import { geometric } from '../../model/builders/geometric.js';
import type { Network } from '../../model/types.js';
import { networkFromJson } from '../../formats/network-json.js';
import type { Params, PresetName } from './protocol.js';
import type { BaseNetwork } from './retime.js';

/** How a network is kept active: a Poisson drive, and/or nodes forced every `every` ms from t = 0. */
export interface Drive {
  poisson?: { rate: number; weight: number; kind: 'inject' | 'force' };
  kicks?: { nodes: number[]; every: number };
  initialPotential?: Float64Array;
}

export interface Prepared {
  name: string;
  base: BaseNetwork;
  params: Params;
  drive: Drive;
}

const RING_N = 16;
const RING_RADIUS = 200; // µm
const RING_SPEED = 100; // µm/ms: chord 78 µm → τ ≈ 0.78 ms, period ≈ 12.5 ms

function ringPreset(): Prepared {
  const chord = 2 * RING_RADIUS * Math.sin(Math.PI / RING_N);
  const net = ring({ n: RING_N, latency: chord / RING_SPEED, radius: RING_RADIUS, refractory: 2 });
  return {
    name: `ring of ${RING_N} (sustains while R ≤ N·τ)`,
    base: { net, speed: RING_SPEED, synDelay: 0 },
    params: { R: 2, speed: RING_SPEED, tortuosity: 1 },
    drive: { kicks: { nodes: [0], every: Infinity } },
  };
}

// The tour's network in 2-D: leaky nodes, 0.5 m/s + 0.5 ms synaptic delay, 500 Hz drive.
function geometricPreset(n: number, seed: number): Prepared {
  const net = geometric({ n, dim: 2, connect: { rule: 'k', k: 10 }, speed: 500, synDelay: 0.5, mode: 'leaky', tauM: 10, weight: 0.1, refractory: 2, seed });
  return {
    name: `geometric, ${n} leaky nodes × 10 targets, 1 mm square`,
    base: { net, speed: 500, synDelay: 0.5 },
    params: { R: 2, speed: 500, tortuosity: 1 },
    drive: { poisson: { rate: 500, weight: 0.11, kind: 'inject' } },
  };
}

// CRG (docs/workloads/crg.md) at N = 1000, K = 100: 10^5 edges, latency 0.5 ms + distance / 0.5 m/s.
function crgPreset(seed: number): Prepared {
  const N = 1000;
  const net = crg(N, 100, seed);
  return {
    name: 'CRG small (N = 1000, K = 100)',
    base: { net, speed: CRG.v * 1000, synDelay: CRG.dSyn },
    params: { R: CRG.R, speed: CRG.v * 1000, tortuosity: 1 },
    drive: { poisson: { rate: CRG.rExt, weight: CRG.wExt, kind: 'inject' }, initialPotential: crgInitialPotential(N, seed) },
  };
}

// The connectome, built at build time with the `refract connectome` defaults; ASEL forced every 50 ms.
async function celegansPreset(): Promise<Prepared> {
  const doc = (await import('virtual:refract/celegans')).default;
  const net = networkFromJson(doc, { file: 'celegans.json' });
  const asel = net.labels?.indexOf('ASEL') ?? -1;
  return {
    name: 'C. elegans (Cook 2019), ASEL stimulated every 50 ms',
    base: { net, speed: DEFAULT_CONNECTOME_SPEED, synDelay: DEFAULT_CONNECTOME_SYN_DELAY },
    params: { R: 2, speed: DEFAULT_CONNECTOME_SPEED, tortuosity: 1 },
    drive: { kicks: { nodes: asel >= 0 ? [asel] : [0], every: 50 } },
  };
}

export async function preparePreset(name: PresetName, seed: number): Promise<Prepared> {
  switch (name) {
    case 'ring':
      return ringPreset();
    case 'geometric':
      return geometricPreset(2000, seed);
    case 'geometric-10k':
      return geometricPreset(10000, seed);
    case 'crg':
      return crgPreset(seed);
    case 'celegans':
      return celegansPreset();
  }
}

/** A dropped network: its latencies as given; each node forced at 5 Hz (Poisson) so something happens. */
export function prepareLoaded(net: Network, file: string): Prepared {
  const speed = typeof net.meta.speed === 'number' && net.meta.speed > 0 ? net.meta.speed : 1000;
  const synDelay = typeof net.meta.synDelay === 'number' && net.meta.synDelay >= 0 ? net.meta.synDelay : 0;
  const R = quantileSorted(sortedFinite(net.refractory), 0.5);
  return {
    name: file, // the status line after the name gives its counts
    base: { net, speed, synDelay },
    params: { R, speed, tortuosity: 1 },
    drive: { poisson: { rate: 5, weight: 1, kind: 'force' } },
  };
}
