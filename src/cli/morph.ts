/**
 * `refract morph`: real neurons. Reads SWC files (or a folder), checks and optionally repairs
 * them, analyses each axonal arbor (path lengths, latencies, refraction ratios for the real
 * and the straight path) and writes a table per cell, a population summary and pictures.
 *
 * Because Λ ∝ R·k exactly, each cell's median Λ is also given against R·k (and the R·k that
 * gives Puppo 2018's 0.92), and the design claim is tested by statistics that can fail, with
 * their nulls (morphology/design-tests.ts). The population summary pools basket cells only
 * (Puppo 2018's population; cell types from the bundled list or --cell-types).
 */
import { Command, Option } from 'commander';
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { checkSwc } from '../morphology/validate.js';
import { repairMorphology } from '../morphology/repair.js';
import { analyzeArbor, isFullAxon, type ArborAnalysis, type ArborOptions } from '../morphology/arbor.js';
import { isBasket } from '../morphology/cell-type.js';
import { designReport, designTestRow, DESIGN_TEST_COLUMNS, PUPPO_MEDIAN_LAMBDA, type DesignReport } from '../morphology/design-report.js';
import { DESIGN_TEST_DEFAULTS, type TestResult } from '../morphology/design-tests.js';
import { medianLambdaAt, pooledMedianPerRk } from '../morphology/lambda-scale.js';
import { cellTypeList } from './cells.js';
import { velocityModel, describeVelocity, type VelocityModelName } from '../morphology/velocity.js';
import { jitterMorphology } from '../morphology/jitter.js';
import type { Morphology, MorphologyProblem } from '../morphology/types.js';
import { InputError, isInputError } from '../formats/errors.js';
import { readText } from '../node/files.js';
import { OutputDir } from '../node/atomic.js';
import { summarize } from '../analysis/stats.js';
import { formatTable } from '../report/table.js';
import { show } from './output.js';
import { morphologyPictures, populationPictures } from './morph-pictures.js';
import { choice, intUpTo, MAX_JITTER_COPIES, MAX_SHUFFLES, nonNegative, positive, seed } from './args.js';
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
  cellTypes?: string;
  shuffles: number;
  strict?: boolean;
}

export interface CellResult {
  row: Record<string, unknown>;
  analysis: ArborAnalysis | null;
  morphology: Morphology;
  repairs: string[];
  /** Scaling in R·k, diameters and the design tests; null for stubs and cells without an axon. */
  design: DesignReport | null;
  basket: boolean;
}

/** R·k values of the printed "Λ against R·k" table. */
export const RK_GRID = [0.25, 0.5, 1, 2, 4];

/** Per-cell options beyond the arbor's. */
export interface CellContext {
  cellType: string;
  seed: number;
  shuffles: number;
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

function testFields(prefix: string, t: TestResult): Record<string, unknown> {
  return { [prefix]: num(t.value ?? undefined), [`${prefix}_null_median`]: num(t.nullMedian ?? undefined), [`${prefix}_p`]: num(t.p ?? undefined), [`${prefix}_terminals`]: t.terminals };
}

export function analyzeCell(m: Morphology, file: string, problems: readonly MorphologyProblem[], unresolved: number, repairs: string[], o: ArborOptions, kind: string, ctx: CellContext): CellResult {
  const a = analyzeArbor(m, o);
  const full = isFullAxon(a);
  const basket = isBasket(ctx.cellType);
  const design = full ? designReport(m, a!, { velocity: o.velocity, seed: ctx.seed, shuffles: ctx.shuffles }) : null;
  const leftOut = a ? a.axonLengthExcluded / (a.axonLengthExcluded + a.totalLength) : null;
  const row: Record<string, unknown> = {
    file,
    cell_type: ctx.cellType,
    basket,
    points: m.n,
    soma: m.soma.kind,
    problems: problems.length,
    problem_kinds: problemKinds(problems),
    problems_unresolved: unresolved,
    repairs: repairs.length,
    axon: a === null ? 'none' : full ? 'full' : 'stub',
    axon_points: a?.axonPoints ?? 0,
    axon_terminals: a?.terminals.length ?? 0,
    axon_branch_points: a?.branchPoints ?? 0,
    axon_length_um: a ? a.totalLength : 0,
    // axon not in the analysed tree (unattached fragments, other axon trees): left out of every number
    axon_left_out_share: num(leftOut ?? undefined),
    axon_left_out_um: a ? a.axonLengthExcluded : 0,
    axon_trees_left_out: a?.axonTreesExcluded ?? 0,
    median_path_um: num(a?.stats.pathLength.median),
    median_tortuosity: num(a?.stats.tortuosity.median),
    median_latency_ms: num(a?.stats.latency.median),
    median_lambda: num(a?.stats.lambda.median),
    median_lambda_straight: num(a?.stats.lambdaStraight.median),
    lambda_q1: num(a?.stats.lambda.q1),
    lambda_q3: num(a?.stats.lambda.q3),
    median_lambda_branch: num(a?.stats.lambdaBranch.median),
    // Λ ∝ R: the R that gives median Λ = 1 is R / median Λ
    R_for_median_lambda_1_ms: num(a ? o.refractory / a.stats.lambda.median : undefined),
    median_lambda_per_Rk: num(design?.scale.medianPerRk),
    Rk_for_median_lambda_0_92: num(design?.rkForPuppo),
    Rv_for_median_lambda_0_92_mm: num(design?.rvForPuppo),
    speed_per_k_m_s: num(design?.scale.speedPerK),
    diameter_q1_um: num(design?.diameters.q1),
    diameter_median_um: num(design?.diameters.median),
    diameter_q3_um: num(design?.diameters.q3),
    diameters_uniform: design ? design.diameters.uniform : null,
    latency_equalisation: design?.latencyEqualisation ?? null,
    ...(design ? testFields('latency_spread_ratio', design.axon.latencySpreadRatio) : {}),
    ...(design ? testFields('dendrite_latency_spread_ratio', design.dendrites.latencySpreadRatio) : {}),
    near_terminal_detours: design?.nearTerminalDetours ?? null,
    ...(design ? testFields('rho_distance_tortuosity', design.axon.tortuosityDistanceRho) : {}),
    ...(design ? testFields('dendrite_rho_distance_tortuosity', design.dendrites.tortuosityDistanceRho) : {}),
    // among Λ < 1 terminals only: for Λ ≥ 1 "closer to 1 than straight" holds by construction
    ...(design ? testFields('lambda_below_1_closer_than_straight', design.axon.lambdaBelowOneCloser) : {}),
    R_ms: o.refractory,
    velocity_model: describeVelocity(o.velocity),
    from: o.from ?? 'axon',
    input: kind,
  };
  return { row, analysis: a, morphology: m, repairs, design, basket };
}

interface LoadedCell {
  m: Morphology;
  problems: MorphologyProblem[];
  /** Problems still in the analysed morphology: all of them without --repair, the unfixable ones with it. */
  unresolved: MorphologyProblem[];
  repairs: string[];
}

function loadCell(file: string, repair: boolean, strict: boolean): LoadedCell {
  const { morphology, problems } = checkSwc(readText(file), file);
  const r = repair ? repairMorphology(morphology) : null;
  const unresolved = repair ? problems.filter((p) => !p.fixable) : problems;
  if (strict && unresolved.length > 0) {
    const p = unresolved[0];
    throw new InputError(`${p.message} (${unresolved.length} problem${unresolved.length > 1 ? 's' : ''}: ${problemKinds(unresolved)}; --strict refuses such files${repair ? '' : ', --repair fixes what it can'})`, { file, line: p.line || undefined });
  }
  return { m: r ? r.morphology : morphology, problems, unresolved, repairs: r ? r.actions : [] };
}

/** "missing-parent, fragment ×2" */
function problemKinds(ps: readonly MorphologyProblem[]): string {
  const n = new Map<string, number>();
  for (const p of ps) n.set(p.kind, (n.get(p.kind) ?? 0) + 1);
  return [...n].map(([k, c]) => (c > 1 ? `${k} ×${c}` : k)).join(', ');
}

/**
 * One warning line per file whose numbers leave something out: the problems still in it (the
 * first with its line) and the share of the axon outside the analysed tree.
 */
function cellWarning(file: string, c: LoadedCell, a: ArborAnalysis | null, repaired: boolean): string | null {
  const parts: string[] = [];
  let where = file;
  if (c.unresolved.length) {
    const first = c.unresolved[0];
    if (first.line) where = `${file}:${first.line}`;
    parts.push(`${first.message} (${c.unresolved.length} problem${c.unresolved.length > 1 ? 's' : ''} in all: ${problemKinds(c.unresolved)}); analysed as read, detached fragments left out`);
  }
  if (a && (a.axonLengthExcluded > 0 || a.axonPointsExcluded > 0)) {
    const share = (100 * a.axonLengthExcluded) / (a.axonLengthExcluded + a.totalLength);
    const trees = `${a.axonTreesExcluded} other axon tree${a.axonTreesExcluded === 1 ? '' : 's'}`;
    parts.push(`${share.toFixed(1)} % of the axon length (${a.axonLengthExcluded.toFixed(0)} µm, ${a.axonPointsExcluded} point${a.axonPointsExcluded === 1 ? '' : 's'} in ${trees}) is not in the analysed tree and is left out of every number`);
  }
  if (!parts.length) return null;
  const hints = [...(repaired ? [] : ['--repair fixes what it can']), ...(c.unresolved.length ? ['--strict refuses such files'] : [])];
  return `refract: warning: ${where}: ${parts.join('; ')}${hints.length ? ` — ${hints.join(', ')}` : ''}\n`;
}

export async function morphCommand(inputs: string[], o: MorphOptions): Promise<{ cells: CellResult[]; files: string[] }> {
  const opts: ArborOptions = { refractory: o.R, velocity: velocityModel(o.velocity, o.k), from: o.from };
  const files = swcFiles(inputs);
  const types = cellTypeList(o.cellTypes);
  const warned = new Set<string>();
  const warnings: string[] = [];
  // the work list: each file, or N jittered copies of each
  type Job = { file: string; jitter: number | null };
  const jobs: Job[] = o.jitter ? files.flatMap((f) => Array.from({ length: o.jitter! }, (_, k) => ({ file: f, jitter: o.seed + k }))) : files.map((f) => ({ file: f, jitter: null }));
  const bar = progressBar('morph', o.quiet ?? false);
  const cells: CellResult[] = [];
  const failed: string[] = [];
  const cache = new Map<string, LoadedCell>();
  jobs.forEach((job, k) => {
    if (failed.includes(job.file)) return; // its jittered copies fail the same way
    try {
      let base = cache.get(job.file);
      if (!base) {
        base = loadCell(job.file, o.repair ?? false, o.strict ?? false);
        cache.set(job.file, base);
      }
      const m = job.jitter === null ? base.m : jitterMorphology(base.m, { seed: job.jitter, sigma: o.jitterSigma });
      const name = job.jitter === null ? job.file : `${job.file}#jitter-${job.jitter}`;
      const cellType = types.get(basename(job.file))?.cellType ?? 'unknown';
      const c = analyzeCell(m, name, base.problems, base.unresolved.length, base.repairs, opts, job.jitter === null ? 'file' : `jitter seed ${job.jitter}, σ ${o.jitterSigma} µm`, { cellType, seed: o.seed, shuffles: o.shuffles });
      cells.push(c);
      if (!warned.has(job.file)) {
        warned.add(job.file);
        const w = cellWarning(job.file, base, c.analysis, o.repair ?? false);
        if (w) warnings.push(w);
      }
    } catch (e) {
      if (!isInputError(e)) throw e;
      // a single file's error is the command's; with several, each is reported and the command fails at the end
      if (files.length === 1) throw e;
      process.stderr.write(`refract: ${e.message}\n`);
      failed.push(job.file);
    }
    bar.update((k + 1) / jobs.length);
  });
  bar.stop();
  for (const w of warnings) process.stderr.write(w);
  // one unreadable file among several: nothing is written (the others' results would be a partial run)
  if (failed.length) throw new InputError(`${failed.length} of ${files.length} file${files.length > 1 ? 's' : ''} could not be read (see above); nothing was written`);

  const pictures = o.pictures ?? (cells.length <= 20 ? 'all' : 'summary');
  const out = new OutputDir(o.out);
  try {
    out.write('cells.jsonl', cells.map((c) => JSON.stringify(c.row)).join('\n') + (cells.length ? '\n' : ''));
    const repairs = cells.filter((c) => c.repairs.length && !String(c.row.file).includes('#jitter-'));
    if (repairs.length) out.write('repairs.txt', repairs.map((c) => `${String(c.row.file)}\n${c.repairs.map((r) => `  ${r}`).join('\n')}`).join('\n') + '\n');
    out.write('population.json', JSON.stringify(population(cells, opts), null, 2) + '\n');
    if (pictures !== 'none') {
      const { renderChart } = await import('../node/render.js');
      if (pictures === 'all')
        for (const c of cells) if (c.analysis) for (const [name, spec] of morphologyPictures(c.morphology, c.analysis, cellName(String(c.row.file)))) {
          const r = await renderChart(spec);
          out.write(`${name}.svg`, r.svg);
          out.write(`${name}.png`, r.png);
        }
      for (const [name, spec] of populationPictures(pooledCells(cells).map((c) => c.analysis!), opts)) {
        const r = await renderChart(spec);
        out.write(`${name}.svg`, r.svg);
        out.write(`${name}.png`, r.png);
      }
    }
    return { cells, files: out.commit() };
  } catch (e) {
    out.abort();
    throw e;
  }
}

function cellName(file: string): string {
  return basename(file).replace(/\.swc$/i, '').replace(/[^A-Za-z0-9_.-]+/g, '_');
}

/** The cells the population summary pools: basket cells with full axons (Puppo 2018's population). */
export function pooledCells(cells: CellResult[]): CellResult[] {
  return cells.filter((c) => c.basket && c.row.axon === 'full' && c.analysis);
}

/** "interneuron (unclassified) ×2, pyramidal (L5)" */
function typeCounts(cells: CellResult[]): string {
  const n = new Map<string, number>();
  for (const c of cells) {
    const why = c.basket ? `${String(c.row.cell_type)}, ${String(c.row.axon)} axon` : String(c.row.cell_type);
    n.set(why, (n.get(why) ?? 0) + 1);
  }
  return [...n].map(([t, k]) => (k > 1 ? `${t} ×${k}` : t)).join(', ');
}

function kUnit(o: ArborOptions): string {
  return o.velocity.name === 'constant' ? 'm/s' : o.velocity.name === 'unmyelinated' ? 'm/s per √µm' : 'm/s per µm';
}

/**
 * Population summary over the basket cells with full axons (terminals pooled, and per-cell
 * medians); the other cells are counted and named, not pooled.
 */
export function population(cells: CellResult[], o: ArborOptions): Record<string, unknown> {
  const pooled = pooledCells(cells);
  const notPooled = cells.filter((c) => !pooled.includes(c));
  const Rk = o.refractory * o.velocity.k;
  const lam = pooled.flatMap((c) => c.analysis!.terminals.map((t) => t.lambda));
  const straight = pooled.flatMap((c) => c.analysis!.terminals.map((t) => t.lambdaStraight));
  const perRk = pooledMedianPerRk(lam.map((l) => l / Rk));
  // only Λ < 1 terminals: for Λ ≥ 1, "closer to 1 than straight" holds by construction
  const below = pooled.flatMap((c) => c.analysis!.terminals.filter((t) => t.lambda < 1));
  const closer = below.filter((t) => Math.abs(Math.log(t.lambda)) < Math.abs(Math.log(t.lambdaStraight))).length;
  const answers = (pick: (d: DesignReport) => string) => pooled.filter((c) => c.design && pick(c.design) === 'yes (axon only)').length;
  return {
    pooled: 'basket cells with full axons',
    cells: cells.length,
    cells_pooled: pooled.length,
    cells_not_pooled: notPooled.length,
    not_pooled: notPooled.length ? typeCounts(notPooled) : null,
    cells_full_axon: cells.filter((c) => c.row.axon === 'full').length,
    cells_stub_axon: cells.filter((c) => c.row.axon === 'stub').length,
    cells_no_axon: cells.filter((c) => c.row.axon === 'none').length,
    terminals: lam.length,
    median_lambda: num(summarize(lam).median),
    median_lambda_straight: num(summarize(straight).median),
    median_of_cell_medians: num(summarize(pooled.map((c) => c.row.median_lambda as number)).median),
    median_lambda_per_Rk: num(perRk),
    Rk_for_median_lambda_0_92: num(PUPPO_MEDIAN_LAMBDA / perRk),
    lambda_below_1_terminals: below.length,
    lambda_below_1_closer_than_straight: below.length ? closer / below.length : null,
    cells_latency_equalisation_axon_only: answers((d) => d.latencyEqualisation),
    cells_near_terminal_detours_axon_only: answers((d) => d.nearTerminalDetours),
    R_ms: o.refractory,
    velocity_model: describeVelocity(o.velocity),
    from: o.from ?? 'axon',
  };
}

/** The text report: cells, Λ against R·k, the design tests, the basket population. */
export function morphText(cells: CellResult[], pop: Record<string, unknown>, o: ArborOptions, shuffles: number): string {
  const f = show;
  const name = (c: CellResult) => basename(String(c.row.file));
  const lines: string[] = [];
  const limit = <T>(xs: T[]) => (xs.length > 30 ? xs.slice(0, 30) : xs);
  const more = (shown: number, all: number) => (shown < all ? [`… ${all - shown} more cells in cells.jsonl`] : []);
  lines.push(`R = ${o.refractory} ms, velocity: ${describeVelocity(o.velocity)}, paths from the ${o.from === 'soma' ? 'soma' : 'axon root'}`, '');
  const cols = ['cell_type', 'axon', 'axon_terminals', 'median_path_um', 'median_tortuosity', 'median_latency_ms', 'median_lambda', 'median_lambda_straight', 'axon_left_out_share', 'problems'];
  const leftOut = (a: ArborAnalysis) => {
    const share = (100 * a.axonLengthExcluded) / (a.axonLengthExcluded + a.totalLength);
    return `${share.toFixed(1)} %${a.axonPointsExcluded ? ` (${a.axonPointsExcluded} pt${a.axonPointsExcluded === 1 ? '' : 's'})` : ''}`;
  };
  const problemCell = (c: CellResult) => {
    const n = c.row.problems as number;
    if (n === 0) return '0';
    const left = c.row.problems_unresolved as number;
    return `${n}: ${String(c.row.problem_kinds)}${left === 0 ? ', repaired' : left < n ? `, ${left} left` : ''}`;
  };
  const shown = limit(cells);
  lines.push(
    formatTable(
      ['cell', 'type', 'axon', 'terminals', 'path µm', 'tortuosity', 'latency ms', 'Λ median', 'Λ straight', 'axon left out', 'problems'],
      shown.map((c) => [name(c), ...cols.map((k) => (k === 'axon_left_out_share' ? (c.analysis ? leftOut(c.analysis) : '–') : k === 'problems' ? problemCell(c) : f(c.row[k])))]),
    ),
    ...more(shown.length, cells.length),
  );

  const designed = limit(cells.filter((c) => c.design));
  if (designed.length) {
    const Rk = o.refractory * o.velocity.k;
    const pooled = pooledCells(cells);
    lines.push('', `Λ against R·k (Λ ∝ R·k exactly; R in ms, k in ${kUnit(o)}; this run: R·k = ${f(Rk)}):`);
    const rows = designed.map((c) => {
      const d = c.design!;
      return [name(c), `${f(d.diameters.q1)}–${f(d.diameters.q3)}`, d.diameters.uniform ? 'yes' : 'no', f(d.scale.speedPerK), ...RK_GRID.map((x) => f(medianLambdaAt(d.scale, x))), f(d.rkForPuppo)];
    });
    if (pooled.length) rows.push(['basket cells pooled', '', '', '', ...RK_GRID.map((x) => f((pop.median_lambda_per_Rk as number) * x)), f(pop.Rk_for_median_lambda_0_92)]);
    lines.push(formatTable(['cell', 'axon d IQR µm', 'uniform d', 'terminal mean v m/s at k = 1', ...RK_GRID.map((x) => `Λ at ${x}`), 'R·k for Λ = 0.92'], rows));
    const uniform = designed.filter((c) => c.design!.diameters.uniform);
    if (uniform.length && o.velocity.name !== 'constant')
      lines.push(`uniform axon diameters (relative IQR ≤ 0.1, e.g. a tracing floor) in ${uniform.map(name).join(', ')}: there "velocity from diameter" is one constant speed (the velocity model at the traced diameter), and Λ = R·v / path length`);

    lines.push('', `design tests (value, null median, one-sided p; null: each terminal gets another terminal's detour L − D, ${shuffles} shuffles; control: the same test on the cell's dendrites):`);
    lines.push(
      formatTable(
        DESIGN_TEST_COLUMNS,
        designed.map((c) => designTestRow(name(c), c.design!).map(String)),
      ),
      ...more(designed.length, cells.filter((c) => c.design).length),
      'latency spread ratio = IQR(ln τ real) / IQR(ln τ straight, same mean speed), < 1: real latencies more alike; ρ < 0: near terminals take the detours; yes when the axon beats the null (p < 0.05), "axon only" when the dendrites do not.',
      'Λ<1 closer than straight counts only terminals with Λ < 1: for Λ ≥ 1 a real path is closer to 1 than the straight one by construction (Λ straight = Λ × tortuosity).',
    );
  }

  const notPooled = pop.cells_not_pooled as number;
  lines.push('', `population: ${String(pop.cells_pooled)} basket cell${pop.cells_pooled === 1 ? '' : 's'} with full axons pooled${notPooled ? `; ${notPooled} other cell${notPooled === 1 ? '' : 's'} listed above, not pooled (${String(pop.not_pooled)})` : ''}:`);
  lines.push(formatTable(['quantity', 'value'], Object.entries(pop).filter(([k]) => k !== 'not_pooled' && k !== 'pooled').map(([k, v]) => [k, f(v)]), { align: ['l', 'r'] }));
  return lines.join('\n') + '\n';
}

export function registerMorph(program: Command): void {
  program
    .command('morph')
    .description('axonal arbors of real neurons (SWC): path lengths, latencies, refraction ratios, Λ against R·k, design tests with their nulls')
    .argument('<inputs...>', 'SWC files or folders')
    .addOption(new Option('-R, --R <ms>', 'refractory period R').argParser(positive).default(1))
    .addOption(new Option('--velocity <model>', 'constant | unmyelinated (k·√d) | myelinated (k·d)').argParser(choice(['constant', 'unmyelinated', 'myelinated'] as const)).default('unmyelinated'))
    .addOption(new Option('--k <value>', 'velocity constant: m/s (constant), m/s/√µm (unmyelinated, default 1), m/s/µm (myelinated, default 6)').argParser(positive))
    .addOption(new Option('--from <root>', 'paths start at the axon root (initial segment) or the soma').argParser(choice(['axon', 'soma'] as const)).default('axon'))
    .addOption(new Option('--repair', 'fix what can be fixed (attach fragments at their nearest point to the axon, radii) and say what was done'))
    .addOption(new Option('--strict', 'refuse a file that has problems left (after --repair, the ones it cannot fix), instead of analysing it as read with a warning'))
    .addOption(new Option('--cell-types <csv>', 'file,cell_type[,source] rows adding to the bundled list (data/swc/cell-types.csv); the population pools basket cells'))
    .addOption(new Option('--shuffles <n>', 'shuffles of the design tests\' null').argParser(intUpTo(MAX_SHUFFLES)).default(DESIGN_TEST_DEFAULTS.shuffles))
    .addOption(new Option('--jitter <count>', 'analyse this many jittered copies of each cell (a synthetic population)').argParser(intUpTo(MAX_JITTER_COPIES)))
    .addOption(new Option('--jitter-sigma <um>', 'amplitude of the smooth random warp of the copies, µm').argParser(nonNegative).default(2))
    .addOption(new Option('--seed <n>', 'seed of the first jittered copy and of the design tests\' shuffles').argParser(seed).default(1))
    .addOption(new Option('--pictures <which>', 'all (per cell) | summary | none; default: all up to 20 cells').argParser(choice(['all', 'summary', 'none'] as const)))
    .addOption(new Option('--out <dir>', 'output directory').default('refract-out/morph'))
    .addOption(new Option('--json', 'one JSON line per cell, then the population summary'))
    .addOption(new Option('--quiet', 'no progress bar'))
    .addHelpText(
      'after',
      `
Examples:
  refract morph data/swc --repair                      (the bundled basket cells, in a clone of the repository)
  refract morph cells/ --repair --cell-types cells/types.csv
  refract morph cell.swc -R 2 --velocity constant --k 0.5 --json
  refract morph cell.swc --repair --jitter 100 --strict`,
    )
    .action(async (inputs: string[], o: MorphOptions) => {
      const r = await morphCommand(inputs, o);
      const opts: ArborOptions = { refractory: o.R, velocity: velocityModel(o.velocity, o.k), from: o.from };
      const pop = population(r.cells, opts);
      if (o.json) {
        for (const c of r.cells) process.stdout.write(JSON.stringify(c.row) + '\n');
        process.stdout.write(JSON.stringify({ population: pop }) + '\n');
      } else {
        process.stdout.write(morphText(r.cells, pop, opts, o.shuffles));
        process.stdout.write(`\nwrote ${r.files.length} files to ${o.out}\n`);
      }
    });
}
