/**
 * Assembling a Network: per-node parameters from scalars or arrays, and an edge list
 * turned into CSR order by source (a stable counting sort, so edges of one source keep
 * the order in which they were added).
 */
import { resized } from './typed.js';
import {
  DEFAULT_NODE,
  MODES,
  type Mode,
  type Network,
  type NetworkMeta,
  type NodeParams,
} from './types.js';

/** Growable edge list; `finish` turns it into a CSR network. */
export class EdgeList {
  size = 0;
  private src = new Int32Array(16);
  private tgt = new Int32Array(16);
  private lat = new Float64Array(16);
  private w = new Float32Array(16);
  private len: Float64Array | null = null;

  add(source: number, target: number, latency: number, weight: number, length?: number): void {
    if (this.size === this.src.length) this.grow();
    const k = this.size++;
    this.src[k] = source;
    this.tgt[k] = target;
    this.lat[k] = latency;
    this.w[k] = weight;
    if (length !== undefined) {
      if (!this.len) this.len = new Float64Array(this.src.length).fill(NaN);
      this.len[k] = length;
    }
  }

  private grow(): void {
    const cap = this.src.length * 2;
    this.src = resized(this.src, cap);
    this.tgt = resized(this.tgt, cap);
    this.lat = resized(this.lat, cap);
    this.w = resized(this.w, cap);
    if (this.len) {
      const old = this.len.length;
      this.len = resized(this.len, cap);
      this.len.fill(NaN, old);
    }
  }

  /** Views of the added edges, in insertion order. */
  columns(): { source: Int32Array; target: Int32Array; latency: Float64Array; weight: Float32Array; length: Float64Array | null } {
    const k = this.size;
    return {
      source: this.src.subarray(0, k),
      target: this.tgt.subarray(0, k),
      latency: this.lat.subarray(0, k),
      weight: this.w.subarray(0, k),
      length: this.len ? this.len.subarray(0, k) : null,
    };
  }
}

export interface EdgeColumns {
  source: ArrayLike<number>;
  target: ArrayLike<number>;
  latency: ArrayLike<number>;
  /** One value per edge, or a single shared weight. */
  weight: ArrayLike<number> | number;
  length?: ArrayLike<number> | null;
}

export interface NetworkParts {
  n: number;
  nodes?: NodeParams;
  position?: ArrayLike<number> | null;
  labels?: readonly string[] | null;
  edges: EdgeColumns;
  meta?: NetworkMeta;
}

function fill(n: number, v: number | ArrayLike<number>, name: string): Float64Array {
  if (typeof v === 'number') return new Float64Array(n).fill(v);
  if (v.length !== n) throw new RangeError(`nodes.${name}: expected ${n} values, got ${v.length}`);
  return Float64Array.from(v);
}

function modeIndex(mode: string, field: string): number {
  const k = (MODES as readonly string[]).indexOf(mode);
  if (k < 0) throw new RangeError(`${field}: unknown mode "${mode}" (modes: ${MODES.join(', ')})`);
  return k;
}

function fillMode(n: number, v: Mode | readonly Mode[]): Uint8Array {
  const out = new Uint8Array(n);
  if (typeof v === 'string') return out.fill(modeIndex(v, 'nodes.mode'));
  if (v.length !== n) throw new RangeError(`nodes.mode: expected ${n} values, got ${v.length}`);
  for (let i = 0; i < n; i++) out[i] = modeIndex(v[i], `nodes.mode[${i}]`);
  return out;
}

/** Builds a Network from columns; edges are reordered into CSR order by source (stable). */
export function makeNetwork(parts: NetworkParts): Network {
  const { n, edges } = parts;
  const p = parts.nodes ?? {};
  const m = edges.source.length;
  if (edges.target.length !== m || edges.latency.length !== m)
    throw new RangeError('edges: source, target and latency must have the same length');
  if (typeof edges.weight !== 'number' && edges.weight.length !== m)
    throw new RangeError('edges: weight must have one value per edge');

  const offset = m < 2 ** 32 ? new Uint32Array(n + 1) : new Float64Array(n + 1);
  for (let k = 0; k < m; k++) {
    const s = edges.source[k];
    if (!Number.isInteger(s) || s < 0 || s >= n) throw new RangeError(`edges.source[${k}]: unknown node id ${s} (nodes are 0..${n - 1})`);
    offset[s + 1]++;
  }
  for (let i = 0; i < n; i++) offset[i + 1] += offset[i];
  const cursor = offset.slice(0, n);
  const order = new Float64Array(m);
  for (let k = 0; k < m; k++) order[cursor[edges.source[k]]++] = k;

  const target = new Int32Array(m);
  const latency = new Float64Array(m);
  const weight = typeof edges.weight === 'number' ? edges.weight : new Float32Array(m);
  const length = edges.length ? new Float64Array(m) : null;
  for (let e = 0; e < m; e++) {
    const k = order[e];
    target[e] = edges.target[k];
    latency[e] = edges.latency[k];
    if (typeof weight !== 'number') weight[e] = (edges.weight as ArrayLike<number>)[k];
    if (length) length[e] = edges.length![k];
  }

  let position: Float64Array | null = null;
  if (parts.position) {
    if (parts.position.length !== 3 * n) throw new RangeError(`nodes.position: expected ${3 * n} coordinates, got ${parts.position.length}`);
    position = Float64Array.from(parts.position);
  }
  if (parts.labels && parts.labels.length !== n) throw new RangeError(`nodes.labels: expected ${n} labels, got ${parts.labels.length}`);

  return {
    n,
    m,
    refractory: fill(n, p.refractory ?? DEFAULT_NODE.refractory, 'refractory'),
    threshold: fill(n, p.threshold ?? DEFAULT_NODE.threshold, 'threshold'),
    processing: fill(n, p.processing ?? DEFAULT_NODE.processing, 'processing'),
    mode: fillMode(n, p.mode ?? DEFAULT_NODE.mode),
    window: fill(n, p.window ?? DEFAULT_NODE.window, 'window'),
    tauM: fill(n, p.tauM ?? DEFAULT_NODE.tauM, 'tauM'),
    position,
    labels: parts.labels ?? null,
    offset,
    target,
    latency,
    weight,
    length,
    meta: parts.meta ?? {},
  };
}

/** A copy of `net` with some fields replaced (typed arrays are shared unless replaced). */
export function withChanges(net: Network, changes: Partial<Omit<Network, 'n' | 'm'>>): Network {
  return { ...net, ...changes };
}
