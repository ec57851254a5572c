/**
 * One point of a parameter sweep: build (or load and modify) the network with the swept
 * parameter set, simulate it with its usual stimulus, analyse the run. Runs in a worker
 * thread (sweep-worker.ts) or in-process; its input and output are plain data.
 */
import { withChanges } from '../model/build.js';
import type { Network } from '../model/types.js';
import { Simulation } from '../engine/simulation.js';
import { analyzeRun } from '../analysis/run-analysis.js';
import { crgInitialPotential } from '../model/builders/crg.js';
import { InputError } from '../formats/errors.js';
import { loadNetwork, stimulate, type SimulateOptions } from './simulate.js';
import { runRecord } from './analysis-summary.js';

export const SWEEP_PARAMS = ['R', 'speed', 'tortuosity'] as const;
export type SweepParam = (typeof SWEEP_PARAMS)[number];

export interface SweepPointSpec {
  file?: string;
  options: SimulateOptions;
  param: SweepParam;
  value: number;
  maxCycles: number;
}

/** A network file with the swept parameter changed (geometry needed for speed/tortuosity). */
export function applyParam(net: Network, param: SweepParam, value: number): Network {
  if (param === 'R') return withChanges(net, { refractory: new Float64Array(net.n).fill(value) });
  const len = net.length;
  if (!len) throw new InputError(`the network has no path lengths (edges.length), so its ${param} cannot be changed; sweep R, or build it with a geometric builder`, { field: '--param' });
  const delay = net.meta.synDelay ?? 0;
  const speed0 = net.meta.speed;
  if (param === 'speed') return withChanges(net, { latency: len.map((l) => l / value + delay), meta: { ...net.meta, speed: value } });
  if (!speed0) throw new InputError('the network does not record its conduction speed (meta.speed)', { field: '--param' });
  const t0 = (net.meta.params?.tortuosity as number | undefined) ?? 1;
  const length = len.map((l) => (l * value) / t0);
  return withChanges(net, { length, latency: length.map((l) => l / speed0 + delay), meta: { ...net.meta, params: { ...net.meta.params, tortuosity: value } } });
}

/** Fails early (in the main thread) when the network cannot take the swept parameter. */
export function checkSweepable(spec: SweepPointSpec): void {
  if (spec.param === 'R') return;
  const loaded = loadNetwork(spec.file, spec.options);
  if (spec.file) applyParam(loaded.net, spec.param, spec.value);
  else if (!loaded.net.length) throw noGeometry(spec);
}

function noGeometry(spec: SweepPointSpec): InputError {
  return new InputError(`preset ${spec.options.preset ?? 'geometric'} has no geometry: its latencies are given directly, so only R can be swept`, { field: '--param' });
}

export function runSweepPoint(spec: SweepPointSpec): Record<string, unknown> {
  const o: SimulateOptions = { ...spec.options };
  if (!spec.file) {
    if (spec.param === 'R') o.refractory = spec.value;
    else if (spec.param === 'speed') o.speed = spec.value;
    else o.tortuosity = spec.value;
  }
  const loaded = loadNetwork(spec.file, o);
  if (!spec.file && spec.param !== 'R' && !loaded.net.length) throw noGeometry(spec);
  const net = spec.file ? applyParam(loaded.net, spec.param, spec.value) : loaded.net;
  const duration = o.duration ?? loaded.duration;
  const seed = o.seed ?? 1;
  const u0 = loaded.stimulus.initialPotential === 'crg' ? crgInitialPotential(net.n, seed) : undefined;
  const sim = new Simulation(net, { seed, dt: o.dt, initialPotential: u0, record: { spikes: true } });
  const stim = stimulate(sim, net, loaded.stimulus, o);
  const t0 = performance.now();
  sim.run(duration);
  const runS = (performance.now() - t0) / 1000;
  const sources = stim.force && !stim.drive ? [...new Set(stim.force.map(([j]) => j))] : undefined;
  const a = analyzeRun(net, sim.spikes(), { duration, dt: o.dt, sources, maxCycles: spec.maxCycles });
  return { param: spec.param, value: spec.value, ...runRecord(a), run_s: runS };
}
