/**
 * The readers under fuzzing: for each, valid base inputs (written once), how a case damages
 * them (which file, and how: text, JSON, bytes, a container's values or an HDF5 dataset's
 * values), and how a case is used — the library calls a CLI command makes, down to running
 * the simulation, so that a value that passes a reader but breaks what follows is caught.
 * A use either returns (a valid result) or throws; the harness accepts only InputErrors that
 * name a file, in one line.
 */
import { copyFileSync, cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { basename, dirname, join } from 'node:path';
import { ring } from '../../src/model/builders/fixtures.js';
import { geometric } from '../../src/model/builders/geometric.js';
import { withChanges } from '../../src/model/build.js';
import type { Network } from '../../src/model/types.js';
import { fingerprint } from '../../src/model/fingerprint.js';
import { Simulation } from '../../src/engine/simulation.js';
import { readNetworkFile, writeNetworkFile } from '../../src/node/network-file.js';
import { readEdgeList } from '../../src/node/edge-list.js';
import { spikesFromCsv, spikesToCsv } from '../../src/formats/spikes-csv.js';
import { spikesToArrow } from '../../src/node/spikes-arrow.js';
import { writeCheckpoint } from '../../src/node/checkpoint.js';
import { decodeContainer, encodeContainer } from '../../src/formats/container.js';
import { idxToBytes } from '../../src/formats/idx.js';
import { readCsvDataset, readIdxDataset } from '../../src/node/datasets.js';
import { splitPerClass } from '../../src/learn/datasets.js';
import { exportSonata, readSonataSpikes, type ReadThread } from '../../src/node/sonata.js';
import { importSonataRun } from '../../src/node/sonata-run.js';
import { checkSwc } from '../../src/morphology/validate.js';
import { repairMorphology } from '../../src/morphology/repair.js';
import { velocityModel } from '../../src/morphology/velocity.js';
import { connectomeFromText } from '../../src/connectome/datasets.js';
import { readOwmeta, readSomaPositions } from '../../src/node/connectome.js';
import { runConnectome } from '../../src/connectome/experiment.js';
import { analyzeRun } from '../../src/analysis/run-analysis.js';
import { createPipeline, signatures } from '../../src/learn/pipeline.js';
import { createLearner } from '../../src/learn/learners.js';
import { readText } from '../../src/node/files.js';
import { executeSimulation } from '../../src/cli/simulate.js';
import { loadRun } from '../../src/cli/run-dir.js';
import { analyzeCell } from '../../src/cli/morph.js';
import { loadLearner, saveLearner } from '../../src/cli/learn-model.js';
import { numericDatasets, rewriteH5 } from './h5-rewrite.js';
import { mutateBytes, mutateJson, mutateText, mutateValue, NASTY_NUMBERS, pick, textBytes, type Rng } from './mutate.js';

type Kind = 'text' | 'json' | 'bytes' | 'container' | 'h5';

/** A file of the base inputs that cases damage, relative to the case folder. */
interface Mutable {
  path: string;
  kind: Kind;
}

export interface Target {
  name: string;
  /** Writes the valid base inputs into `dir`. */
  setup: (dir: string) => Promise<void> | void;
  files: Mutable[];
  /** Reads and uses the inputs in `dir` as the CLI would; throws on refusal. */
  use: (dir: string) => unknown;
  /**
   * For readers that the CLI runs under a time limit (HDF5, which can loop on a damaged
   * file): the same use through that limit, run for a case on which `use` hung.
   */
  guardedUse?: (dir: string) => Promise<unknown>;
  /** The CLI command that reads the same case, writing into `out` (`damaged`: the files changed). */
  cli: (dir: string, out: string, damaged: string[]) => string[];
}

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const DATA = join(import.meta.dirname, '..', '..', 'data');

// ------------------------------------------------------------------ damaging a case

/** Copies the base inputs to `dir` and damages one (sometimes two) of the target's files. */
export async function makeCase(t: Target, base: string, dir: string, rng: Rng): Promise<string[]> {
  rmSync(dir, { recursive: true, force: true });
  cpSync(base, dir, { recursive: true });
  const damaged: string[] = [];
  const times = rng.float() < 0.15 ? 2 : 1;
  for (let k = 0; k < times; k++) {
    const f = pick(rng, t.files);
    const path = casePath(dir, f.path);
    await damage(path, f.kind, rng);
    damaged.push(f.path);
  }
  return damaged;
}

/** `dir/f`, where a `*` in the file name stands for any characters (the one file that matches). */
function casePath(dir: string, f: string): string {
  if (!f.includes('*')) return join(dir, f);
  const folder = join(dir, dirname(f)), [head, tail] = basename(f).split('*');
  const hits = readdirSync(folder).filter((n) => n.startsWith(head) && n.endsWith(tail));
  if (hits.length !== 1) throw new Error(`${f}: expected one matching file in ${folder}, found ${hits.length}`);
  return join(folder, hits[0]);
}

async function damage(path: string, kind: Kind, rng: Rng): Promise<void> {
  const bytes = readFileSync(path);
  if (kind === 'text') return writeFileSync(path, textBytes(mutateText(bytes.toString('utf8'), rng), rng));
  if (kind === 'json') return writeFileSync(path, textBytes(mutateJson(bytes.toString('utf8'), rng), rng));
  if (kind === 'bytes' || rng.float() < 0.5) return writeFileSync(path, mutateBytes(bytes, rng));
  if (kind === 'container') {
    // re-encoded with a valid checksum: what only a field-by-field check can catch
    const header = JSON.parse(bytes.subarray(24, 24 + bytes.readUInt32LE(8)).toString('utf8')) as { kind: string };
    const value = decodeContainer(bytes, header.kind, 'fuzz');
    mutateValue(value, rng);
    return writeFileSync(path, encodeContainer(header.kind, value));
  }
  await h5.mutate(path, rng);
}

/** HDF5 files damaged by value: one numeric dataset rewritten with nasty values or another length. */
const h5 = {
  async mutate(path: string, rng: Rng): Promise<void> {
    const datasets = await numericDatasets(path);
    const target = datasets.length ? pick(rng, datasets) : null;
    await rewriteH5(path, (p, values) => {
      if (p !== target) return null;
      const v = Float64Array.from(values, (x) => Number(x));
      if (rng.float() < 0.2) return v.slice(0, Math.max(0, v.length - rng.int(1, 2)));
      for (let j = 0; j < rng.int(1, 3) && v.length; j++) v[rng.int(0, v.length - 1)] = Number(pick(rng, NASTY_NUMBERS));
      return v;
    });
  },
};

// ------------------------------------------------------------------ shared pieces

function ringNet(): Network {
  const net = ring({ n: 5, latency: 1, refractory: 2 });
  return withChanges(net, { latency: Float64Array.from([1, 1.5, 1, 0.5, 2]) });
}

/** A short run of a network, node 0 forced at 0: what simulate does after reading. */
function run(net: Network, ms = 5): void {
  new Simulation(net).force(0, 0).run(ms);
}

function write(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

// ------------------------------------------------------------------ the readers

const networkJson: Target = {
  name: 'network JSON',
  setup(dir) {
    writeNetworkFile(join(dir, 'net.json'), ringNet());
  },
  files: [{ path: 'net.json', kind: 'json' }],
  use: (dir) => executeSimulation(join(dir, 'net.json'), { out: '', duration: 5, quiet: true }),
  cli: (dir, out) => ['simulate', join(dir, 'net.json'), '--duration', '5', '--out', out, '--quiet'],
};

const networkSidecar: Target = {
  name: 'network JSON + sidecar',
  setup(dir) {
    writeNetworkFile(join(dir, 'net.json'), geometric({ n: 12, connect: { rule: 'k', k: 3 }, seed: 4 }), { sidecar: true });
  },
  files: [
    { path: 'net.json', kind: 'json' },
    { path: 'net.*.bin', kind: 'bytes' }, // the sidecar is named by its checksum
  ],
  use: (dir) => executeSimulation(join(dir, 'net.json'), { out: '', duration: 5, quiet: true }),
  cli: (dir, out) => ['simulate', join(dir, 'net.json'), '--duration', '5', '--out', out, '--quiet'],
};

const edgeList: Target = {
  name: 'edge-list CSV',
  setup(dir) {
    write(join(dir, 'edges.csv'), '# a small circuit\nsource,target,latency,length,weight\n0,1,1,10,1\n1,2,,20,0.5\n2,0,2,,1\n2,3,0.5,5,-0.25\n3,1,1,10,1\n');
    write(join(dir, 'positions.csv'), 'node,x,y,z\n0,0,0,0\n1,10,0,0\n2,10,10,0\n3,0,10,5\n');
  },
  files: [
    { path: 'edges.csv', kind: 'text' },
    { path: 'positions.csv', kind: 'text' },
  ],
  use: (dir) => run(readEdgeList(join(dir, 'edges.csv'), { positions: join(dir, 'positions.csv'), speed: 10 })),
  cli: (dir, out) => ['build', 'from-edges', '--edges', join(dir, 'edges.csv'), '--positions', join(dir, 'positions.csv'), '--speed', '10', '--out', join(out, 'net.json')],
};

const swc: Target = {
  name: 'SWC',
  setup(dir) {
    copyFileSync(join(FIXTURES, 'swc', 'simple.swc'), join(dir, 'cell.swc'));
  },
  files: [{ path: 'cell.swc', kind: 'text' }],
  use(dir) {
    const file = join(dir, 'cell.swc');
    const { morphology, problems } = checkSwc(readText(file), file);
    const r = repairMorphology(morphology);
    return analyzeCell(r.morphology, file, problems, 0, r.actions, { refractory: 1, velocity: velocityModel('unmyelinated') }, 'file', { cellType: 'unknown', seed: 1, shuffles: 9 });
  },
  cli: (dir, out) => ['morph', join(dir, 'cell.swc'), '--repair', '--pictures', 'none', '--shuffles', '9', '--out', out, '--quiet'],
};

const connectome: Target = {
  name: 'connectome CSV',
  setup(dir) {
    const table = readFileSync(join(DATA, 'celegans', 'herm_full_edgelist.csv'), 'utf8').split('\n').slice(0, 400).join('\n') + '\n';
    write(join(dir, 'herm_full_edgelist.csv'), table);
    copyFileSync(join(DATA, 'celegans', 'c302_soma_positions.csv'), join(dir, 'c302_soma_positions.csv'));
    copyFileSync(join(DATA, 'celegans', 'owmeta_cache.json'), join(dir, 'owmeta_cache.json'));
  },
  files: [
    { path: 'herm_full_edgelist.csv', kind: 'text' },
    { path: 'herm_full_edgelist.csv', kind: 'text' },
    { path: 'c302_soma_positions.csv', kind: 'text' },
    { path: 'owmeta_cache.json', kind: 'json' },
  ],
  use(dir) {
    const file = join(dir, 'herm_full_edgelist.csv');
    const c = connectomeFromText('cook2019', readText(file), file);
    const opts = { positions: readSomaPositions(join(dir, 'c302_soma_positions.csv')), positionsFile: join(dir, 'c302_soma_positions.csv'), owmeta: readOwmeta(join(dir, 'owmeta_cache.json')), speed: 500, synDelay: 1, gapDelay: 0.5, refractory: 2, mode: 'first' as const, threshold: 1, window: 5, tauM: 10, weight: 'sections' as const, sectionScale: 1, sign: 'none' as const };
    return runConnectome(c, opts, ['ASEL'], 'once', 30, 1);
  },
  cli: (dir, out) => ['connectome', 'cook2019', '--data', dir, '--duration', '30', '--transient', '0', '--shuffles', '9', '--out', out],
};

function digits(n: number, d: number, seed: number): { x: number[][]; y: number[] } {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const y = Array.from({ length: n }, (_, i) => i % 3);
  const x = y.map((c) => Array.from({ length: d }, (_, j) => Math.round(255 * Math.min(1, Math.max(0, ((j + c) % 4 === 0 ? 0.8 : 0.1) + 0.1 * next())))));
  return { x, y };
}

const datasetCsv: Target = {
  name: 'dataset CSV',
  setup(dir) {
    const { x, y } = digits(12, 16, 7);
    write(join(dir, 'data.csv'), ['label,' + Array.from({ length: 16 }, (_, j) => `p${j}`).join(','), ...y.map((c, i) => [c, ...x[i]].join(','))].join('\n') + '\n');
  },
  files: [{ path: 'data.csv', kind: 'text' }],
  use(dir) {
    const ds = readCsvDataset(join(dir, 'data.csv'), { shape: [4, 4] });
    const { train } = splitPerClass(ds);
    const p = createPipeline(ds.d, ds.shape);
    const l = createLearner('prototype', p.dim);
    const sig = signatures(p, train);
    for (let i = 0; i < train.n; i++) l.learn(sig.subarray(i * p.dim, (i + 1) * p.dim), train.y[i]);
  },
  cli: (dir, out) => ['learn', 'fit', '--data', join(dir, 'data.csv'), '--shape', '4x4', '--learner', 'prototype', '--model', join(out, 'm.refract'), '--quiet'],
};

const datasetIdx: Target = {
  name: 'dataset IDX',
  setup(dir) {
    const { x, y } = digits(9, 16, 3);
    write(join(dir, 'images.idx.gz'), gzipSync(idxToBytes([9, 4, 4], Uint8Array.from(x.flat()))));
    write(join(dir, 'labels.idx'), idxToBytes([9], Uint8Array.from(y)));
  },
  files: [
    { path: 'images.idx.gz', kind: 'bytes' },
    { path: 'labels.idx', kind: 'bytes' },
  ],
  use(dir) {
    const ds = readIdxDataset(join(dir, 'images.idx.gz'), join(dir, 'labels.idx'));
    splitPerClass(ds);
    createPipeline(ds.d, ds.shape);
  },
  cli: (dir, out) => ['learn', 'fit', '--data', join(dir, 'images.idx.gz'), '--labels', join(dir, 'labels.idx'), '--learner', 'prototype', '--model', join(out, 'm.refract'), '--quiet'],
};

/** A run directory as simulate writes it (spikes, summary) and its network. */
function runDir(dir: string, arrow: boolean): void {
  const net = ringNet();
  writeNetworkFile(join(dir, 'net.json'), net);
  const sim = new Simulation(net).force(0, 0).run(20);
  const spikes = sim.spikes();
  if (arrow) write(join(dir, 'run', 'spikes.arrow'), spikesToArrow(spikes));
  else write(join(dir, 'run', 'spikes.csv'), spikesToCsv(spikes));
  const summary = { command: 'simulate', network: { fingerprint: fingerprint(net) }, dt_ms: null, start_ms: 0, duration_ms: 20, stimulus: { force: [[0, 0]], drive: null } };
  write(join(dir, 'run', 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
}

async function analyzeDir(dir: string): Promise<unknown> {
  const net = readNetworkFile(join(dir, 'net.json'));
  const r = await loadRun(join(dir, 'run'), net);
  return analyzeRun(net, r.spikes, { duration: r.duration, dt: r.dt, sources: r.sources, maxCycles: 1000, listBlocked: true });
}

const spikesCsv: Target = {
  name: 'spikes CSV',
  setup: (dir) => runDir(dir, false),
  files: [
    { path: 'run/spikes.csv', kind: 'text' },
    { path: 'run/spikes.csv', kind: 'text' },
    { path: 'run/summary.json', kind: 'json' },
  ],
  use: analyzeDir,
  cli: (dir, out) => ['analyze', join(dir, 'net.json'), '--spikes', join(dir, 'run'), '--out', out],
};

const spikesArrow: Target = {
  name: 'spikes Arrow',
  setup: (dir) => runDir(dir, true),
  files: [{ path: 'run/spikes.arrow', kind: 'bytes' }],
  use: analyzeDir,
  cli: (dir, out) => ['analyze', join(dir, 'net.json'), '--spikes', join(dir, 'run'), '--out', out],
};

const checkpoint: Target = {
  name: 'checkpoint',
  setup(dir) {
    const net = geometric({ n: 20, connect: { rule: 'k', k: 3 }, seed: 5, mode: Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? 'window' : 'first')), threshold: 1, window: 2 });
    writeNetworkFile(join(dir, 'net.json'), net);
    const sim = new Simulation(net, { seed: 2, record: { spikes: true, causes: true, edgeCounts: true } }).poisson({ rate: 200, kind: 'inject', weight: 1 }).force(0, 0);
    writeCheckpoint(join(dir, 'state.bin'), sim.run(10).checkpoint());
  },
  files: [{ path: 'state.bin', kind: 'container' }],
  use: (dir) => executeSimulation(join(dir, 'net.json'), { out: '', duration: 5, quiet: true, resume: join(dir, 'state.bin') }).sim.spikes(),
  cli: (dir, out) => ['simulate', join(dir, 'net.json'), '--resume', join(dir, 'state.bin'), '--duration', '5', '--out', out, '--quiet'],
};

const sonata: Target = {
  name: 'SONATA circuit',
  async setup(dir) {
    const net = ringNet();
    await exportSonata(net, dir, { run: { stimulus: { node: [0, 2], time: [0, 3], weight: [0, 1], force: [true, false] }, durationMs: 20, gridDt: null } });
  },
  files: [
    { path: 'network/nodes.h5', kind: 'h5' },
    { path: 'network/edges.h5', kind: 'h5' },
    { path: 'network/input_nodes.h5', kind: 'h5' },
    { path: 'network/input_edges.h5', kind: 'h5' },
    { path: 'inputs/spikes.h5', kind: 'h5' },
    { path: 'network/node_types.csv', kind: 'text' },
    { path: 'network/edge_types.csv', kind: 'text' },
    { path: 'circuit_config.json', kind: 'json' },
    { path: 'simulation_config.json', kind: 'json' },
  ],
  use: (dir) => useSonata(dir, { thread: 'here' }),
  guardedUse: (dir) => useSonata(dir, { fileMs: GUARD_MS }),
  cli: (dir, out) => ['import', 'sonata', dir, '--out', join(out, 'net.json'), '--stimulus-out', join(out, 'inputs.csv')],
};

/** The per-file time limit of HDF5 reads when a case that hung is run again through it. */
const GUARD_MS = 3000;

async function useSonata(dir: string, o: ReadThread): Promise<void> {
  const r = await importSonataRun(dir, o);
  const sim = new Simulation(r.net);
  const s = r.stimulus;
  for (let k = 0; k < s.node.length; k++) {
    if (s.force[k]) sim.force(s.node[k], s.time[k]);
    else sim.inject(s.node[k], s.time[k], s.weight[k]);
  }
  sim.run(Math.min(r.durationMs ?? 20, 20));
}

const sonataSpikes: Target = {
  name: 'SONATA spikes.h5',
  async setup(dir) {
    await exportSonata(ringNet(), join(dir, 'x'), { run: { stimulus: { node: [0, 1, 2], time: [0, 1.5, 3], weight: [1, 1, 1], force: [false, false, true] }, durationMs: 20, gridDt: null } });
    copyFileSync(join(dir, 'x', 'inputs', 'spikes.h5'), join(dir, 'spikes.h5'));
    rmSync(join(dir, 'x'), { recursive: true });
  },
  files: [{ path: 'spikes.h5', kind: 'h5' }],
  use: (dir) => useSpikesH5(dir, { thread: 'here' }),
  guardedUse: (dir) => useSpikesH5(dir, { fileMs: GUARD_MS }),
  cli: (dir, out) => ['import', 'spikes', join(dir, 'spikes.h5'), '--out', join(out, 'spikes.csv')],
};

/** What `refract import spikes` writes must read back with Refract's own reader. */
async function useSpikesH5(dir: string, o: ReadThread): Promise<void> {
  for (const s of await readSonataSpikes(join(dir, 'spikes.h5'), o)) spikesFromCsv(spikesToCsv({ node: s.node, time: s.time }), 'written.csv');
}

const learner: Target = {
  name: 'learner model',
  setup(dir) {
    const data = join(FIXTURES, 'data', 'tiny-unit.csv');
    copyFileSync(data, join(dir, 'data.csv'));
    const ds = readCsvDataset(data);
    const p = createPipeline(ds.d, ds.shape);
    for (const name of ['prototype', 'exemplar', 'latency'] as const) {
      const l = createLearner(name, p.dim, { tauS: p.tauS, latency: p.options.latency, k: 2 });
      const sig = signatures(p, ds);
      for (let i = 0; i < ds.n; i++) l.learn(sig.subarray(i * p.dim, (i + 1) * p.dim), ds.y[i]);
      saveLearner(join(dir, `${name}.refract`), l, ds, p.options);
    }
  },
  files: [
    { path: 'prototype.refract', kind: 'container' },
    { path: 'exemplar.refract', kind: 'container' },
    { path: 'latency.refract', kind: 'container' },
  ],
  use(dir) {
    const ds = readCsvDataset(join(dir, 'data.csv'));
    for (const name of ['prototype', 'exemplar', 'latency']) {
      const { saved, learner: l } = loadLearner(join(dir, `${name}.refract`));
      const p = createPipeline(saved.d, saved.shape, saved.pipeline);
      const sig = signatures(p, ds);
      for (let i = 0; i < ds.n; i++) l.predict(sig.subarray(i * p.dim, (i + 1) * p.dim));
    }
  },
  cli: (dir, out, damaged) => ['learn', 'predict', '--model', join(dir, damaged[0]), '--data', join(dir, 'data.csv'), '--out', join(out, 'p.csv'), '--quiet'],
};

/** Writes the base inputs of `t` into a fresh folder `dir`. */
export async function setupBase(t: Target, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await t.setup(dir);
}

export const TARGETS: Target[] = [networkJson, networkSidecar, edgeList, swc, connectome, datasetCsv, datasetIdx, spikesCsv, spikesArrow, checkpoint, sonata, sonataSpikes, learner];

/** The files of a case folder, for messages. */
export function listCase(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}
