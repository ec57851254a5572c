/** The reproductions `refract reproduce` knows, in the order they are listed. */
import type { Reproduction } from './types.js';
import { ringBounds } from './ring-bounds.js';

export const REPRODUCTIONS: readonly Reproduction[] = [ringBounds];

export function findReproduction(name: string): Reproduction | undefined {
  return REPRODUCTIONS.find((r) => r.name === name);
}

export * from './types.js';
