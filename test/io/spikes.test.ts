import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { makeTable, tableToIPC } from 'apache-arrow';
import fc from 'fast-check';
import { Simulation, type SpikeList } from '../../src/engine/simulation.js';
import { readSpikesCsv } from '../../src/node/spikes.js';
import { spikesFromCsv, spikesToCsv } from '../../src/formats/spikes-csv.js';
import { readSpikesArrow, spikesFromArrow, spikesToArrow } from '../../src/node/spikes-arrow.js';
import { assertInputError, assertSameArray, baseNetwork, tempDir } from './helpers.js';

const dir = tempDir();

function assertSameSpikes(a: SpikeList, b: SpikeList): void {
  assertSameArray(a.node, b.node, 'node');
  assertSameArray(a.time, b.time, 'time');
}

/** Spikes of a real run: Poisson drive gives times with all their digits. */
function simulatedSpikes(seed: number): SpikeList {
  const net = baseNetwork(seed);
  return new Simulation(net, { seed }).poisson({ rate: 50 }).run(100).spikes();
}

describe('spike lists', () => {
  test('CSV and Arrow give back bit-identical times from a simulation, via files', () => {
    const spikes = simulatedSpikes(4);
    assert.ok(spikes.node.length > 100);
    const csv = join(dir, 'spikes.csv'), arrow = join(dir, 'spikes.arrow');
    writeFileSync(csv, spikesToCsv(spikes));
    writeFileSync(arrow, spikesToArrow(spikes));
    assertSameSpikes(readSpikesCsv(csv), spikes);
    assertSameSpikes(readSpikesArrow(arrow), spikes);
    assertSameSpikes(readSpikesCsv(csv), readSpikesArrow(arrow));
  });

  test('arbitrary times >= 0 round-trip exactly through both formats (property)', () => {
    const spikeLists = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.double({ min: -0, noNaN: true, noDefaultInfinity: true })), { maxLength: 50 })
      .map((rows): SpikeList => ({ node: Int32Array.from(rows, (r) => r[0]), time: Float64Array.from(rows, (r) => r[1]) }));
    fc.assert(
      fc.property(spikeLists, (s) => {
        assertSameSpikes(spikesFromCsv(spikesToCsv(s)), s);
        assertSameSpikes(spikesFromArrow(spikesToArrow(s)), s);
      }),
    );
  });

  test('CSV layout: header node,time_ms, rows in the order given', () => {
    const s = { node: Int32Array.from([3, 1]), time: Float64Array.from([0.1 + 0.2, -0]) };
    assert.equal(spikesToCsv(s), 'node,time_ms\n3,0.30000000000000004\n1,-0\n');
    assert.equal(spikesToCsv({ node: new Int32Array(0), time: new Float64Array(0) }), 'node,time_ms\n');
    assertSameSpikes(spikesFromCsv('time_ms,node\n# reordered columns\n2.5,7\n'), { node: Int32Array.of(7), time: Float64Array.of(2.5) });
  });

  test('CSV errors name file, line and column', () => {
    const p = join(dir, 'bad.csv');
    writeFileSync(p, 'node,time_ms\n0,1\n1,2\n2,x\n');
    assertInputError(() => readSpikesCsv(p), new RegExp(`^${p}:4: time_ms: not a number: "x"$`));
    assertInputError(() => spikesFromCsv('node,time_ms\n-1,1\n', 's.csv'), /^s\.csv:2: node: not a node id \(an integer >= 0\): "-1"$/);
    assertInputError(() => spikesFromCsv('node,time_ms\n1,\n', 's.csv'), /^s\.csv:2: time_ms: missing \(required\)$/);
    assertInputError(() => spikesFromCsv('node,t\n1,1\n', 's.csv'), /^s\.csv:1: t: unknown column/);
    assertInputError(() => readSpikesCsv(join(dir, 'none.csv')), /none\.csv: file not found$/);
  });

  test('a negative time is refused by both formats (a run starts at 0 ms); -0 is 0', () => {
    assertInputError(() => spikesFromCsv('node,time_ms\n0,1\n0,-5\n', 's.csv'), /^s\.csv:3: time_ms: must be a time >= 0 ms \(runs start at 0\), got -5$/);
    const arrow = spikesToArrow({ node: Int32Array.of(0, 0), time: Float64Array.of(1, -5) });
    assertInputError(() => spikesFromArrow(arrow, 's.arrow'), /^s\.arrow: time_ms: row 1: must be a time >= 0 ms \(runs start at 0\), got -5$/);
    assert.ok(Object.is(spikesFromCsv('node,time_ms\n0,-0\n').time[0], -0));
  });

  test('corrupt or foreign Arrow files give an InputError', () => {
    const good = spikesToArrow(simulatedSpikes(5));
    assertInputError(() => spikesFromArrow(good.subarray(0, good.length - 100), 'a.arrow'), /^a\.arrow: corrupt Arrow file: truncated/);
    const garbled = good.slice();
    garbled.fill(0xff, 8, 200);
    assertInputError(() => spikesFromArrow(garbled, 'a.arrow'), /^a\.arrow: corrupt Arrow file/);
    assertInputError(() => spikesFromArrow(new TextEncoder().encode('node,time_ms\n1,2\n'), 'a.arrow'), /^a\.arrow: not an Arrow IPC file$/);
    const other = tableToIPC(makeTable({ node: Float64Array.of(1), time_ms: Float64Array.of(1) }), 'file');
    assertInputError(() => spikesFromArrow(other, 'a.arrow'), /^a\.arrow: node: expected Int32, got Float$/);
    const missing = tableToIPC(makeTable({ node: Int32Array.of(1) }), 'file');
    assertInputError(() => spikesFromArrow(missing, 'a.arrow'), /^a\.arrow: time_ms: missing column/);
  });

  test('damaged Arrow metadata fails fast instead of hanging (property)', () => {
    // Arrow metadata is unverified FlatBuffers: a corrupted vector length used to make the
    // reader loop billions of times. Every damaged file must now be read or rejected quickly.
    const good = spikesToArrow(simulatedSpikes(6));
    fc.assert(
      fc.property(fc.nat(good.length - 1), fc.uint8Array({ minLength: 1, maxLength: 8 }), (at, junk) => {
        const bad = good.slice();
        bad.set(junk.subarray(0, bad.length - at), at);
        const t0 = performance.now();
        try {
          const s = spikesFromArrow(bad, 'a.arrow');
          assert.equal(s.node.length, s.time.length);
        } catch (e) {
          assert.equal((e as Error).name, 'InputError', String(e));
        }
        assert.ok(performance.now() - t0 < 1000, 'took too long');
      }),
      { numRuns: 500 },
    );
  });
});
