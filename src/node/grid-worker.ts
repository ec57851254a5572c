/** One worker of runGridThreads: builds (CRG) and simulates one node partition. */
import { parentPort, workerData } from 'node:worker_threads';
import { GridKernel, type GridKernelOptions } from '../engine/grid-kernel.js';
import type { GridNetwork } from '../engine/grid-network.js';
import { crgGridEdges, crgGridPositions } from '../engine/crg-grid.js';
import { crgU0 } from '../model/builders/crg.js';
import { ensureLength } from '../model/typed.js';
import { CTL_ARRIVALS, CTL_GO, type GridJob, type GridThreadsOptions } from './grid-threads.js';

interface Data {
  p: number;
  P: number;
  job: GridJob | { kind: 'network' };
  g: GridNetwork;
  pos: Float64Array | null;
  ctl: Int32Array;
  outboxes: Int32Array[][];
  o: GridThreadsOptions;
}

const { p, P, job, g, pos, ctl, outboxes, o } = workerData as Data;
let generation = 0;

/** All P workers arrive before any leaves; the counter only grows. */
function barrier(): void {
  const target = P * ++generation;
  const v = Atomics.add(ctl, CTL_ARRIVALS, 1) + 1;
  if (v === target) {
    Atomics.notify(ctl, CTL_ARRIVALS);
    return;
  }
  for (let spin = 0; spin < 2000; spin++) if (Atomics.load(ctl, CTL_ARRIVALS) >= target) return;
  for (let cur = Atomics.load(ctl, CTL_ARRIVALS); cur < target; cur = Atomics.load(ctl, CTL_ARRIVALS)) Atomics.wait(ctl, CTL_ARRIVALS, cur);
}

const lo = g.bounds[p], hi = g.bounds[p + 1];
if (job.kind === 'crg') {
  crgGridPositions(job.seed, pos as Float64Array, lo, hi);
  barrier();
  crgGridEdges(g, job.K, job.seed, pos as Float64Array, lo, hi);
  barrier();
}
const seed = o.seed ?? 1;
const kopts: GridKernelOptions = {
  part: p,
  seed,
  drive: o.drive ?? null,
  inject: o.inject,
  recordSpikes: o.recordSpikes,
  totalSteps: o.steps,
  initialPotential: o.crgInitialPotential && job.kind === 'crg' ? (j: number) => crgU0(job.seed, j) : (o.initialPotential ?? 0),
};
const kernel = new GridKernel(g, kopts);
parentPort!.postMessage({ type: 'built' });
while (Atomics.load(ctl, CTL_GO) === 0) Atomics.wait(ctl, CTL_GO, 0);

const E = Math.max(1, g.minSteps);
let nodes = new Int32Array(1024);
const ends = new Int32Array(E);
for (let t = 0, epoch = 0; t < o.steps; t += E, epoch++) {
  const to = Math.min(o.steps, t + E), nSteps = to - t;
  kernel.advance(t, to);
  // post: [count, ends × E, nodes …]
  const mine = outboxes[p][epoch & 1];
  mine[0] = kernel.epochLen;
  for (let k = 0; k < nSteps; k++) mine[1 + k] = kernel.epochEnd[k];
  mine.set(kernel.epochNodes.subarray(0, kernel.epochLen), 1 + E);
  barrier();
  // every partition's spikes, per step in partition (= node) order
  let total = 0;
  for (let q = 0; q < P; q++) total += outboxes[q][epoch & 1][0];
  nodes = ensureLength(nodes, total);
  let n = 0;
  for (let k = 0; k < nSteps; k++) {
    for (let q = 0; q < P; q++) {
      const box = outboxes[q][epoch & 1];
      const a = k === 0 ? 0 : box[k], b = box[1 + k];
      nodes.set(box.subarray(1 + E + a, 1 + E + b), n);
      n += b - a;
    }
    ends[k] = n;
  }
  kernel.emit(t, nSteps, nodes, ends);
}
const spikes = o.recordSpikes ? kernel.spikes() : null;
parentPort!.postMessage({ type: 'done', tally: kernel.tally, spikes });
