/**
 * `refract morph`: real neurons. Reads SWC files (or a folder), checks and optionally repairs
 * them, analyses each axonal arbor (path lengths, latencies, refraction ratios for the real
 * and the straight path) and writes a table per cell, a population summary and pictures.
 */
import { Command, Option } from 'commander';
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { checkSwc } from '../morphology/validate.js';
import { repairMorphology } from '../morphology/repair.js';
import { analyzeArbor, type ArborAnalysis, type ArborOptions } from '../morphology/arbor.js';
import { velocityModel, describeVelocity, type VelocityModelName } from '../morphology/velocity.js';
import { jitterMorphology } from '../morphology/jitter.js';
import type { Morphology } from '../morphology/types.js';
import { InputError, isInputError } from '../io/errors.js';
import { readText } from '../io/files.js';
import { OutputDir } from '../io/atomic.js';
import { summarize } from '../analysis/stats.js';
import { formatTable } from '../report/table.js';
import { show } from './output.js';
import { morphologyPictures, populationPictures } from './morph-pictures.js';
import { choice, nonNegative, positive, positiveInt, seed } from './args.js';
import { progressBar } from './progress.js';

interface MorphOptions {
  R: number;
  velocity: VelocityModelName;
  k?: number;
  from: 'axon' | 'soma';
  repair?: boolean;
  jitter?: number;
  jitterSigma: number;
  seed: number;
  pictures?: 'all' | 'summary' | 'none';
  out: string;
  json?: boolean;
  quiet?: boolean;
}

/** Cells with fewer terminals or less axon than this are stubs (cut axons), not full arbors. */
const FULL_AXON = { terminals: 5, lengthUm: 500 };

export interface CellResult {
  row: Record<string, unknown>;
  analysis: ArborAnalysis | null;
  morphology: Morphology;
  repairs: string[];
}

function swcFiles(inputs: string[]): string[] {
  const out: string[] = [];
  for (const p of inputs) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new InputError('file not found', { file: p });
    }
    if (st.isDirectory()) {
      const inside = readdirSync(p, { recursive: true, encoding: 'utf8' }).filter((f) => f.toLowerCase().endsWith('.swc')).sort();
      if (inside.length === 0) throw new InputError('no .swc files in this folder', { file: p });
      out.push(...inside.map((f) => join(p, f)));
    } else out.push(p);
  }
  return out;
}

const num = (x: number | undefined): number | null => (x === undefined || !Number.isFinite(x) ? null : x);

export function analyzeCell(m: Morphology, file: string, problemsCount: number, repairs: string[], o: ArborOptions, kind: string): CellResult {
  const a = analyzeArbor(m, o);
  const full = a !== null && a.terminals.length >= FULL_AXON.terminals && a.totalLength >= FULL_AXON.lengthUm;
  // Λ = R / latency is monotone, so the median Λ is R / median latency: R* = median latency gives median Λ = 1.
  const row: Record<string, unknown> = {
    file,
    points: m.n,
    soma: m.soma.kind,
    problems: problemsCount,
    repairs: repairs.length,
    axon: a === null ? 'none' : full ? 'full' : 'stub',
    axon_points: a?.axonPoints ?? 0,
    axon_terminals: a?.terminals.length ?? 0,
    axon_branch_points: a?.branchPoints ?? 0,
    axon_length_um: a ? a.totalLength : 0,
    median_path_um: num(a?.stats.pathLength.median),
    median_tortuosity: num(a?.stats.tortuosity.median),
    median_latency_ms: num(a?.stats.latency.median),
    median_lambda: num(a?.stats.lambda.median),
    median_lambda_straight: num(a?.stats.lambdaStraight.median),
    lambda_q1: num(a?.stats.lambda.q1),
    lambda_q3: num(a?.stats.lambda.q3),
    median_lambda_branch: num(a?.stats.lambdaBranch.median),
    closer_to_1_than_straight: a && a.terminals.length ? a.terminals.filter((t) => Math.abs(Math.log(t.lambda)) < Math.abs(Math.log(t.lambdaStraight))).length / a.terminals.length : null,
    R_for_median_lambda_1_ms: num(a?.stats.latency.median),
    R_ms: o.refractory,
    velocity_model: describeVelocity(o.velocity),
    from: o.from ?? 'axon',
    input: kind,
  };
  return { row, analysis: a, morphology: m, repairs };
}

function loadCell(file: string, repair: boolean): { m: Morphology; problems: number; repairs: string[] } {
  const { morphology, problems } = checkSwc(readText(file), file);
  if (!repair) return { m: morphology, problems: problems.length, repairs: [] };
  const r = repairMorphology(morphology);
  return { m: r.morphology, problems: problems.length, repairs: r.actions };
}

export async function morphCommand(inputs: string[], o: MorphOptions): Promise<{ cells: CellResult[]; failed: string[]; files: string[] }> {
  const opts: ArborOptions = { refractory: o.R, velocity: velocityModel(o.velocity, o.k), from: o.from };
  const files = swcFiles(inputs);
  // the work list: each file, or N jittered copies of each
  type Job = { file: string; jitter: number | null };
  const jobs: Job[] = o.jitter ? files.flatMap((f) => Array.from({ length: o.jitter! }, (_, k) => ({ file: f, jitter: o.seed + k }))) : files.map((f) => ({ file: f, jitter: null }));
  const bar = progressBar('morph', o.quiet ?? false);
  const cells: CellResult[] = [];
  const failed: string[] = [];
  const cache = new Map<string, { m: Morphology; problems: number; repairs: string[] }>();
  jobs.forEach((job, k) => {
    try {
      let base = cache.get(job.file);
      if (!base) {
        base = loadCell(job.file, o.repair ?? false);
        cache.set(job.file, base);
      }
      const m = job.jitter === null ? base.m : jitterMorphology(base.m, { seed: job.jitter, sigma: o.jitterSigma });
      const name = job.jitter === null ? job.file : `${job.file}#jitter-${job.jitter}`;
      cells.push(analyzeCell(m, name, base.problems, base.repairs, opts, job.jitter === null ? 'file' : `jitter seed ${job.jitter}, σ ${o.jitterSigma} µm`));
    } catch (e) {
      if (!isInputError(e)) throw e;
      // one bad file does not stop the others; the command fails at the end
      process.stderr.write(`refract: ${e.message}\n`);
      failed.push(job.file);
    }
    bar.update((k + 1) / jobs.length);
  });
  bar.stop();

  const pictures = o.pictures ?? (cells.length <= 20 ? 'all' : 'summary');
  const out = new OutputDir(o.out);
  try {
    out.write('cells.jsonl', cells.map((c) => JSON.stringify(c.row)).join('\n') + (cells.length ? '\n' : ''));
    const repairs = cells.filter((c) => c.repairs.length && !String(c.row.file).includes('#jitter-'));
    if (repairs.length) out.write('repairs.txt', repairs.map((c) => `${String(c.row.file)}\n${c.repairs.map((r) => `  ${r}`).join('\n')}`).join('\n') + '\n');
    out.write('population.json', JSON.stringify(population(cells, opts), null, 2) + '\n');
    if (pictures !== 'none') {
      const { renderChart } = await import('../report/render.js');
      if (pictures === 'all')
        for (const c of cells) if (c.analysis) for (const [name, spec] of morphologyPictures(c.morphology, c.analysis, cellName(String(c.row.file)))) {
          const r = await renderChart(spec);
          out.write(`${name}.svg`, r.svg);
          out.write(`${name}.png`, r.png);
        }
      for (const [name, spec] of populationPictures(cells.filter((c) => c.row.axon === 'full').map((c) => c.analysis!), opts)) {
        const r = await renderChart(spec);
        out.write(`${name}.svg`, r.svg);
        out.write(`${name}.png`, r.png);
      }
    }
    return { cells, failed, files: out.commit() };
  } catch (e) {
    out.abort();
    throw e;
  }
}

function cellName(file: string): string {
  return basename(file).replace(/\.swc$/i, '').replace(/[^A-Za-z0-9_.-]+/g, '_');
}

/** Population summary over the cells with full axons (terminals pooled, and per-cell medians). */
export function population(cells: CellResult[], o: ArborOptions): Record<string, unknown> {
  const full = cells.filter((c) => c.row.axon === 'full' && c.analysis);
  const lam = full.flatMap((c) => c.analysis!.terminals.map((t) => t.lambda));
  const straight = full.flatMap((c) => c.analysis!.terminals.map((t) => t.lambdaStraight));
  const closer = full.flatMap((c) => c.analysis!.terminals.map((t) => Math.abs(Math.log(t.lambda)) < Math.abs(Math.log(t.lambdaStraight))));
  return {
    cells: cells.length,
    cells_full_axon: full.length,
    cells_stub_axon: cells.filter((c) => c.row.axon === 'stub').length,
    cells_no_axon: cells.filter((c) => c.row.axon === 'none').length,
    terminals: lam.length,
    median_lambda: num(summarize(lam).median),
    median_lambda_straight: num(summarize(straight).median),
    median_of_cell_medians: num(summarize(full.map((c) => c.row.median_lambda as number)).median),
    terminals_closer_to_1_than_straight: closer.length ? closer.filter(Boolean).length / closer.length : null,
    R_ms: o.refractory,
    velocity_model: describeVelocity(o.velocity),
    from: o.from ?? 'axon',
  };
}

export function registerMorph(program: Command): void {
  program
    .command('morph')
    .description('axonal arbors of real neurons (SWC): path lengths, latencies, refraction ratios, real vs straight paths')
    .argument('<inputs...>', 'SWC files or folders')
    .addOption(new Option('-R, --R <ms>', 'refractory period R').argParser(positive).default(1))
    .addOption(new Option('--velocity <model>', 'constant | unmyelinated (k·√d) | myelinated (k·d)').argParser(choice(['constant', 'unmyelinated', 'myelinated'] as const)).default('unmyelinated'))
    .addOption(new Option('--k <value>', 'velocity constant: m/s (constant), m/s/√µm (unmyelinated, default 1), m/s/µm (myelinated, default 6)').argParser(positive))
    .addOption(new Option('--from <root>', 'paths start at the axon root (initial segment) or the soma').argParser(choice(['axon', 'soma'] as const)).default('axon'))
    .addOption(new Option('--repair', 'fix what can be fixed (attach fragments to the nearest axon point, radii) and say what was done'))
    .addOption(new Option('--jitter <count>', 'analyse this many jittered copies of each cell (a synthetic population)').argParser(positiveInt))
    .addOption(new Option('--jitter-sigma <um>', 'amplitude of the smooth random warp of the copies, µm').argParser(nonNegative).default(2))
    .addOption(new Option('--seed <n>', 'seed of the first jittered copy').argParser(seed).default(1))
    .addOption(new Option('--pictures <which>', 'all (per cell) | summary | none; default: all up to 20 cells').argParser(choice(['all', 'summary', 'none'] as const)))
    .addOption(new Option('--out <dir>', 'output directory').default('refract-out/morph'))
    .addOption(new Option('--json', 'one JSON line per cell, then the population summary'))
    .addOption(new Option('--quiet', 'no progress bar'))
    .addHelpText(
      'after',
      `
Examples:
  refract morph ../shared/data/swc --repair
  refract morph cell.swc --R 2 --velocity constant --k 0.5 --json
  refract morph ../shared/data/swc/allen/Pvalb_485184849_fullaxon.swc --repair --jitter 100`,
    )
    .action(async (inputs: string[], o: MorphOptions) => {
      const r = await morphCommand(inputs, o);
      const pop = population(r.cells, { refractory: o.R, velocity: velocityModel(o.velocity, o.k), from: o.from });
      if (o.json) {
        for (const c of r.cells) process.stdout.write(JSON.stringify(c.row) + '\n');
        process.stdout.write(JSON.stringify({ population: pop }) + '\n');
      } else {
        const f = show;
        const cols = ['file', 'axon', 'axon_terminals', 'median_path_um', 'median_tortuosity', 'median_latency_ms', 'median_lambda', 'median_lambda_straight', 'repairs'];
        const heads = ['cell', 'axon', 'terminals', 'path µm', 'tortuosity', 'latency ms', 'Λ median', 'Λ straight', 'repairs'];
        const shown = r.cells.length > 30 ? r.cells.slice(0, 30) : r.cells;
        process.stdout.write(`R = ${o.R} ms, velocity: ${describeVelocity(velocityModel(o.velocity, o.k))}, paths from the ${o.from === 'soma' ? 'soma' : 'axon root'}\n\n`);
        process.stdout.write(formatTable(heads, shown.map((c) => cols.map((k) => (k === 'file' ? basename(String(c.row.file)) : f(c.row[k]))))) + '\n');
        if (shown.length < r.cells.length) process.stdout.write(`… ${r.cells.length - shown.length} more cells in cells.jsonl\n`);
        process.stdout.write('\npopulation (cells with full axons):\n');
        process.stdout.write(formatTable(['quantity', 'value'], Object.entries(pop).map(([k, v]) => [k, f(v)]), { align: ['l', 'r'] }) + '\n');
        process.stdout.write(`\nwrote ${r.files.length} files to ${o.out}\n`);
      }
      if (r.failed.length) throw new InputError(`${r.failed.length} file(s) could not be read (see above)`);
    });
}
