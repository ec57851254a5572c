/**
 * SONATA exchange (first part of the SONATA/NEURON issue): a Refract network as SONATA
 * `nodes.h5` / `edges.h5` with their type CSVs and a circuit config, and SONATA point-neuron
 * networks read back as Refract networks. Per-edge `delay` is the latency (ms) and
 * `syn_weight` the weight; per-node Refract parameters travel in the node group datasets
 * (`refractory_ms`, `threshold`, `tau_m_ms`, `processing_ms`, `mode`), so a round trip is exact.
 * Node types name NEURON's IntFire1 (refrac ← R, tau ← τm) for simulators that read them.
 */
import { mkdirSync, readFileSync, existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import h5wasm from 'h5wasm/node';
import { InputError } from './errors.js';
import { makeNetwork, EdgeList } from '../model/build.js';
import { MODE_LEAKY, type Network } from '../model/types.js';

type H5Group = InstanceType<typeof h5wasm.Group>;
type H5Dataset = InstanceType<typeof h5wasm.Dataset>;

async function ready(): Promise<void> {
  await h5wasm.ready;
}

const toBig = (a: ArrayLike<number>) => BigUint64Array.from(Array.from(a, (v) => BigInt(v)));
const num = (v: unknown): Float64Array => {
  if (v instanceof BigUint64Array || v instanceof BigInt64Array) return Float64Array.from(v, (x) => Number(x));
  return Float64Array.from(v as ArrayLike<number>);
};

export interface SonataExportOptions {
  /** Population name of nodes and edges. Default 'refract'. */
  population?: string;
}

/** Files written, relative to `dir`. */
export async function exportSonata(net: Network, dir: string, o: SonataExportOptions = {}): Promise<string[]> {
  await ready();
  const pop = o.population ?? 'refract';
  const netDir = join(dir, 'network');
  mkdirSync(netDir, { recursive: true });
  const n = net.n, m = net.m;
  // nodes.h5
  const nodesTmp = join(netDir, '.tmp-nodes.h5');
  rmSync(nodesTmp, { force: true });
  const nf = new h5wasm.File(nodesTmp, 'w');
  try {
    const g = nf.create_group('nodes').create_group(pop);
    g.create_dataset({ name: 'node_id', data: toBig(Array.from({ length: n }, (_, i) => i)) });
    g.create_dataset({ name: 'node_type_id', data: toBig(new Array<number>(n).fill(100)) });
    g.create_dataset({ name: 'node_group_id', data: new Uint32Array(n) });
    g.create_dataset({ name: 'node_group_index', data: toBig(Array.from({ length: n }, (_, i) => i)) });
    const g0 = g.create_group('0');
    if (net.position) for (const [axis, b] of [['x', 0], ['y', 1], ['z', 2]] as const) g0.create_dataset({ name: axis, data: Float64Array.from({ length: n }, (_, i) => net.position![3 * i + b]) });
    g0.create_dataset({ name: 'refractory_ms', data: Float64Array.from(net.refractory) });
    g0.create_dataset({ name: 'threshold', data: Float64Array.from(net.threshold) });
    g0.create_dataset({ name: 'tau_m_ms', data: Float64Array.from(net.tauM) });
    g0.create_dataset({ name: 'processing_ms', data: Float64Array.from(net.processing) });
    g0.create_dataset({ name: 'window_ms', data: Float64Array.from(net.window) });
    g0.create_dataset({ name: 'mode', data: Uint8Array.from(net.mode) });
  } finally {
    nf.close();
  }
  // edges.h5, sorted by source (Refract's CSR order), with the source → target index
  const edgesTmp = join(netDir, '.tmp-edges.h5');
  rmSync(edgesTmp, { force: true });
  const ef = new h5wasm.File(edgesTmp, 'w');
  try {
    const g = ef.create_group('edges').create_group(`${pop}_to_${pop}`);
    const src = new Float64Array(m);
    for (let i = 0; i < n; i++) for (let e = net.offset[i]; e < net.offset[i + 1]; e++) src[e] = i;
    (g.create_dataset({ name: 'source_node_id', data: toBig(src) })).create_attribute('node_population', pop);
    (g.create_dataset({ name: 'target_node_id', data: toBig(net.target) })).create_attribute('node_population', pop);
    g.create_dataset({ name: 'edge_type_id', data: new Uint32Array(m).fill(100) });
    g.create_dataset({ name: 'edge_group_id', data: new Uint16Array(m) });
    g.create_dataset({ name: 'edge_group_index', data: Uint32Array.from({ length: m }, (_, e) => e) });
    const g0 = g.create_group('0');
    g0.create_dataset({ name: 'delay', data: Float64Array.from(net.latency) });
    const w = net.weight;
    g0.create_dataset({ name: 'syn_weight', data: typeof w === 'number' ? new Float64Array(m).fill(w) : Float64Array.from(w) });
    const s2t = (g.create_group('indices')).create_group('source_to_target');
    const ranges = new Float64Array(2 * n);
    const rangeToEdge: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = net.offset[i], b = net.offset[i + 1];
      ranges[2 * i] = rangeToEdge.length / 2;
      if (b > a) rangeToEdge.push(a, b);
      ranges[2 * i + 1] = rangeToEdge.length / 2;
    }
    s2t.create_dataset({ name: 'node_id_to_range', data: toBig(ranges), shape: [n, 2] });
    s2t.create_dataset({ name: 'range_to_edge_id', data: toBig(rangeToEdge), shape: [rangeToEdge.length / 2, 2] });
  } finally {
    ef.close();
  }
  renameSync(nodesTmp, join(netDir, 'nodes.h5'));
  renameSync(edgesTmp, join(netDir, 'edges.h5'));
  const put = (file: string, text: string) => {
    const tmp = join(dirname(join(dir, file)), `.tmp-${file.replace(/\//g, '_')}`);
    writeFileSync(tmp, text);
    renameSync(tmp, join(dir, file));
  };
  const R0 = net.refractory[0] ?? 0, tau0 = net.tauM[0] ?? 10;
  put('network/node_types.csv', `node_type_id model_type model_template dynamics_params\n100 point_neuron nrn:IntFire1 refract_node.json\n`);
  put('network/edge_types.csv', `edge_type_id model_template dynamics_params\n100 exp2syn refract_edge.json\n`);
  mkdirSync(join(dir, 'components'), { recursive: true });
  put('components/refract_node.json', JSON.stringify({ refrac: R0, tau: Number.isFinite(tau0) ? tau0 : 1e9, note: 'per-node values in nodes.h5 group 0 (refractory_ms, tau_m_ms, threshold)' }, null, 2) + '\n');
  put('components/refract_edge.json', JSON.stringify({ note: 'per-edge delay (ms) and syn_weight in edges.h5 group 0' }, null, 2) + '\n');
  put(
    'circuit_config.json',
    JSON.stringify(
      {
        manifest: { $BASE_DIR: '.', $NETWORK_DIR: '$BASE_DIR/network', $COMPONENTS_DIR: '$BASE_DIR/components' },
        components: { point_neuron_models_dir: '$COMPONENTS_DIR', synaptic_models_dir: '$COMPONENTS_DIR' },
        networks: {
          nodes: [{ nodes_file: '$NETWORK_DIR/nodes.h5', node_types_file: '$NETWORK_DIR/node_types.csv' }],
          edges: [{ edges_file: '$NETWORK_DIR/edges.h5', edge_types_file: '$NETWORK_DIR/edge_types.csv' }],
        },
        refract: { modes: 'mode dataset: 0 first, 1 window, 2 leaky', leaky: net.mode.every((x) => x === MODE_LEAKY) },
      },
      null,
      2,
    ) + '\n',
  );
  return ['network/nodes.h5', 'network/edges.h5', 'network/node_types.csv', 'network/edge_types.csv', 'components/refract_node.json', 'components/refract_edge.json', 'circuit_config.json'];
}

/** Expands SONATA manifest variables ($BASE_DIR, …) in a path. */
function expand(path: string, manifest: Record<string, string>, base: string): string {
  let p = path;
  for (let k = 0; k < 10 && p.includes('$'); k++) p = p.replace(/\$[A-Za-z_]+/g, (v) => (v === '$BASE_DIR' ? (manifest[v] ?? '.') : (manifest[v] ?? v)));
  return resolve(base, p);
}

function readTypes(file: string): Map<number, Record<string, string>> {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim());
  const head = lines[0].trim().split(/\s+/);
  const out = new Map<number, Record<string, string>>();
  lines.slice(1).forEach((l, k) => {
    const cells = l.trim().split(/\s+/);
    if (cells.length !== head.length) throw new InputError(`expected ${head.length} columns, got ${cells.length}`, { file, line: k + 2 });
    out.set(Number(cells[0]), Object.fromEntries(head.map((h, i) => [h, cells[i]])));
  });
  return out;
}

export interface SonataImportOptions {
  /** Node population to read (default: the first in the first nodes file). */
  population?: string;
}

/**
 * Reads the point-neuron network of a SONATA circuit: one node population and the edges
 * within it. Latency per edge from edges.h5 `delay`, else the edge type's `delay` column;
 * weights from `syn_weight`; positions from x, y, z; Refract parameters from the node group
 * when present (an exported Refract network comes back exactly), else the defaults.
 */
export async function importSonata(configOrDir: string): Promise<Network> {
  await ready();
  const cfgPath = existsSync(join(configOrDir, 'circuit_config.json')) ? join(configOrDir, 'circuit_config.json') : configOrDir;
  if (!existsSync(cfgPath)) throw new InputError('file not found', { file: cfgPath });
  let cfg: { manifest?: Record<string, string>; networks?: { nodes?: { nodes_file: string; node_types_file: string }[]; edges?: { edges_file: string; edge_types_file: string }[] } };
  try {
    cfg = JSON.parse(readFileSync(cfgPath, 'utf8')) as typeof cfg;
  } catch (e) {
    throw new InputError(`not JSON: ${(e as Error).message}`, { file: cfgPath });
  }
  const base = dirname(cfgPath), manifest = cfg.manifest ?? {};
  const nodesSpec = cfg.networks?.nodes?.[0];
  if (!nodesSpec) throw new InputError('no networks.nodes entry', { file: cfgPath, field: 'networks.nodes' });
  const nodesFile = expand(nodesSpec.nodes_file, manifest, base);
  if (!existsSync(nodesFile)) throw new InputError('file not found', { file: nodesFile });
  const nf = new h5wasm.File(nodesFile, 'r');
  let n: number, pop: string, position: Float64Array | null = null;
  const params: Record<string, Float64Array> = {};
  try {
    const nodes = nf.get('nodes') as H5Group | null;
    if (!nodes) throw new InputError('no /nodes group', { file: nodesFile, field: '/nodes' });
    pop = nodes.keys()[0];
    const g = nodes.get(pop) as H5Group;
    const ids = num((g.get('node_id') as H5Dataset | null)?.value ?? (g.get('node_type_id') as H5Dataset).value);
    n = ids.length;
    const g0 = g.get('0') as H5Group | null;
    if (g0) {
      const keys = g0.keys();
      if (keys.includes('x') && keys.includes('y')) {
        const x = num((g0.get('x') as H5Dataset).value), y = num((g0.get('y') as H5Dataset).value);
        const z = keys.includes('z') ? num((g0.get('z') as H5Dataset).value) : new Float64Array(n);
        position = new Float64Array(3 * n);
        for (let i = 0; i < n; i++) [position[3 * i], position[3 * i + 1], position[3 * i + 2]] = [x[i], y[i], z[i]];
      }
      for (const k of ['refractory_ms', 'threshold', 'tau_m_ms', 'processing_ms', 'window_ms', 'mode']) if (keys.includes(k)) params[k] = num((g0.get(k) as H5Dataset).value);
    }
  } finally {
    nf.close();
  }
  const el = new EdgeList();
  const edgesSpec = cfg.networks?.edges?.[0];
  if (edgesSpec) {
    const edgesFile = expand(edgesSpec.edges_file, manifest, base);
    const types = existsSync(expand(edgesSpec.edge_types_file, manifest, base)) ? readTypes(expand(edgesSpec.edge_types_file, manifest, base)) : new Map<number, Record<string, string>>();
    const ef = new h5wasm.File(edgesFile, 'r');
    try {
      const edges = ef.get('edges') as H5Group;
      for (const name of edges.keys()) {
        const g = edges.get(name) as H5Group;
        const s = g.get('source_node_id') as H5Dataset, t = g.get('target_node_id') as H5Dataset;
        if (s.attrs.node_population?.value !== pop || t.attrs.node_population?.value !== pop) continue;
        const src = num(s.value), tgt = num(t.value), type = num((g.get('edge_type_id') as H5Dataset).value);
        const g0 = g.get('0') as H5Group | null;
        const keys = g0 ? g0.keys() : [];
        const delay = keys.includes('delay') ? num((g0!.get('delay') as H5Dataset).value) : null;
        const weight = keys.includes('syn_weight') ? num((g0!.get('syn_weight') as H5Dataset).value) : null;
        for (let e = 0; e < src.length; e++) {
          const d = delay ? delay[e] : Number(types.get(type[e])?.delay);
          if (!Number.isFinite(d)) throw new InputError(`edge ${e} has no delay (edges.h5 /0/delay or edge_types.csv delay)`, { file: edgesFile, field: `${name}/0/delay` });
          el.add(src[e], tgt[e], d, weight ? weight[e] : 1);
        }
      }
    } finally {
      ef.close();
    }
  }
  const modeNames = ['first', 'window', 'leaky'] as const;
  return makeNetwork({
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
    edges: el.columns(),
    meta: { name: `SONATA ${pop}`, builder: 'sonata', params: { config: cfgPath } },
  });
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
export async function readSonataSpikes(file: string): Promise<SonataSpikes[]> {
  await ready();
  if (!existsSync(file)) throw new InputError('file not found', { file });
  const f = new h5wasm.File(file, 'r');
  try {
    const sp = f.get('spikes') as H5Group | null;
    if (!(sp instanceof h5wasm.Group)) throw new InputError('no /spikes group', { file, field: '/spikes' });
    const scale = (d: H5Dataset) => (d.attrs.units?.value === 's' ? 1000 : 1);
    const one = (g: H5Group, ids: string, population: string | null): SonataSpikes => {
      const n = g.get(ids) as H5Dataset | null, t = g.get('timestamps') as H5Dataset | null;
      if (!n || !t) throw new InputError(`expected ${ids} and timestamps`, { file, field: `/spikes${population ? '/' + population : ''}` });
      const node = Int32Array.from(num(n.value)), k = scale(t), time = num(t.value).map((x) => x * k);
      if (node.length !== time.length) throw new InputError(`${node.length} ids but ${time.length} timestamps`, { file, field: `/spikes${population ? '/' + population : ''}` });
      return { population, node, time };
    };
    const keys = sp.keys();
    if (keys.includes('gids')) return [one(sp, 'gids', null)];
    return keys.filter((k) => sp.get(k) instanceof h5wasm.Group).map((k) => one(sp.get(k) as H5Group, 'node_ids', k));
  } finally {
    f.close();
  }
}

/** Writes spikes as a SONATA `spikes.h5` (current layout, sorted by time, ms), atomically. */
export async function writeSonataSpikes(file: string, spikes: { node: ArrayLike<number>; time: ArrayLike<number> }, population = 'refract'): Promise<void> {
  await ready();
  const order = Array.from({ length: spikes.node.length }, (_, k) => k).sort((a, b) => spikes.time[a] - spikes.time[b] || spikes.node[a] - spikes.node[b]);
  const tmp = join(dirname(file), `.tmp-${Date.now()}-spikes.h5`);
  rmSync(tmp, { force: true });
  const f = new h5wasm.File(tmp, 'w');
  try {
    const g = f.create_group('spikes').create_group(population);
    g.create_attribute('sorting', 'by_time');
    g.create_dataset({ name: 'node_ids', data: toBig(order.map((k) => spikes.node[k])) });
    g.create_dataset({ name: 'timestamps', data: Float64Array.from(order, (k) => spikes.time[k]) }).create_attribute('units', 'ms');
  } finally {
    f.close();
  }
  renameSync(tmp, file);
}
