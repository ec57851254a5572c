/**
 * Stimuli and run settings of an exported SONATA circuit. Refract stimuli (forced activations
 * and injected arrivals at given times) become a virtual input population `<pop>_input`: one
 * virtual node per (target, weight, kind), an edge from it to its target (delay 0, the
 * stimulus weight as `syn_weight`; forces carry `refract_force` = 1 and syn_weight 10^9, far
 * above any threshold) and its spike times in `inputs/spikes.h5`. `simulation_config.json`
 * names the circuit, the input spikes, tstop and, for grid runs, `run.refract_grid_dt_ms`.
 */
import { join } from 'node:path';
import type { Network } from '../model/types.js';
import { bigIds, bigRange, writeH5, writeNodePopulation, writeSpikes } from './sonata-h5.js';
import { writeFileAtomic } from './atomic.js';

/** Stimulus events: at `time` (ms) node `node` is forced (force = true) or receives `weight`. */
export interface StimulusEvents {
  node: number[];
  time: number[];
  weight: number[];
  force: boolean[];
}

/** What a run of the exported circuit needs besides the network. */
export interface SonataRun {
  stimulus: StimulusEvents;
  durationMs: number;
  /** Latencies rounded to this grid (ms), as `refract simulate --dt`; null = exact times. */
  gridDt: number | null;
}

/** Weight written for a forced activation (readers without `refract_force` see a huge input). */
export const FORCE_WEIGHT = 1e9;

export function writeSonataInputs(dir: string, pop: string, net: Network, s: StimulusEvents, circuit?: string): { nodes: { nodes_file: string; node_types_file: string }; edges: { edges_file: string; edge_types_file: string }; files: string[] } {
  const inPop = `${pop}_input`;
  const key = new Map<string, number>();
  const target: number[] = [], weight: number[] = [], force: number[] = [];
  const spikeNode: number[] = [], spikeTime: number[] = [];
  for (let k = 0; k < s.node.length; k++) {
    if (!Number.isInteger(s.node[k]) || s.node[k] < 0 || s.node[k] >= net.n) throw new RangeError(`stimulus: unknown node id ${s.node[k]} (nodes are 0..${net.n - 1})`);
    const w = s.force[k] ? FORCE_WEIGHT : s.weight[k];
    const id = `${s.node[k]}|${w}|${s.force[k] ? 1 : 0}`;
    let v = key.get(id);
    if (v === undefined) {
      v = target.length;
      key.set(id, v);
      target.push(s.node[k]);
      weight.push(w);
      force.push(s.force[k] ? 1 : 0);
    }
    spikeNode.push(v);
    spikeTime.push(s.time[k]);
  }
  const k = target.length;
  writeH5(join(dir, 'network', 'input_nodes.h5'), (f) => writeNodePopulation(f, inPop, k, 200), circuit);
  writeH5(join(dir, 'network', 'input_edges.h5'), (f) => {
    const g = f.create_group('edges').create_group(`${inPop}_to_${pop}`);
    g.create_dataset({ name: 'source_node_id', data: bigRange(k) }).create_attribute('node_population', inPop);
    g.create_dataset({ name: 'target_node_id', data: bigIds(target) }).create_attribute('node_population', pop);
    g.create_dataset({ name: 'edge_type_id', data: new Uint32Array(k).fill(200) });
    g.create_dataset({ name: 'edge_group_id', data: new Uint16Array(k) });
    g.create_dataset({ name: 'edge_group_index', data: Uint32Array.from({ length: k }, (_, e) => e) });
    const g0 = g.create_group('0');
    g0.create_dataset({ name: 'delay', data: new Float64Array(k) });
    g0.create_dataset({ name: 'syn_weight', data: Float64Array.from(weight) });
    g0.create_dataset({ name: 'refract_force', data: Uint8Array.from(force) });
  }, circuit);
  writeFileAtomic(join(dir, 'network', 'input_node_types.csv'), 'node_type_id model_type\n200 virtual\n');
  writeFileAtomic(join(dir, 'network', 'input_edge_types.csv'), 'edge_type_id model_template dynamics_params\n200 pyNN:StaticSynapse refract_edge.json\n');
  // both spikes.h5 layouts: PyNN 0.10's SONATA reader reads input spikes only from /spikes/gids
  writeH5(join(dir, 'inputs', 'spikes.h5'), (f) => writeSpikes(f, inPop, { node: spikeNode, time: spikeTime }, true), circuit);
  return {
    nodes: { nodes_file: '$NETWORK_DIR/input_nodes.h5', node_types_file: '$NETWORK_DIR/input_node_types.csv' },
    edges: { edges_file: '$NETWORK_DIR/input_edges.h5', edge_types_file: '$NETWORK_DIR/input_edge_types.csv' },
    files: ['network/input_nodes.h5', 'network/input_edges.h5', 'network/input_node_types.csv', 'network/input_edge_types.csv', 'inputs/spikes.h5'],
  };
}

export function writeSimulationConfig(dir: string, pop: string, run: SonataRun, circuit?: string): string[] {
  const run_: Record<string, number> = { tstop: run.durationMs, dt: run.gridDt ?? 0.025 };
  if (run.gridDt !== null) run_.refract_grid_dt_ms = run.gridDt;
  writeFileAtomic(
    join(dir, 'simulation_config.json'),
    JSON.stringify(
      {
        manifest: { $BASE_DIR: '.', $INPUT_DIR: '$BASE_DIR/inputs', $OUTPUT_DIR: '$BASE_DIR/output' },
        network: '$BASE_DIR/circuit_config.json',
        target_simulator: 'NEURON',
        run: run_,
        node_sets_file: '$BASE_DIR/node_sets.json',
        inputs: { refract_stimulus: { input_type: 'spikes', module: 'h5', input_file: '$INPUT_DIR/spikes.h5', node_set: `${pop}_input` } },
        output: { output_dir: '$OUTPUT_DIR', spikes_file: 'spikes.h5', spikes_sort_order: 'time' },
        ...(circuit !== undefined ? { refract: { circuit } } : {}),
      },
      null,
      2,
    ) + '\n',
  );
  writeFileAtomic(join(dir, 'node_sets.json'), JSON.stringify({ [pop]: { population: pop }, [`${pop}_input`]: { population: `${pop}_input` } }, null, 2) + '\n');
  return ['simulation_config.json', 'node_sets.json'];
}
