/**
 * The fixed geometric network that turns an encoded input into activity (docs/design.md §5).
 * Each encoder channel has a grid of input nodes; above it lies a coarser grid of map nodes
 * (positions jittered by the seed). Every map node is reached from the input nodes of its
 * channel within `radius` pixels, each edge kept with probability `connect`, its latency the
 * distance over the conduction speed. Map nodes are pure competitive racers (`first` mode,
 * a refractory period longer than a presentation): a map node fires when the *first* signal
 * reaches it and blocks all later ones, so its firing time is min over inputs of
 * (input time + distance / speed) — the race computes a distance transform of each channel,
 * which changes smoothly when the input is slightly deformed.
 */
import { EdgeList, makeNetwork } from '../model/build.js';
import { createRng } from '../model/random.js';
import type { Network } from '../model/types.js';
import type { Encoder } from './encoder.js';
import { checkNumber, finiteAtLeast0, finitePositive, intIn, OptionError } from './option-check.js';

export interface DynamicNetworkOptions {
  /** Map grid step, in input pixels (2: a 14 × 14 map per channel for 28 × 28 images). Default 2. */
  stride?: number;
  /** Input field radius of a map node, pixels. Default 6. */
  radius?: number;
  /** Distance between neighbouring input nodes, µm. Default 10. */
  spacing?: number;
  /** Conduction speed, µm/ms. Default 5 (one pixel = 2 ms, one latency window). */
  speed?: number;
  /** Probability that each candidate edge exists. Default 1. */
  connect?: number;
  /** Jitter of map node positions, pixels (uniform ±). Default 0.25. */
  jitter?: number;
  /** Refractory period of map nodes (ms); longer than a presentation. Default 1000. */
  refractory?: number;
  /**
   * Coincident arrivals a map node needs (1: the pure race, `first` mode; k > 1: `window` mode
   * with threshold k over the whole presentation — it fires at its k-th arrival, which
   * ignores isolated noisy inputs). Default 1.
   */
  quorum?: number;
  seed?: number;
}

export interface DynamicNetwork {
  net: Network;
  encoder: Encoder;
  /** Node id of input k of channel c is c * encoder.size + k. */
  inputCount: number;
  /** Map nodes are ids inputCount .. inputCount + mapCount − 1. */
  mapCount: number;
  mapGrid: [number, number];
  /** Latest time a map node can fire (ms): the observation window of a presentation. */
  horizon: number;
  options: Required<DynamicNetworkOptions>;
}

export const DYNAMIC_DEFAULTS: Required<DynamicNetworkOptions> = {
  stride: 2,
  radius: 6,
  spacing: 10,
  speed: 5,
  connect: 1,
  jitter: 0.25,
  refractory: 1000,
  quorum: 1,
  seed: 1,
};

/**
 * Most nodes and edges (estimated before building) of a learning network: about 100× and
 * 45× those of the MNIST defaults (1.7 × 10^4 nodes, 6.7 × 10^5 edges); 128×128 images with
 * the defaults fit. 3 × 10^7 edges take about 1.6 GB while the network is built.
 */
export const MAX_DYNAMIC_NODES = 2_000_000;
export const MAX_DYNAMIC_EDGES = 30_000_000;
/** Longest presentation (ms): encoder window + radius · spacing / speed. */
export const MAX_HORIZON = 1e6;

/** The options, each checked (an OptionError names the first bad one). */
function checkedOptions(opts: DynamicNetworkOptions): Required<DynamicNetworkOptions> {
  const o = { ...DYNAMIC_DEFAULTS, ...opts };
  checkNumber('network.stride', o.stride, intIn(1, 2 ** 20), 'an integer >= 1 (pixels)');
  checkNumber('network.radius', o.radius, finitePositive, 'a finite number > 0 (pixels)');
  checkNumber('network.spacing', o.spacing, finitePositive, 'a finite number > 0 (µm)');
  checkNumber('network.speed', o.speed, finitePositive, 'a finite number > 0 (µm/ms)');
  checkNumber('network.connect', o.connect, (x) => x > 0 && x <= 1, 'a probability in (0, 1]');
  checkNumber('network.jitter', o.jitter, finiteAtLeast0, 'a finite number >= 0 (pixels)');
  checkNumber('network.refractory', o.refractory, finitePositive, 'a finite number > 0 (ms)');
  checkNumber('network.quorum', o.quorum, intIn(1, 2 ** 20), 'an integer >= 1');
  checkNumber('network.seed', o.seed, intIn(0, 0xffffffff), 'an integer 0..4294967295');
  return o;
}

export function buildDynamicNetwork(encoder: Encoder, opts: DynamicNetworkOptions = {}): DynamicNetwork {
  const o = checkedOptions(opts);
  const d = encoder.size;
  const [h, w] = encoder.shape ?? [Math.ceil(d / Math.ceil(Math.sqrt(d))), Math.ceil(Math.sqrt(d))];
  const gh = Math.ceil(h / o.stride), gw = Math.ceil(w / o.stride);
  const C = encoder.channels;
  const inputCount = C * d, mapCount = C * gh * gw, n = inputCount + mapCount;
  const horizon = encoder.window + (o.radius * o.spacing) / o.speed;
  if (!(horizon <= MAX_HORIZON)) throw new OptionError('network.speed', `the presentation lasts encoder.window + radius · spacing / speed = ${horizon} ms, more than ${MAX_HORIZON} ms`);
  // each map node reaches the inputs of its channel within the radius (at most the whole image)
  const fieldSize = Math.ceil(Math.min(h * w, Math.PI * (o.radius + 1) ** 2));
  if (n > MAX_DYNAMIC_NODES) throw new OptionError('network.stride', `the network would have ${n} nodes (${C} channels × (${d} inputs + ${gh}×${gw} map nodes)), more than ${MAX_DYNAMIC_NODES}`);
  if (mapCount * fieldSize > MAX_DYNAMIC_EDGES)
    throw new OptionError('network.radius', `the network would have up to ${mapCount * fieldSize} edges (${mapCount} map nodes × ${fieldSize} inputs in reach), more than ${MAX_DYNAMIC_EDGES}`);
  const rng = createRng(o.seed);
  const pos = new Float64Array(3 * n);
  for (let c = 0; c < C; c++)
    for (let k = 0; k < d; k++) {
      const i = c * d + k;
      pos[3 * i] = (k % w) * o.spacing;
      pos[3 * i + 1] = Math.floor(k / w) * o.spacing;
      pos[3 * i + 2] = c * o.spacing * 0.01; // channels are stacked layers
    }
  const mapXY = new Float64Array(2 * gh * gw);
  for (let r = 0; r < gh; r++)
    for (let q = 0; q < gw; q++) {
      const k = r * gw + q;
      mapXY[2 * k] = (q + 0.5) * o.stride - 0.5 + (rng.float() * 2 - 1) * o.jitter;
      mapXY[2 * k + 1] = (r + 0.5) * o.stride - 0.5 + (rng.float() * 2 - 1) * o.jitter;
    }
  const edgeRng = rng.split();
  const el = new EdgeList();
  const R2 = o.radius * o.radius;
  for (let c = 0; c < C; c++)
    for (let k = 0; k < gh * gw; k++) {
      const j = inputCount + c * gh * gw + k;
      const mx = mapXY[2 * k], my = mapXY[2 * k + 1];
      pos[3 * j] = mx * o.spacing;
      pos[3 * j + 1] = my * o.spacing;
      pos[3 * j + 2] = (c + 0.5) * o.spacing * 0.01;
      const r0 = Math.max(0, Math.ceil(my - o.radius)), r1 = Math.min(h - 1, Math.floor(my + o.radius));
      const q0 = Math.max(0, Math.ceil(mx - o.radius)), q1 = Math.min(w - 1, Math.floor(mx + o.radius));
      for (let r = r0; r <= r1; r++)
        for (let q = q0; q <= q1; q++) {
          const dx = q - mx, dy = r - my, d2 = dx * dx + dy * dy;
          if (d2 > R2) continue;
          if (o.connect < 1 && edgeRng.float() >= o.connect) continue;
          const len = Math.sqrt(d2) * o.spacing;
          el.add(c * d + r * w + q, j, len / o.speed, 1, len);
        }
    }
  const net = makeNetwork({
    n,
    nodes: {
      mode: Array.from({ length: n }, (_, i) => (i < inputCount || o.quorum <= 1 ? 'first' : 'window')),
      refractory: o.refractory,
      threshold: Array.from({ length: n }, (_, i) => (i < inputCount ? 1 : o.quorum)),
      window: o.refractory,
    },
    position: pos,
    edges: el.columns(),
    meta: { name: 'learning network', builder: 'dynamic-network', params: { ...o, channels: C, shape: [h, w] }, seed: o.seed, speed: o.speed, synDelay: 0 },
  });
  return { net, encoder, inputCount, mapCount, mapGrid: [gh, gw], horizon, options: o };
}
