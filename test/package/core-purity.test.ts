// The core entry (dist/index.js, `refract-networks`) is browser-pure, checked on what is built
// and shipped, transitively through every dependency:
//  - in Node, importing it resolves no Node built-in (a loader hook and a require hook record
//    every one: scripts/package/builtin-hooks.mjs);
//  - esbuild bundles it for the browser platform without Node polyfills (it refuses any
//    `node:` import), and the bundle runs in a realm without Node's globals (no process,
//    Buffer, require): a network is built, simulated, written and read back there.
// The import time (budget 150 ms) is measured by `npm run bench` (scripts/bench.mjs, `--only
// import`), not asserted here: a timing on a shared machine is not a test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
// @ts-expect-error a plain .mjs script without types
import { builtinsLoaded } from '../../scripts/package/core-imports.mjs';

const dist = join(import.meta.dirname, '..', '..', 'dist');
const core = pathToFileURL(join(dist, 'index.js')).href;
const loaded = builtinsLoaded as (specifier: string) => string[];

test('importing the core entry loads no Node built-in (loader and require hooks)', () => {
  assert.deepEqual(loaded(core), []);
});

test('the hooks do see built-ins: the Node entry loads node:fs, worker_threads, … (control)', () => {
  const seen = loaded(pathToFileURL(join(dist, 'node', 'index.js')).href);
  for (const name of ['node:fs', 'node:worker_threads', 'node:zlib']) assert.ok(seen.some((l) => l.startsWith(`import ${name} `)), `${name} in\n${seen.join('\n')}`);
  assert.ok(seen.some((l) => l.startsWith('require ')), 'a CommonJS dependency (resvg) requires built-ins too');
});

test('the core bundles for the browser without Node polyfills and runs without Node globals', async () => {
  const out = await build({
    entryPoints: [join(dist, 'index.js')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'refract',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0].text;
  // the realm a page gives: the language, TextEncoder/Decoder, timers, console; no Node
  const realm: Record<string, unknown> = { console, TextEncoder, TextDecoder, URL, setTimeout, clearTimeout, queueMicrotask, structuredClone, performance };
  const check = `
    const r = refract;
    const net = r.ring({ n: 6, latency: 1, refractory: 2 });
    const sim = new r.Simulation(net, { record: { edgeCounts: true } });
    sim.force(0, 0).run(20);
    const spikes = sim.spikes();
    const csv = r.spikesToCsv(spikes);
    const back = r.networkFromJson(JSON.stringify(r.networkToJson(net)), { file: 'ring.json' });
    const cp = r.checkpointFromBytes(r.checkpointToBytes(sim.checkpoint()), 'cp.bin');
    let refused = '';
    try { r.spikesFromCsv('node,time_ms\\n0,-5\\n', 'bad.csv'); } catch (e) { refused = e.message; }
    JSON.stringify({ n: back.n, m: back.m, spikes: Array.from(spikes.node), again: Array.from(r.spikesFromCsv(csv).node), now: cp.now, refused,
      process: typeof process, Buffer: typeof Buffer, require: typeof require });
  `;
  const got = JSON.parse(runInNewContext(`${code};\n${check}`, realm) as string) as Record<string, unknown>;
  assert.deepEqual(got, {
    n: 6,
    m: 6,
    spikes: [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5, 0, 1],
    again: [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5, 0, 1],
    now: 20,
    refused: 'bad.csv:2: time_ms: must be a time >= 0 ms (runs start at 0), got -5',
    process: 'undefined',
    Buffer: 'undefined',
    require: 'undefined',
  });
});

test('a Node built-in in the core would be caught: esbuild refuses it for the browser (control)', async () => {
  await assert.rejects(
    build({ stdin: { contents: "import { readFileSync } from 'node:fs'; export const f = readFileSync;", resolveDir: dist }, bundle: true, platform: 'browser', write: false, logLevel: 'silent' }),
    /node:fs/,
  );
});
