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

/** `a:b:n` → n evenly spaced values from a to b; or a comma list `x,y,z`. */
export function valueGrid(value: string): number[] {
  const m = /^([^:]+):([^:]+):([^:]+)$/.exec(value);
  if (m) {
    const a = num(m[1]), b = num(m[2]), n = positiveInt(m[3]);
    return n === 1 ? [a] : Array.from({ length: n }, (_, k) => a + ((b - a) * k) / (n - 1));
  }
  return value.split(',').map((v) => num(v));
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
