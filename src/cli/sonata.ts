/**
 * `refract export sonata|spikes` and `refract import sonata|spikes`: Refract networks, stimuli
 * and runs to and from SONATA (the format of BMTK, NEST, NEURON and PyNN), through src/node/sonata*.
 * h5wasm loads only when one of these commands runs.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { readNetworkFile, writeNetworkFile } from '../node/network-file.js';
import { readSpikesCsv } from '../node/spikes.js';
import { spikesToCsv } from '../formats/spikes-csv.js';
import { writeFileAtomic } from '../node/atomic.js';
import { InputError } from '../formats/errors.js';
import { CRG, crgU0 } from '../model/builders/crg.js';
import { driveEvents } from '../engine/drive-events.js';
import type { Network } from '../model/types.js';
import type { SonataRun } from '../node/sonata-inputs.js';
import { MAX_DRIVE_HZ, MAX_DURATION_MS, nodeTimes, positive, num, seed, upTo, type NodeRef } from './args.js';
import { printResult } from './output.js';
import { commandLineForces } from './simulate.js';
import { withChanges } from '../model/build.js';

interface ExportOptions {
  out: string;
  population: string;
  force?: [NodeRef, number][];
  stimulus?: string;
  duration?: number;
  dt?: number;
  driveRate?: number;
  driveWeight?: number;
  seed?: number;
  json?: boolean;
}

/**
 * The run exported with a network: the stimulus given on the command line, else the network's
 * own default — CRG-det's (nodes 0..9 receive θ at t = 0, 0.1 ms grid, 100 ms; docs/workloads/crg.md §5),
 * CRG's (u_i(0) as an input of that size at t = 0, Poisson drive 500 Hz × 0.11 from stream 3,
 * 1000 ms; §2.5–2.6), else `refract simulate`'s default for a network file (node 0 forced at
 * t = 0, 100 ms). A Poisson drive is written out as its individual events.
 */
export function exportRun(net: Network, o: ExportOptions): SonataRun {
  const det = net.meta.name === 'CRG-det', crgNet = net.meta.name === 'CRG';
  const seed = o.seed ?? net.meta.seed ?? 1;
  const custom = o.force !== undefined || o.stimulus !== undefined || o.driveRate !== undefined;
  const durationMs = o.duration ?? (det ? CRG.TDet : crgNet ? CRG.T : 100);
  const stim = { node: [] as number[], time: [] as number[], weight: [] as number[], force: [] as boolean[] };
  const add = (node: number, t: number, w: number, force: boolean) => {
    stim.node.push(node);
    stim.time.push(t);
    stim.weight.push(w);
    stim.force.push(force);
  };
  const drive = (rate: number, weight: number) => {
    const ev = driveEvents(net.n, rate, durationMs, seed);
    for (let k = 0; k < ev.node.length; k++) add(ev.node[k], ev.time[k], weight, false);
  };
  if (custom) {
    for (const [node, t] of commandLineForces(o, net)) add(node, t, 0, true);
    if (o.driveRate !== undefined) drive(o.driveRate, o.driveWeight ?? 1);
  } else if (det) for (let i = 0; i < Math.min(CRG.nSeed, net.n); i++) add(i, 0, CRG.theta, false);
  else if (crgNet) {
    for (let i = 0; i < net.n; i++) add(i, 0, crgU0(seed, i), false);
    drive(CRG.rExt, CRG.wExt);
  } else add(0, 0, 0, true);
  return { stimulus: stim, durationMs, gridDt: o.dt ?? (det ? CRG.dt : null) };
}

export function registerSonata(program: Command): void {
  const exp = program.command('export').description('write networks or runs in other formats (SONATA)');
  exp
    .command('sonata')
    .description('write a network and its stimulus as a SONATA circuit: nodes.h5, edges.h5, type CSVs, input spikes, circuit_config.json, simulation_config.json')
    .argument('<network>', 'network JSON written by refract build')
    .addOption(new Option('--out <dir>', 'output folder').default('refract-out/sonata'))
    .addOption(new Option('--population <name>', 'SONATA population name').default('refract'))
    .addOption(new Option('--force <node@t,...>', 'stimulus: force nodes at times (default: the network\'s own, see below)').argParser(nodeTimes))
    .addOption(new Option('--stimulus <file>', 'stimulus: spike-time list CSV node,time_ms, each row forces its node'))
    .addOption(new Option('--duration <ms>', 'run length written to simulation_config.json (default 100)').argParser(upTo(MAX_DURATION_MS, { positive: true, unit: 'ms' })))
    .addOption(new Option('--dt <ms>', 'run on this latency grid, as refract simulate --dt (default: exact times; CRG-det: 0.1)').argParser(positive))
    .addOption(new Option('--drive-rate <hz>', 'stimulus: Poisson drive on every node, written out as input spikes (same events as refract simulate --drive-rate)').argParser(upTo(MAX_DRIVE_HZ, { unit: 'Hz' })))
    .addOption(new Option('--drive-weight <w>', 'weight of each drive event (default 1)').argParser(num))
    .addOption(new Option('--seed <n>', 'seed of the drive and of CRG\'s initial potentials (default: the network\'s)').argParser(seed))
    .addOption(new Option('--json', 'print the summary as JSON'))
    .addHelpText(
      'after',
      `
Default stimulus: CRG-det networks get docs/workloads/crg.md §5 (nodes 0..9 receive θ at t = 0, 0.1 ms grid,
100 ms); CRG networks get §2.5–2.6 (initial potentials as inputs at t = 0, Poisson drive
500 Hz × 0.11, 1000 ms, exact times); any other network gets refract simulate's default (node 0
forced at t = 0).

Examples:
  refract build crg --variant det --N 1000 --K 10 --seed 1 --out net.json
  refract export sonata net.json --out crg-sonata && refract neuron crg-sonata --ranks 2
  refract build ring --ring-size 10 --out ring.json && refract export sonata ring.json --out ring-sonata --force 0@0,5@3`,
    )
    .action(async (file: string, o: ExportOptions) => {
      const net = readNetworkFile(file);
      const run = exportRun(net, o);
      const { exportSonata } = await import('../node/sonata.js');
      const files = await exportSonata(net, o.out, { population: o.population, run });
      printResult(
        { command: 'export sonata', network: file, nodes: net.n, edges: net.m, population: o.population, stimulus_events: run.stimulus.node.length, duration_ms: run.durationMs, grid_dt_ms: run.gridDt, folder: o.out },
        o.json ?? false,
        files.map((f) => join(o.out, f)),
      );
    });
  exp
    .command('spikes')
    .description('write the spikes of a run (refract simulate output folder or spikes.csv) as SONATA spikes.h5')
    .argument('<run>', 'output folder of refract simulate, or a spikes CSV (node,time_ms)')
    .addOption(new Option('--out <file>', 'spikes.h5 to write').default('refract-out/spikes.h5'))
    .addOption(new Option('--population <name>', 'SONATA population name').default('refract'))
    .addOption(new Option('--json', 'print the summary as JSON'))
    .action(async (src: string, o: { out: string; population: string; json?: boolean }) => {
      const csv = existsSync(src) && statSync(src).isDirectory() ? join(src, 'spikes.csv') : src;
      const spikes = readSpikesCsv(csv);
      const { writeSonataSpikes } = await import('../node/sonata.js');
      await writeSonataSpikes(o.out, spikes, o.population);
      printResult({ command: 'export spikes', source: csv, spikes: spikes.node.length, population: o.population }, o.json ?? false, [o.out]);
    });

  const imp = program.command('import').description('read networks or runs from other formats (SONATA)');
  imp
    .command('sonata')
    .description('read a SONATA point-neuron circuit (folder, circuit_config.json or simulation_config.json) as a network JSON, and its input spikes as a stimulus CSV')
    .argument('<sonata>', 'folder holding circuit_config.json / simulation_config.json, or one of those files')
    .addOption(new Option('--out <file>', 'network JSON to write').default('refract-out/imported.json'))
    .addOption(new Option('--stimulus-out <file>', 'also write the input spikes, as they reach the nodes, to this CSV (node,time_ms,weight,force)'))
    .addOption(new Option('--population <name>', 'node population to read (default: the first that is not virtual)'))
    .addOption(new Option('--json', 'print the summary as JSON'))
    .addHelpText('after', '\nExample:\n  refract import sonata crg-sonata --out net.json --stimulus-out inputs.csv     (a folder written by refract export sonata, or any SONATA circuit)')
    .action(async (src: string, o: { out: string; stimulusOut?: string; population?: string; json?: boolean }) => {
      const { importSonataRun } = await import('../node/sonata-run.js');
      const r = await importSonataRun(src, { population: o.population });
      // a grid run's step travels with the network, so that `refract analyze` of its spikes uses it
      const net = r.gridDt ? withChanges(r.net, { meta: { ...r.net.meta, gridDt: r.gridDt } }) : r.net;
      const files = writeNetworkFile(o.out, net);
      if (o.stimulusOut) {
        const s = r.stimulus;
        const rows = s.node.map((n, k) => `${n},${s.time[k]},${s.weight[k]},${s.force[k] ? 1 : 0}`);
        writeFileAtomic(o.stimulusOut, ['node,time_ms,weight,force', ...rows].join('\n') + '\n');
        files.push(o.stimulusOut);
      }
      printResult(
        { command: 'import sonata', source: src, population: r.population, nodes: r.net.n, edges: r.net.m, positions: r.net.position !== null, stimulus_events: r.stimulus.node.length, input_delays_defaulted: r.inputDelaysDefaulted, duration_ms: r.durationMs, grid_dt_ms: r.gridDt },
        o.json ?? false,
        files,
      );
    });
  imp
    .command('spikes')
    .description('read a SONATA spikes.h5 (/spikes/<population>/node_ids or the old /spikes/gids layout) as spikes CSV (node,time_ms)')
    .argument('<spikes.h5>', 'SONATA spikes file')
    .addOption(new Option('--out <file>', 'spikes CSV to write').default('refract-out/spikes.csv'))
    .addOption(new Option('--population <name>', 'population to read (default: the first)'))
    .addOption(new Option('--json', 'print the summary as JSON'))
    .action(async (file: string, o: { out: string; population?: string; json?: boolean }) => {
      const { readSonataSpikes } = await import('../node/sonata.js');
      const all = await readSonataSpikes(file);
      const s = o.population === undefined ? all[0] : all.find((x) => x.population === o.population);
      if (!s) throw new InputError(o.population ? `no population "${o.population}" (has: ${all.map((x) => x.population).join(', ')})` : 'no spikes', { file, field: '/spikes' });
      const order = Array.from(s.node, (_, k) => k).sort((a, b) => s.time[a] - s.time[b] || s.node[a] - s.node[b]);
      writeFileAtomic(o.out, spikesToCsv({ node: Int32Array.from(order, (k) => s.node[k]), time: Float64Array.from(order, (k) => s.time[k]) }));
      printResult({ command: 'import spikes', source: file, population: s.population, spikes: s.node.length, populations: all.map((x) => x.population) }, o.json ?? false, [o.out]);
    });
}
