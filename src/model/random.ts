/**
 * Seeded pseudo-random numbers for builders (xoroshiro128+ from pure-rand). Every random
 * choice in Refract flows from a seed; the same seed gives the same sequence.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

export interface Rng {
  /** Uniform in [0, 1). */
  float(): number;
  /** Uniform integer in [lo, hi] (both included). */
  int(lo: number, hi: number): number;
  /** Exponential with the given mean. */
  exponential(mean: number): number;
  /** Standard normal (Box–Muller, no caching so the stream stays simple). */
  normal(): number;
  /** An independent stream (2^64 steps ahead). */
  split(): Rng;
}

export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`seed must be an integer in 0..4294967295, got ${seed}`);
  return wrap(xoroshiro128plus(seed | 0));
}

function wrap(g: JumpableRandomGenerator): Rng {
  return {
    float: () => uniformFloat64(g),
    int: (lo, hi) => uniformInt(g, lo, hi),
    exponential: (mean) => -mean * Math.log1p(-uniformFloat64(g)),
    normal: () => {
      const u1 = 1 - uniformFloat64(g);
      const u2 = uniformFloat64(g);
      return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    },
    split: () => {
      // The child continues from here; the parent leaps 2^64 steps ahead, past it.
      const child = g.clone();
      g.jump();
      return wrap(child);
    },
  };
}
