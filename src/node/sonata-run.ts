/**
 * A SONATA simulation read as a Refract run: the circuit's network (sonata.ts), its input spike
 * trains turned into stimulus events (each input spike reaches every target of its virtual node
 * after the edge's delay, with the edge's weight), the duration (`run.tstop`) and the grid
 * (`run.refract_grid_dt_ms`, written by Refract's own export).
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { basename, dirname, join } from 'node:path';
import type { Network } from '../model/types.js';
import { InputError } from '../formats/errors.js';
import { readJsonFile } from './sonata-h5.js';
import { checkCircuit, expandPath, refractSection, importSonataCircuit, pathString, forEachEdgePopulation, edgeColumns, readSonataSpikes, type Circuit, type SonataImportOptions } from './sonata.js';
import type { StimulusEvents } from './sonata-inputs.js';
import { runH5Task } from './sonata-thread.js';

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

/** What Refract reads of a simulation config (other fields are free), each value checked. */
const simulationSchema = z.looseObject({
  manifest: z.record(z.string(), z.string({ error: 'expected a path (a string)' })).optional(),
  network: pathString.optional(),
  run: z.looseObject({ tstop: z.number().nonnegative().finite().optional(), refract_grid_dt_ms: z.number().positive().finite().optional() }).optional(),
  inputs: z.record(z.string(), z.looseObject({ input_type: z.string().optional(), input_file: pathString.optional(), node_set: z.string().optional() })).optional(),
  refract: refractSection,
});
type SimulationConfig = z.output<typeof simulationSchema>;

type InputEdge = { target: number; delay: number; weight: number; force: boolean };

/** Edges from outside populations into `population`: source population → input node → its edges. */
function inputEdges(circuit: Circuit, population: string, n: number): { bySource: Map<string | null, Map<number, InputEdge[]>>; delaysDefaulted: number } {
  const bySource = new Map<string | null, Map<number, InputEdge[]>>();
  let delaysDefaulted = 0;
  forEachEdgePopulation(circuit, (p) => {
    if (p.targetPopulation !== population || p.sourcePopulation === population) return;
    const c = edgeColumns(p, 0);
    delaysDefaulted += c.delayDefaulted;
    const byInput = bySource.get(p.sourcePopulation) ?? new Map<number, InputEdge[]>();
    bySource.set(p.sourcePopulation, byInput);
    for (let e = 0; e < c.source.length; e++) {
      if (c.target[e] >= n) throw new InputError(`edge ${e} reaches node ${c.target[e]}, but the population ${population} has ${n} nodes`, { file: p.file, field: `/edges/${p.name}/target_node_id[${e}]` });
      const list = byInput.get(c.source[e]) ?? [];
      list.push({ target: c.target[e], delay: c.delay[e], weight: c.weight[e], force: c.force ? c.force[e] === 1 : false });
      byInput.set(c.source[e], list);
    }
  });
  return { bySource, delaysDefaulted };
}

/** `dir`: a folder (with its simulation_config.json, if any), a simulation config or a circuit config. */
export async function importSonataRun(dir: string, o: SonataImportOptions = {}): Promise<SonataRunImport> {
  if (o.thread !== 'here') return runH5Task('importSonataRun', [dir, { population: o.population }], o.fileMs);
  const here = { thread: 'here' as const };
  const simPath = !dir.endsWith('.json') ? join(dir, 'simulation_config.json') : basename(dir) === 'circuit_config.json' ? null : dir;
  const sim: SimulationConfig | null = simPath !== null && existsSync(simPath) ? readJsonFile(simPath, simulationSchema) : null;
  const base = simPath !== null ? dirname(simPath) : dir;
  const manifest = sim?.manifest ?? {};
  const circuitPath = sim?.network ? expandPath(sim.network, manifest, base) : dir;
  const { net, population, circuit } = await importSonataCircuit(circuitPath, { ...o, ...here });
  const simId = sim?.refract?.circuit;
  if (simId !== undefined && simId !== circuit.id)
    throw new InputError(`names export ${simId}, but its circuit ${circuit.id === null ? 'is not a Refract export' : `is export ${circuit.id}`}: the folder mixes files of two exports (export the network again)`, { file: simPath ?? dir, field: 'refract.circuit' });
  const stimulus: StimulusEvents = { node: [], time: [], weight: [], force: [] };
  const inputs = Object.entries(sim?.inputs ?? {}).filter(([, input]) => input.input_type === 'spikes');
  const { bySource, delaysDefaulted } = inputs.length ? inputEdges(circuit, population, net.n) : { bySource: new Map<string | null, Map<number, InputEdge[]>>(), delaysDefaulted: 0 };
  for (const [name, input] of inputs) {
    if (!input.input_file) throw new InputError('spikes input has no input_file', { file: simPath ?? dir, field: `inputs.${name}.input_file` });
    const spikesFile = expandPath(input.input_file, manifest, base);
    if (circuit.id !== null && existsSync(spikesFile)) checkCircuit(spikesFile, circuit.id, simPath ?? dir);
    for (const train of await readSonataSpikes(spikesFile, here)) {
      // The old layout names no population: the input's node_set does (or any outside population).
      const source = train.population ?? input.node_set ?? null;
      const maps = source !== null ? [bySource.get(source)] : [...bySource.values()];
      for (let k = 0; k < train.node.length; k++)
        for (const byInput of maps)
          for (const x of byInput?.get(train.node[k]) ?? []) {
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
    durationMs: sim?.run?.tstop ?? null,
    gridDt: sim?.run?.refract_grid_dt_ms ?? null,
    inputDelaysDefaulted: delaysDefaulted,
    simulationConfig: sim !== null ? simPath : null,
  };
}
