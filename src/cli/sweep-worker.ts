/**
 * Worker-thread entry of `refract sweep` (piscina calls the default export per grid point).
 * Errors cross the thread boundary as plain Errors, so user-input errors are sent back as
 * data and re-raised as InputErrors in the main thread.
 */
import { isInputError } from '../formats/errors.js';
import { runSweepPoint, type SweepPointSpec } from './sweep-point.js';

export type WorkerResult = { ok: true; row: Record<string, unknown> } | { ok: false; inputError: string };

export default function (spec: SweepPointSpec): WorkerResult {
  try {
    return { ok: true, row: runSweepPoint(spec) };
  } catch (e) {
    if (isInputError(e) || e instanceof RangeError) return { ok: false, inputError: e.message };
    throw e;
  }
}
