/**
 * HDF5 reading under a time limit. libhdf5 can loop forever on a damaged file (the reader
 * fuzz found a spikes.h5 whose `units` attribute h5wasm and h5py alike never finish
 * reading), and a loop inside WebAssembly cannot be stopped from the same thread. So the
 * SONATA readers run in a worker thread: each HDF5 file it opens gives it
 * 20 s + 2 s per MB, and a worker that overruns is stopped and the file refused in one line.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../formats/errors.js';

/** Time per HDF5 file: a fixed part and a part per megabyte (reading 10^8 edges is seconds). */
export const H5_FILE_MS = 20_000;
export const H5_MS_PER_MB = 2_000;

export type H5Task = 'importSonataRun' | 'importSonataCircuit' | 'readSonataSpikes';

/** What the worker posts: a file it opens (which resets its time), then its result or error. */
export type H5Message =
  | { type: 'open'; file: string; bytes: number }
  | { type: 'result'; value: unknown }
  | { type: 'error'; error: { name: string; message: string; detail?: string; file?: string; line?: number; field?: string; stack?: string } };

function startWorker(task: H5Task, args: unknown[]): Worker {
  const js = new URL('./sonata-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData: { task, args } });
  // running from the TypeScript sources (tests through tsx): register tsx in the worker first
  const ts = new URL('./sonata-worker.ts', import.meta.url).href;
  return new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(ts)}); })`, { eval: true, workerData: { task, args } });
}

/**
 * Runs `task` in a worker thread under the per-file time limit (`fileMs` for every file, if
 * given); errors come back as they were thrown.
 */
export function runH5Task<T>(task: H5Task, args: unknown[], fileMs?: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const w = startWorker(task, args);
    let timer: NodeJS.Timeout | null = null;
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      f();
      void w.terminate();
    };
    const limit = (file: string | undefined, ms: number) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(
        () => settle(() => reject(new InputError(`reading did not finish within ${Math.round(ms / 1000)} s: HDF5 is stuck on this file (damaged?)`, { file }))),
        ms,
      );
    };
    limit(undefined, H5_FILE_MS); // starting the worker (loading h5wasm) included
    w.on('message', (m: H5Message) => {
      if (m.type === 'open') limit(m.file, fileMs ?? H5_FILE_MS + (H5_MS_PER_MB * m.bytes) / 2 ** 20);
      else if (m.type === 'result') settle(() => resolve(m.value as T));
      else
        settle(() => {
          const e = m.error;
          if (e.name === 'InputError') return reject(new InputError(e.detail ?? e.message, { file: e.file, line: e.line, field: e.field }));
          const err = new Error(e.message);
          err.name = e.name;
          err.stack = e.stack;
          reject(err);
        });
    });
    w.on('error', (e) => settle(() => reject(e)));
    w.on('exit', (code) => settle(() => reject(new Error(`the HDF5 reader stopped (exit code ${code}) without a result`))));
  });
}
