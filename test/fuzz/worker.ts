/**
 * Runs the cases of one fuzz target inside a worker thread, so that the test can stop a case
 * that hangs (terminate) and bound its heap (resourceLimits). Posts `start` before each case
 * and `done` with its outcome after it: ok, refused (an InputError naming a file, in one
 * line) or failed (anything else: another error, a multi-line message, no file named).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { createRng } from '../../src/model/random.js';
import { quietH5Aborts } from '../../src/node/sonata-quiet.js';

quietH5Aborts(); // before h5wasm loads (through targets.ts)
const { makeCase, setupBase, TARGETS } = await import('./targets.js');

export interface CaseOutcome {
  kind: 'ok' | 'refused' | 'failed';
  detail: string;
}

export type WorkerMessage =
  | { type: 'start'; target: string; i: number }
  | { type: 'done'; target: string; i: number; damaged: string[]; outcome: CaseOutcome; arrayBuffersMb: number }
  | { type: 'end' };

/** Cases from..from+count−1 of one target. */
export interface Job {
  target: string;
  seed: number;
  from: number;
  count: number;
  /** Run the cases through the target's time-limited use (for a case whose plain use hung). */
  guarded?: boolean;
}

function classify(e: unknown): CaseOutcome {
  if (e instanceof Error && e.name === 'InputError') {
    const file = (e as Error & { file?: string }).file;
    if (!file) return { kind: 'failed', detail: `InputError naming no file: ${e.message}` };
    if (e.message.includes('\n')) return { kind: 'failed', detail: `InputError of several lines: ${JSON.stringify(e.message.slice(0, 400))}` };
    if (e.message.length > 600) return { kind: 'failed', detail: `InputError of ${e.message.length} characters: ${e.message.slice(0, 200)}…` };
    return { kind: 'refused', detail: e.message };
  }
  const err = e instanceof Error ? e : new Error(String(e));
  return { kind: 'failed', detail: `${err.name}: ${err.message.slice(0, 300)}\n${(err.stack ?? '').split('\n').slice(1, 6).join('\n')}` };
}

async function runJob(job: Job, work: string): Promise<void> {
  const port = parentPort!;
  const target = TARGETS.find((t) => t.name === job.target)!;
  const base = join(work, `base-${TARGETS.indexOf(target)}`);
  await setupBase(target, base);
  const dir = join(work, 'case');
  for (let i = job.from; i < job.from + job.count; i++) {
    port.postMessage({ type: 'start', target: job.target, i } satisfies WorkerMessage);
    const rng = createRng((job.seed * 100_003 + i) >>> 0);
    const damaged = await makeCase(target, base, dir, rng);
    let outcome: CaseOutcome;
    try {
      await (job.guarded ? target.guardedUse!(dir) : target.use(dir));
      outcome = { kind: 'ok', detail: '' };
    } catch (e) {
      outcome = classify(e);
    }
    const arrayBuffersMb = process.memoryUsage().arrayBuffers / 2 ** 20;
    port.postMessage({ type: 'done', target: job.target, i, damaged, outcome, arrayBuffersMb } satisfies WorkerMessage);
    // after an abort h5wasm refuses every further call: go on in a fresh worker
    if (outcome.detail.includes('Aborted(')) process.exit(0);
  }
}

// One worker runs its jobs in order (starting a worker, which compiles the readers, costs
// more than a hundred cases), then says so.
const work = mkdtempSync(join(tmpdir(), 'refract-fuzz-'));
try {
  for (const job of workerData as Job[]) await runJob(job, work);
} finally {
  rmSync(work, { recursive: true, force: true });
}
parentPort!.postMessage({ type: 'end' } satisfies WorkerMessage);
