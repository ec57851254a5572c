/**
 * A saved run directory (what `refract simulate --out DIR` writes) read back for analysis:
 * the spikes plus what summary.json says about the run. A run recorded on another network is
 * refused with one line, by fingerprint when summary.json is there and by the spikes
 * themselves otherwise (unknown node ids, or two spikes of a node closer than its R).
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { join } from 'node:path';
import type { SpikeList } from '../engine/simulation.js';
import { fingerprint } from '../model/fingerprint.js';
import type { Network } from '../model/types.js';
import { receptiveFrom } from '../model/time.js';
import { engineUnits } from '../analysis/arrivals.js';
import { InputError } from '../formats/errors.js';
import { readText } from '../node/files.js';
import { fieldName, lineOfPath, parseJsonText, type JsonPath } from '../formats/json-text.js';
import { firstIssue } from '../formats/zod-issues.js';
import { readSpikeRowsCsv } from '../node/spikes.js';

export interface SavedRun {
  spikes: SpikeList;
  duration: number;
  dt: number | null;
  sources: number[] | undefined;
  spikeFile: string;
}

// What analysis reads of summary.json (other fields are free); a damaged value is refused
// by its field instead of breaking the analysis later.
const finiteAtLeast0 = z.number().nonnegative().finite();
const summarySchema = z.looseObject({
  duration_ms: finiteAtLeast0.optional(),
  start_ms: finiteAtLeast0.optional(),
  dt_ms: z.number().positive().finite().nullable().optional(),
  network: z.looseObject({ fingerprint: z.number().optional() }).optional(),
  stimulus: z.looseObject({ force: z.array(z.tuple([z.int().nonnegative(), z.number()])).optional(), drive: z.unknown() }).optional(),
});
type Summary = z.output<typeof summarySchema>;

/**
 * The time grid a saved run used: `--dt` (0 = exact time) when given, else summary.json's
 * `dt_ms`, else the grid the network file records (`meta.gridDt`, e.g. from a SONATA import),
 * else exact time — unless the spike times all lie on a grid the network's delays do not: then
 * the run was almost certainly on a grid the analysis would not know, and it is refused.
 */
function runGrid(spikes: SpikeList, net: Network, spikeFile: string, summaryDt: number | null | undefined, summaryFile: string | null, dtOverride: number | undefined): number | null {
  const flag = dtOverride === undefined ? undefined : dtOverride === 0 ? null : dtOverride;
  if (flag !== undefined && summaryDt !== undefined && (summaryDt ?? null) !== flag)
    throw new InputError(`the run used ${summaryDt === null ? 'exact time' : `dt = ${summaryDt} ms`}, but --dt says ${flag === null ? 'exact time' : `${flag} ms`}`, { file: summaryFile ?? spikeFile, field: 'dt_ms' });
  if (flag !== undefined) return flag;
  if (summaryDt !== undefined) return summaryDt;
  const meta = typeof net.meta.gridDt === 'number' && net.meta.gridDt > 0 ? net.meta.gridDt : null;
  if (meta !== null) return meta;
  const grid = commonGrid(spikes.time);
  if (grid !== null && !delaysOnGrid(net, grid))
    throw new InputError(`every spike time lies on a ${grid} ms grid but the network's latencies do not, and nothing says which grid the run used: give --dt ${grid} for a grid run (or --dt 0 to analyse it in exact time anyway)`, { file: spikeFile });
  return null;
}

const GRIDS = [1, 0.5, 0.25, 0.2, 0.1, 0.05, 0.025, 0.02, 0.01, 0.005, 0.001];

/** The coarsest common step every time is a multiple of (from the usual grids), with ≥ 20 spikes; else null. */
function commonGrid(times: ArrayLike<number>): number | null {
  if (times.length < 20) return null;
  for (const dt of GRIDS) {
    let on = true;
    for (let k = 0; k < times.length && on; k++) {
      const x = times[k] / dt;
      on = Math.abs(x - Math.round(x)) <= 1e-6 * Math.max(1, Math.abs(x));
    }
    if (on) return dt;
  }
  return null;
}

/** Whether rounding to steps of dt leaves every latency and refractory period as it is. */
function delaysOnGrid(net: Network, dt: number): boolean {
  const on = (v: number) => Math.abs(v / dt - Math.round(v / dt)) <= 1e-6 * Math.max(1, v / dt);
  return net.latency.every(on) && net.refractory.every(on) && net.processing.every(on);
}

export async function loadRun(dir: string, net: Network, durationOverride?: number, dtOverride?: number): Promise<SavedRun> {
  if (!existsSync(dir)) throw new InputError('run directory not found', { file: dir });
  const arrow = join(dir, 'spikes.arrow'), csv = join(dir, 'spikes.csv');
  let spikes: SpikeList, spikeFile: string;
  let where: SpikeWhere;
  if (existsSync(arrow)) {
    const { readSpikesArrow } = await import('../node/spikes-arrow.js');
    spikes = readSpikesArrow(arrow);
    spikeFile = arrow;
    where = (k) => ({ field: `row ${k}` });
  } else if (existsSync(csv)) {
    const rows = readSpikeRowsCsv(csv);
    spikes = rows.spikes;
    spikeFile = csv;
    where = (k) => ({ line: rows.lines[k], field: 'time_ms' });
  } else throw new InputError('no spikes.arrow or spikes.csv in the run directory', { file: dir });

  const summaryFile = join(dir, 'summary.json');
  let summary: Summary = {};
  if (existsSync(summaryFile)) {
    const text = readText(summaryFile);
    const parsed = summarySchema.safeParse(parseJsonText(text, summaryFile));
    if (!parsed.success) {
      const issue = firstIssue(parsed.error);
      throw new InputError(issue.message, { file: summaryFile, line: lineOfPath(text, issue.path as JsonPath), field: fieldName(issue.path) || undefined });
    }
    summary = parsed.data;
    const fp = summary.network?.fingerprint;
    if (fp !== undefined && fp !== fingerprint(net))
      throw new InputError(`the run was recorded on a different network (fingerprint ${fp}; this network has ${fingerprint(net)})`, { file: summaryFile, field: 'network.fingerprint' });
  }
  checkNodes(spikes, net, spikeFile, where); // spikes of another network say so before anything is inferred from their times
  const dt = runGrid(spikes, net, spikeFile, existsSync(summaryFile) ? (summary.dt_ms ?? null) : undefined, existsSync(summaryFile) ? summaryFile : null, dtOverride);
  checkSpikes(spikes, net, spikeFile, dt, where);
  const duration = durationOverride ?? (summary.duration_ms !== undefined ? (summary.start_ms ?? 0) + summary.duration_ms : undefined);
  if (duration === undefined) throw new InputError('the run directory has no summary.json with duration_ms: give --duration', { file: dir });
  // A spike outside the run is damage (or a run of another length): refuse it by its line,
  // before any analysis or picture sizes itself by the spike times.
  for (let k = 0; k < spikes.time.length; k++) {
    const t = spikes.time[k];
    if (!(t >= 0 && t < duration))
      throw new InputError(`spike at ${t} ms is outside the run [0, ${duration}) ms${durationOverride !== undefined ? ' (--duration)' : ''}`, { file: spikeFile, ...where(k) });
  }
  const force = summary.stimulus?.force;
  force?.forEach(([j], k) => {
    if (j >= net.n) throw new InputError(`unknown node id ${j} (nodes are 0..${net.n - 1})`, { file: summaryFile, field: `stimulus.force[${k}]` });
  });
  const sources = force && !summary.stimulus?.drive ? [...new Set(force.map(([j]) => j))].sort((a, b) => a - b) : undefined;
  return { spikes, duration, dt, sources, spikeFile };
}

function checkNodes(spikes: SpikeList, net: Network, file: string, where: SpikeWhere = byIndex): void {
  for (let k = 0; k < spikes.node.length; k++)
    if (spikes.node[k] >= net.n) {
      const at = where(k);
      throw new InputError(`node ${spikes.node[k]} is not in the network (nodes are 0..${net.n - 1}): the spikes do not belong to this network`, { file, ...at, field: at.line !== undefined ? 'node' : at.field });
    }
}

/** Spikes that this network could have produced: known nodes, no two closer than R. */
/** Where spike k is in its file, for messages: a CSV line or an Arrow row. */
type SpikeWhere = (k: number) => { line?: number; field: string };
const byIndex: SpikeWhere = (k) => ({ field: `spike ${k}` });

export function checkSpikes(spikes: SpikeList, net: Network, file: string, dt: number | null, where: SpikeWhere = byIndex): void {
  checkNodes(spikes, net, file, where);
  // compared in the engine's units: whole steps on a grid (R rounded as the engine does), else ms
  const u = engineUnits(dt);
  const R = net.refractory.map(u.delay);
  const last = new Float64Array(net.n).fill(-Infinity);
  for (let k = 0; k < spikes.node.length; k++) {
    const j = spikes.node[k], t = u.time(spikes.time[k]);
    if (R[j] > 0 && t < receptiveFrom(last[j], R[j], u.tolerance))
      throw new InputError(`node ${j} fires at ${spikes.time[k]} ms, within its refractory period after ${last[j] * u.scale} ms: the spikes do not belong to this network`, { file, ...where(k) });
    last[j] = t;
  }
}
