/**
 * SONATA exchange: a Refract network as SONATA `nodes.h5` / `edges.h5` with their type CSVs and
 * a circuit config (and, through sonata-run.ts, its stimuli and a simulation config), and SONATA
 * point-neuron networks read back as Refract networks. Per-edge `delay` is the latency (ms) and
 * `syn_weight` the weight; per-node Refract parameters travel in the node group datasets
 * (`refractory_ms`, `threshold`, `tau_m_ms`, `processing_ms`, `window_ms`, `mode`), so a round
 * trip is exact. Node types name NEURON's IntFire1 (refrac ← R, tau ← τm).
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../formats/errors.js';
import { makeNetwork, EdgeList } from '../model/build.js';
import { MODE_LEAKY, type Network } from '../model/types.js';
import { validateNetwork } from '../model/validate.js';
import { h5ready, h5wasm, dataset, writeH5, openH5, readJsonFile, writeColumn, bigIds, writeNodePopulation, writeSpikes, readTypes, withTopGroup, childGroup, closeQuietly, h5read, circuitOf, type H5Group, type H5Dataset } from './sonata-h5.js';
import { createHash } from 'node:crypto';
import { OutputDir, writeFileAtomic } from './atomic.js';
import { fingerprint } from '../model/fingerprint.js';
import { writeSonataInputs, writeSimulationConfig, type SonataRun } from './sonata-inputs.js';
import { runH5Task } from './sonata-thread.js';

export interface SonataExportOptions {
  /** Population name of nodes and edges. Default 'refract'. */
  population?: string;
  /** Stimuli, duration and time grid: adds inputs/spikes.h5 and simulation_config.json. */
  run?: SonataRun;
  /** Edge values per HDF5 write (default H5_BLOCK); smaller only to test the chunked path. */
  blockSize?: number;
}

/** Files written, relative to `dir`. */
export async function exportSonata(net: Network, outDir: string, o: SonataExportOptions = {}): Promise<string[]> {
  await h5ready();
  const pop = o.population ?? 'refract';
  // The whole circuit is laid out in a staging folder and committed as one (OutputDir): a
  // killed export leaves the previous circuit as it was, and files of an older export that
  // this one does not write are removed with the rest.
  const out = new OutputDir(outDir);
  try {
    const files = writeCircuit(net, out.staging, pop, circuitId(net, pop, o.run), o);
    out.commit();
    return files;
  } finally {
    out.abort();
  }
}

/**
 * The id every file of an export carries (HDF5 root attribute `refract_circuit`, config field
 * `refract.circuit`): a digest of what was exported, so the same export gets the same id and
 * files of two different exports cannot pass for one circuit.
 */
function circuitId(net: Network, pop: string, run: SonataRun | undefined): string {
  const h = createHash('sha256').update(`${fingerprint(net)}|${pop}|${run ? `${run.durationMs}|${run.gridDt}|${run.stimulus.node.length}` : 'no run'}|`);
  const bytes = (a: Float64Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  if (run) {
    // 10^7 stimulus events and more: hashed as numbers, a block at a time (no copy of the whole list)
    const block = new Float64Array(1 << 16);
    for (const col of [run.stimulus.node, run.stimulus.time, run.stimulus.weight, run.stimulus.force] as ArrayLike<number | boolean>[])
      for (let a = 0; a < col.length; a += block.length) {
        const k = Math.min(block.length, col.length - a);
        for (let i = 0; i < k; i++) block[i] = Number(col[a + i]);
        h.update(bytes(block.subarray(0, k)));
      }
  }
  if (net.position) h.update(bytes(net.position));
  if (net.length) h.update(bytes(net.length));
  return h.digest('hex').slice(0, 16);
}

function writeCircuit(net: Network, dir: string, pop: string, circuit: string, o: SonataExportOptions): string[] {
  const netDir = join(dir, 'network');
  const n = net.n, m = net.m;
  writeH5(join(netDir, 'nodes.h5'), (f) => {
    const g0 = writeNodePopulation(f, pop, n, 100);
    if (net.position) for (const [axis, b] of [['x', 0], ['y', 1], ['z', 2]] as const) g0.create_dataset({ name: axis, data: Float64Array.from({ length: n }, (_, i) => net.position![3 * i + b]) });
    g0.create_dataset({ name: 'refractory_ms', data: Float64Array.from(net.refractory) });
    g0.create_dataset({ name: 'threshold', data: Float64Array.from(net.threshold) });
    g0.create_dataset({ name: 'tau_m_ms', data: Float64Array.from(net.tauM) });
    g0.create_dataset({ name: 'processing_ms', data: Float64Array.from(net.processing) });
    g0.create_dataset({ name: 'window_ms', data: Float64Array.from(net.window) });
    g0.create_dataset({ name: 'mode', data: Uint8Array.from(net.mode) });
    // IntFire1's own parameter names, which PyNN's SONATA reader applies per node
    g0.create_dataset({ name: 'tau', data: Float64Array.from(net.tauM, (t) => (Number.isFinite(t) ? t : 1e9)) });
    g0.create_dataset({ name: 'refrac', data: Float64Array.from(net.refractory) });
  }, circuit);
  // edges.h5, sorted by source (Refract's CSR order), with the source → target index; long
  // columns are written block by block (writeColumn) so 10^8 edges fit in memory.
  const block = o.blockSize;
  writeH5(join(netDir, 'edges.h5'), (f) => {
    const g = f.create_group('edges').create_group(`${pop}_to_${pop}`);
    let i = 0; // source of the block's first edge: edges are in CSR order
    const sources = (a: number, b: number) => {
      const out = new BigUint64Array(b - a);
      while (net.offset[i + 1] <= a) i++;
      for (let e = a, j = i; e < b; e++) {
        while (net.offset[j + 1] <= e) j++;
        out[e - a] = BigInt(j);
      }
      return out;
    };
    writeColumn(g, 'source_node_id', m, sources, block).create_attribute('node_population', pop);
    writeColumn(g, 'target_node_id', m, (a, b) => bigIds(net.target, a, b), block).create_attribute('node_population', pop);
    writeColumn(g, 'edge_type_id', m, (a, b) => new Uint32Array(b - a).fill(100), block);
    writeColumn(g, 'edge_group_id', m, (a, b) => new Uint16Array(b - a), block);
    writeColumn(g, 'edge_group_index', m, (a, b) => Uint32Array.from({ length: b - a }, (_, k) => a + k), block);
    const g0 = g.create_group('0');
    writeColumn(g0, 'delay', m, (a, b) => net.latency.slice(a, b), block);
    const w = net.weight;
    writeColumn(g0, 'syn_weight', m, (a, b) => (typeof w === 'number' ? new Float64Array(b - a).fill(w) : Float64Array.from(w.subarray(a, b))), block)
      // how Refract held the weights, so that an import gives back the same form
      .create_attribute('refract_weights', typeof w === 'number' ? 'shared' : 'per-edge');
    const s2t = g.create_group('indices').create_group('source_to_target');
    const ranges = new Float64Array(2 * n);
    const rangeToEdge: number[] = [];
    for (let v = 0; v < n; v++) {
      const a = net.offset[v], b = net.offset[v + 1];
      ranges[2 * v] = rangeToEdge.length / 2;
      if (b > a) rangeToEdge.push(a, b);
      ranges[2 * v + 1] = rangeToEdge.length / 2;
    }
    s2t.create_dataset({ name: 'node_id_to_range', data: bigIds(ranges), shape: [n, 2] });
    s2t.create_dataset({ name: 'range_to_edge_id', data: bigIds(rangeToEdge), shape: [rangeToEdge.length / 2, 2] });
  }, circuit);
  const R0 = net.refractory[0] ?? 0, tau0 = net.tauM[0] ?? 10;
  writeFileAtomic(join(dir, 'network/node_types.csv'), `node_type_id model_type model_template dynamics_params\n100 point_neuron nrn:IntFire1 refract_node.json\n`);
  writeFileAtomic(join(dir, 'network/edge_types.csv'), `edge_type_id model_template dynamics_params\n100 pyNN:StaticSynapse refract_edge.json\n`);
  writeFileAtomic(join(dir, 'components/refract_node.json'), JSON.stringify({ refrac: R0, tau: Number.isFinite(tau0) ? tau0 : 1e9, note: 'per-node values in nodes.h5 group 0 (refractory_ms, tau_m_ms, threshold)' }, null, 2) + '\n');
  writeFileAtomic(join(dir, 'components/refract_edge.json'), JSON.stringify({ note: 'per-edge delay (ms) and syn_weight in edges.h5 group 0' }, null, 2) + '\n');
  const nodes = [{ nodes_file: '$NETWORK_DIR/nodes.h5', node_types_file: '$NETWORK_DIR/node_types.csv' }];
  const edges = [{ edges_file: '$NETWORK_DIR/edges.h5', edge_types_file: '$NETWORK_DIR/edge_types.csv' }];
  const files = ['network/nodes.h5', 'network/edges.h5', 'network/node_types.csv', 'network/edge_types.csv', 'components/refract_node.json', 'components/refract_edge.json', 'circuit_config.json'];
  if (o.run) {
    const inputs = writeSonataInputs(dir, pop, net, o.run.stimulus, circuit);
    nodes.push(inputs.nodes);
    edges.push(inputs.edges);
    files.push(...inputs.files, ...writeSimulationConfig(dir, pop, o.run, circuit));
  }
  writeFileAtomic(
    join(dir, 'circuit_config.json'),
    JSON.stringify(
      {
        manifest: { $BASE_DIR: '.', $NETWORK_DIR: '$BASE_DIR/network', $COMPONENTS_DIR: '$BASE_DIR/components' },
        components: { point_neuron_models_dir: '$COMPONENTS_DIR', synaptic_models_dir: '$COMPONENTS_DIR' },
        networks: { nodes, edges },
        refract: { circuit, modes: 'mode dataset: 0 first, 1 window, 2 leaky', leaky: net.mode.every((x) => x === MODE_LEAKY) },
      },
      null,
      2,
    ) + '\n',
  );
  return files;
}

/** Expands SONATA manifest variables ($BASE_DIR, …) in a path. */
export { pathString };

export function expandPath(path: string, manifest: Record<string, string>, base: string): string {
  let p = path;
  for (let k = 0; k < 10 && p.includes('$'); k++) p = p.replace(/\$[A-Za-z_]+/g, (v) => (v === '$BASE_DIR' ? (manifest[v] ?? '.') : (manifest[v] ?? v)));
  return resolve(base, p);
}

const pathString = z.string({ error: (iss) => (iss.input === undefined ? 'missing (required)' : 'expected a path (a string)') });

/** The `refract` section of a circuit or simulation config Refract wrote: the export's id. */
export const refractSection = z.looseObject({ circuit: z.string({ error: 'expected the export id (a string)' }).optional() }).optional();

/** What Refract reads of a circuit config; other fields are free. */
const circuitSchema = z.looseObject({
  manifest: z.record(z.string(), z.string({ error: 'expected a path (a string)' })).optional(),
  networks: z
    .looseObject({
      nodes: z.array(z.looseObject({ nodes_file: pathString.optional(), node_types_file: pathString.optional() })).optional(),
      edges: z.array(z.looseObject({ edges_file: pathString.optional(), edge_types_file: pathString.optional() })).optional(),
    })
    .optional(),
  refract: refractSection,
});

/** An edges population of a circuit, with its file and type table. */
export interface EdgePopulation {
  file: string;
  name: string;
  group: H5Group;
  sourcePopulation: string | null;
  targetPopulation: string | null;
  types: Map<number, Record<string, string>>;
}

/** A SONATA circuit config, resolved: node and edge file lists with absolute paths. */
export interface Circuit {
  path: string;
  nodes: { file: string; types: string | null }[];
  edges: { file: string; types: string | null }[];
  /** The export id of a circuit Refract wrote (`refract.circuit`), which each of its HDF5 files carries; null for other circuits. */
  id: string | null;
}

export function readCircuit(configOrDir: string): Circuit {
  const path = existsSync(join(configOrDir, 'circuit_config.json')) ? join(configOrDir, 'circuit_config.json') : configOrDir;
  const cfg = readJsonFile(path, circuitSchema);
  const base = dirname(path), manifest = cfg.manifest ?? {};
  const at = (p: string | undefined) => (p ? expandPath(p, manifest, base) : null);
  const nodes = (cfg.networks?.nodes ?? []).map((s, k) => {
    if (!s.nodes_file) throw new InputError('entry has no nodes_file', { file: path, field: `networks.nodes[${k}]` });
    return { file: at(s.nodes_file)!, types: at(s.node_types_file) };
  });
  if (!nodes.length) throw new InputError('no networks.nodes entry', { file: path, field: 'networks.nodes' });
  const edges = (cfg.networks?.edges ?? []).map((s, k) => {
    if (!s.edges_file) throw new InputError('entry has no edges_file', { file: path, field: `networks.edges[${k}]` });
    return { file: at(s.edges_file)!, types: at(s.edge_types_file) };
  });
  const id = cfg.refract?.circuit ?? null;
  if (id !== null) for (const { file } of [...nodes, ...edges]) if (existsSync(file)) checkCircuit(file, id, path);
  return { path, nodes, edges, id };
}

/**
 * A folder Refract exported holds the files of one export: each HDF5 file carries the export's
 * id. A killed or interrupted copy can leave a new nodes.h5 beside an old edges.h5, which
 * would read as a valid but wrong network: a file with another export's id is refused. A file
 * with no id was put there by another tool (a user's own input spikes, a rewritten edges.h5)
 * and is read on its own merits.
 */
export function checkCircuit(file: string, id: string, config: string): void {
  const own = circuitOf(file);
  if (own === null || own === id) return;
  throw new InputError(`belongs to export ${own}, but ${basename(config)} is export ${id}: the folder mixes files of two exports (export the network again)`, { file });
}

/** Calls `visit` for every edges population of the circuit (files open only during the call). */
export function forEachEdgePopulation(c: Circuit, visit: (p: EdgePopulation) => void): void {
  for (const spec of c.edges) {
    const types = readTypes(spec.types);
    withTopGroup(spec.file, 'edges', (edges) => {
      for (const name of edges.keys()) {
        const where = `/edges/${name}`;
        const g = childGroup(edges, name, spec.file, where);
        const s = g.get('source_node_id'), t = g.get('target_node_id');
        if (!(s instanceof h5wasm.Dataset) || !(t instanceof h5wasm.Dataset)) throw new InputError('missing source_node_id or target_node_id', { file: spec.file, field: where });
        const popOf = (d: H5Dataset) => {
          const v = d.attrs.node_population?.value;
          return typeof v === 'string' ? v : null;
        };
        visit({ file: spec.file, name, group: g, sourcePopulation: popOf(s), targetPopulation: popOf(t), types });
      }
    });
  }
}

/**
 * Edge columns of one edges population: source, target, delay (ms; edges.h5 `delay`, else the
 * edge type's `delay` column, else `defaultDelay` when given) and weight (`syn_weight`, else 1).
 * Lengths are checked against each other. `perEdgeWeights`: Refract wrote them as per-edge values.
 */
export function edgeColumns(p: EdgePopulation, defaultDelay?: number): { source: Float64Array; target: Float64Array; delay: Float64Array; weight: Float64Array; force: Float64Array | null; delayDefaulted: number; perEdgeWeights: boolean } {
  const where = `/edges/${p.name}`;
  const source = dataset(p.group, 'source_node_id', p.file, where), target = dataset(p.group, 'target_node_id', p.file, where);
  const m = source.length;
  if (target.length !== m) throw new InputError(`${m} source ids but ${target.length} target ids`, { file: p.file, field: `${where}/target_node_id` });
  checkIds(source, p.file, `${where}/source_node_id`);
  checkIds(target, p.file, `${where}/target_node_id`);
  const g0 = p.group.get('0') as H5Group | null;
  const keys = g0 ? g0.keys() : [];
  const col = (k: string) => (keys.includes(k) ? dataset(g0!, k, p.file, `${where}/0`) : null);
  const delayCol = col('delay'), weightCol = col('syn_weight'), force = col('refract_force');
  for (const [k, c] of [['delay', delayCol], ['syn_weight', weightCol], ['refract_force', force]] as const)
    if (c && c.length !== m) throw new InputError(`${c.length} values for ${m} edges`, { file: p.file, field: `${where}/0/${k}` });
  const typeId = p.group.keys().includes('edge_type_id') ? dataset(p.group, 'edge_type_id', p.file, where) : null;
  if (typeId && typeId.length !== m) throw new InputError(`${typeId.length} values for ${m} edges`, { file: p.file, field: `${where}/edge_type_id` });
  const delay = new Float64Array(m);
  let delayDefaulted = 0;
  for (let e = 0; e < m; e++) {
    let d = delayCol ? delayCol[e] : typeId ? Number(p.types.get(typeId[e])?.delay) : NaN;
    if (!Number.isFinite(d) && defaultDelay !== undefined) {
      d = defaultDelay;
      delayDefaulted++;
    }
    if (!Number.isFinite(d)) throw new InputError(`edge ${e} has no delay (edges.h5 /0/delay or edge_types.csv delay)`, { file: p.file, field: `${where}/0/delay` });
    if (!(d >= 0)) throw new InputError(`edge ${e}: a delay must be >= 0 ms, got ${d}`, { file: p.file, field: `${where}/0/delay[${e}]` });
    delay[e] = d;
  }
  const badWeight = weightCol ? weightCol.findIndex((w) => !Number.isFinite(w)) : -1;
  if (badWeight >= 0) throw new InputError(`not a finite weight: ${weightCol![badWeight]}`, { file: p.file, field: `${where}/0/syn_weight[${badWeight}]` });
  const badForce = force ? force.findIndex((x) => x !== 0 && x !== 1) : -1;
  if (badForce >= 0) throw new InputError(`must be 0 or 1, got ${force![badForce]}`, { file: p.file, field: `${where}/0/refract_force[${badForce}]` });
  const perEdgeWeights = weightCol !== null && (g0!.get('syn_weight') as H5Dataset).attrs.refract_weights?.value === 'per-edge';
  return { source, target, delay, weight: weightCol ?? new Float64Array(m).fill(1), force, delayDefaulted, perEdgeWeights };
}

/** Largest node id: a Refract node index is an int32. */
const MAX_NODE_ID = 2 ** 31 - 2;

/** Node ids must be whole numbers 0..2^31−2 (1.5 or −1 would be truncated or wrapped into another node). */
function checkIds(ids: Float64Array, file: string, field: string): void {
  for (let k = 0; k < ids.length; k++)
    if (!(Number.isInteger(ids[k]) && ids[k] >= 0 && ids[k] <= MAX_NODE_ID)) throw new InputError(`not a node id (an integer 0..${MAX_NODE_ID}): ${ids[k]}`, { file, field: `${field}[${k}]` });
}

/** The node population a network import reads: the first one whose nodes are not all virtual. */
function pickPopulation(c: Circuit, wanted?: string): { file: string; name: string } {
  for (const spec of c.nodes) {
    const types = readTypes(spec.types);
    const name = withTopGroup(spec.file, 'nodes', (nodes) =>
      nodes.keys().find((name) => {
        if (wanted !== undefined) return name === wanted;
        const g = childGroup(nodes, name, spec.file, `/nodes/${name}`);
        const typeIds = g.keys().includes('node_type_id') ? dataset(g, 'node_type_id', spec.file, `/nodes/${name}`) : new Float64Array(0);
        return !(typeIds.length > 0 && typeIds.every((t) => types.get(t)?.model_type === 'virtual'));
      }),
    );
    if (name !== undefined) return { file: spec.file, name };
  }
  throw new InputError(wanted ? `no node population "${wanted}"` : 'no non-virtual node population', { file: c.path, field: 'networks.nodes' });
}

/** Network field → node group dataset, for messages about node parameters. */
const NODE_DATASETS: Record<string, string> = { refractory: 'refractory_ms', threshold: 'threshold', tauM: 'tau_m_ms', processing: 'processing_ms', window: 'window_ms', mode: 'mode', position: 'x, y, z' };

export interface SonataImportOptions extends ReadThread {
  /** Node population to read (default: the first one that is not virtual). */
  population?: string;
}

export interface ReadThread {
  /**
   * 'worker' (default): read in a worker thread under a time limit per HDF5 file, since
   * libhdf5 can loop forever on a damaged file (sonata-thread.ts); 'here': in this thread,
   * for callers that bound the time themselves.
   */
  thread?: 'worker' | 'here';
  /** In a worker: the time each HDF5 file may take, ms (default H5_FILE_MS + H5_MS_PER_MB per MB). */
  fileMs?: number;
}

/**
 * Reads the point-neuron network of a SONATA circuit: one node population and the edges within
 * it. Latency per edge from edges.h5 `delay`, else the edge type's `delay` column; weights from
 * `syn_weight`; positions from x, y, z; Refract parameters from the node group when present
 * (an exported Refract network comes back exactly), else the defaults.
 */
export async function importSonata(configOrDir: string, o: SonataImportOptions = {}): Promise<Network> {
  return (await importSonataCircuit(configOrDir, o)).net;
}

export async function importSonataCircuit(configOrDir: string, o: SonataImportOptions = {}): Promise<{ net: Network; population: string; circuit: Circuit }> {
  if (o.thread !== 'here') return runH5Task('importSonataCircuit', [configOrDir, { population: o.population }], o.fileMs);
  await h5ready();
  const circuit = readCircuit(configOrDir);
  const { file: nodesFile, name: pop } = pickPopulation(circuit, o.population);
  let n = 0, position: Float64Array | null = null;
  const params: Record<string, Float64Array> = {};
  withTopGroup(nodesFile, 'nodes', (nodes) => {
    const where = `/nodes/${pop}`;
    const g = childGroup(nodes, pop, nodesFile, where);
    const hasIds = g.keys().includes('node_id');
    const ids = dataset(g, hasIds ? 'node_id' : 'node_type_id', nodesFile, where);
    n = ids.length;
    if (n === 0) throw new InputError('the population has no nodes', { file: nodesFile, field: `${where}/${hasIds ? 'node_id' : 'node_type_id'}` });
    // Refract numbers nodes by their row, and edges name nodes by node_id: the two must agree.
    if (hasIds)
      for (let i = 0; i < n; i++)
        if (ids[i] !== i) throw new InputError(`node_id must list 0..${n - 1} in order (Refract numbers nodes by row), got ${ids[i]} at row ${i}`, { file: nodesFile, field: `${where}/node_id[${i}]` });
    if (!g.keys().includes('0')) return;
    const g0 = childGroup(g, '0', nodesFile, `${where}/0`);
    const keys = g0.keys();
    const col = (k: string) => {
      const v = dataset(g0, k, nodesFile, `${where}/0`);
      if (v.length !== n) throw new InputError(`${v.length} values for ${n} nodes`, { file: nodesFile, field: `${where}/0/${k}` });
      const bad = k === 'mode' ? v.findIndex((x) => x !== 0 && x !== 1 && x !== 2) : v.findIndex((x) => !Number.isFinite(x));
      if (bad >= 0) throw new InputError(k === 'mode' ? `a mode is 0 (first), 1 (window) or 2 (leaky), got ${v[bad]}` : `not a finite number: ${v[bad]}`, { file: nodesFile, field: `${where}/0/${k}[${bad}]` });
      return v;
    };
    if (keys.includes('x') && keys.includes('y')) {
      const x = col('x'), y = col('y'), z = keys.includes('z') ? col('z') : new Float64Array(n);
      const pos = new Float64Array(3 * n);
      for (let i = 0; i < n; i++) {
        pos[3 * i] = x[i];
        pos[3 * i + 1] = y[i];
        pos[3 * i + 2] = z[i];
      }
      position = pos;
    }
    for (const k of ['refractory_ms', 'threshold', 'tau_m_ms', 'processing_ms', 'window_ms', 'mode']) if (keys.includes(k)) params[k] = col(k);
  });
  const el = new EdgeList();
  let shared: number | null | undefined; // the one weight of every edge, kept as a double
  forEachEdgePopulation(circuit, (p) => {
    if (p.sourcePopulation !== pop || p.targetPopulation !== pop) return;
    const c = edgeColumns(p);
    if (c.perEdgeWeights) shared = null;
    for (let e = 0; e < c.source.length; e++) {
      if (shared === undefined) shared = c.weight[e];
      else if (shared !== c.weight[e]) shared = null;
      if (c.source[e] >= n || c.target[e] >= n)
        throw new InputError(`edge ${e} names node ${Math.max(c.source[e], c.target[e])}, but the population has ${n} nodes`, { file: p.file, field: `/edges/${p.name}/${c.source[e] >= n ? 'source' : 'target'}_node_id[${e}]` });
      el.add(c.source[e], c.target[e], c.delay[e], c.weight[e]);
    }
  });
  const modeNames = ['first', 'window', 'leaky'] as const;
  const net = makeNetwork({
    n,
    position,
    nodes: {
      refractory: params.refractory_ms ?? 2,
      threshold: params.threshold ?? 1,
      tauM: params.tau_m_ms ?? 10,
      processing: params.processing_ms ?? 0,
      window: params.window_ms ?? 1,
      mode: params.mode ? Array.from(params.mode, (x) => modeNames[x]) : 'leaky',
    },
    // one shared weight stays an exact double (per-edge weights are float32 in Refract)
    edges: typeof shared === 'number' ? { ...el.columns(), weight: shared } : el.columns(),
    meta: { name: `SONATA ${pop}`, builder: 'sonata', params: { config: circuit.path } },
  });
  // Node parameters the engine cannot run (R < 0, τm ≤ 0, θ ≤ 0 for window or leaky nodes)
  // are the node file's; edge values were checked above, by file and index.
  const problem = validateNetwork(net)[0];
  if (problem) {
    const m = /^nodes\.(\w+)(\[\d+\])?$/.exec(problem.field);
    const dataset = m ? (NODE_DATASETS[m[1]] ?? m[1]) : null;
    throw new InputError(problem.message, { file: dataset ? nodesFile : circuit.path, field: dataset ? `/nodes/${pop}/0/${dataset}${m![2] ?? ''}` : problem.field });
  }
  return { net, population: pop, circuit };
}

/** Spikes of one SONATA population, in file order. Times in ms. */
export interface SonataSpikes {
  population: string | null;
  node: Int32Array;
  time: Float64Array;
}

/**
 * Reads a SONATA `spikes.h5`: the current layout (`/spikes/<population>/node_ids` and
 * `timestamps`, one entry per population) and the old one (`/spikes/gids`, `/spikes/timestamps`;
 * population null). Timestamps in seconds (`units` = "s") are converted to ms.
 */
export async function readSonataSpikes(file: string, o: ReadThread = {}): Promise<SonataSpikes[]> {
  if (o.thread !== 'here') return runH5Task('readSonataSpikes', [file], o.fileMs);
  await h5ready();
  const f = openH5(file);
  try {
    return h5read(file, '/spikes', () => {
      const sp = f.get('spikes');
      if (!(sp instanceof h5wasm.Group)) throw new InputError('no /spikes group', { file, field: '/spikes' });
      const scale = (d: H5Dataset) => (d.attrs.units?.value === 's' ? 1000 : 1);
      const one = (g: H5Group, ids: string, population: string | null): SonataSpikes => {
        const where = `/spikes${population ? '/' + population : ''}`;
        const t = g.get('timestamps');
        if (!g.keys().includes(ids) || !(t instanceof h5wasm.Dataset)) throw new InputError(`expected ${ids} and timestamps`, { file, field: where });
        // ids −1, 2^40 or 1.5 would become other nodes in an Int32Array, NaN times would be kept
        const rawIds = dataset(g, ids, file, where);
        checkIds(rawIds, file, `${where}/${ids}`);
        const k = scale(t), time = dataset(g, 'timestamps', file, where).map((x) => x * k);
        const bad = time.findIndex((x) => !(x >= 0 && x < Infinity));
        if (bad >= 0) throw new InputError(`not a spike time (a finite number >= 0): ${time[bad]}`, { file, field: `${where}/timestamps[${bad}]` });
        if (rawIds.length !== time.length) throw new InputError(`${rawIds.length} ids but ${time.length} timestamps`, { file, field: where });
        return { population, node: Int32Array.from(rawIds), time };
      };
      // a file may carry both layouts (Refract's input spikes do): the populations win
      const groups = sp.keys().filter((k) => sp.get(k) instanceof h5wasm.Group);
      if (groups.length) return groups.map((k) => one(childGroup(sp, k, file, `/spikes/${k}`), 'node_ids', k));
      if (sp.keys().includes('gids')) return [one(sp, 'gids', null)];
      return [];
    });
  } finally {
    closeQuietly(f);
  }
}

/** Writes spikes as a SONATA `spikes.h5` (current layout, sorted by time, ms), atomically. */
export async function writeSonataSpikes(file: string, spikes: { node: ArrayLike<number>; time: ArrayLike<number> }, population = 'refract'): Promise<void> {
  await h5ready();
  writeH5(file, (f) => writeSpikes(f, population, spikes));
}
