// One reader per format: a file dropped on the visualiser is read by the same codec as the CLI
// reads it from disk, so both accept and refuse the same files with the same message. The two
// cases where the browser's own copies had drifted (issue 17) are checked through both: the
// CLI (the built `refract`) and the functions the visualiser's engine worker calls.
// test/web/visualiser.test.ts drops the same files on the page in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from '../cli/run-cli.js';
import { droppedNetwork, droppedSpikes } from '../../src/web/network/dropped-files.js';
import { ring } from '../../src/model/builders/fixtures.js';
import { DRIFT_NETWORK, DRIFT_SPIKES } from './drift-files.js';

const dir = tempDir('refract-readers-');

function browserMessage(read: () => unknown): string {
  try {
    read();
  } catch (e) {
    return (e as Error).message;
  }
  return 'accepted';
}

/** The CLI's one-line refusal, without the `refract: ` prefix; the run must leave no output. */
function cliMessage(args: string[], out: string): string {
  const r = cli([...args, '--out', out], { timeoutMs: 120_000 });
  assert.equal(r.code, 2, r.stderr);
  assert.equal(existsSync(out) && readdirSync(out).length > 0, false, 'a refused run writes nothing');
  return r.stderr.replace(/^refract: /, '').trimEnd();
}

test('a network JSON whose first edge (edges out of source order) has latency −1: edges.latency[0] in the CLI and in the browser', () => {
  const file = join(dir, 'drift.json');
  writeFileSync(file, DRIFT_NETWORK);
  const want = `${file}:4: edges.latency[0]: latency must be a finite number >= 0, got -1`;
  assert.equal(cliMessage(['simulate', file, '--quiet'], join(dir, 'net-out')), want);
  assert.equal(browserMessage(() => droppedNetwork(DRIFT_NETWORK, file)), want);
});

test('a spikes CSV row 0,-5: refused with the same message by the CLI (stimulus, saved run) and the browser', () => {
  const file = join(dir, 'spikes.csv');
  writeFileSync(file, DRIFT_SPIKES);
  const want = `${file}:3: time_ms: must be a time >= 0 ms (runs start at 0), got -5`;
  assert.equal(cliMessage(['simulate', '--preset', 'ring', '--stimulus', file, '--quiet'], join(dir, 'stim-out')), want);
  // a saved run whose spikes.csv holds the row
  const run = join(dir, 'run');
  mkdirSync(run);
  writeFileSync(join(run, 'spikes.csv'), DRIFT_SPIKES);
  const net = join(dir, 'ring.json');
  assert.equal(cli(['build', 'ring', '--ring-size', '3', '--out', net]).code, 0);
  assert.equal(cliMessage(['analyze', net, '--spikes', run, '--duration', '10'], join(dir, 'analyze-out')), want.replace(file, join(run, 'spikes.csv')));
  assert.equal(browserMessage(() => droppedSpikes(DRIFT_SPIKES, file, ring({ n: 3, latency: 1 }))), want);
});
