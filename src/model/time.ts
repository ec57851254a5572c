/**
 * Where a refractory period ends, in continuous time.
 *
 * Event times are float64 sums of latencies, so a signal that in exact arithmetic arrives
 * exactly at the end of its target's refractory period (t_last + R) can land one rounding
 * error before it: round a ring of 10 edges of 0.1 ms, 10 × 0.1 sums to 0.9999999999999999
 * < 1, and a ring the theory says sustains (Nτ ≥ R) would die. That boundary, Λ_cycle = 1,
 * is exactly the point the theory is about, so the engine and every analysis decide it the
 * same documented way:
 *
 *   node j is refractory at time a  ⇔  a < end − tol(end),  end = t_last + R_j,
 *   tol(x) = TIME_TOLERANCE · max(1 ms, |x|)
 *
 * i.e. an arrival within a relative 1e-9 (at least 1e-9 ms = 1 ps) of the end counts as
 * arriving at the end, where the node is receptive. Rounding errors of sums of k latencies
 * are about k · 1.1e-16 · |t|, far below this; physical timing differences are far above it.
 * Grid mode counts integer steps and compares exactly (tolerance 0).
 */

/** Relative tolerance of refractory boundaries in continuous time (see above). */
export const TIME_TOLERANCE = 1e-9;

/**
 * The time from which a node that activated at `last` with refractory period R is receptive
 * again: last + R less the tolerance (`tolerance` 0 for exact integer grid time).
 */
export function receptiveFrom(last: number, R: number, tolerance = TIME_TOLERANCE): number {
  const end = last + R;
  if (tolerance === 0) return end;
  const mag = end > 1 ? end : end < -1 ? -end : 1;
  return end - tolerance * mag;
}

/** Whether a duration `delay` (e.g. a cycle's total latency) reaches R, under the same tolerance. */
export function reachesRefractory(delay: number, R: number, tolerance = TIME_TOLERANCE): boolean {
  return delay >= receptiveFrom(0, R, tolerance);
}
