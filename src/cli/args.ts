/**
 * Option parsers for the CLI. A bad value is rejected by commander with a one-line message
 * naming the option (InvalidArgumentError), before any work starts.
 */
import { InvalidArgumentError } from 'commander';
import { nearest } from '../model/nearest.js';

export function num(value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x)) throw new InvalidArgumentError(`not a number: "${value}"`);
  return x;
}

export function nonNegative(value: string): number {
  const x = num(value);
  if (x < 0) throw new InvalidArgumentError(`must be >= 0, got ${value}`);
  return x;
}

export function positive(value: string): number {
  const x = num(value);
  if (!(x > 0)) throw new InvalidArgumentError(`must be > 0, got ${value}`);
  return x;
}

export function int(value: string): number {
  const x = num(value);
  if (!Number.isInteger(x)) throw new InvalidArgumentError(`not an integer: "${value}"`);
  return x;
}

export function positiveInt(value: string): number {
  const x = int(value);
  if (x < 1) throw new InvalidArgumentError(`must be an integer >= 1, got ${value}`);
  return x;
}

export function seed(value: string): number {
  const x = int(value);
  if (x < 0 || x > 0xffffffff) throw new InvalidArgumentError(`seed must be an integer in 0..4294967295, got ${value}`);
  return x;
}

// ---- bounded options
//
// An option that sets how many times something runs, how long a model runs or how much is
// allocated has a generous but finite upper bound, named in the message, so a typo
// (`--seeds 1000000000`) is refused at once instead of running for days or exhausting memory.

/** 10000 → "10000", 1e8 → "10^8": limits as people write them. */
function showLimit(x: number): string {
  const e = Math.log10(x);
  return x >= 1e5 && Number.isInteger(e) ? `10^${e}` : String(x);
}

/** An integer 1..max. */
export function intUpTo(max: number): (value: string) => number {
  return (value) => {
    const x = positiveInt(value);
    if (x > max) throw new InvalidArgumentError(`must be at most ${showLimit(max)}, got ${value}`);
    return x;
  };
}

/** A number in [0, max] (`positive`: in (0, max]), e.g. a model time in ms. */
export function upTo(max: number, opts: { positive?: boolean; unit?: string } = {}): (value: string) => number {
  return (value) => {
    const x = opts.positive ? positive(value) : nonNegative(value);
    if (x > max) throw new InvalidArgumentError(`must be at most ${showLimit(max)}${opts.unit ? ` ${opts.unit}` : ''}, got ${value}`);
    return x;
  };
}

/** Longest model time of a simulation option (ms): 10^7 ms, about 2.8 hours of model time. */
export const MAX_DURATION_MS = 1e7;
/** Model time of a benchmark (ms): 10^7 grid steps of 0.1 ms, whose per-step counts are kept. */
export const MAX_BENCH_MS = 1e6;
/** Most worker threads an option may ask for (each costs a JavaScript engine of its own). */
export const MAX_THREADS = 256;
/** Most points of a value grid (`a:b:n` or a list). */
export const MAX_GRID_POINTS = 1000;
/** Poisson drive rate per node (Hz): one event per µs. */
export const MAX_DRIVE_HZ = 1e6;
/** Nodes of a generated network (CRG up to 10^7 is the reference workload). */
export const MAX_NODES_OPTION = 1e8;
/** Out-edges per node of a generated network, and lattice rows or columns. */
export const MAX_OUT_EDGES = 10_000;
export const MAX_LATTICE_SIDE = 10_000;
/** Repetitions (seeds) of a learning protocol. */
export const MAX_SEEDS = 100;
/** Jittered copies per cell, shuffles of a null model, cycles enumerated. */
export const MAX_JITTER_COPIES = 10_000;
export const MAX_SHUFFLES = 1e6;
export const MAX_CYCLES = 1e7;
/** The connectome: model time (10^5 ms = 100 s of worm time, 50 periods of a 0.5 Hz rhythm), walks listed, chain length. */
export const MAX_CONNECTOME_MS = 1e5;
export const MAX_WALKS = 1e7;
export const MAX_CHAIN_LENGTH = 20;
/** Runs of a connectome sweep (speeds × refractory periods). */
export const MAX_SWEEP_RUNS = 1000;

/** `a:b:n` → n evenly spaced values from a to b; or a comma list `x,y,z`; at most 1000 values. */
export function valueGrid(value: string): number[] {
  const m = /^([^:]+):([^:]+):([^:]+)$/.exec(value);
  if (m) {
    const a = num(m[1]), b = num(m[2]), n = positiveInt(m[3]);
    if (n > MAX_GRID_POINTS) throw new InvalidArgumentError(`at most ${MAX_GRID_POINTS} values, got ${m[3]}`);
    return n === 1 ? [a] : Array.from({ length: n }, (_, k) => a + ((b - a) * k) / (n - 1));
  }
  const parts = value.split(',');
  if (parts.length > MAX_GRID_POINTS) throw new InvalidArgumentError(`at most ${MAX_GRID_POINTS} values, got ${parts.length}`);
  return parts.map((v) => num(v));
}

/** A node named on the command line: an id, or a label the network gives it (resolved once the network is loaded). */
export type NodeRef = number | string;

/** `node@t` pairs separated by commas, e.g. `0@0,5@2.5` or `ASEL@0` (a label). */
export function nodeTimes(value: string): [NodeRef, number][] {
  return value.split(',').map((part) => {
    const m = /^\s*([^@\s]+)\s*@\s*([^@]+)$/.exec(part);
    if (!m) throw new InvalidArgumentError(`expected node@time (e.g. 0@0,5@2.5), got "${part}"`);
    return [/^\d+$/.test(m[1]) ? Number(m[1]) : m[1], num(m[2])];
  });
}

export function choice<T extends string>(allowed: readonly T[]): (value: string) => T {
  return (value: string) => {
    if (!(allowed as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}, got "${value}" (did you mean ${nearest(value, allowed, 1)[0]}?)`);
    return value as T;
  };
}
