/** Corrupting test inputs (values in [0, 1]): salt-and-pepper and clipped Gaussian noise, seeded. */
import { createRng } from '../model/random.js';

export type Corruption = 'salt-and-pepper' | 'gaussian';

/** A copy of `data` with noise: `amount` is the fraction of values replaced by 0 or 1, or σ. */
export function corrupt<T extends { x: Float32Array }>(data: T, kind: Corruption, amount: number, seed: number): T {
  const rng = createRng(seed);
  const x = data.x.slice();
  if (kind === 'salt-and-pepper') {
    for (let i = 0; i < x.length; i++) if (rng.float() < amount) x[i] = rng.float() < 0.5 ? 0 : 1;
  } else for (let i = 0; i < x.length; i++) x[i] = Math.min(1, Math.max(0, x[i] + amount * rng.normal()));
  return { ...data, x };
}
