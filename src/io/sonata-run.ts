/**
 * A SONATA simulation read as a Refract run: the circuit's network (sonata.ts), its input spike
 * trains turned into stimulus events (each input spike reaches every target of its virtual node
 * after the edge's delay, with the edge's weight), the duration (`run.tstop`) and the grid
 * (`run.refract_grid_dt_ms`, written by Refract's own export).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Network } from '../model/types.js';
import { InputError } from './errors.js';
import { readJson } from './sonata-h5.js';
import { expandPath, importSonataCircuit, forEachEdgePopulation, edgeColumns, readSonataSpikes, type SonataImportOptions } from './sonata.js';
import type { StimulusEvents } from './sonata-inputs.js';

export interface SonataRunImport {
  net: Network;
  population: string;
  stimulus: StimulusEvents;
  durationMs: number | null;
  gridDt: number | null;
  /** Input edges without a delay anywhere (they were given 0 ms). */
  inputDelaysDefaulted: number;
  simulationConfig: string | null;
}

interface SimulationConfig {
  manifest?: Record<string, string>;
  network?: string;
  run?: { tstop?: number; refract_grid_dt_ms?: number };
  inputs?: Record<string, { input_type?: string; input_file?: string; node_set?: string }>;
}

export async function importSonataRun(dir: string, o: SonataImportOptions = {}): Promise<SonataRunImport> {
  const simPath = dir.endsWith('.json') ? dir : join(dir, 'simulation_config.json');
  const hasSim = existsSync(simPath) && !simPath.endsWith('circuit_config.json');
  const sim: SimulationConfig = hasSim ? readJson<SimulationConfig>(simPath) : {};
  const base = hasSim ? dirname(simPath) : dir;
  const manifest = sim.manifest ?? {};
  const circuitPath = sim.network ? expandPath(sim.network, manifest, base) : dir;
  const { net, population, circuit } = await importSonataCircuit(circuitPath, o);
  const stimulus: StimulusEvents = { node: [], time: [], weight: [], force: [] };
  let inputDelaysDefaulted = 0;
  for (const [name, input] of Object.entries(sim.inputs ?? {})) {
    if (input.input_type !== 'spikes') continue;
    if (!input.input_file) throw new InputError('spikes input has no input_file', { file: simPath, field: `inputs.${name}.input_file` });
    const file = expandPath(input.input_file, manifest, base);
    for (const train of await readSonataSpikes(file)) {
      // The old layout names no population: the input's node_set does (or the only candidate).
      const source = train.population ?? input.node_set ?? null;
      const byInput = new Map<number, { target: number; delay: number; weight: number; force: boolean }[]>();
      forEachEdgePopulation(circuit, (p) => {
        if (p.targetPopulation !== population || p.sourcePopulation === population) return;
        if (source !== null && p.sourcePopulation !== source) return;
        const c = edgeColumns(p, 0);
        inputDelaysDefaulted += c.delayDefaulted;
        for (let e = 0; e < c.source.length; e++) {
          const list = byInput.get(c.source[e]) ?? [];
          list.push({ target: c.target[e], delay: c.delay[e], weight: c.weight[e], force: c.force ? c.force[e] === 1 : false });
          byInput.set(c.source[e], list);
        }
      });
      for (let k = 0; k < train.node.length; k++)
        for (const x of byInput.get(train.node[k]) ?? []) {
          stimulus.node.push(x.target);
          stimulus.time.push(train.time[k] + x.delay);
          stimulus.weight.push(x.weight);
          stimulus.force.push(x.force);
        }
    }
  }
  return {
    net,
    population,
    stimulus,
    durationMs: sim.run?.tstop ?? null,
    gridDt: sim.run?.refract_grid_dt_ms ?? null,
    inputDelaysDefaulted,
    simulationConfig: hasSim ? simPath : null,
  };
}
