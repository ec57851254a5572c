import assert from 'node:assert/strict';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Simulation, type Checkpoint, type SimulationOptions } from '../../src/engine/simulation.js';
import { ring } from '../../src/model/builders/fixtures.js';
import { geometric } from '../../src/model/builders/geometric.js';
import type { Network } from '../../src/model/types.js';
import { checkpointFromBytes, checkpointToBytes } from '../../src/formats/checkpoint.js';
import { readCheckpoint, writeCheckpoint } from '../../src/node/checkpoint.js';
import { decodeContainer, encodeContainer } from '../../src/formats/container.js';
import { readNetworkFile, writeNetworkFile } from '../../src/node/network-file.js';
import { assertInputError, assertSameArray, tempDir } from './helpers.js';

const dir = tempDir();

/** Deep, bit-exact equality: typed arrays by type and bytes, numbers with Object.is. */
function assertSameValue(actual: unknown, expected: unknown, path = 'checkpoint'): void {
  if (ArrayBuffer.isView(expected)) return assertSameArray(actual as ArrayBufferView, expected, path);
  if (typeof expected === 'number') return assert.ok(Object.is(actual, expected), `${path}: ${String(actual)} vs ${expected}`);
  if (expected === null || typeof expected !== 'object') return assert.equal(actual, expected, path);
  assert.ok(actual !== null && typeof actual === 'object', `${path}: expected an object`);
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${path}: keys`);
  for (const [k, v] of Object.entries(expected)) assertSameValue((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
}

/** Continues a checkpoint for `more` ms and returns the spikes. */
function continueRun(net: Network, cp: Checkpoint, more: number) {
  return Simulation.restore(net, cp).run(more).spikes();
}

describe('checkpoints', () => {
  test('a ring checkpoint round-trips exactly and continues identically', () => {
    const net = ring({ n: 5, latency: 1, refractory: 2 });
    const cp = new Simulation(net).force(0, 0).run(10).checkpoint();
    const back = checkpointFromBytes(checkpointToBytes(cp));
    assertSameValue(back, cp);
    const a = continueRun(net, cp, 20), b = continueRun(net, back, 20);
    assert.ok(a.node.length > 20);
    assertSameValue(b, a);
    // ... and identically to a run that was never interrupted.
    assertSameValue(b, new Simulation(net).force(0, 0).run(30).spikes());
  });

  test('a rich checkpoint (drive, window log, causes, edge counts; exact and grid) survives a file round trip', () => {
    const net = geometric({ n: 50, connect: { rule: 'k', k: 5 }, seed: 21, mode: Array.from({ length: 50 }, (_, i) => (i % 3 === 0 ? 'window' : 'first')), threshold: 1.5, window: 2 });
    for (const opts of [{ seed: 3 }, { seed: 4, dt: 0.05 }] as SimulationOptions[]) {
      const sim = new Simulation(net, { ...opts, record: { spikes: true, causes: true, edgeCounts: true } }).poisson({ rate: 80, kind: 'inject', weight: 0.8 });
      const cp = sim.run(40).checkpoint();
      assert.ok(cp.drive && cp.log && cp.events.time.length > 0 && cp.recorder.edgeDelivered);
      const path = join(dir, `rich-${opts.dt ?? 'exact'}.ckpt`);
      writeCheckpoint(path, cp);
      const back = readCheckpoint(path);
      assertSameValue(back, cp);
      // Restored onto the network read back from its own file (same fingerprint).
      const netPath = join(dir, 'rich.json');
      writeNetworkFile(netPath, net);
      const net2 = readNetworkFile(netPath);
      const a = Simulation.restore(net, cp).run(40), b = Simulation.restore(net2, back).run(40);
      assertSameValue(b.spikes(), a.spikes());
      assertSameValue(b.recording(), a.recording());
    }
  });

  test('special numbers and typed arrays survive the container', () => {
    const value = { a: NaN, b: -0, c: [Infinity, -Infinity, 1.5], d: new Uint8Array([1, 2, 3]), e: { f: new Float32Array([0.1]), g: null, h: 'x' }, i: true };
    assertSameValue(decodeContainer(encodeContainer('test', value), 'test', 'test'), value);
  });

  test('damaged or foreign files give an InputError naming the file and the field', () => {
    const net = ring({ n: 5, latency: 1, refractory: 2 });
    const cp = new Simulation(net, { record: { causes: true } }).force(0, 0).run(10).checkpoint();
    const path = join(dir, 'cut.ckpt');
    writeCheckpoint(path, cp);
    const size = readFileSync(path).length;
    truncateSync(path, size - 20);
    assertInputError(() => readCheckpoint(path), new RegExp(`^${path}: [\\w.]+: truncated: the file has ${size - 20} of ${size} bytes; the array needs bytes \\d+\\.\\.\\d+$`));
    truncateSync(path, 30);
    assertInputError(() => readCheckpoint(path), new RegExp(`^${path}: truncated: the header needs \\d+ bytes, the file has 30$`));
    writeFileSync(path, 'node,time_ms\n1,2\n');
    assertInputError(() => readCheckpoint(path), new RegExp(`^${path}: not a Refract checkpoint file$`));
    const other = encodeContainer('something-else', {});
    assertInputError(() => checkpointFromBytes(other, 'x.ckpt'), /^x\.ckpt: not a Refract checkpoint file \(it holds "something-else"\)$/);
    const bytes = checkpointToBytes(cp);
    bytes[28] = 0x7b; // '{' inside the header JSON (which starts at byte 24)
    assertInputError(() => checkpointFromBytes(bytes, 'x.ckpt'), /^x\.ckpt: corrupt header$/);
    assertInputError(() => readCheckpoint(join(dir, 'none.ckpt')), /none\.ckpt: file not found$/);
  });

  test('a checkpoint with wrong types or sizes is rejected', () => {
    const cp = new Simulation(ring({ n: 5, latency: 1 })).force(0, 0).run(3).checkpoint();
    const wrongType = encodeContainer('refract-checkpoint', { ...cp, u: new Float32Array(5) });
    assertInputError(() => checkpointFromBytes(wrongType, 'x.ckpt'), /^x\.ckpt: u: expected a float64 array$/);
    const wrongSize = encodeContainer('refract-checkpoint', { ...cp, last: new Float64Array(4) });
    assertInputError(() => checkpointFromBytes(wrongSize, 'x.ckpt'), /^x\.ckpt: last: expected 5 values, got 4$/);
    const missing = encodeContainer('refract-checkpoint', { ...cp, recorder: { ...cp.recorder, spikeTime: undefined } });
    assertInputError(() => checkpointFromBytes(missing, 'x.ckpt'), /^x\.ckpt: recorder\.spikeTime: expected a float64 array$/);
  });
});
