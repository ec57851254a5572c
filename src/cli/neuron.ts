/**
 * `refract neuron <sonata dir>`: runs an exported SONATA circuit on NEURON through MPI
 * (`mpirun -np N python3 python/refract_neuron.py …`), reads its spikes back and compares them
 * with Refract's own run of the same files. Prerequisites are checked first; a missing one is
 * named with the Debian package that provides it (exit code 3).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureDir } from '../node/atomic.js';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { InputError } from '../formats/errors.js';
import { Simulation } from '../engine/simulation.js';
import { gridSummary, compareSpikes } from '../analysis/spike-compare.js';
import { intUpTo, MAX_DURATION_MS, MAX_THREADS, upTo } from './args.js';
import { printResult } from './output.js';

/** A tool the command needs is not installed: one line, exit code 3. */
export class MissingToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingToolError';
  }
}

export const RUNNER = fileURLToPath(new URL('../../python/refract_neuron.py', import.meta.url));

const PACKAGES: Record<string, string> = { python3: 'python3', neuron: 'neuron python3-neuron', h5py: 'python3-h5py', numpy: 'python3-numpy', mpirun: 'openmpi-bin' };

/** Names of what is missing (python3, neuron, h5py, numpy, mpirun); empty when all is there. */
export function missingPrerequisites(python: string, mpirun: string): string[] {
  const missing: string[] = [];
  const which = (cmd: string) => (cmd.includes('/') ? existsSync(cmd) : spawnSync('sh', ['-c', `command -v ${JSON.stringify(cmd)}`]).status === 0);
  if (!which(python)) missing.push('python3', 'neuron', 'h5py', 'numpy');
  else {
    const probe = 'import importlib.util as u; print(",".join(m for m in ["neuron", "h5py", "numpy"] if u.find_spec(m) is None))';
    const r = spawnSync(python, ['-c', probe], { encoding: 'utf8' });
    if (r.status !== 0) missing.push('neuron', 'h5py', 'numpy');
    else missing.push(...r.stdout.trim().split(',').filter(Boolean));
  }
  if (!which(mpirun)) missing.push('mpirun');
  return missing;
}

interface NeuronOptions {
  ranks: number;
  duration?: number;
  python: string;
  mpirun: string;
  json?: boolean;
}

/** The fields of the runner's JSON line that the summary uses. */
interface RunnerResult {
  ranks: number;
  build_s: number;
  run_s: number;
  neuron_version: string;
}

export async function runNeuron(dir: string, o: NeuronOptions): Promise<{ summary: Record<string, unknown>; files: string[] }> {
  const simConfig = resolve(dir, 'simulation_config.json');
  if (!existsSync(simConfig)) throw new InputError('no simulation_config.json (write the folder with refract export sonata)', { file: simConfig });
  const missing = missingPrerequisites(o.python, o.mpirun);
  if (missing.length) {
    const pkgs = [...new Set(missing.map((m) => PACKAGES[m]))].join(' ');
    throw new MissingToolError(`NEURON run needs ${missing.join(', ')}: install with  apt-get install -y ${pkgs}`);
  }
  const { importSonataRun } = await import('../node/sonata-run.js');
  const { readSonataSpikes, writeSonataSpikes } = await import('../node/sonata.js');
  const run = await importSonataRun(dir);
  const duration = o.duration ?? run.durationMs ?? 100;
  const outDir = resolve(dir, 'output');
  ensureDir(outDir);
  const neuronFile = join(outDir, 'spikes.h5');

  // NEURON through MPI
  const root = process.getuid?.() === 0 ? ['--allow-run-as-root'] : [];
  const args = ['-np', String(o.ranks), ...root, '--oversubscribe', o.python, RUNNER, simConfig, '--out', neuronFile, '--tstop', String(duration)];
  const t0 = performance.now();
  const r = spawnSync(o.mpirun, args, { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, OMPI_MCA_btl_vader_single_copy_mechanism: 'none' } });
  const wall = (performance.now() - t0) / 1000;
  const line = r.stdout?.split('\n').find((l) => l.startsWith('{'));
  if (r.status !== 0 || !line) {
    const own = (r.stderr ?? '').split('\n').find((l) => l.startsWith('refract_neuron: '));
    if (own) throw new InputError(`NEURON run refused: ${own.slice('refract_neuron: '.length)}`, { file: simConfig });
    const last = (r.stderr ?? '').trim().split('\n').filter(Boolean).slice(-1)[0];
    throw new InputError(`NEURON run failed: ${o.mpirun} exited with ${r.status ?? r.signal ?? r.error?.message}${last ? ` (${last.trim()})` : ', no output'}`, { file: simConfig });
  }
  const nrn = JSON.parse(line) as RunnerResult;
  const [nrnSpikes] = await readSonataSpikes(neuronFile);

  // Refract's run of the same files
  const t1 = performance.now();
  const sim = new Simulation(run.net, { dt: run.gridDt ?? undefined, record: { spikes: true } });
  const s = run.stimulus;
  for (let k = 0; k < s.node.length; k++) {
    if (s.force[k]) sim.force(s.node[k], s.time[k]);
    else sim.inject(s.node[k], s.time[k], s.weight[k]);
  }
  sim.run(duration);
  const refractRun = (performance.now() - t1) / 1000;
  const mine = sim.spikes();
  const refractFile = join(outDir, 'refract-spikes.h5');
  await writeSonataSpikes(refractFile, mine, run.population);

  const grid = run.gridDt;
  const a = grid ? gridSummary(nrnSpikes, grid) : null, b = grid ? gridSummary(mine, grid) : null;
  const cmp = compareSpikes(nrnSpikes, mine, { dt: grid, nodes: run.net.n });
  return {
    summary: {
      command: 'neuron',
      folder: dir,
      ranks: nrn.ranks,
      nodes: run.net.n,
      edges: run.net.m,
      duration_ms: duration,
      grid_dt_ms: grid,
      spikes: nrnSpikes.node.length,
      checksum: a?.checksum ?? null,
      sum_steps: a?.sumSteps ?? null,
      nodes_fired: a?.nodesFired ?? new Set(nrnSpikes.node).size,
      neuron_build_s: nrn.build_s,
      neuron_run_s: nrn.run_s,
      neuron_wall_s: wall,
      neuron_version: nrn.neuron_version,
      refract_spikes: mine.node.length,
      refract_checksum: b?.checksum ?? null,
      refract_run_s: refractRun,
      identical: cmp.identical,
      first_difference: cmp.firstDifference,
      count_correlation: cmp.countCorrelation,
      matched_fraction: cmp.matchedFraction,
    },
    files: [neuronFile, refractFile],
  };
}

export function registerNeuron(program: Command): void {
  program
    .command('neuron')
    .description('run an exported SONATA circuit on NEURON with MPI and compare its spikes with Refract\'s run')
    .argument('<sonata>', 'folder written by refract export sonata')
    .addOption(new Option('--ranks <n>', 'MPI ranks (mpirun -np)').argParser(intUpTo(MAX_THREADS)).default(1))
    .addOption(new Option('--duration <ms>', 'simulated time (default: run.tstop of simulation_config.json)').argParser(upTo(MAX_DURATION_MS, { positive: true, unit: 'ms' })))
    .addOption(new Option('--python <path>', 'Python with NEURON and h5py').default('/usr/bin/python3'))
    .addOption(new Option('--mpirun <path>', 'MPI launcher').default('mpirun'))
    .addOption(new Option('--json', 'print the summary as one JSON line'))
    .addHelpText(
      'after',
      `
Needs Debian's NEURON and MPI:  apt-get install -y neuron python3-neuron openmpi-bin python3-h5py

Example (CRG-det, docs/workloads/crg.md §7: 48569 spikes, checksum 3903629138 on any number of ranks):
  refract build crg --variant det --N 1000 --K 10 --seed 1 --out net.json
  refract export sonata net.json --out crg-sonata
  refract neuron crg-sonata --ranks 2 --duration 100 --json`,
    )
    .action(async (dir: string, o: NeuronOptions) => {
      const { summary, files } = await runNeuron(dir, o);
      printResult(summary, o.json ?? false, files);
    });
}
