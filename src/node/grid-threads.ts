/**
 * The fast grid kernel on several worker threads (docs/design.md §4). Each worker owns one node
 * partition; all edges live once in shared memory. Workers advance their nodes by one epoch
 * (the smallest delay, in steps: nothing emitted during an epoch can arrive within it), post
 * their spikes, meet at a barrier, then schedule every partition's spikes onto their own
 * nodes. Orders inside the kernel do not depend on the partitioning, so the result equals the
 * one-thread run bit for bit.
 *
 * CRG networks are also built in the workers (positions, then each worker the out-edges of
 * its own sources), straight into shared memory.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import type { GridNetwork } from '../engine/grid-network.js';
import type { GridDrive, GridTally } from '../engine/grid-kernel.js';
import { crgGridShell } from '../engine/crg-grid.js';

/** What to run: a CRG network built by the workers, or a network already in shared memory. */
export type GridJob =
  | { kind: 'crg'; N: number; K: number; seed: number; variant: 'crg' | 'det'; dt?: number }
  | { kind: 'network'; g: GridNetwork };

export interface GridThreadsOptions {
  threads: number;
  steps: number;
  seed?: number;
  drive?: GridDrive | null;
  /** CRG only: u(0) = U(network seed, 4, i, 0) as docs/workloads/crg.md §2.5. */
  crgInitialPotential?: boolean;
  initialPotential?: number;
  inject?: { node: number; step: number; weight: number }[];
  recordSpikes?: boolean;
}

export interface GridThreadsResult {
  /** Seconds spent building the network (in the workers). */
  buildSeconds: number;
  /** Seconds spent running it. */
  runSeconds: number;
  tally: GridTally;
  spikes: { node: Int32Array; step: Int32Array } | null;
  g: GridNetwork;
}

/** Shared control words: [0] barrier arrivals, [1] go (run may start). */
export const CTL_ARRIVALS = 0;
export const CTL_GO = 1;

function startWorker(workerData: unknown): Worker {
  const js = new URL('./grid-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData });
  // running from the TypeScript sources (tests through tsx): register tsx in the worker first
  const ts = new URL('./grid-worker.ts', import.meta.url).href;
  return new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(ts)}); })`, { eval: true, workerData });
}

export async function runGridThreads(job: GridJob, o: GridThreadsOptions): Promise<GridThreadsResult> {
  const P = o.threads;
  if (!Number.isInteger(P) || P < 1) throw new RangeError(`threads must be a positive integer, got ${P}`);
  const t0 = performance.now();
  let g: GridNetwork, pos: Float64Array | null = null;
  if (job.kind === 'crg') ({ g, pos } = crgGridShell(job.N, job.K, job.seed, { variant: job.variant, dt: job.dt, parts: P, shared: true }));
  else {
    g = job.g;
    if (g.bounds.length - 1 !== P) throw new RangeError(`the network has ${g.bounds.length - 1} partitions, not ${P}`);
  }
  const E = Math.max(1, g.minSteps);
  const minR = typeof g.refractory === 'number' ? g.refractory : g.refractory.reduce((a, b) => Math.min(a, b), Infinity);
  const perNode = Math.ceil(E / Math.max(1, minR));
  const ctl = new Int32Array(new SharedArrayBuffer(16));
  // per worker two outboxes (epoch parity): [count, ends × E, nodes …]
  const outboxes = Array.from({ length: P }, (_, p) => {
    const cap = 1 + E + (g.bounds[p + 1] - g.bounds[p]) * perNode;
    return [new Int32Array(new SharedArrayBuffer(4 * cap)), new Int32Array(new SharedArrayBuffer(4 * cap))];
  });
  const workers = Array.from({ length: P }, (_, p) => startWorker({ p, P, job: job.kind === 'crg' ? { ...job } : { kind: 'network' }, g, pos, ctl, outboxes, o: { ...o, threads: undefined } }));
  const built: Promise<void>[] = [], done: Promise<{ tally: GridTally; spikes: { node: Int32Array; step: Int32Array } | null }>[] = [];
  for (const w of workers) {
    let onBuilt!: () => void, onFail!: (e: Error) => void;
    built.push(
      new Promise<void>((res, rej) => {
        onBuilt = res;
        onFail = rej;
      }),
    );
    done.push(
      new Promise((res, rej) => {
        const fail = (e: Error) => {
          onFail(e);
          rej(e);
        };
        w.on('message', (m: { type: string; tally?: GridTally; spikes?: { node: Int32Array; step: Int32Array } | null }) => {
          if (m.type === 'built') onBuilt();
          else if (m.type === 'done') res({ tally: m.tally as GridTally, spikes: m.spikes ?? null });
        });
        w.on('error', fail);
        w.on('exit', (code) => code !== 0 && fail(new Error(`grid worker exited with code ${code}`)));
      }),
    );
  }
  for (const d of done) d.catch(() => undefined); // failures surface through `built` or the await below
  try {
    await Promise.all(built);
  } catch (e) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw e;
  }
  const t1 = performance.now();
  Atomics.store(ctl, CTL_GO, 1);
  Atomics.notify(ctl, CTL_GO);
  const results = await Promise.all(done);
  const t2 = performance.now();
  await Promise.all(workers.map((w) => w.terminate()));
  const tally: GridTally = { spikes: 0, delivered: 0, blocked: 0, driveDelivered: 0, driveBlocked: 0, perStep: new Int32Array(o.steps), checksum: 0, sumSteps: 0, nodesFired: 0 };
  for (const { tally: t } of results) {
    tally.spikes += t.spikes;
    tally.delivered += t.delivered;
    tally.blocked += t.blocked;
    tally.driveDelivered += t.driveDelivered;
    tally.driveBlocked += t.driveBlocked;
    tally.checksum = (tally.checksum + t.checksum) >>> 0;
    tally.sumSteps += t.sumSteps;
    tally.nodesFired += t.nodesFired;
    for (let s = 0; s < o.steps; s++) tally.perStep[s] += t.perStep[s];
  }
  let spikes: GridThreadsResult['spikes'] = null;
  if (o.recordSpikes) {
    // merge the partitions' (step, node)-ordered lists
    const n = results.reduce((a, r) => a + (r.spikes?.node.length ?? 0), 0);
    spikes = { node: new Int32Array(n), step: new Int32Array(n) };
    const at = results.map(() => 0);
    for (let k = 0; k < n; k++) {
      let best = -1;
      for (let p = 0; p < P; p++) {
        const sp = results[p].spikes!;
        if (at[p] < sp.node.length && (best < 0 || sp.step[at[p]] < results[best].spikes!.step[at[best]])) best = p;
      }
      spikes.node[k] = results[best].spikes!.node[at[best]];
      spikes.step[k] = results[best].spikes!.step[at[best]++];
    }
  }
  return { buildSeconds: (t1 - t0) / 1000, runSeconds: (t2 - t1) / 1000, tally, spikes, g };
}
