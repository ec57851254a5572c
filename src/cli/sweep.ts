/**
 * `refract sweep`: a grid of simulations over one parameter (R, conduction speed or
 * tortuosity), in parallel worker threads, one JSON line per grid point, and the figure of
 * efficiency and blocked fraction against Λ.
 */
import { Command, Option } from 'commander';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { OutputDir } from '../node/atomic.js';
import { InputError } from '../formats/errors.js';
import { lineSpec } from '../report/charts.js';
import { formatTable } from '../report/table.js';
import { show } from './output.js';
import { addNetworkOptions, presetNames } from './networks.js';
import { checkSweepable, runSweepPoint, SWEEP_PARAMS, type SweepParam, type SweepPointSpec } from './sweep-point.js';
import type { WorkerResult } from './sweep-worker.js';
import type { SimulateOptions } from './simulate.js';
import { choice, intUpTo, MAX_CYCLES, MAX_DRIVE_HZ, MAX_DURATION_MS, MAX_THREADS, nodeTimes, num, positive, seed, upTo, valueGrid } from './args.js';
import { progressBar } from './progress.js';

interface SweepOptions extends SimulateOptions {
  param: SweepParam;
  values: number[];
  threads?: number;
  maxCycles: number;
}

async function runAll(specs: SweepPointSpec[], threads: number, onDone: () => void): Promise<Record<string, unknown>[]> {
  const worker = fileURLToPath(new URL('./sweep-worker.js', import.meta.url));
  // From the sources (tsx) there is no compiled worker: run in-process.
  if (threads <= 1 || specs.length <= 1 || !existsSync(worker)) {
    return specs.map((s) => {
      const r = runSweepPoint(s);
      onDone();
      return r;
    });
  }
  const { Piscina } = await import('piscina');
  const pool = new Piscina({ filename: worker, maxThreads: threads, minThreads: 1 });
  try {
    // Let every task settle before the pool is destroyed: tearing down a worker that is still
    // loading its modules crashes Node 20.
    const settled = await Promise.allSettled(
      specs.map(async (s) => {
        const r = (await pool.run(s)) as WorkerResult;
        if (!r.ok) throw new InputError(r.inputError);
        onDone();
        return r.row;
      }),
    );
    const failed = settled.find((x) => x.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.map((x) => (x as PromiseFulfilledResult<Record<string, unknown>>).value);
  } finally {
    await pool.destroy();
  }
}

export async function sweepCommand(file: string | undefined, o: SweepOptions): Promise<{ rows: Record<string, unknown>[]; files: string[] }> {
  const { param, values } = o;
  if (values.some((v) => (param === 'R' ? v < 0 : !(v > 0)))) throw new InputError(`${param} values must be ${param === 'R' ? '>= 0' : '> 0'}`, { field: '--values' });
  // what each grid point needs: the simulate options without the sweep's own
  const { param: _p, values: _v, threads: _t, maxCycles: _m, ...simulateOptions } = o;
  const options: SimulateOptions = { ...simulateOptions, quiet: true };
  const specs: SweepPointSpec[] = values.map((value) => ({ file, options, param, value, maxCycles: o.maxCycles }));
  checkSweepable(specs[0]);
  const threads = Math.max(1, Math.min(o.threads ?? availableParallelism(), specs.length));
  const bar = progressBar(`sweep ${param}`, o.quiet ?? false);
  let done = 0;
  const rows = await runAll(specs, threads, () => bar.update(++done / specs.length));
  bar.stop();

  const { renderChart } = await import('../node/render.js');
  const lam = rows.map((r) => r.lambda_median as number);
  const chart = await renderChart(
    lineSpec(
      [
        { name: 'efficiency (arrival timing)', x: lam, y: rows.map((r) => r.efficiency as number) },
        { name: 'busy fraction (time refractory)', x: lam, y: rows.map((r) => r.busy_fraction as number) },
        { name: 'blocked fraction', x: lam, y: rows.map((r) => r.blocked_fraction as number) },
      ],
      { title: `Sweep of ${param} (${file ?? `preset ${o.preset ?? 'geometric'}`})`, xTitle: 'Λ = R / τ (median over edges)', yTitle: 'fraction', points: true },
    ),
  );
  const out = new OutputDir(o.out);
  try {
    out.write('sweep.jsonl', rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    out.write('sweep.svg', chart.svg);
    out.write('sweep.png', chart.png);
    return { rows, files: out.commit() };
  } catch (e) {
    out.abort();
    throw e;
  }
}

export function registerSweep(program: Command): void {
  const cmd = program
    .command('sweep')
    .description('simulate a grid of values of one parameter and tabulate Λ, efficiency, blocked fraction and sustained activity')
    .argument('[network]', 'network JSON file (or use --preset)')
    .addOption(new Option('--param <name>', `swept parameter: ${SWEEP_PARAMS.join(' | ')}`).argParser(choice(SWEEP_PARAMS)).makeOptionMandatory())
    .addOption(new Option('--values <a:b:n>', 'n values from a to b, or a comma list').argParser(valueGrid).makeOptionMandatory())
    .addOption(new Option('--preset <name>', `built-in network: ${presetNames()}`))
    .addOption(new Option('--duration <ms>', 'model time per run (default: the preset’s)').argParser(upTo(MAX_DURATION_MS, { unit: 'ms' })))
    .addOption(new Option('--seed <n>', 'seed (the same for every grid point)').argParser(seed))
    .addOption(new Option('--dt <ms>', 'grid mode step').argParser(positive))
    .addOption(new Option('--force <node@t,...>', 'stimulus (replaces the preset’s)').argParser(nodeTimes))
    .addOption(new Option('--drive-rate <hz>', 'Poisson drive on every node (replaces the preset’s stimulus)').argParser(upTo(MAX_DRIVE_HZ, { unit: 'Hz' })))
    .addOption(new Option('--drive-weight <w>', 'weight of each drive event').argParser(num))
    .addOption(new Option('--threads <count>', 'worker threads (default: all cores)').argParser(intUpTo(MAX_THREADS)))
    .addOption(new Option('--max-cycles <count>', 'bound on the cycles enumerated per network').argParser(intUpTo(MAX_CYCLES)).default(10000))
    .addOption(new Option('--out <dir>', 'output directory (sweep.jsonl, sweep.svg, sweep.png)').default('refract-out/sweep'))
    .addOption(new Option('--json', 'one JSON line per grid point'))
    .addOption(new Option('--quiet', 'no progress bar'));
  addNetworkOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  refract sweep --preset ring --ring-size 5 --latency 1 --param R --values 0.5:10:20 --json
  refract sweep --preset geometric --param R --values 0.5:10:20
  refract sweep geo.json --param speed --values 100,200,500,1000 --duration 500`,
  );
  cmd.action(async (file: string | undefined, o: SweepOptions) => {
    const { rows, files } = await sweepCommand(file, o);
    if (o.json) for (const r of rows) process.stdout.write(JSON.stringify(r) + '\n');
    else {
      const cols = ['value', 'lambda_median', 'efficiency', 'busy_fraction', 'blocked_fraction', 'sustained', 'steady', 'spikes'];
      process.stdout.write(formatTable([o.param, ...cols.slice(1)], rows.map((r) => cols.map((c) => show(r[c])))) + '\n');
      process.stdout.write(`\nwrote ${files.length} files:\n${files.map((f) => `  ${f}`).join('\n')}\n`);
    }
  });
}
