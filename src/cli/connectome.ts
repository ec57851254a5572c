/**
 * `refract connectome <dataset>`: the C. elegans connectome as a geometric dynamic network
 * (George, Puppo & Silva 2021). Stimulate a sensory neuron, see which classes activate in
 * which order and whether VB and DB motor neurons alternate; compare a sub-circuit's temporal
 * sequences alone and embedded; sweep conduction speed and refractory period.
 */
import { Command, Option } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATASETS, DATASET_SPECS, synapseCounts, type Connectome } from '../connectome/datasets.js';
import { readConnectome } from '../node/connectome.js';
import { connectomeNetwork, DEFAULT_CONNECTOME_GAP_DELAY, type ConnectomeNetworkOptions, type ConnectomeSign, type ConnectomeWeight } from '../connectome/network.js';
import { readOwmeta, readSomaPositions } from '../node/connectome.js';
import { activationOrder, resolveNeurons, runConnectome, sequencePreservation, subConnectome, vbDbAlternation, NAMED_CIRCUITS, type Alternation, type ConnectomeRun } from '../connectome/experiment.js';
import type { SpikeList } from '../engine/simulation.js';
import { InputError } from '../formats/errors.js';
import { OutputDir } from '../node/atomic.js';
import { heatmapSpec, rasterSpec } from '../report/charts.js';
import { MAX_RATE_STEPS } from '../analysis/alternation.js';
import { formatTable } from '../report/table.js';
import type { Mode } from '../model/types.js';
import { choice, intUpTo, MAX_CHAIN_LENGTH, MAX_CONNECTOME_MS, MAX_SHUFFLES, MAX_SWEEP_RUNS, MAX_WALKS, nonNegative, positive, seed, upTo, valueGrid } from './args.js';
import { show, printResult } from './output.js';

/** The alternation statistic as JSON (snake_case, the fields `refract connectome --json` documents). */
export function alternationRecord(a: Alternation): Record<string, unknown> {
  return {
    alternating: a.alternating,
    reason: a.reason,
    frequency_hz: a.frequencyHz,
    anti_phase: a.antiPhase,
    half_period_correlation: a.halfPeriodCorrelation,
    segregation: a.segregation,
    p_value: a.pValue,
    shuffles: a.shuffles,
    vb_neurons: a.vbNeurons,
    db_neurons: a.dbNeurons,
    vb_spikes: a.spikesA,
    db_spikes: a.spikesB,
    window_ms: a.window,
    smoothing_ms: a.smoothingMs,
    step_ms: a.stepMs,
    first_VB_ms: a.firstVB,
    first_DB_ms: a.firstDB,
    criterion: a.criterion,
  };
}

/** Bundled MIT/public-domain tables (Cook 2019, positions, owmeta), so the command runs from a fresh clone. */
export const BUNDLED_DATA = fileURLToPath(new URL('../../data/celegans', import.meta.url));

interface ConnectomeOptions {
  data?: string;
  stimulate: string;
  pattern: string;
  duration: number;
  speed: number;
  R: number;
  mode: Mode;
  threshold: number;
  window: number;
  tauM: number;
  synDelay: number;
  gapDelay: number;
  sign: ConnectomeSign;
  weight: ConnectomeWeight;
  sectionScale: number;
  bin: number;
  smoothing: number;
  transient: number;
  shuffles: number;
  seed: number;
  subcircuit?: string;
  sweepSpeed?: number[];
  sweepR?: number[];
  maxWalks: number;
  chainLength: number;
  sequenceWindow: number;
  out: string;
  json?: boolean;
}

function dataDir(o: ConnectomeOptions, dataset: string): string {
  if (o.data) return o.data;
  const file = DATASET_SPECS[dataset as keyof typeof DATASET_SPECS].file;
  if (existsSync(join(BUNDLED_DATA, file))) return BUNDLED_DATA;
  throw new InputError(`${file} is not bundled (only cook2019 is): point --data at a folder with the ${dataset} table, c302_soma_positions.csv and owmeta_cache.json (docs/data.md says where they come from)`, { field: '--data' });
}

interface Run {
  names: string[];
  classOf: string[];
  typeOf: string[];
  spikes: SpikeList;
  alternation: Alternation;
  order: { cls: string; time: number }[];
  net: ReturnType<typeof connectomeNetwork>['net'];
  run: ConnectomeRun;
}

function simulateConnectome(c: Connectome, stim: string[], o: ConnectomeOptions, dir: string, over: Partial<ConnectomeOptions> = {}): Run {
  const p = { ...o, ...over };
  const netOpts: ConnectomeNetworkOptions = {
    positions: readSomaPositions(join(dir, 'c302_soma_positions.csv')),
    positionsFile: join(dir, 'c302_soma_positions.csv'),
    owmeta: readOwmeta(join(dir, 'owmeta_cache.json')),
    speed: p.speed,
    synDelay: p.synDelay,
    gapDelay: p.gapDelay,
    refractory: p.R,
    mode: p.mode,
    threshold: p.threshold,
    window: p.window,
    tauM: p.tauM,
    weight: p.weight,
    sectionScale: p.sectionScale,
    sign: p.sign,
  };
  const cn = runConnectome(c, netOpts, stim, p.pattern, p.duration, p.seed);
  const spikes = cn.spikes;
  return {
    names: cn.names,
    classOf: cn.classOf,
    typeOf: cn.typeOf,
    spikes,
    net: cn.net,
    alternation: vbDbAlternation(spikes, cn.classOf, p.duration, { bin: p.bin, smoothing: p.smoothing, transient: p.transient, shuffles: p.shuffles, seed: p.seed }),
    order: activationOrder(spikes, cn.classOf),
    run: cn,
  };
}

/**
 * Colours of the raster's groups: VB and DB, whose alternation is the question, in two hues as
 * far apart as the palette has (blue and red); VA and DA distinct from both; the rest muted.
 */
export const CONNECTOME_GROUP_COLORS: Record<string, string> = {
  sensory: '#54a24b',
  inter: '#9d755d',
  motor: '#bab0ac',
  VA: '#f58518',
  DA: '#b279a2',
  VB: '#2166ac',
  DB: '#d6191b',
  other: '#d9d9d9',
};

/** Raster rows grouped: sensory, inter, motor, with the A/B motor classes in rows of their own. */
export function groupedRaster(r: { names: string[]; classOf: string[]; typeOf: string[]; spikes: SpikeList }, title: string, duration: number) {
  const label = (i: number) => (['VB', 'DB', 'VA', 'DA'].includes(r.classOf[i]) ? r.classOf[i] : r.typeOf[i] === 'unknown' ? 'other' : r.typeOf[i]);
  const rank = ['sensory', 'inter', 'motor', 'VA', 'DA', 'VB', 'DB', 'other'];
  const order = r.names.map((_, i) => i).sort((a, b) => rank.indexOf(label(a)) - rank.indexOf(label(b)) || r.names[a].localeCompare(r.names[b]));
  const row = new Int32Array(r.names.length);
  order.forEach((i, k) => (row[i] = k));
  const spikes = { node: Int32Array.from(r.spikes.node, (i) => row[i]), time: r.spikes.time };
  return rasterSpec(spikes, { title, timeDomain: [0, duration], groups: order.map((i, k) => ({ node: k, group: label(i) })), groupColors: CONNECTOME_GROUP_COLORS });
}

/** Why a sweep point has no C(0), in a few words (the statistic's reason without its numbers). */
function shortReason(reason: string): string {
  return reason.replace(/\s*\(.*$/, '').replace(/the \d+(\.\d+)? ms transient/, 'the transient');
}

/**
 * The sweep as a heat map, speed × R, C(0) written in each cell: drawn as one line per speed
 * the lines coincide (C(0) = 1 at every speed for R ≤ 2) and hide each other, dashes or not.
 */
export function sweepSpec(sweep: { speed: number; R: number; antiPhase: number | null; reason: string }[]) {
  const reasons = [...new Set(sweep.filter((x) => x.antiPhase === null).map((x) => shortReason(x.reason)))];
  return heatmapSpec(
    sweep.map((x) => ({ x: x.R, y: x.speed, value: x.antiPhase })),
    {
      title: 'VB/DB anti-phase C(0) by refractory period and conduction speed',
      note: 'C(0): zero-lag correlation of the VB and DB rates, −1 alternation, +1 synchrony',
      xTitle: 'R (ms)',
      yTitle: 'speed (µm/ms)',
      valueTitle: 'C(0)',
      domain: [-1, 1],
      mid: 0,
      missing: `no C(0): ${reasons.join('; ')}`,
    },
  );
}

/** What the options make the command do, checked before any work: sweep runs, rate steps, sweep values. */
function checkBounds(o: ConnectomeOptions): void {
  const runs = (o.sweepSpeed?.length ?? 1) * (o.sweepR?.length ?? 1);
  if ((o.sweepSpeed || o.sweepR) && runs > MAX_SWEEP_RUNS)
    throw new InputError(`the sweep would simulate ${runs} networks (speeds × refractory periods); at most ${MAX_SWEEP_RUNS}`, { field: o.sweepR ? '--sweep-R' : '--sweep-speed' });
  for (const v of o.sweepSpeed ?? []) if (!(v > 0)) throw new InputError(`speeds must be > 0, got ${v}`, { field: '--sweep-speed' });
  for (const v of o.sweepR ?? []) if (!(v >= 0)) throw new InputError(`refractory periods must be >= 0, got ${v}`, { field: '--sweep-R' });
  const steps = Math.floor((o.duration - Math.min(o.transient, o.duration)) / o.bin);
  if (steps > MAX_RATE_STEPS) throw new InputError(`${steps} steps of ${o.bin} ms after the transient; the smoothed rates hold at most ${MAX_RATE_STEPS} (10^6): use a coarser --bin`, { field: '--bin' });
}

export async function connectomeCommand(dataset: string, o: ConnectomeOptions): Promise<{ summary: Record<string, unknown>; files: string[]; sweep: Record<string, unknown>[] }> {
  if (!(DATASETS as readonly string[]).includes(dataset)) throw new InputError(`unknown dataset "${dataset}" (datasets: ${DATASETS.join(', ')})`, { field: 'dataset' });
  checkBounds(o);
  const dir = dataDir(o, dataset);
  const c = readConnectome(dataset, dir);
  const stim = resolveNeurons(o.stimulate.split(','), '--stimulate');
  const counts = synapseCounts(c);
  const run = simulateConnectome(c, stim, o, dir);
  const summary: Record<string, unknown> = {
    dataset,
    data_dir: dir,
    neurons: c.neurons.length,
    chemical_edges: counts.chemical,
    electrical_edges: counts.electrical,
    unknown_names: c.unknown.length,
    non_neuronal_names: c.nonNeuronal.length,
    stimulated: stim,
    pattern: o.pattern,
    duration_ms: o.duration,
    params: { speed_um_per_ms: o.speed, R_ms: o.R, mode: o.mode, threshold: o.threshold, tau_m_ms: o.tauM, syn_delay_ms: o.synDelay, gap_delay_ms: o.gapDelay, sign: o.sign, weight: o.weight, weight_unit: DATASET_SPECS[dataset as keyof typeof DATASET_SPECS].weightUnit, section_scale: o.sectionScale, seed: o.seed },
    ...(run.net.meta.signBasis ? { sign_basis: run.net.meta.signBasis } : {}),
    spikes: run.spikes.node.length,
    mean_rate_hz: run.spikes.node.length / (run.names.length * o.duration * 1e-3),
    activation_order: run.order.map((x) => x.cls),
    activation_times_ms: Object.fromEntries(run.order.map((x) => [x.cls, x.time])),
    vb_db_alternation: run.alternation.alternating,
    alternation: alternationRecord(run.alternation),
  };

  // isolated vs embedded sub-circuit
  if (o.subcircuit) {
    const members = resolveNeurons(o.subcircuit.split(','), '--subcircuit');
    const sub = subConnectome(c, members);
    const stimIn = stim.filter((s) => members.includes(s));
    if (stimIn.length === 0) throw new InputError(`the sub-circuit does not contain the stimulated neuron(s) ${stim.join(', ')}`, { field: '--subcircuit' });
    const alone = simulateConnectome(sub, stimIn, o, dir);
    // sequences are compared over the first --sequence-window ms (they multiply with the run length)
    const T = Math.min(o.sequenceWindow, o.duration);
    const before = (r: ConnectomeRun): ConnectomeRun => {
      const k = r.spikes.time.findIndex((t) => t >= T);
      const end = k < 0 ? r.spikes.time.length : k;
      return { ...r, spikes: { node: r.spikes.node.subarray(0, end), time: r.spikes.time.subarray(0, end) } };
    };
    const seq = sequencePreservation(before(alone.run), before(run.run), { duration: T, lengths: [...new Set([2, 3, 4, 5, 6, o.chainLength])].sort((a, b) => a - b), maxWalks: o.maxWalks });
    const chosen = seq.chains.find((x) => x.length === o.chainLength)!;
    summary.subcircuit = {
      members: members.length,
      neurons_with_synapses: alone.names.length,
      synapses: sub.synapses.length,
      sequence_window_ms: T,
      chain_length: o.chainLength,
      chains_alone: chosen.alone,
      chains_preserved: chosen.preserved,
      preserved_fraction: chosen.fraction,
      chains_truncated: chosen.truncated,
      preserved_by_length: seq.chains.map((x) => ({ length: x.length, alone: x.alone, preserved: x.preserved, fraction: x.fraction })),
      walks_alone: seq.walks.alone,
      walks_embedded: seq.walks.embedded,
      walks_preserved: seq.walks.preserved,
      walks_preserved_fraction: seq.walks.fraction,
      walks_truncated: seq.walks.truncated,
      max_walks: o.maxWalks,
    };
  }

  // sweep of conduction speed × refractory period
  const sweep: Record<string, unknown>[] = [];
  const sweepReasons: string[] = [];
  if (o.sweepSpeed || o.sweepR) {
    for (const speed of o.sweepSpeed ?? [o.speed])
      {for (const R of o.sweepR ?? [o.R]) {
        const r = simulateConnectome(c, stim, o, dir, { speed, R });
        sweepReasons.push(r.alternation.reason);
        sweep.push({ speed_um_per_ms: speed, R_ms: R, spikes: r.spikes.node.length, vb_db_alternation: r.alternation.alternating, anti_phase: r.alternation.antiPhase, frequency_hz: r.alternation.frequencyHz, p_value: r.alternation.pValue, first_VB_ms: r.alternation.firstVB, first_DB_ms: r.alternation.firstDB });
      }}
    summary.sweep_alternating = sweep.filter((x) => x.vb_db_alternation).map((x) => `speed ${String(x.speed_um_per_ms)}, R ${String(x.R_ms)}`);
  }

  const { renderChart } = await import('../node/render.js');
  const out = new OutputDir(o.out);
  try {
    const raster = await renderChart(groupedRaster(run, `${dataset}: response to ${stim.join(', ')} (${o.pattern}), grouped by class`, o.duration));
    out.write('raster.svg', raster.svg);
    out.write('raster.png', raster.png);
    if (sweep.length) {
      const chart = await renderChart(sweepSpec(sweep.map((x, k) => ({ speed: x.speed_um_per_ms as number, R: x.R_ms as number, antiPhase: x.anti_phase as number | null, reason: sweepReasons[k] }))));
      out.write('sweep.svg', chart.svg);
      out.write('sweep.png', chart.png);
      out.write('sweep.jsonl', sweep.map((x) => JSON.stringify(x)).join('\n') + '\n');
    }
    out.write('summary.json', JSON.stringify(summary, null, 2) + '\n');
    return { summary, files: out.commit(), sweep };
  } catch (e) {
    out.abort();
    throw e;
  }
}

export function registerConnectome(program: Command): void {
  program
    .command('connectome')
    .description('the C. elegans connectome as a geometric dynamic network: stimulate, watch classes activate, VB/DB alternation, sub-circuits')
    .argument('[dataset]', DATASETS.join(' | '), 'cook2019')
    .addOption(new Option('--data <dir>', 'folder with the connectome tables, c302_soma_positions.csv and owmeta_cache.json (default: the bundled cook2019 tables)'))
    .addOption(new Option('--stimulate <names>', 'neurons, classes or circuits to stimulate (comma list)').default('ASEL'))
    .addOption(new Option('--pattern <p>', 'once, every:MS, or poisson:HZ').default('once'))
    .addOption(new Option('--duration <ms>', 'model time (5 s: after the transient, two periods of a 0.5 Hz rhythm)').argParser(upTo(MAX_CONNECTOME_MS, { positive: true, unit: 'ms' })).default(5000))
    .addOption(new Option('--speed <um/ms>', 'conduction speed (0.5 m/s = 500)').argParser(positive).default(500))
    .addOption(new Option('-R, --R <ms>', 'refractory period').argParser(nonNegative).default(2))
    .addOption(new Option('--mode <mode>', 'first | window | leaky').argParser(choice(['first', 'window', 'leaky'] as const)).default('first'))
    .addOption(new Option('--threshold <theta>', 'threshold (window, leaky)').argParser(positive).default(1))
    .addOption(new Option('--window <ms>', 'summation window (window mode)').argParser(positive).default(5))
    .addOption(new Option('--tau-m <ms>', 'membrane time constant (leaky mode)').argParser(positive).default(10))
    .addOption(new Option('--syn-delay <ms>', 'chemical synaptic delay').argParser(nonNegative).default(1))
    .addOption(new Option('--gap-delay <ms>', 'gap-junction delay (conduction along the neurites, length / speed, comes on top)').argParser(nonNegative).default(DEFAULT_CONNECTOME_GAP_DELAY))
    .addOption(new Option('--sign <rule>', 'signs of chemical synapses: none | gaba (GABA senders inhibit) | receptors (sender transmitter + receiver receptors)').argParser(choice(['none', 'gaba', 'receptors'] as const)).default('none'))
    .addOption(new Option('--weight <w>', 'sections (the data: EM serial sections for cook2019, synapse counts otherwise) | normalized (each neuron\'s inputs sum to 1) | unit').argParser(choice(['sections', 'normalized', 'unit'] as const)).default('sections'))
    .addOption(new Option('--section-scale <n>', 'size (sections or synapses) that equals weight 1, with --weight sections').argParser(positive).default(1))
    .addOption(new Option('--bin <ms>', 'sampling step of the smoothed VB/DB rates (at most half of --smoothing)').argParser(positive).default(2))
    .addOption(new Option('--smoothing <ms>', 'Gaussian σ of the VB/DB population rates').argParser(positive).default(25))
    .addOption(new Option('--transient <ms>', 'the alternation statistic skips the run before this time').argParser(nonNegative).default(1000))
    .addOption(new Option('--shuffles <n>', 'label shuffles of the alternation null model').argParser(intUpTo(MAX_SHUFFLES)).default(999))
    .addOption(new Option('--seed <n>', 'seed of the poisson pattern and the shuffles').argParser(seed).default(1))
    .addOption(new Option('--subcircuit <names>', `neurons/classes, or a circuit: ${Object.keys(NAMED_CIRCUITS).join(', ')}`))
    .addOption(new Option('--max-walks <n>', 'bound on the distinct walk sequences listed for the isolated sub-circuit').argParser(intUpTo(MAX_WALKS)).default(1000000))
    .addOption(new Option('--chain-length <n>', 'activations per temporal sequence compared (causal chains)').argParser(intUpTo(MAX_CHAIN_LENGTH)).default(3))
    .addOption(new Option('--sequence-window <ms>', 'temporal sequences are compared over the first MS of both runs').argParser(positive).default(50))
    .addOption(new Option('--sweep-speed <values>', 'speeds for a sweep (a:b:n or list)').argParser(valueGrid))
    .addOption(new Option('--sweep-R <values>', 'refractory periods for a sweep').argParser(valueGrid))
    .addOption(new Option('--out <dir>', 'output directory').default('refract-out/connectome'))
    .addOption(new Option('--json', 'print one JSON object'))
    .addHelpText(
      'after',
      `
Examples:
  refract connectome cook2019 --stimulate ASEL --json
  refract connectome cook2019 --mode leaky --tau-m 30 -R 20 --weight normalized --threshold 0.1 --sign receptors --pattern poisson:10 --duration 20000
  refract connectome cook2019 --subcircuit chemotaxis --sequence-window 50
  refract connectome cook2019 --sweep-speed 100,500,1000 --sweep-R 1,2,4,8
  refract connectome varshney2011 --data DIR     (a folder with varshney2011_NeuronConnect.csv, c302_soma_positions.csv, owmeta_cache.json)
  refract reproduce celegans-alternation         (the fixed protocol behind the VB/DB claim)`,
    )
    .action(async (dataset: string, o: ConnectomeOptions) => {
      const r = await connectomeCommand(dataset, o);
      if (o.json) {
        process.stdout.write(JSON.stringify(r.summary) + '\n');
        return;
      }
      const { alternation, activation_times_ms, activation_order: _order, ...rest } = r.summary;
      const alt = alternation as Record<string, unknown>;
      printResult({ ...rest, vb_db_reason: alt.reason, vb_db_anti_phase: alt.anti_phase, vb_db_frequency_hz: alt.frequency_hz, vb_db_p_value: alt.p_value }, false);
      const times = activation_times_ms as Record<string, number>;
      process.stdout.write('\nactivation order (first spike of each class):\n' + formatTable(['class', 'first spike (ms)'], Object.entries(times).slice(0, 40).map(([k, v]) => [k, show(v)])) + '\n');
      if (r.sweep.length) process.stdout.write('\nsweep:\n' + formatTable(['speed µm/ms', 'R ms', 'alternation', 'C(0)', 'f Hz', 'p', 'spikes'], r.sweep.map((x) => [show(x.speed_um_per_ms), show(x.R_ms), String(x.vb_db_alternation as boolean), show(x.anti_phase), show(x.frequency_hz), show(x.p_value), show(x.spikes)])) + '\n');
      process.stdout.write(`\nwrote ${r.files.length} files to ${o.out}\n`);
    });
}
