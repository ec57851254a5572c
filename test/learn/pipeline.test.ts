// The dynamic network computes, by its race, a distance transform of each encoder channel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createEncoder, latencyCode } from '../../src/learn/encoder.js';
import { buildDynamicNetwork } from '../../src/learn/dynamic-network.js';
import { SignatureExtractor } from '../../src/learn/signature.js';

test('map-node first spikes equal min over connected inputs of (input time + latency)', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 100, maxLength: 100 }), fc.integer({ min: 1, max: 1000 }), (img, seed) => {
      const enc = createEncoder(100, { shape: [10, 10], orientations: 4, intensity: true, median: 0 });
      const dn = buildDynamicNetwork(enc, { stride: 2, radius: 3, connect: 0.7, seed });
      const ex = new SignatureExtractor(dn, { tauS: 3 });
      ex.extract(img);
      const values = new Float32Array(enc.channels * enc.size);
      enc.channelValues(img, values);
      const expected = new Float64Array(dn.mapCount).fill(Infinity);
      const net = dn.net;
      for (let i = 0; i < dn.inputCount; i++) {
        const t = latencyCode(values[i], enc.window, enc.cutoff);
        if (t < 0) continue;
        for (let e = net.offset[i]; e < net.offset[i + 1]; e++) {
          const m = net.target[e] - dn.inputCount;
          expected[m] = Math.min(expected[m], t + net.latency[e]);
        }
      }
      const horizonOk = Array.from(expected, (t) => (t < dn.horizon ? t : Infinity));
      assert.deepEqual(Array.from(ex.times), horizonOk);
    }),
    { numRuns: 30 },
  );
});

test('signatures are unit vectors, deterministic, and lesioned nodes stay silent', () => {
  const enc = createEncoder(64, { shape: [8, 8], orientations: 8 });
  const dn = buildDynamicNetwork(enc, { stride: 2, radius: 3 });
  const img = Array.from({ length: 64 }, (_, i) => ((i % 8) - 3.5) ** 2 < 3 ? 1 : 0); // a vertical bar
  const a = new SignatureExtractor(dn).extract(img), b = new SignatureExtractor(dn).extract(img);
  assert.deepEqual(a, b);
  assert.ok(Math.abs(a.reduce((s, v) => s + v * v, 0) - 1) < 1e-6);
  const ex = new SignatureExtractor(dn);
  ex.lesion = new Uint8Array(dn.net.n).fill(1);
  assert.ok(ex.extract(img).every((v) => v === 0));
});
