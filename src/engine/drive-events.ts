/**
 * The Poisson drive of `Simulation.poisson` written out as explicit events, for simulators
 * that take input spike trains (SONATA export): node i's k-th event comes at
 * t_{i,k} = t_{i,k-1} − ln(1 − U(seed, 3, i, k)) / rate, t_{i,−1} = 0 (docs/workloads/crg.md §2.6).
 * `driveGap` is the one definition of that step, used by the engine's exact-time drive too, so
 * both see identical event times.
 */
import { u01, STREAM_DRIVE } from '../model/hash.js';

/** Gap (ms) before node i's k-th drive event at `ratePerMs` events per ms. */
export function driveGap(seed: number, i: number, k: number, ratePerMs: number): number {
  return -Math.log1p(-u01(seed, STREAM_DRIVE, i, k)) / ratePerMs;
}

export function driveEvents(n: number, rateHz: number, durationMs: number, seed: number): { node: Int32Array; time: Float64Array } {
  if (!(rateHz >= 0) || !Number.isFinite(rateHz)) throw new RangeError(`drive rate must be a finite number >= 0, got ${rateHz}`);
  const node: number[] = [], time: number[] = [];
  if (rateHz > 0) {
    const rate = rateHz / 1000;
    for (let i = 0; i < n; i++) {
      let clock = 0;
      for (let k = 0; ; k++) {
        clock = clock + driveGap(seed, i, k, rate);
        if (clock >= durationMs) break;
        node.push(i);
        time.push(clock);
      }
    }
  }
  return { node: Int32Array.from(node), time: Float64Array.from(time) };
}
