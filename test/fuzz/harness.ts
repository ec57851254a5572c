/**
 * Runs fuzz cases in worker threads with a hang detector (a case that does not finish within
 * `hangMs` is stopped and reported) and bounds on the heap and on the memory of ArrayBuffers;
 * collects the outcome of every case, per target. For readers the CLI runs under a time limit
 * of its own (HDF5), a case that hangs in the thread is run again through that limit, and
 * passes if it is refused in one line naming the file.
 */
import { Worker } from 'node:worker_threads';
import type { Job, WorkerMessage } from './worker.js';

export interface FuzzReport {
  target: string;
  cases: number;
  ok: number;
  refused: number;
  /** Cases that hung in the thread and were refused by the time-limited path. */
  refusedByTimeLimit: number;
  /** One line per failed case: its seed, index, damaged files and what went wrong. */
  failures: string[];
  maxArrayBuffersMb: number;
}

export interface FuzzOptions {
  seed: number;
  count: number;
  /** Targets with a time-limited use for cases that hang (Target.guardedUse). */
  guarded: ReadonlySet<string>;
  hangMs?: number;
  heapMb?: number;
  arrayBuffersMb?: number;
}

function startWorker(jobs: Job[], heapMb: number): Worker {
  const url = new URL('./worker.ts', import.meta.url).href;
  // the tests run from TypeScript sources: register tsx in the worker first
  return new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url)}); })`, {
    eval: true,
    workerData: jobs,
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
}

/** Runs `jobs` in one worker; resolves with where it stopped early (a hang, or the worker died), if it did. */
function runWorker(jobs: Job[], o: FuzzOptions, reports: Map<string, FuzzReport>, hangMs: number): Promise<{ target: string; i: number; hung: boolean } | null> {
  const heapMb = o.heapMb ?? 1024, abLimit = o.arrayBuffersMb ?? 512;
  return new Promise((resolve) => {
    const w = startWorker(jobs, heapMb);
    let current = { target: jobs[0].target, i: jobs[0].from };
    let stopped: { target: string; i: number; hung: boolean } | null = null;
    let ended = false, lastDone = -1;
    let timer: NodeJS.Timeout | null = null;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      if (timer) clearTimeout(timer);
      resolve(stopped);
    };
    w.on('message', (m: WorkerMessage) => {
      if (m.type === 'start') {
        current = { target: m.target, i: m.i };
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          stopped = { ...current, hung: true };
          void w.terminate();
        }, hangMs);
      } else if (m.type === 'done') {
        if (timer) clearTimeout(timer);
        lastDone = m.i;
        const r = reports.get(m.target)!;
        const label = `seed ${o.seed} case ${m.i} (${m.damaged.join(', ')})`;
        r.cases++;
        if (m.outcome.kind === 'ok') r.ok++;
        else if (m.outcome.kind === 'refused') {
          r.refused++;
          if (jobs.some((j) => j.guarded)) r.refusedByTimeLimit++;
        } else r.failures.push(`${label}: ${m.outcome.detail}`);
        r.maxArrayBuffersMb = Math.max(r.maxArrayBuffersMb, m.arrayBuffersMb);
        if (m.arrayBuffersMb > abLimit) r.failures.push(`${label}: ${m.arrayBuffersMb.toFixed(0)} MB of ArrayBuffers after the case (limit ${abLimit} MB)`);
      } else if (m.type === 'end') {
        ended = true;
        void w.terminate();
      }
    });
    w.on('error', (e) => {
      reports.get(current.target)!.failures.push(`seed ${o.seed} case ${current.i}: the worker died: ${e.name}: ${e.message}`);
      stopped = { ...current, hung: false };
      finish();
    });
    w.on('exit', () => {
      // a worker that stops early (after an HDF5 abort it exits to be replaced) goes on in a new one
      if (!ended && stopped === null) {
        if (lastDone !== current.i) reports.get(current.target)!.failures.push(`seed ${o.seed} case ${current.i}: the worker exited during the case`);
        stopped = { ...current, hung: false };
      }
      finish();
    });
  });
}

/** Runs `count` cases of each target, the targets in order in one worker (restarted after a case that stops it). */
export async function fuzzTargets(targets: readonly string[], o: FuzzOptions, reports: Map<string, FuzzReport>): Promise<void> {
  const hangMs = o.hangMs ?? 15_000;
  for (const t of targets) reports.set(t, { target: t, cases: 0, ok: 0, refused: 0, refusedByTimeLimit: 0, failures: [], maxArrayBuffersMb: 0 });
  let jobs: Job[] = targets.map((target) => ({ target, seed: o.seed, from: 0, count: o.count }));
  while (jobs.length > 0) {
    const stopped = await runWorker(jobs, o, reports, hangMs);
    if (stopped === null) break;
    const r = reports.get(stopped.target)!;
    if (stopped.hung && !o.guarded.has(stopped.target)) r.failures.push(`seed ${o.seed} case ${stopped.i}: no result after ${hangMs / 1000} s (a hang)`);
    else if (stopped.hung) {
      // the CLI reads this under a time limit: there it must be refused, in one line
      const again = await runWorker([{ target: stopped.target, seed: o.seed, from: stopped.i, count: 1, guarded: true }], o, reports, 4 * hangMs);
      if (again?.hung) r.failures.push(`seed ${o.seed} case ${stopped.i}: no result after ${hangMs / 1000} s, nor through the time limit`);
    }
    // go on after the case that stopped the worker
    const at = jobs.findIndex((j) => j.target === stopped.target);
    const rest = jobs[at];
    jobs = [...(stopped.i + 1 < rest.from + rest.count ? [{ ...rest, from: stopped.i + 1, count: rest.from + rest.count - stopped.i - 1 }] : []), ...jobs.slice(at + 1)];
  }
}
