/**
 * celegans-tseq — George, Puppo & Silva 2021: "only 5% of TSeq are preserved between the
 * isolated feeding network relative to its embedded counterpart". TSeq are "time-ordered walks
 * of signals on graphs": here, walks in which each signal caused the activation that sent the
 * next (analysis/causal.ts). The definition is fixed before measuring: the maximal walks (root
 * to leaf, the paper's term), with causal chains of fixed length reported beside them as curves,
 * never as one matched number.
 */
import { resolveNeurons, rewiredOutside, runConnectome, sequencePreservation, subConnectome, type ConnectomeRun } from '../connectome/experiment.js';
import type { ConnectomeNetworkOptions } from '../connectome/network.js';
import type { Connectome } from '../connectome/datasets.js';
import type { Reproduction, ReproductionInput, ReproductionResult, Table } from './types.js';

const LENGTHS = [2, 3, 4, 5, 6] as const;
const MAX_WALKS = 1_000_000;
const BAND: [number, number] = [0.025, 0.1];

const PROTOCOL = {
  claim: 'Only about 5 % of the temporal sequences (TSeq) of an isolated sub-circuit stimulated at ASEL are preserved when the circuit is embedded in the whole connectome.',
  paper: 'George, Puppo & Silva 2021, Front. Syst. Neurosci. 15:564124',
  parameters: [
    { name: 'circuits', value: ['chemotaxis', 'ase-to-motor'], source: 'Refract\'s own circuits (src/connectome/experiment.ts): the paper\'s "feeding circuit" is not listed neuron by neuron in the sources we have, so its 5 % is not compared with these circuits as if they were it' },
    { name: 'model', value: 'first-spike nodes, weights = EM sections, unsigned, 1 ms delay on every synapse, ASEL forced once at t = 0', source: 'the framework as the paper applies it (Cook et al. 2019 connectome, Virtual Worm soma positions)' },
    { name: 'R', value: [1, 2, 4, 8], unit: 'ms', range: '1–8 ms', source: 'the framework\'s usual values' },
    { name: 'speed', value: [100, 500, 1000], unit: 'µm/ms', range: '0.1–1 m/s', source: 'unmyelinated thin neurites (modelling range)' },
    { name: 'run length', value: [20, 50, 100], unit: 'ms', source: '50 ms for the grid; 20 and 100 ms at R = 2 ms, 500 µm/ms for the dependence on length' },
    { name: 'TSeq', value: `the distinct node sequences of maximal causal walks, and causal chains of ${LENGTHS.join(', ')} activations`, source: 'the paper\'s "time-ordered walks of signals"; chains are their sub-walks' },
  ],
  statistic: 'preserved fraction = share of the distinct TSeq of the isolated run that occur in the embedded run — walks: as a contiguous part of an embedded walk once that is projected on the circuit\'s neurons (outside neurons dropped, repeats merged; searched exactly in the embedded run\'s causal graph); "direct" walks: without passing through outside neurons; chains: the same chain of neurons',
  control: 'positive: the circuit "embedded" with no outside synapses must preserve everything (1.0); null: the circuit embedded in a connectome whose outside is rewired (members keep their internal wiring and their number of outside connections) — if that loses as much, the loss is not about this wiring',
  sensitivity: 'R × speed grid for both circuits; run lengths 20, 50, 100 ms; chain lengths 2–6',
  verdictRule: 'on maximal walks: reproduced iff the preserved fraction lies in 2.5–10 % (a factor 2 around 5 %) for ≥ 50 % of the grid points of both circuits; partly iff it is below 50 % (most TSeq lost) for ≥ 50 % of the grid points; else not reproduced',
};

function options(d: NonNullable<ReproductionInput['celegans']>, R: number, speed: number, gapDelay: number): ConnectomeNetworkOptions {
  return { positions: d.positions, owmeta: d.owmeta, speed, synDelay: 1, gapDelay, refractory: R, mode: 'first', weight: 'sections', sign: 'none' };
}

function compare(c: Connectome, d: NonNullable<ReproductionInput['celegans']>, members: string[], R: number, speed: number, T: number, seed: number, embedIn: Connectome = c, gapDelay = 1) {
  const o = options(d, R, speed, gapDelay);
  const alone: ConnectomeRun = runConnectome(subConnectome(c, members), o, ['ASEL'], 'once', T, seed);
  const embedded: ConnectomeRun = runConnectome(embedIn, o, ['ASEL'], 'once', T, seed);
  return sequencePreservation(alone, embedded, { duration: T, lengths: LENGTHS, maxWalks: MAX_WALKS });
}

export const celegansTseq: Reproduction = {
  name: 'celegans-tseq',
  title: '~5 % of a sub-circuit\'s temporal sequences survive embedding (George, Puppo & Silva 2021)',
  needs: ['celegans'],
  protocol: PROTOCOL,
  run(input: ReproductionInput): ReproductionResult {
    const d = input.celegans!, c = d.connectome;
    const circuits = input.fast ? ['chemotaxis'] : ['chemotaxis', 'ase-to-motor'];
    const Rs = input.fast ? [2] : [1, 2, 4, 8], speeds = input.fast ? [100, 1000] : [100, 500, 1000];
    const grid: Table['rows'] = [], controls: Table['rows'] = [], lengthRows: Table['rows'] = [], gapRows: Table['rows'] = [];
    let points = 0, inBand = 0, mostLost = 0, truncated = 0;
    const work = circuits.length * (2 * Rs.length * speeds.length + 2) + 2;
    let done = 0;
    const tick = () => input.onProgress?.(++done / work);
    const pct = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 10 : null);
    for (const name of circuits) {
      const members = resolveNeurons([name], '--subcircuit');
      for (const R of Rs)
        for (const speed of speeds) {
          const p = compare(c, d, members, R, speed, 50, input.seed);
          points++;
          const f = p.walks.fraction;
          if (f >= BAND[0] && f <= BAND[1]) inBand++;
          if (f < 0.5) mostLost++;
          if (p.walks.truncated) truncated++;
          grid.push([name, R, speed, p.walks.alone, p.walks.preserved, pct(f), pct(p.directWalks.fraction), p.walks.truncated, ...p.chains.map((x) => pct(x.fraction))]);
          tick();
          // gap junctions without the chemical delay (added after the first runs: see the notes; not in the verdict)
          const q = compare(c, d, members, R, speed, 50, input.seed, c, 0);
          gapRows.push([name, R, speed, q.walks.alone, pct(q.walks.fraction), pct(q.directWalks.fraction), ...q.chains.map((x) => pct(x.fraction))]);
          tick();
        }
      // controls at R = 2 ms, 500 µm/ms
      const none = subConnectome(c, members);
      const pos = compare(c, d, members, 2, 500, 50, input.seed, { ...none, dataset: `${c.dataset} (no outside synapses)` });
      const nul = compare(c, d, members, 2, 500, 50, input.seed, rewiredOutside(c, members, input.seed));
      const real = compare(c, d, members, 2, 500, 50, input.seed);
      for (const [label, p] of [['embedded in the connectome', real], ['no outside synapses (positive control)', pos], ['outside rewired (null)', nul]] as const)
        controls.push([name, label, pct(p.walks.fraction), pct(p.directWalks.fraction), p.walks.truncated, ...p.chains.map((x) => pct(x.fraction))]);
      tick();
      if (!input.fast)
        for (const T of [20, 50, 100]) {
          const p = compare(c, d, members, 2, 500, T, input.seed);
          lengthRows.push([name, T, p.walks.alone, pct(p.walks.fraction), pct(p.directWalks.fraction), p.walks.truncated, ...p.chains.map((x) => pct(x.fraction))]);
        }
      tick();
    }
    const share = (x: number) => x / points;
    const verdict = share(inBand) >= 0.5 ? 'reproduced' : share(mostLost) >= 0.5 ? 'partly' : 'not reproduced';
    const lengthNote = lengthRows.length
      ? `; it also depends on the run length: at R = 2 ms, 500 µm/ms the walk figure goes ${lengthRows.filter((r) => r[0] === circuits[0]).map((r) => `${String(r[3])} %`).join(' → ')} over 20, 50, 100 ms for ${circuits[0]}, because the isolated circuit keeps adding new walks while the preserved ones stay few`
      : '';
    const chainCols = LENGTHS.map((k) => `chains of ${k} %`);
    return {
      name: 'celegans-tseq',
      title: celegansTseq.title,
      verdict,
      because: `maximal walks: preserved fraction in 2.5–10 % at ${inBand} of ${points} grid points, below 50 % at ${mostLost} — it swings with R (see the table) and falls with the sequence length (the chains columns)${lengthNote}, so no single number is "the" preserved fraction`,
      numbers: { grid_points: points, walks_in_band: inBand, walks_below_half: mostLost, walks_truncated: truncated },
      tables: [
        { title: 'Preserved fraction over R × speed (run 50 ms; walks alone: distinct sequences of the isolated run; the embedded run is searched exactly)', columns: ['circuit', 'R ms', 'speed µm/ms', 'walks alone', 'walks preserved', 'walks %', 'direct walks %', 'truncated', ...chainCols], rows: grid },
        { title: 'Controls (R = 2 ms, 500 µm/ms, 50 ms)', columns: ['circuit', 'embedding', 'walks %', 'direct walks %', 'truncated', ...chainCols], rows: controls },
        ...(lengthRows.length ? [{ title: 'Run length (R = 2 ms, 500 µm/ms)', columns: ['circuit', 'T ms', 'walks alone', 'walks %', 'direct walks %', 'truncated', ...chainCols], rows: lengthRows }] : []),
        { title: 'Gap junctions with no delay (conduction only) instead of the 1 ms synaptic delay, run 50 ms', columns: ['circuit', 'R ms', 'speed µm/ms', 'walks alone', 'walks %', 'direct walks %', ...chainCols], rows: gapRows },
      ],
      fast: input.fast,
      protocol: PROTOCOL,
      notes: [
        'An earlier README bolded the 5.2 % of chains of 5 activations because it matched the paper; with 1 ms gap-junction delays chains of 2 keep about 80 % and chains of 6 a few per cent, so that match was a choice of length.',
        'The gap-junction table was added after the first full run, when `refract connectome --subcircuit` (whose gap junctions now have no synaptic delay) gave far lower figures than this protocol; it is reported as a sensitivity and does not enter the verdict, which keeps the protocol as first fixed.',
        'An earlier count of maximal walks gave 0 %: it listed at most 20,000 walks of the embedded run, in whose reverberation walks number in the billions. Walks are now compared as distinct sequences against the embedded causal graph itself (analysis/causal.ts: distinctWalks, preservedInGraph), exactly.',
      ],
    };
  },
};
