/**
 * `refract analyze <net.json> [--spikes DIR]`: how well a network signals. Without spikes:
 * the refraction ratios and loops of its structure. With a run directory: efficiency,
 * blocked arrivals, breakdown, steady state and temporal sequences, and pictures.
 */
import { reachesRefractory } from '../model/time.js';
import { Command, Option } from 'commander';
import { readNetworkFile } from '../node/network-file.js';
import { OutputDir } from '../node/atomic.js';
import { analyzeRun } from '../analysis/run-analysis.js';
import { refractionRatios, summarizeRatios, nodeRatios } from '../analysis/refraction.js';
import { blockedByLambda } from '../analysis/efficiency.js';
import { simpleCycles } from '../analysis/graph.js';
import { summarize } from '../analysis/stats.js';
import { binnedFractionSpec, histogramSpec, rasterSpec } from '../report/charts.js';
import { lambdaRecord, runRecord } from './analysis-summary.js';
import { loadRun } from './run-dir.js';
import { intUpTo, MAX_CYCLES, MAX_DURATION_MS, nonNegative, upTo } from './args.js';
import { printResult } from './output.js';

interface AnalyzeOptions {
  spikes?: string;
  duration?: number;
  dt?: number;
  maxCycles: number;
  out: string;
  json?: boolean;
}

export async function analyzeCommand(file: string, o: AnalyzeOptions): Promise<{ summary: Record<string, unknown>; files: string[] }> {
  const net = readNetworkFile(file);
  const lambda = refractionRatios(net);
  const perNode = nodeRatios(net, lambda);
  const summary: Record<string, unknown> = {
    command: 'analyze',
    network: file,
    n: net.n,
    m: net.m,
    ...lambdaRecord(summarizeRatios(lambda)),
    ...lambdaRecord(summarizeRatios(refractionRatios(net, 'source')), 'lambda_source'),
    node_in_lambda_median: summarize(perNode.inMedian).median,
    node_out_lambda_median: summarize(perNode.outMedian).median,
  };
  const run = o.spikes ? await loadRun(o.spikes, net, o.duration, o.dt) : null;
  const { renderChart } = await import('../node/render.js');
  const out = new OutputDir(o.out);
  try {
    const hist = await renderChart(
      histogramSpec(lambda, { title: 'Refraction ratio Λ = R / τ over edges', xTitle: 'Λ (R of the receiving node / latency)', bins: 40, markLines: [{ value: 1, label: 'Λ = 1' }] }),
    );
    out.write('lambda-histogram.svg', hist.svg);
    out.write('lambda-histogram.png', hist.png);
    if (run) {
      const a = analyzeRun(net, run.spikes, { duration: run.duration, dt: run.dt, sources: run.sources, maxCycles: o.maxCycles, listBlocked: true });
      Object.assign(summary, { spikes_from: run.spikeFile, duration_ms: run.duration, dt_ms: run.dt }, runRecord(a));
      const bl = blockedByLambda(net, a.fates);
      const curve = await renderChart(
        binnedFractionSpec(
          { x0: bl.lambdaLo, x1: bl.lambdaHi, hits: bl.blocked, total: bl.arrivals },
          { title: 'Arrivals blocked by refractoriness, by the edge’s Λ', xTitle: 'Λ = R / τ of the edge (log bins)', yTitle: 'fraction of arrivals blocked', countTitle: 'arrivals', logX: true },
        ),
      );
      out.write('blocked-vs-lambda.svg', curve.svg);
      out.write('blocked-vs-lambda.png', curve.png);
      const raster = await renderChart(rasterSpec(run.spikes, { title: 'Spikes, with blocked arrivals (×)', blocked: a.fates.blockedList!, timeDomain: [0, run.duration] }));
      out.write('raster-blocked.svg', raster.svg);
      out.write('raster-blocked.png', raster.png);
    } else {
      const c = simpleCycles(net, { maxCycles: o.maxCycles });
      const limited = c.cycles.filter((x) => !reachesRefractory(x.latency, x.maxRefractory)).length;
      Object.assign(summary, { cycles: c.cycles.length, cycles_truncated: c.truncated, cycles_refractory_limited: limited, cycles_sustainable: c.cycles.length - limited });
    }
    out.write('analysis.json', JSON.stringify(summary, null, 2) + '\n');
    return { summary, files: out.commit() };
  } catch (e) {
    out.abort();
    throw e;
  }
}

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('refraction ratios, efficiency, breakdown, steady state and temporal sequences of a network (and a saved run)')
    .argument('<network>', 'network JSON file')
    .addOption(new Option('--spikes <dir>', 'a run directory written by `refract simulate --out DIR`'))
    .addOption(new Option('--duration <ms>', 'model time of the run, when the directory has no summary.json').argParser(upTo(MAX_DURATION_MS, { unit: 'ms' })))
    .addOption(new Option('--dt <ms>', 'the time step of a grid run (0: exact time); default: summary.json, else the network file\'s grid, else exact').argParser(nonNegative))
    .addOption(new Option('--max-cycles <count>', 'bound on the cycles enumerated').argParser(intUpTo(MAX_CYCLES)).default(10000))
    .addOption(new Option('--out <dir>', 'output directory for pictures and analysis.json').default('refract-out/analyze'))
    .addOption(new Option('--json', 'print the summary as one JSON line'))
    .addHelpText(
      'after',
      `
Examples:
  refract simulate --preset ring --duration 50 --out out/ring
  refract analyze out/ring/network.json --spikes out/ring
  refract analyze geo.json --json`,
    )
    .action(async (file: string, o: AnalyzeOptions) => {
      const r = await analyzeCommand(file, o);
      printResult(r.summary, o.json ?? false, r.files);
    });
}
