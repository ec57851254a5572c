/** The reproductions `refract reproduce` knows, in the order they are listed. */
import type { Reproduction } from './types.js';
import { ringBounds } from './ring-bounds.js';
import { puppo2018 } from './puppo2018.js';
import { celegansAlternation } from './celegans-alternation.js';
import { celegansTseq } from './celegans-tseq.js';

export const REPRODUCTIONS: readonly Reproduction[] = [ringBounds, puppo2018, celegansAlternation, celegansTseq];

export function findReproduction(name: string): Reproduction | undefined {
  return REPRODUCTIONS.find((r) => r.name === name);
}

export * from './types.js';
