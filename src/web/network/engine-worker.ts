/**
 * The engine worker: holds the network and its Simulation, advances it on request and
 * returns the spikes and blocked arrivals of each chunk. Running here keeps the page's frame
 * loop free while the exact event-driven engine works.
 */
import { refractionRatios } from '../../analysis/refraction.js';
import { quantileSorted, sortedFinite } from '../../analysis/stats.js';
import { Simulation } from '../../engine/simulation.js';
import { edgeSources, type Network } from '../../model/types.js';
import type { SpikeList } from '../../engine/simulation.js';
import { droppedNetwork, droppedSpikes } from './dropped-files.js';
import { withoutRecordedSpikes } from './compact.js';
import { binOfEdges, countEdges, emptyBins } from './lambda-bins.js';
import { prepareLoaded, preparePreset, type Prepared } from './presets.js';
import type { FromEngine, LambdaBins, NetworkInfo, NetworkOrigin, Params, ToEngine } from './protocol.js';
import { retime } from './retime.js';

interface Scope {
  postMessage(m: FromEngine, transfer?: Transferable[]): void;
  onmessage: ((ev: MessageEvent<ToEngine>) => void) | null;
}
const scope = self as unknown as Scope;

let gen = 0;
let prepared: Prepared | null = null;
let origin: NetworkOrigin = { kind: 'preset', preset: 'geometric' };
let net: Network | null = null;
let sim: Simulation | null = null;
let replay: SpikeList | null = null;
let replayAt = 0;
let now = 0;
let nextKick = 0;
let spikesSeen = 0;
let bin: Uint8Array = new Uint8Array(0);
let bins: LambdaBins = emptyBins();
let edgeDelivered: Uint32Array | null = null;
let edgeBlocked: Uint32Array | null = null;
let prevBlocked = new Uint32Array(0);
const totals = { delivered: 0, blocked: 0 };

function post(m: FromEngine, transfer: Transferable[] = []): void {
  scope.postMessage(m, transfer);
}

/** Starts over on `network` (time 0) and sends its description to the page. */
function start(network: Network, params: Params, isReplay: boolean): void {
  gen++;
  net = network;
  now = 0;
  nextKick = 0;
  spikesSeen = 0;
  replayAt = 0;
  totals.delivered = totals.blocked = 0;
  const drive = prepared!.drive;
  sim = new Simulation(network, { seed: 1, record: { spikes: true, edgeCounts: true }, initialPotential: drive.initialPotential });
  if (drive.poisson) sim.poisson(drive.poisson);
  // the edge counters are live arrays: fetch them once, while the recording is still empty
  const rec = sim.recording();
  edgeDelivered = rec.edgeDelivered;
  edgeBlocked = rec.edgeBlocked;
  prevBlocked = new Uint32Array(network.m);
  const lambda = refractionRatios(network);
  bin = binOfEdges(lambda);
  bins = emptyBins();
  countEdges(bin, bins);
  const info: NetworkInfo = {
    kind: 'network',
    gen,
    name: prepared!.name + (isReplay ? ' — replaying spikes' : ''),
    origin,
    n: network.n,
    m: network.m,
    position: layout(network),
    source: edgeSources(network),
    target: network.target.slice(),
    latency: Float32Array.from(network.latency),
    processing: Float32Array.from(network.processing),
    refractory: Float32Array.from(network.refractory),
    labels: network.labels ? [...network.labels] : null,
    params,
    lambda: copyBins(bins),
    medianLambda: quantileSorted(sortedFinite(lambda), 0.5),
  };
  post(info, [info.position.buffer, info.source.buffer, info.target.buffer, info.latency.buffer, info.processing.buffer, info.refractory.buffer]);
}

/** Node positions, or a circle when the network has none. */
function layout(network: Network): Float32Array {
  if (network.position) return Float32Array.from(network.position);
  const p = new Float32Array(3 * network.n);
  for (let i = 0; i < network.n; i++) {
    const a = (2 * Math.PI * i) / network.n;
    p[3 * i] = 1000 * Math.cos(a);
    p[3 * i + 1] = 1000 * Math.sin(a);
  }
  return p;
}

function copyBins(b: LambdaBins): LambdaBins {
  return { lo: b.lo, hi: b.hi, edges: b.edges.slice(), delivered: b.delivered.slice(), blocked: b.blocked.slice() };
}

/** Spikes kept in the engine's recording before it is emptied (the page has them already). */
const MAX_RECORDED_SPIKES = 2_000_000;

function dropRecordedSpikes(): void {
  sim = withoutRecordedSpikes(sim!, net!);
  const rec = sim.recording();
  edgeDelivered = rec.edgeDelivered;
  edgeBlocked = rec.edgeBlocked;
  spikesSeen = 0;
}

/** Runs the engine to `until`, forcing the kick nodes on their schedule. */
function advanceEngine(until: number): { spikeNode: Int32Array; spikeTime: Float64Array; blockedNode: Int32Array } {
  const s = sim!, kicks = prepared!.drive.kicks;
  if (kicks) {
    while (nextKick < until) {
      for (const k of kicks.nodes) s.force(k, nextKick);
      nextKick += kicks.every;
    }
  }
  s.run(until - s.time);
  const raw = s.rawSpikes();
  const count = raw.count - spikesSeen;
  const order = Array.from({ length: count }, (_, k) => spikesSeen + k).sort((a, b) => raw.time[a] - raw.time[b] || raw.node[a] - raw.node[b]);
  const spikeNode = Int32Array.from(order, (k) => raw.node[k]);
  const spikeTime = Float64Array.from(order, (k) => raw.time[k]);
  spikesSeen = raw.count;
  if (spikesSeen > MAX_RECORDED_SPIKES) dropRecordedSpikes();
  // blocked arrivals of this chunk, per target node and per Λ bin
  const blocked = new Set<number>();
  bins.delivered.fill(0);
  bins.blocked.fill(0);
  let del = 0, blk = 0;
  const eD = edgeDelivered!, eB = edgeBlocked!, t = net!.target;
  for (let e = 0; e < eB.length; e++) {
    if (eB[e] !== prevBlocked[e]) {
      blocked.add(t[e]);
      prevBlocked[e] = eB[e];
    }
    bins.delivered[bin[e]] += eD[e];
    bins.blocked[bin[e]] += eB[e];
    del += eD[e];
    blk += eB[e];
  }
  totals.delivered = del;
  totals.blocked = blk;
  return { spikeNode, spikeTime, blockedNode: Int32Array.from(blocked) };
}

/** Hands out the dropped spikes of [now, until). */
function advanceReplay(until: number): { spikeNode: Int32Array; spikeTime: Float64Array; blockedNode: Int32Array } {
  const r = replay!;
  const from = replayAt;
  while (replayAt < r.time.length && r.time[replayAt] < until) replayAt++;
  return { spikeNode: r.node.slice(from, replayAt), spikeTime: r.time.slice(from, replayAt), blockedNode: new Int32Array(0) };
}

function advance(until: number): void {
  if (!sim || until <= now) return;
  const from = now;
  const ev = replay ? advanceReplay(until) : advanceEngine(until);
  now = until;
  post(
    { kind: 'events', gen, from, until, ...ev, lambda: copyBins(bins), totals: { ...totals } },
    [ev.spikeNode.buffer, ev.spikeTime.buffer, ev.blockedNode.buffer],
  );
}

async function handle(msg: ToEngine): Promise<void> {
  switch (msg.kind) {
    case 'preset': {
      post({ kind: 'status', message: `building ${msg.preset}…` });
      prepared = await preparePreset(msg.preset, msg.seed);
      origin = { kind: 'preset', preset: msg.preset };
      replay = null;
      start(retime(prepared.base, prepared.params), prepared.params, false);
      return;
    }
    case 'load-network': {
      const loaded = droppedNetwork(msg.text, msg.file);
      prepared = prepareLoaded(loaded, msg.file);
      origin = { kind: 'file', file: msg.file };
      replay = null;
      start(loaded, prepared.params, false);
      return;
    }
    case 'replay': {
      if (!net || !prepared) throw new Error(`${msg.file}: load the run's network.json first (or drop both files together)`);
      replay = droppedSpikes(msg.text, msg.file, net);
      start(net, prepared.params, true);
      return;
    }
    case 'params': {
      if (!prepared) return;
      prepared = { ...prepared, params: msg.params };
      replay = null;
      start(retime(prepared.base, msg.params), msg.params, false);
      return;
    }
    case 'kick': {
      if (!sim || !net || replay) return;
      // a seeded choice: the same nodes for the same count and time
      for (let k = 0; k < msg.count; k++) sim.force(Math.floor(((k * 2654435761 + Math.floor(now * 1000)) >>> 0) % net.n), now);
      return;
    }
    case 'advance':
      if (msg.gen === gen) advance(msg.until);
      return;
  }
}

// Messages are handled one at a time, in order (a preset build may await its data).
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (ev) => {
  queue = queue.then(() => handle(ev.data)).catch((e: unknown) => post({ kind: 'error', message: e instanceof Error ? e.message : String(e) }));
};
