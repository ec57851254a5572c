/**
 * The worker thread of sonata-thread.ts: runs one SONATA read and posts its result, or its
 * error, and a message each time it opens an HDF5 file (so the parent can time each file).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../formats/errors.js';
import { quietH5Aborts } from './sonata-quiet.js';
import type { H5Message, H5Task } from './sonata-thread.js';

const port = parentPort!;
const { task, args } = workerData as { task: H5Task; args: unknown[] };
const post = (m: H5Message) => port.postMessage(m);
quietH5Aborts(); // before h5wasm loads: it binds console.error then
const { onH5Open } = await import('./sonata-h5.js');
onH5Open((file, bytes) => post({ type: 'open', file, bytes }));

try {
  const here = { thread: 'here' as const };
  let value: unknown;
  if (task === 'readSonataSpikes') {
    const { readSonataSpikes } = await import('./sonata.js');
    value = await readSonataSpikes(args[0] as string, here);
  } else if (task === 'importSonataCircuit') {
    const { importSonataCircuit } = await import('./sonata.js');
    value = await importSonataCircuit(args[0] as string, { ...(args[1] as object), ...here });
  } else {
    const { importSonataRun } = await import('./sonata-run.js');
    value = await importSonataRun(args[0] as string, { ...(args[1] as object), ...here });
  }
  post({ type: 'result', value });
} catch (e) {
  const err = e instanceof Error ? e : new Error(String(e));
  const ie = e instanceof InputError ? e : null;
  post({ type: 'error', error: { name: err.name, message: err.message, detail: ie?.detail, file: ie?.file, line: ie?.line, field: ie?.field, stack: err.stack } });
}
