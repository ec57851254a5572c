/**
 * A saved run directory (what `refract simulate --out DIR` writes) read back for analysis:
 * the spikes plus what summary.json says about the run. A run recorded on another network is
 * refused with one line, by fingerprint when summary.json is there and by the spikes
 * themselves otherwise (unknown node ids, or two spikes of a node closer than its R).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SpikeList } from '../engine/simulation.js';
import { fingerprint } from '../model/fingerprint.js';
import type { Network } from '../model/types.js';
import { receptiveFrom } from '../model/time.js';
import { engineUnits } from '../analysis/arrivals.js';
import { InputError } from '../io/errors.js';
import { readText } from '../io/files.js';
import { parseJsonText } from '../io/json-text.js';
import { readSpikesCsv } from '../io/spikes.js';

export interface SavedRun {
  spikes: SpikeList;
  duration: number;
  dt: number | null;
  sources: number[] | undefined;
  spikeFile: string;
}

interface Summary {
  duration_ms?: number;
  start_ms?: number;
  dt_ms?: number | null;
  network?: { fingerprint?: number };
  stimulus?: { force?: [number, number][]; drive?: unknown };
}

export async function loadRun(dir: string, net: Network, durationOverride?: number): Promise<SavedRun> {
  if (!existsSync(dir)) throw new InputError('run directory not found', { file: dir });
  const arrow = join(dir, 'spikes.arrow'), csv = join(dir, 'spikes.csv');
  let spikes: SpikeList, spikeFile: string;
  if (existsSync(arrow)) {
    const { readSpikesArrow } = await import('../io/spikes-arrow.js');
    spikes = readSpikesArrow(arrow);
    spikeFile = arrow;
  } else if (existsSync(csv)) {
    spikes = readSpikesCsv(csv);
    spikeFile = csv;
  } else throw new InputError('no spikes.arrow or spikes.csv in the run directory', { file: dir });

  const summaryFile = join(dir, 'summary.json');
  let summary: Summary = {};
  if (existsSync(summaryFile)) {
    summary = parseJsonText(readText(summaryFile), summaryFile) as Summary;
    const fp = summary.network?.fingerprint;
    if (fp !== undefined && fp !== fingerprint(net))
      throw new InputError(`the run was recorded on a different network (fingerprint ${fp}; this network has ${fingerprint(net)})`, { file: summaryFile, field: 'network.fingerprint' });
  }
  checkSpikes(spikes, net, spikeFile, summary.dt_ms ?? null);
  const duration = durationOverride ?? (summary.duration_ms !== undefined ? (summary.start_ms ?? 0) + summary.duration_ms : undefined);
  if (duration === undefined) throw new InputError('the run directory has no summary.json with duration_ms: give --duration', { file: dir });
  const force = summary.stimulus?.force;
  const sources = force && !summary.stimulus?.drive ? [...new Set(force.map(([j]) => j))].sort((a, b) => a - b) : undefined;
  return { spikes, duration, dt: summary.dt_ms ?? null, sources, spikeFile };
}

/** Spikes that this network could have produced: known nodes, no two closer than R. */
export function checkSpikes(spikes: SpikeList, net: Network, file: string, dt: number | null): void {
  // compared in the engine's units: whole steps on a grid (R rounded as the engine does), else ms
  const u = engineUnits(dt);
  const R = net.refractory.map(u.delay);
  const last = new Float64Array(net.n).fill(-Infinity);
  for (let k = 0; k < spikes.node.length; k++) {
    const j = spikes.node[k], t = u.time(spikes.time[k]);
    if (j >= net.n) throw new InputError(`node ${j} is not in the network (nodes are 0..${net.n - 1}): the spikes do not belong to this network`, { file, field: `spike ${k}` });
    if (R[j] > 0 && t < receptiveFrom(last[j], R[j], u.tolerance))
      throw new InputError(`node ${j} fires at ${spikes.time[k]} ms, within its refractory period after ${last[j] * u.scale} ms: the spikes do not belong to this network`, { file, field: `spike ${k}` });
    last[j] = t;
  }
}
