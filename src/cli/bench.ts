/**
 * `refract bench crg`: the CRG reference workload of ../shared/bench/WORKLOAD.md, printing
 * one JSON line with the keys of §4 (and for CRG-det the exact fields of §5/§7).
 */
import { Command, Option } from 'commander';
import { crg, crgInitialPotential, CRG, gridSteps } from '../model/builders/crg.js';
import { withChanges } from '../model/build.js';
import { Simulation } from '../engine/simulation.js';
import { binCounts, cv } from '../analysis/stats.js';
import { choice, nonNegative, positiveInt, seed } from './args.js';
import { progressBar } from './progress.js';
import { printResult } from './output.js';

export interface BenchOptions {
  N: number;
  K: number;
  seed: number;
  variant: 'crg' | 'det';
  duration?: number;
  mode: 'exact' | 'grid';
  json?: boolean;
  quiet?: boolean;
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
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
  const res: Record<string, unknown> = {
    bench: det ? 'CRG-det' : 'CRG',
    simulator: 'refract',
    mode: o.mode,
    threads: 1,
    N: o.N,
    K: o.K,
    seed: o.seed,
    T_ms: T,
    spikes: S,
    mean_rate_hz: S / (o.N * T * 1e-3),
    syn_events: S * o.K,
    build_s: (t1 - t0) / 1000,
    run_s: runS,
    syn_events_per_s: runS > 0 ? (S * o.K) / runS : null,
    peak_rss_mb: peakRssMb(),
  };
  if (det) {
    // raw spike times are engine units: whole steps in both det modes
    let checksum = 0, sumSteps = 0;
    const fired = new Uint8Array(o.N);
    const perMs = new Array<number>(Math.ceil(T)).fill(0);
    for (let k = 0; k < S; k++) {
      const s = raw.time[k];
      const i = raw.node[k];
      checksum = (checksum + Math.imul(i + 1, s + 1)) >>> 0;
      sumSteps += s;
      fired[i] = 1;
      perMs[Math.floor(s / 10)]++;
    }
    res.checksum = checksum;
    res.sum_steps = sumSteps;
    res.nodes_fired = fired.reduce((a, b) => a + b, 0);
    res.spikes_first_ms = perMs.slice(0, 10);
  } else {
    const times = Float64Array.from(raw.time.subarray(0, S), (t) => (o.mode === 'grid' ? t * CRG.dt : t));
    if (T >= 400) {
      const bins = binCounts(times, 200, T, 1);
      res.rate_steady_hz = bins.reduce((a, b) => a + b, 0) / (o.N * (T - 200) * 1e-3);
      res.pop_cv_1ms = cv(bins);
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
    .description('the CRG reference workload (../shared/bench/WORKLOAD.md)')
    .addOption(new Option('--N <count>', 'nodes').argParser(positiveInt).default(10000))
    .addOption(new Option('--K <count>', 'out-edges per node').argParser(positiveInt).default(100))
    .addOption(new Option('--seed <n>', 'network and drive seed').argParser(seed).default(1))
    .addOption(new Option('--variant <v>', 'crg (Poisson drive, statistics) or det (exact cross-check)').argParser(choice(['crg', 'det'] as const)).default('crg'))
    .addOption(new Option('--duration <ms>', 'model time (default 1000 ms, det 100 ms)').argParser(nonNegative))
    .addOption(new Option('--mode <m>', 'exact continuous time, or grid (dt = 0.1 ms)').argParser(choice(['exact', 'grid'] as const)))
    .addOption(new Option('--json', 'print one JSON line (default)'))
    .addOption(new Option('--table', 'print a table instead of JSON'))
    .addOption(new Option('--quiet', 'no progress bar'))
    .addHelpText('after', '\nExamples:\n  refract bench crg --variant det --N 1000 --K 10 --seed 1 --json\n  refract bench crg --N 10000 --K 100 --seed 1 --json')
    .action((o: BenchOptions & { table?: boolean }) => {
      const mode = o.mode ?? (o.variant === 'det' ? 'grid' : 'exact');
      printResult(benchCrg({ ...o, mode }), !o.table);
    });
}
