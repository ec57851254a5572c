/**
 * `refract bench crg`: the CRG reference workload of docs/workloads/crg.md, printing
 * one JSON line with the keys of §4 (and for CRG-det the exact fields of §5/§7).
 */
import { Command, Option } from 'commander';
import { crg, crgInitialPotential, CRG, gridSteps } from '../model/builders/crg.js';
import { withChanges } from '../model/build.js';
import { Simulation } from '../engine/simulation.js';
import { runGrid, type GridTally } from '../engine/grid-kernel.js';
import { crgGrid } from '../engine/crg-grid.js';
import { runGridThreads } from '../node/grid-threads.js';
import { gridSummary } from '../analysis/spike-compare.js';
import { binCounts, cv } from '../analysis/stats.js';
import { choice, intUpTo, MAX_BENCH_MS, MAX_NODES_OPTION, MAX_OUT_EDGES, MAX_THREADS, seed, upTo } from './args.js';
import { progressBar } from './progress.js';
import { printResult } from './output.js';
import { InputError } from '../formats/errors.js';

export interface BenchOptions {
  N: number;
  K: number;
  seed: number;
  variant: 'crg' | 'det';
  duration?: number;
  mode: 'exact' | 'grid';
  /** Grid mode: the fast grid kernel (default) or the general engine's grid strategy. */
  engine?: 'fast' | 'general';
  threads?: number;
  json?: boolean;
  quiet?: boolean;
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** The docs/workloads/crg.md §4 keys every run reports, plus how it ran. */
function crgRecord(o: BenchOptions, how: { mode: string; engine: string; threads: number }, T: number, spikes: number, buildS: number, runS: number): Record<string, unknown> {
  return {
    bench: o.variant === 'det' ? 'CRG-det' : 'CRG',
    simulator: 'refract',
    ...how,
    N: o.N,
    K: o.K,
    seed: o.seed,
    T_ms: T,
    spikes,
    mean_rate_hz: spikes / (o.N * T * 1e-3),
    syn_events: spikes * o.K,
    build_s: buildS,
    run_s: runS,
    syn_events_per_s: runS > 0 ? (spikes * o.K) / runS : null,
    peak_rss_mb: peakRssMb(),
  };
}

/** rate_steady_hz and pop_cv_1ms from the spike counts in 1 ms bins over [200, T). */
function steadyFields(bins: number[], N: number, T: number): Record<string, number> {
  return { rate_steady_hz: bins.reduce((a, b) => a + b, 0) / (N * (T - 200) * 1e-3), pop_cv_1ms: cv(bins) };
}

/** CRG on the fast grid kernel, on one thread or several (docs/workloads/crg.md §4 keys). */
export async function benchCrgFast(o: BenchOptions): Promise<Record<string, unknown>> {
  const det = o.variant === 'det';
  const T = o.duration ?? (det ? CRG.TDet : CRG.T);
  const steps = Math.round(T / CRG.dt);
  const threads = o.threads ?? 1;
  const drive = det ? null : { rate: CRG.rExt, weight: CRG.wExt };
  const inject = det ? Array.from({ length: Math.min(CRG.nSeed, o.N) }, (_, i) => ({ node: i, step: 0, weight: CRG.theta })) : [];
  const bar = progressBar('bench', o.quiet ?? false);
  let buildS: number, runS: number, tally: GridTally;
  if (threads === 1) {
    const t0 = performance.now();
    const g = crgGrid(o.N, o.K, o.seed, { variant: o.variant });
    const u0 = det ? 0 : crgInitialPotential(o.N, o.seed);
    const t1 = performance.now();
    const k = runGrid(g, { steps, seed: o.seed, drive, inject, initialPotential: u0, onProgress: (f) => bar.update(f) });
    const t2 = performance.now();
    buildS = (t1 - t0) / 1000;
    runS = (t2 - t1) / 1000;
    tally = k.tally;
  } else {
    const r = await runGridThreads({ kind: 'crg', N: o.N, K: o.K, seed: o.seed, variant: o.variant }, { threads, steps, seed: o.seed, drive, inject, crgInitialPotential: !det });
    buildS = r.buildSeconds;
    runS = r.runSeconds;
    tally = r.tally;
  }
  bar.stop();
  const res = crgRecord(o, { mode: 'grid', engine: 'fast', threads }, T, tally.spikes, buildS, runS);
  if (det) {
    res.checksum = tally.checksum;
    res.sum_steps = tally.sumSteps;
    res.nodes_fired = tally.nodesFired;
    res.spikes_first_ms = Array.from({ length: 10 }, (_, m) => tally.perStep.subarray(m * 10, m * 10 + 10).reduce((a, b) => a + b, 0));
  } else {
    if (T >= 400) {
      const bins: number[] = [];
      for (let s = 2000; s + 10 <= steps; s += 10) bins.push(tally.perStep.subarray(s, s + 10).reduce((a, b) => a + b, 0));
      Object.assign(res, steadyFields(bins, o.N, T));
    }
    res.ext_events = tally.driveDelivered + tally.driveBlocked;
  }
  return res;
}

export function benchCrg(o: BenchOptions): Record<string, unknown> {
  const det = o.variant === 'det';
  const T = o.duration ?? (det ? CRG.TDet : CRG.T);
  const t0 = performance.now();
  let net = crg(o.N, o.K, o.seed, { variant: o.variant });
  let sim: Simulation;
  if (det) {
    if (o.mode === 'grid') sim = new Simulation(net, { dt: CRG.dt, record: { spikes: true } });
    else {
      // Exact mode on the grid's integers: latencies in whole steps, R = 20 steps, time unit = one step.
      net = withChanges(net, { latency: net.latency.map((l) => gridSteps(l, CRG.dt)), refractory: net.refractory.map((r) => Math.round(r / CRG.dt)), tauM: net.tauM.map((x) => x / CRG.dt) });
      sim = new Simulation(net, { record: { spikes: true } });
    }
    for (let i = 0; i < Math.min(CRG.nSeed, o.N); i++) sim.inject(i, 0, CRG.theta);
  } else {
    sim = new Simulation(net, { seed: o.seed, dt: o.mode === 'grid' ? CRG.dt : undefined, initialPotential: crgInitialPotential(o.N, o.seed), record: { spikes: true } });
    sim.poisson({ rate: CRG.rExt, weight: CRG.wExt });
  }
  const t1 = performance.now();
  const bar = progressBar('bench', o.quiet ?? false);
  const runT = det && o.mode === 'exact' ? Math.round(T / CRG.dt) : T;
  sim.run(runT, { onProgress: (f) => bar.update(f) });
  bar.stop();
  const t2 = performance.now();
  const raw = sim.rawSpikes();
  const S = raw.count;
  const runS = (t2 - t1) / 1000;
  const res = crgRecord(o, { mode: o.mode, engine: 'general', threads: 1 }, T, S, (t1 - t0) / 1000, runS);
  if (det) {
    // raw spike times are engine units: whole steps in both det modes (so dt = 1 step)
    const steps = { node: raw.node.subarray(0, S), time: raw.time.subarray(0, S) };
    const sum = gridSummary(steps, 1);
    const perMs = new Array<number>(10).fill(0);
    for (const s of steps.time) if (s < 100) perMs[Math.floor(s / 10)]++;
    res.checksum = sum.checksum;
    res.sum_steps = sum.sumSteps;
    res.nodes_fired = sum.nodesFired;
    res.spikes_first_ms = perMs;
  } else {
    const times = Float64Array.from(raw.time.subarray(0, S), (t) => (o.mode === 'grid' ? t * CRG.dt : t));
    if (T >= 400) {
      Object.assign(res, steadyFields(Array.from(binCounts(times, 200, T, 1)), o.N, T));
    }
    const rec = sim.recording();
    res.ext_events = rec.stimulusDelivered + rec.stimulusBlocked;
  }
  return res;
}

export function registerBench(program: Command): void {
  const bench = program.command('bench').description('benchmarks (one JSON line per run)');
  bench
    .command('crg')
    .description('the CRG reference workload (docs/workloads/crg.md)')
    .addOption(new Option('--N <count>', 'nodes').argParser(intUpTo(MAX_NODES_OPTION)).default(10000))
    .addOption(new Option('--K <count>', 'out-edges per node').argParser(intUpTo(MAX_OUT_EDGES)).default(100))
    .addOption(new Option('--seed <n>', 'network and drive seed').argParser(seed).default(1))
    .addOption(new Option('--variant <v>', 'crg (Poisson drive, statistics) or det (exact cross-check)').argParser(choice(['crg', 'det'] as const)).default('crg'))
    .addOption(new Option('--duration <ms>', 'model time (default 1000 ms, det 100 ms)').argParser(upTo(MAX_BENCH_MS, { unit: 'ms' })))
    .addOption(new Option('--mode <m>', 'exact continuous time, or grid (dt = 0.1 ms)').argParser(choice(['exact', 'grid'] as const)))
    .addOption(new Option('--engine <e>', 'grid mode: fast (the grid kernel) or general (the full engine)').argParser(choice(['fast', 'general'] as const)).default('fast'))
    .addOption(new Option('--threads <n>', 'worker threads (fast grid kernel)').argParser(intUpTo(MAX_THREADS)).default(1))
    .addOption(new Option('--json', 'print one JSON line (default)'))
    .addOption(new Option('--table', 'print a table instead of JSON'))
    .addOption(new Option('--quiet', 'no progress bar'))
    .addHelpText('after', '\nExamples:\n  refract bench crg --variant det --N 1000 --K 10 --seed 1 --json\n  refract bench crg --N 10000 --K 100 --seed 1 --json\n  refract bench crg --N 1000000 --mode grid --threads 2 --json')
    .action(async (o: BenchOptions & { table?: boolean }) => {
      const mode = o.mode ?? (o.variant === 'det' ? 'grid' : 'exact');
      if ((o.threads ?? 1) > 1 && (mode !== 'grid' || o.engine === 'general')) throw new InputError('--threads needs --mode grid with the fast engine', { field: '--threads' });
      const fast = mode === 'grid' && o.engine !== 'general';
      printResult(fast ? await benchCrgFast({ ...o, mode }) : benchCrg({ ...o, mode }), !o.table);
    });
}
