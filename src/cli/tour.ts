/**
 * `refract tour` (what `npm start` runs): build the default geometric network, simulate it
 * under Poisson drive, analyse how well its timing matches its refractoriness, print a
 * summary and write a report with pictures into ./refract-out/.
 */
import { Command, Option } from 'commander';
import { OutputDir } from '../node/atomic.js';
import { LAMBDA_ABOVE_ONE_LABEL, LAMBDA_MEANING, refractionRatios, summarizeRatios } from '../analysis/refraction.js';
import { binCounts, cv, summarize } from '../analysis/stats.js';
import { ring } from '../model/builders/fixtures.js';
import { Simulation } from '../engine/simulation.js';
import { histogramSpec, rateSpec } from '../report/charts.js';
import { htmlReport } from '../report/html.js';
import { formatNumber, formatTable } from '../report/table.js';
import { executeSimulation, stageSimulationOutputs } from './simulate.js';
import { seed } from './args.js';

interface TourOptions {
  out: string;
  seed: number;
  quiet?: boolean;
}

/** Ring of 5 nodes, τ = 1 ms: sustained iff R ≤ Nτ = 5 ms (docs/design.md §2). */
function ringCheck(): (string | number)[][] {
  return [2, 4, 5, 6, 8].map((R) => {
    const s = new Simulation(ring({ n: 5, latency: 1, refractory: R })).force(0, 0).run(100).spikes();
    const sustained = s.node.length > 5;
    return [R, formatNumber(R / 1), sustained ? 'sustained' : 'dies', s.node.length];
  });
}

export async function tour(o: TourOptions): Promise<string[]> {
  const run = executeSimulation(undefined, { preset: 'geometric', seed: o.seed, out: o.out, quiet: o.quiet });
  const { net } = run.loaded;
  const spikes = run.sim.spikes();
  const rec = run.sim.recording();
  const lambda = refractionRatios(net);
  const lam = summarizeRatios(lambda);
  const lat = summarize(net.latency);
  const rates = Float64Array.from(rec.nodeSpikes, (c) => c / (run.duration * 1e-3));
  const rateStats = summarize(rates);
  const popCv = cv(binCounts(spikes.time, 200, run.duration, 1));
  const s = run.summary;

  const rows: (string | number)[][] = [
    ['nodes / edges', `${net.n} / ${net.m}`],
    ['latency τ (ms): median [IQR]', `${formatNumber(lat.median)} [${formatNumber(lat.q1)}, ${formatNumber(lat.q3)}]`],
    ['refraction ratio Λ = R/τ: median [IQR]', `${formatNumber(lam.median)} [${formatNumber(lam.q1)}, ${formatNumber(lam.q3)}]`],
    [LAMBDA_ABOVE_ONE_LABEL, `${formatNumber(100 * lam.fractionAboveOne, 3)} %`],
    ['spikes in ' + run.duration + ' ms', String(s.spikes)],
    ['mean rate (Hz)', formatNumber(s.mean_rate_hz as number)],
    ['rate per node (Hz): median [IQR]', `${formatNumber(rateStats.median)} [${formatNumber(rateStats.q1)}, ${formatNumber(rateStats.q3)}]`],
    ['population CV in 1 ms bins (t ≥ 200 ms)', formatNumber(popCv)],
    ['recurrent arrivals blocked by refractoriness', `${formatNumber(100 * (s.blocked_fraction as number), 3)} %`],
    ['simulation time (s)', formatNumber(s.run_s as number, 3)],
  ];
  const ringRows = ringCheck();
  const text =
    `Refract tour — ${net.n} leaky nodes in a 1 mm cube, 20 random targets each, conduction 0.5 m/s + 0.5 ms synaptic delay, R = 2 ms, Poisson drive 500 Hz\n\n` +
    formatTable(['quantity', 'value'], rows, { align: ['l', 'r'] }) +
    '\n\nRing of 5 nodes, τ = 1 ms — sustained iff Λ = R/τ ≤ N = 5:\n' +
    formatTable(['R (ms)', 'Λ', 'activity', 'spikes in 100 ms'], ringRows) +
    '\n';
  process.stdout.write(text);

  const { renderChart } = await import('../node/render.js');
  const out = new OutputDir(o.out);
  try {
    await stageSimulationOutputs(out, run);
    const hist = await renderChart(
      histogramSpec(lambda, { title: 'Refraction ratio Λ = R / τ over edges', xTitle: 'Λ (R of the receiving node / latency)', bins: 40, markLines: [{ value: 1, label: 'Λ = 1' }, { value: lam.median, label: 'median' }] }),
    );
    out.write('lambda-histogram.svg', hist.svg);
    out.write('lambda-histogram.png', hist.png);
    const rate = await renderChart(rateSpec(spikes, { n: net.n, duration: run.duration, binMs: 5, title: 'Population rate (5 ms bins)' }));
    out.write('rate.svg', rate.svg);
    out.write('rate.png', rate.png);
    const rasterSvg = out.readStaged('raster.svg');
    out.write(
      'report.html',
      htmlReport({
        title: 'Refract tour',
        subtitle: `Geometric dynamic network, seed ${o.seed}`,
        sections: [
          { heading: 'Summary', table: { columns: ['quantity', 'value'], rows } },
          { heading: 'Raster', text: 'Each dot is an activation (node, time).', svg: rasterSvg },
          { heading: 'Population rate', svg: rate.svg },
          { heading: 'Refraction ratio', text: LAMBDA_MEANING, svg: hist.svg },
          { heading: 'Ring check', text: 'A ring of 5 nodes with latency 1 ms sustains circulating activity iff R ≤ 5 ms.', table: { columns: ['R (ms)', 'Λ', 'activity', 'spikes in 100 ms'], rows: ringRows } },
        ],
      }),
    );
    const files = out.commit();
    process.stdout.write(`\nReport written to ${o.out}/report.html (${files.length} files)\n`);
    return files;
  } catch (e) {
    out.abort();
    throw e;
  }
}

export function registerTour(program: Command): void {
  program
    .command('tour', { isDefault: false })
    .description('build, simulate and analyse the default geometric network; write a report to ./refract-out/')
    .addOption(new Option('--out <dir>', 'output directory').default('refract-out'))
    .addOption(new Option('--seed <n>', 'seed').argParser(seed).default(1))
    .addOption(new Option('--quiet', 'no progress bar'))
    .action(async (o: TourOptions) => {
      await tour(o);
    });
}
