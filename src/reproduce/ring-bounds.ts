/**
 * ring-bounds — Silva 2019's central analytic result: a ring of N nodes with latencies τ
 * sustains a circulating signal iff the refraction ratio of the cycle Λ = R / (Nτ) ≤ 1 (iff
 * Nτ ≥ R), with period Nτ; beyond it the returning signal meets a refractory node and activity
 * stops after one lap. Efficient signalling (every signal arriving just as its target recovers)
 * is reached exactly at Nτ = R.
 */
import { EdgeList, makeNetwork } from '../model/build.js';
import { ring } from '../model/builders/fixtures.js';
import { createRng } from '../model/random.js';
import type { Network } from '../model/types.js';
import { Simulation } from '../engine/simulation.js';
import { analyzeRun } from '../analysis/run-analysis.js';
import type { Reproduction, ReproductionInput, ReproductionResult, Table } from './types.js';

const PROTOCOL = {
  claim: 'A ring of N nodes with latency τ sustains activity iff Nτ ≥ R (Λ = R/τ ≤ N), with period Nτ; otherwise the signal is blocked after one lap. Signalling is most efficient at Nτ = R.',
  paper: 'Silva 2019, Neural Computation 31:2492 (the competitive-refractory model)',
  parameters: [
    { name: 'N (ring size)', value: [2, 3, 5, 10, 20], source: 'the theory holds for every N ≥ 2; sizes chosen to span small and large rings' },
    { name: 'τ (latency)', value: [0.1, 0.3, 1, 2.5], unit: 'ms', source: 'decimal values that are not exact in binary, so float sums of τ miss Nτ by rounding' },
    { name: 'R / (Nτ)', value: [0.5, 0.9, 1, 1.1, 1.5], source: 'both sides of the bound and exactly on it (the knife edge)' },
    { name: 'time', value: 'exact continuous time, and the 0.1 ms grid (τ and R rounded to steps)', source: 'the two engine modes' },
  ],
  statistic: 'for each ring: sustained (node 0 fires on ≥ 10 laps) vs predicted; period of node 0 vs Nτ; signalling efficiency (analysis) vs R/(Nτ) when sustained',
  control: 'an open chain (the ring with one edge removed) never sustains; rings with random latencies and per-node R sustain iff Σ τ ≥ max R (the bound is about the cycle, not equal latencies)',
  sensitivity: 'the grid of N × τ × R/(Nτ) above, in exact and grid time',
  verdictRule: 'reproduced iff every sustain prediction, period and efficiency holds (100 %, boundary included) in both modes and every control behaves; partly iff ≥ 95 % hold; else not reproduced',
};

function chain(N: number, tau: number, R: number): Network {
  const el = new EdgeList();
  for (let i = 0; i + 1 < N; i++) el.add(i, i + 1, tau, 1);
  return makeNetwork({ n: N, nodes: { refractory: R }, edges: el.columns(), meta: { builder: 'chain' } });
}

function heterogeneousRing(N: number, lat: number[], R: number[]): Network {
  const el = new EdgeList();
  for (let i = 0; i < N; i++) el.add(i, (i + 1) % N, lat[i], 1);
  return makeNetwork({ n: N, nodes: { refractory: R }, edges: el.columns(), meta: { builder: 'ring' } });
}

/** Laps of node 0 and its spike times. */
function lapsOf(net: Network, T: number, dt?: number): { laps: number; times: number[]; spikes: ReturnType<Simulation['spikes']> } {
  const spikes = new Simulation(net, { dt }).force(0, 0).run(T).spikes();
  const times: number[] = [];
  for (let k = 0; k < spikes.node.length; k++) if (spikes.node[k] === 0) times.push(spikes.time[k]);
  return { laps: times.length, times, spikes };
}

export const ringBounds: Reproduction = {
  name: 'ring-bounds',
  title: 'Ring sustains iff Nτ ≥ R (Silva 2019)',
  needs: [],
  protocol: PROTOCOL,
  run(input: ReproductionInput): ReproductionResult {
    const Ns = input.fast ? [3, 10] : [2, 3, 5, 10, 20];
    const taus = input.fast ? [0.1, 1] : [0.1, 0.3, 1, 2.5];
    const ratios = [0.5, 0.9, 1, 1.1, 1.5];
    const rows: Table['rows'] = [];
    let checks = 0, held = 0, boundaryChecks = 0, boundaryHeld = 0;
    const total = Ns.length * taus.length * ratios.length * 2;
    let done = 0;
    for (const dt of [undefined, 0.1])
      for (const N of Ns)
        for (const tau of taus)
          for (const ratio of ratios) {
            // decimal R, rounded to 1e-9 ms so that R/(Nτ) = 1 is exact in decimal
            const R = Math.round(ratio * N * tau * 1e9) / 1e9;
            const steps = (x: number) => Math.floor(x / 0.1 + 0.5);
            const predicted = dt ? N * steps(tau) >= steps(R) : N * Math.round(tau * 1e9) >= Math.round(R * 1e9);
            const period = dt ? N * steps(tau) * 0.1 : N * tau;
            const T = 12 * period + 1;
            const net = ring({ n: N, latency: tau, refractory: R });
            const run = lapsOf(net, T, dt);
            const sustained = run.laps >= 10;
            const periodOk = !sustained || run.times.slice(1).every((t, k) => Math.abs(t - run.times[k] - period) <= 1e-9 * T);
            let effOk = true, eff: number | null = null;
            if (sustained) {
              const a = analyzeRun(net, run.spikes, { duration: T, dt: dt ?? null, maxCycles: 10, maxWalks: 10 });
              eff = a.efficiency.efficiency;
              const expected = dt ? Math.min(1, steps(R) / (N * steps(tau))) : Math.min(1, R / (N * tau));
              effOk = Math.abs(eff - expected) <= 1e-6;
            }
            const ok = sustained === predicted && periodOk && effOk;
            checks++;
            if (ok) held++;
            if (ratio === 1) {
              boundaryChecks++;
              if (ok) boundaryHeld++;
            }
            rows.push([dt ? 'grid 0.1' : 'exact', N, tau, R, predicted, sustained, run.laps, eff, ok]);
            input.onProgress?.(++done / (total + 2));
          }

    // controls: open chains never sustain; heterogeneous rings follow Σ τ ≥ max R
    let chainsOk = 0, chains = 0;
    for (const N of Ns)
      for (const tau of taus) {
        chains++;
        if (lapsOf(chain(N, tau, 0.5 * N * tau), 12 * N * tau + 1).laps <= 1) chainsOk++;
      }
    input.onProgress?.((total + 1) / (total + 2));
    const rng = createRng(input.seed);
    let hetero = 0, heteroOk = 0;
    for (let k = 0; k < (input.fast ? 20 : 100); k++) {
      const N = rng.int(2, 20);
      const lat = Array.from({ length: N }, () => Math.round((0.05 + 2 * rng.float()) * 1000) / 1000);
      const sum = lat.reduce((a, b) => a + b, 0);
      const R = Array.from({ length: N }, () => Math.round(sum * (0.5 + rng.float()) * 1000) / 1000);
      const predicted = Math.round(sum * 1000) >= Math.max(...R.map((r) => Math.round(r * 1000)));
      const run = lapsOf(heterogeneousRing(N, lat, R), 12 * sum + 1);
      hetero++;
      if (run.laps >= 10 === predicted) heteroOk++;
    }
    input.onProgress?.(1);

    const share = held / checks;
    const controlsOk = chainsOk === chains && heteroOk === hetero;
    const verdict = share === 1 && controlsOk ? 'reproduced' : share >= 0.95 ? 'partly' : 'not reproduced';
    return {
      name: 'ring-bounds',
      title: ringBounds.title,
      verdict,
      because: `${held} of ${checks} rings (${boundaryHeld} of ${boundaryChecks} exactly at Nτ = R) sustain or die as Nτ ≥ R predicts, with period Nτ and efficiency R/(Nτ) (1 at the bound); ${chainsOk} of ${chains} open chains die; ${heteroOk} of ${hetero} rings with random latencies and R follow Σ τ ≥ max R`,
      numbers: { rings: checks, rings_as_predicted: held, boundary_rings: boundaryChecks, boundary_as_predicted: boundaryHeld, chains, chains_died: chainsOk, heterogeneous_rings: hetero, heterogeneous_as_predicted: heteroOk },
      tables: [{ title: 'Rings: predicted vs simulated', columns: ['time', 'N', 'τ ms', 'R ms', 'predicted', 'sustained', 'laps', 'efficiency', 'as predicted'], rows }],
      fast: input.fast,
      protocol: PROTOCOL,
      notes: ['In exact time the refractory boundary is decided with a relative tolerance of 1e-9 (model/time.ts), so a ring exactly at Nτ = R sustains even when the float sum of τ rounds below R.'],
    };
  },
};
