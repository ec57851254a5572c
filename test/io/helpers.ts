/** Shared helpers for the io tests: temp dirs, random networks, bit-exact comparison. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { geometric } from '../../src/model/builders/geometric.js';
import { withChanges } from '../../src/model/build.js';
import { createRng } from '../../src/model/random.js';
import type { Network } from '../../src/model/types.js';

/** A fresh temporary directory, removed when the test file ends. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'refract-io-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The typed array's bytes, for bit-exact comparison (-0, NaN payloads, float32). */
export function bytesOf(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

export function assertSameArray(actual: ArrayBufferView | null, expected: ArrayBufferView | null, what: string): void {
  if (expected === null || actual === null) return assert.equal(actual, expected, what);
  assert.equal(actual.constructor.name, expected.constructor.name, `${what}: array type`);
  assert.ok(bytesOf(actual).equals(bytesOf(expected)), `${what}: contents differ`);
}

/** Asserts two networks are identical, array types and bits included. */
export function assertSameNetwork(actual: Network, expected: Network): void {
  assert.equal(actual.n, expected.n);
  assert.equal(actual.m, expected.m);
  for (const k of ['refractory', 'threshold', 'processing', 'mode', 'window', 'tauM', 'position', 'offset', 'target', 'latency', 'length'] as const)
    assertSameArray(actual[k], expected[k], k);
  if (typeof expected.weight === 'number') assert.ok(Object.is(actual.weight, expected.weight), `weight: ${String(actual.weight)} vs ${expected.weight}`);
  else assertSameArray(actual.weight as Float32Array, expected.weight, 'weight');
  assert.deepEqual(actual.labels, expected.labels);
  assert.deepEqual(actual.meta, expected.meta);
}

/** The geometric network of the brief: 50 nodes, 5 random targets each. */
export function baseNetwork(seed: number): Network {
  return geometric({ n: 50, connect: { rule: 'k', k: 5 }, seed });
}

/**
 * A geometric network with awkward values: per-node parameters that differ between
 * nodes, mixed modes, arbitrary float32 weights (negative ones too), labels, and a few
 * values chosen to break lossy writers (-0, tiny and huge magnitudes).
 */
export function awkwardNetwork(seed: number): Network {
  const net = baseNetwork(seed);
  const rng = createRng(seed + 7);
  const perNode = (scale: number) => Float64Array.from({ length: net.n }, () => rng.float() * scale);
  const weight = Float32Array.from({ length: net.m }, () => Math.fround((rng.float() - 0.3) * 3));
  weight[0] = -0;
  weight[1] = Math.fround(1e-40); // a float32 subnormal
  weight[2] = Math.fround(3.4e38);
  const latency = net.latency.slice();
  latency[0] = -0;
  latency[1] = Number.MIN_VALUE;
  latency[2] = 0.1 + 0.2;
  const refractory = perNode(5);
  refractory[3] = -0;
  return withChanges(net, {
    refractory,
    threshold: perNode(2),
    processing: perNode(0.5),
    mode: Uint8Array.from({ length: net.n }, () => rng.int(0, 2)),
    window: perNode(3),
    tauM: perNode(20).map((x) => x + 1),
    weight,
    latency,
    labels: Array.from({ length: net.n }, (_, i) => `n${i}-${'αβγ'[i % 3]}`),
  });
}

/** Asserts `fn` throws an InputError whose one-line message matches `pattern`. */
export function assertInputError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof Error && e.name === 'InputError', `expected an InputError, got ${String(e)}`);
    assert.ok(!e.message.includes('\n'), `message is not one line: ${e.message}`);
    assert.match(e.message, pattern);
    return true;
  });
}
