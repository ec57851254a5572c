/**
 * `refract simulate`: run a network (a file or a preset) and write spikes (CSV, Arrow), a
 * summary and a raster plot into an output directory, all or nothing.
 */
import { Command, Option } from 'commander';
import { readNetworkFile, writeNetworkFile } from '../node/network-file.js';
import { OutputDir } from '../node/atomic.js';
import { readCheckpoint } from '../node/checkpoint.js';
import { readSpikeRowsCsv } from '../node/spikes.js';
import { spikesToCsv } from '../formats/spikes-csv.js';
import { causeColumns, columnsToArrow, columnsToCsv, edgeCountColumns } from '../node/run-records.js';
import { InputError } from '../formats/errors.js';
import { isSidecarOf } from '../formats/sidecar.js';
import { Simulation } from '../engine/simulation.js';
import { crgInitialPotential } from '../model/builders/crg.js';
import { fingerprint } from '../model/fingerprint.js';
import type { Network } from '../model/types.js';
import { refractionRatios, summarizeRatios } from '../analysis/refraction.js';
import { rasterSpec } from '../report/charts.js';
import { addNetworkOptions, buildNetwork, PRESETS, presetNames, type NetworkOptions, type Stimulus } from './networks.js';
import { choice, MAX_DRIVE_HZ, MAX_DURATION_MS, nodeTimes, num, positive, seed, upTo, type NodeRef } from './args.js';
import { progressBar } from './progress.js';
import { printResult } from './output.js';
import { nearest } from '../model/nearest.js';

export interface SimulateOptions extends NetworkOptions {
  preset?: string;
  duration?: number;
  dt?: number;
  force?: [NodeRef, number][];
  stimulus?: string;
  driveRate?: number;
  driveWeight?: number;
  driveKind?: 'inject' | 'force';
  recordEdges?: boolean;
  causes?: boolean;
  saveState?: string;
  resume?: string;
  out: string;
  json?: boolean;
  quiet?: boolean;
}

export interface LoadedNetwork {
  net: Network;
  source: string;
  stimulus: Stimulus;
  duration: number;
  generated: boolean;
}

/** The network of a command: a file, or a preset shaped by the network options. */
export function loadNetwork(file: string | undefined, o: SimulateOptions): LoadedNetwork {
  if (file && o.preset) throw new InputError('give either a network file or --preset, not both', { field: '--preset' });
  if (file) return { net: readNetworkFile(file), source: file, stimulus: { force: [[0, 0]] }, duration: 100, generated: false };
  const name = o.preset ?? 'geometric';
  const preset = PRESETS[name];
  if (!preset) throw new InputError(`unknown preset "${name}" (presets: ${presetNames()})`, { field: '--preset' });
  const net = buildNetwork(preset.kind, o);
  return { net, source: `preset:${name}`, stimulus: preset.stimulus(net), duration: preset.duration, generated: true };
}

/** Applies the preset's stimulus, replaced by any stimulus given on the command line. */
/**
 * The forced activations asked for on the command line: `--force node@t,…` and the rows of a
 * `--stimulus` spike-time list (node,time_ms), each checked against the network's n nodes.
 */
/** A command-line node: an id below n, or one of the network's labels (the nearest labels are suggested). */
export function resolveNode(ref: NodeRef, net: Network, field: string): number {
  if (typeof ref === 'number') {
    if (ref >= net.n) throw new InputError(`unknown node id ${ref} (nodes are 0..${net.n - 1})`, { field });
    return ref;
  }
  const k = net.labels?.indexOf(ref) ?? -1;
  if (k >= 0) return k;
  if (!net.labels) throw new InputError(`"${ref}" is not a node id, and this network has no node labels`, { field });
  const near = nearest(ref, net.labels);
  throw new InputError(`unknown node label "${ref}" (nearest: ${near.join(', ')})`, { field });
}

export function commandLineForces(o: { force?: [NodeRef, number][]; stimulus?: string }, net: Network): [number, number][] {
  const n = net.n;
  const force: [number, number][] = [];
  for (const [ref, t] of o.force ?? []) force.push([resolveNode(ref, net, '--force'), t]);
  if (o.stimulus) {
    const { spikes: list, lines } = readSpikeRowsCsv(o.stimulus);
    for (let k = 0; k < list.node.length; k++) {
      const at = (field: string) => ({ file: o.stimulus, line: lines[k], field });
      if (list.node[k] >= n) throw new InputError(`unknown node id ${list.node[k]} (nodes are 0..${n - 1})`, at('node'));
      if (list.time[k] < 0) throw new InputError(`a stimulus time must be >= 0 ms (runs start at 0), got ${list.time[k]}`, at('time_ms'));
      force.push([list.node[k], list.time[k]]);
    }
  }
  return force;
}

export function stimulate(sim: Simulation, net: Network, base: Stimulus, o: SimulateOptions): Stimulus {
  const custom = o.force !== undefined || o.driveRate !== undefined || o.stimulus !== undefined;
  const st: Stimulus = custom ? { force: commandLineForces(o, net), drive: o.driveRate !== undefined ? { rate: o.driveRate, weight: o.driveWeight ?? 1 } : undefined } : base;
  for (const [node, t] of st.force ?? []) sim.force(node, t); // command-line ids checked above; the engine checks the rest
  if (st.drive) sim.poisson({ rate: st.drive.rate, weight: st.drive.weight, kind: o.driveKind });
  return st;
}

export interface SimulateResult {
  summary: Record<string, unknown>;
  files: string[];
}

export interface SimulationRun {
  loaded: LoadedNetwork;
  sim: Simulation;
  duration: number;
  summary: Record<string, unknown>;
  /** File name (inside the output directory) for the final state, if asked. */
  saveState?: string;
}

/** Builds or loads the network, stimulates it, runs it and summarises the run. */
/** Options a checkpoint decides: refused beside --resume rather than silently ignored. */
const FROM_CHECKPOINT: [keyof SimulateOptions, string][] = [['seed', '--seed'], ['dt', '--dt'], ['force', '--force'], ['stimulus', '--stimulus'], ['driveRate', '--drive-rate'], ['driveWeight', '--drive-weight'], ['driveKind', '--drive-kind'], ['recordEdges', '--record-edges'], ['causes', '--causes']];

/** Outputs a run writes itself; --save-state may not take their names. */
const RUN_FILES = ['spikes.csv', 'spikes.arrow', 'raster.svg', 'raster.png', 'network.json', 'network.bin', 'summary.json', 'edges.csv', 'edges.arrow', 'causes.csv', 'causes.arrow'];

function checkOptions(o: SimulateOptions): void {
  if (o.resume) {
    const given = FROM_CHECKPOINT.filter(([k]) => o[k] !== undefined).map(([, flag]) => flag);
    if (given.length) throw new InputError(`${given.join(', ')} cannot be changed when resuming: the checkpoint carries the seed, the time grid, the stimuli and what is recorded`, { field: '--resume' });
  }
  const name = o.saveState;
  if (name !== undefined) {
    if (!name || name.includes('/') || name.includes('\\') || name === '.' || name === '..') throw new InputError(`expected a file name inside --out (the state is written with the run's other outputs), got "${name}"`, { field: '--save-state' });
    if (RUN_FILES.includes(name) || isSidecarOf('network', name)) throw new InputError(`"${name}" is one of the run's own outputs; choose another name (e.g. state.bin)`, { field: '--save-state' });
  }
}

export function executeSimulation(file: string | undefined, o: SimulateOptions): SimulationRun {
  checkOptions(o);
  const t0 = performance.now();
  const loaded = loadNetwork(file, o);
  const { net } = loaded;
  const duration = o.duration ?? loaded.duration;
  const seedValue = o.seed ?? 1;
  const u0 = loaded.stimulus.initialPotential === 'crg' ? crgInitialPotential(net.n, seedValue) : undefined;
  let sim: Simulation;
  let stim: Stimulus;
  if (o.resume) {
    // Continue a saved run: its stimuli, seed, mode and recordings come with the state.
    sim = restoreState(net, o.resume);
    stim = {};
  } else {
    sim = new Simulation(net, { seed: seedValue, dt: o.dt, initialPotential: u0, record: { spikes: true, edgeCounts: o.recordEdges, causes: o.causes } });
    stim = stimulate(sim, net, loaded.stimulus, o);
  }
  const t1 = performance.now();
  // A resumed run's recordings start at t = 0 (they come with the state): the summary counts the
  // segment just simulated, and `total` the whole run.
  const before = tallies(sim, net);
  const bar = progressBar('simulate', o.quiet ?? false);
  sim.run(duration, { onProgress: (f) => bar.update(f) });
  bar.stop();
  const t2 = performance.now();

  const after = tallies(sim, net);
  const spikes = sim.spikes();
  const start = sim.time - duration;
  const first = spikes.time.findIndex((t) => t >= start);
  const S = after.spikes - before.spikes;
  const arrivalsIn = after.delivered - before.delivered, arrivalsBlocked = after.blocked - before.blocked;
  const fired = new Set(spikes.node.subarray(first < 0 ? spikes.node.length : first)).size;
  const lam = summarizeRatios(refractionRatios(net));
  const summary: Record<string, unknown> = {
    command: 'simulate',
    network: { source: loaded.source, name: net.meta.name ?? net.meta.builder ?? null, n: net.n, m: net.m, fingerprint: fingerprint(net) },
    seed: sim.seed,
    dt_ms: sim.dt,
    resumed_from: o.resume ?? null,
    start_ms: start,
    duration_ms: duration,
    stimulus: { force: stim.force ?? [], drive: stim.drive ?? null },
    spikes: S,
    nodes_fired: fired,
    mean_rate_hz: duration > 0 ? S / (net.n * duration * 1e-3) : 0,
    first_spike_ms: S ? spikes.time[first] : null,
    last_spike_ms: S ? spikes.time[spikes.time.length - 1] : null,
    arrivals_delivered: arrivalsIn,
    arrivals_blocked: arrivalsBlocked,
    blocked_fraction: arrivalsIn + arrivalsBlocked > 0 ? arrivalsBlocked / (arrivalsIn + arrivalsBlocked) : 0,
    stimulus_delivered: after.stimulusDelivered - before.stimulusDelivered,
    stimulus_blocked: after.stimulusBlocked - before.stimulusBlocked,
    ...(o.resume ? { total: { duration_ms: sim.time, spikes: after.spikes, arrivals_delivered: after.delivered, arrivals_blocked: after.blocked } } : {}),
    lambda_median: lam.median,
    lambda_fraction_above_1: lam.fractionAboveOne,
    build_s: (t1 - t0) / 1000,
    run_s: (t2 - t1) / 1000,
  };
  return { loaded, sim, duration, summary, saveState: o.saveState };
}

/** Cumulative counts of a simulation so far (recurrent arrivals, i.e. without stimuli). */
function tallies(sim: Simulation, net: Network): { spikes: number; delivered: number; blocked: number; stimulusDelivered: number; stimulusBlocked: number } {
  const rec = sim.recording();
  let delivered = 0, blocked = 0;
  for (let j = 0; j < net.n; j++) {
    delivered += rec.nodeDelivered[j];
    blocked += rec.nodeBlocked[j];
  }
  return { spikes: rec.spikeCount, delivered: delivered - rec.stimulusDelivered, blocked: blocked - rec.stimulusBlocked, stimulusDelivered: rec.stimulusDelivered, stimulusBlocked: rec.stimulusBlocked };
}

/** Stages the standard outputs of a run (spikes, raster, network when generated, summary). */
export async function stageSimulationOutputs(out: OutputDir, r: SimulationRun): Promise<void> {
  // Loaded on demand: Arrow and the chart renderer take half a second to import.
  const { spikesToArrow } = await import('../node/spikes-arrow.js');
  const { renderChart } = await import('../node/render.js');
  const spikes = r.sim.spikes();
  const { net, source, generated } = r.loaded;
  out.write('spikes.csv', spikesToCsv(spikes));
  out.write('spikes.arrow', spikesToArrow(spikes));
  // The whole recording: a resumed run's spikes start at 0, before this run's --duration.
  const chart = await renderChart(rasterSpec(spikes, { title: `Raster — ${source} (${net.n} nodes, ${r.sim.time} ms)`, timeDomain: [0, r.sim.time] }));
  out.write('raster.svg', chart.svg);
  out.write('raster.png', chart.png);
  if (generated) writeNetworkFile(out.stagedPath('network.json'), net, { sidecar: 'auto' });
  const rec = r.sim.recording();
  if (rec.edgeDelivered && rec.edgeBlocked) writeTable(out, 'edges', edgeCountColumns(net, rec.edgeDelivered, rec.edgeBlocked));
  if (rec.causes) writeTable(out, 'causes', causeColumns(net, spikes, rec.causes));
  if (r.saveState) {
    const { checkpointToBytes } = await import('../formats/checkpoint.js');
    out.write(r.saveState, checkpointToBytes(r.sim.checkpoint()));
  }
  out.write('summary.json', JSON.stringify(r.summary, null, 2) + '\n');
}

/** Rows above which a per-edge or per-cause table is written as Arrow only (CSV would be gigabytes). */
const CSV_ROWS = 1_000_000;

function writeTable(out: OutputDir, name: string, columns: Record<string, Int32Array | Uint32Array | Float64Array>): void {
  const rows = Object.values(columns)[0]?.length ?? 0;
  out.write(`${name}.arrow`, columnsToArrow(columns));
  if (rows <= CSV_ROWS) out.write(`${name}.csv`, columnsToCsv(columns));
}

function restoreState(net: Network, file: string): Simulation {
  const cp = readCheckpoint(file);
  try {
    return Simulation.restore(net, cp);
  } catch (e) {
    throw new InputError((e as Error).message.replace(/^checkpoint: /, ''), { file });
  }
}

export async function simulateCommand(file: string | undefined, o: SimulateOptions): Promise<SimulateResult> {
  const r = executeSimulation(file, o);
  const out = new OutputDir(o.out);
  // inputs that live in the output folder (the network and state being resumed) stay there
  if (file) out.keep(file);
  if (o.resume) out.keep(o.resume);
  try {
    await stageSimulationOutputs(out, r);
    return { summary: r.summary, files: out.commit() };
  } catch (e) {
    out.abort();
    throw e;
  }
}

export function registerSimulate(program: Command): void {
  const cmd = program
    .command('simulate')
    .description('run a network (file or preset) and write spikes.csv, spikes.arrow, summary.json, raster.svg/png')
    .argument('[network]', 'network JSON file (see `refract build`)')
    .addOption(new Option('--preset <name>', `built-in network: ${presetNames()}`))
    .addOption(new Option('--duration <ms>', 'model time to simulate, ms').argParser(upTo(MAX_DURATION_MS, { unit: 'ms' })))
    .addOption(new Option('--seed <n>', 'seed of every random choice').argParser(seed))
    .addOption(new Option('--dt <ms>', 'grid mode: round latencies to this step (default: exact time)').argParser(positive))
    .addOption(new Option('--force <node@t,...>', 'force nodes at times (replaces the preset stimulus)').argParser(nodeTimes))
    .addOption(new Option('--stimulus <file>', 'spike-time list CSV node,time_ms: force each node at each time (replaces the preset stimulus)'))
    .addOption(new Option('--drive-rate <hz>', 'Poisson drive on every node, Hz (replaces the preset stimulus)').argParser(upTo(MAX_DRIVE_HZ, { unit: 'Hz' })))
    .addOption(new Option('--drive-weight <w>', 'weight of each drive event').argParser(num))
    .addOption(new Option('--drive-kind <kind>', 'drive events inject weight or force').argParser(choice(['inject', 'force'] as const)))
    .addOption(new Option('--record-edges', 'count delivered/blocked arrivals per edge: edges.csv and edges.arrow (edge,source,target,latency_ms,delivered,blocked)'))
    .addOption(new Option('--causes', 'record the arrivals that caused each activation: causes.csv and causes.arrow (spike,node,time_ms,cause,source,arrival_ms)'))
    .addOption(new Option('--save-state <name>', 'also write the final state (checkpoint) as this file name inside --out (e.g. state.bin)'))
    .addOption(new Option('--resume <file>', 'continue a run from a saved state (same network); --duration more ms'))
    .addOption(new Option('--out <dir>', 'output directory').default('refract-out/simulate'))
    .addOption(new Option('--json', 'print the summary as JSON'))
    .addOption(new Option('--quiet', 'no progress bar'));
  addNetworkOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  refract simulate --preset ring --duration 20 --out out/ring
  refract simulate --preset geometric --n 2000 --speed 300 --seed 7 --out out/geo
  refract simulate net.json --force 0@0,3@1.5 --duration 100 --out out/run
  refract simulate --preset geometric --duration 500 --save-state state.bin --out out/a
  refract simulate out/a/network.json --resume out/a/state.bin --duration 500 --out out/b`,
  );
  cmd.action(async (file: string | undefined, o: SimulateOptions) => {
    const r = await simulateCommand(file, o);
    printResult(r.summary, o.json ?? false, r.files);
  });
}
