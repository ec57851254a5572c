/**
 * Checks of the learning pipeline's options. They size the network (channels, stride,
 * radius), bound loops (median passes) and set times (speed, window), so a value from a
 * saved learner or a caller is checked before anything is built: a bad one is an
 * OptionError naming the option (`network.stride`), never an Infinity length or a hang.
 */

export class OptionError extends RangeError {
  constructor(
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'OptionError';
  }
}

const show = (v: unknown) => (typeof v === 'number' ? String(v) : v === undefined ? 'nothing' : JSON.stringify(v));

/** Throws an OptionError unless `v` is a number for which `ok` holds. */
export function checkNumber(field: string, v: unknown, ok: (x: number) => boolean, rule: string): number {
  if (typeof v !== 'number' || !ok(v)) throw new OptionError(field, `must be ${rule}, got ${show(v)}`);
  return v;
}

export const finitePositive = (x: number) => x > 0 && Number.isFinite(x);
export const finiteAtLeast0 = (x: number) => x >= 0 && Number.isFinite(x);
export const intIn = (lo: number, hi: number) => (x: number) => Number.isInteger(x) && x >= lo && x <= hi;
