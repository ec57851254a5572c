/**
 * The exact event-driven engine (docs/design.md §2, §4).
 *
 * Semantics, per node j:
 *  - an arrival at time a with a < last_j + R_j is blocked (counted, not stored); in
 *    continuous time "<" allows for float rounding of summed latencies (model/time.ts);
 *  - all arrivals at j at the same instant form one group, applied together before the
 *    threshold test, summed in a canonical order (by code, then weight) so that results never
 *    depend on queue order;
 *  - `first` fires on any effective excitatory arrival, `window` when the effective weights of
 *    the last W ms reach θ, `leaky` when u (decaying with τm between events) reaches θ;
 *  - on activation at t the input is cleared, j is refractory on [t, t+R) and each out-edge e
 *    delivers at t + P_j + τ_e.
 *
 * Queue: a ring of time slots (see EventQueue). Within a slot the events are bucketed by
 * target node and each node's events are processed in time order; since no event schedules
 * another into its own slot, nodes of one slot are independent and their processing order
 * does not matter. Networks with zero delays fall back to processing one instant at a time
 * (delta cycles: arrivals created at the current instant form a later group at that instant).
 *
 * Grid mode (`dt`): latencies, refractory periods and processing times are rounded to whole
 * steps (floor(x/dt + 0.5), docs/workloads/crg.md §2.4) and all event times are integer step counts.
 */
import { CHUNK, CODE_DRIVE, CODE_FORCE, CODE_INJECT, EventQueue } from './event-queue.js';
import { NodeLog } from './node-log.js';
import { Recorder, type RecordOptions, type RecorderState } from './recorder.js';
import { MODE_FIRST, MODE_LEAKY, MODE_WINDOW, type Network } from '../model/types.js';
import { driveGap } from './drive-events.js';
import { fingerprint } from '../model/fingerprint.js';
import { ensureLength } from '../model/typed.js';
import { receptiveFrom, TIME_TOLERANCE } from '../model/time.js';
import { assertValidNetwork } from '../model/validate.js';
import { checkpointProblem } from './checkpoint-check.js';

export interface SimulationOptions {
  /** Seed of the Poisson drive (every random draw of a run). Default 1. */
  seed?: number;
  /** Grid mode: time step (ms). Omit for exact continuous time. */
  dt?: number;
  record?: RecordOptions;
  /** Initial potential of leaky nodes: one value, or one per node. Default 0. */
  initialPotential?: number | ArrayLike<number>;
}

export interface DriveOptions {
  /** Poisson rate per driven node (Hz): one value or one per driven node. */
  rate: number | ArrayLike<number>;
  /** Weight of each event when kind = 'inject'. Default 1. */
  weight?: number;
  /** 'inject' (an arrival of `weight`, default) or 'force' (activate unless refractory). */
  kind?: 'inject' | 'force';
  /** Driven nodes. Default: all. */
  nodes?: ArrayLike<number>;
}

export interface SpikeTrainOptions {
  kind?: 'force' | 'inject';
  weight?: number;
}

export interface RunOptions {
  /** Called now and then with the fraction of this run done. */
  onProgress?: (fraction: number) => void;
}

/** Spikes in canonical (time, node) order; times in ms. */
export interface SpikeList {
  node: Int32Array;
  time: Float64Array;
}

/** Causes of each spike, aligned with SpikeList: spike s has causes start[s]..start[s+1]. */
export interface CauseList {
  start: Float64Array;
  /** Edge id of the causing arrival, or a stimulus code (-1 force, -2 inject, -3 drive). */
  code: Int32Array;
  /** Arrival time (ms). */
  time: Float64Array;
}

export interface Recording {
  /** Model time simulated so far (ms). */
  duration: number;
  spikes: SpikeList | null;
  spikeCount: number;
  nodeSpikes: Uint32Array;
  nodeDelivered: Uint32Array;
  nodeBlocked: Uint32Array;
  edgeDelivered: Uint32Array | null;
  edgeBlocked: Uint32Array | null;
  stimulusDelivered: number;
  stimulusBlocked: number;
  causes: CauseList | null;
}

export interface Checkpoint {
  format: 'refract-checkpoint';
  version: 1;
  network: { n: number; m: number; fingerprint: number };
  seed: number;
  dt: number | null;
  record: RecordOptions;
  /** Current time in engine units (steps in grid mode). */
  now: number;
  u: Float64Array;
  tUpd: Float64Array;
  last: Float64Array;
  drive: { rate: Float64Array; weight: Float64Array; count: Float64Array; clock: Float64Array; force: Uint8Array; pending: Uint8Array } | null;
  events: { time: Float64Array; target: Int32Array; weight: Float64Array; code: Int32Array };
  log: { node: Int32Array; time: Float64Array; weight: Float64Array; code: Int32Array } | null;
  recorder: RecorderState;
}

// Interleaved per-node state: an event at node j touches one or two cache lines, not one
// per array (struct-of-arrays costs a cache miss per field at 10^5+ nodes).
const NS = 8;
const U = 0; // potential
const TUPD = 1; // time of the last update of U
const LAST = 2; // last activation time
const RR = 3; // refractory period (engine units)
const THETA = 4;
const TAU = 5; // τm (ms)
const PP = 6; // processing time (engine units)
const MODE = 7;
// drive state per node
const DS = 4;
const D_RATE = 0; // events per ms
const D_WEIGHT = 1;
const D_COUNT = 2; // index k of the next draw U(seed, 3, j, k)
const D_CLOCK = 3; // continuous time (ms) of the latest event
const D_FORCE = 1; // flags
const D_PENDING = 2;

// processStep flags per node
const GOT_INPUT = 1;
const FORCED = 2;
const EXCITED = 4;
const LOG_CLEARED = 8;

const MAX_DELTA_CYCLES = 1_000_000;
const MAX_RING = 1 << 22;
/**
 * Smallest slot width (ms), about 1 ps. The width is half the smallest positive delay; a
 * delay such as 1e-310 ms (a subnormal) would make 1 / width overflow to Infinity and slot
 * numbers stop being integers, so the queue would never advance. Networks with positive
 * delays below twice this are processed instant by instant, like zero-delay networks, which
 * is exact for any delay.
 */
export const MIN_SLOT_WIDTH = 2 ** -30;
/** Slot numbers are integers only below 2^53: a run must end before 2^53 slots. */
const MAX_SLOT = 2 ** 53;

export class Simulation {
  readonly net: Network;
  readonly seed: number;
  readonly dt: number | null;
  /** ms per engine time unit (dt in grid mode, else 1). */
  private readonly scale: number;
  private readonly q: EventQueue;
  private readonly u0: number | ArrayLike<number>;
  /** How a slot is processed: whole steps (grid), node chains (exact), or instants (zero delays). */
  private readonly strategy: 'step' | 'slot' | 'instant';
  /** Tolerance of refractory boundaries (model/time.ts): relative in continuous time, 0 on the integer grid. */
  private readonly tolerance: number;

  private readonly st: Float64Array;
  /** Window W per node in engine units (window mode only). */
  private readonly W: Float64Array;
  /** Latency per edge in engine units (the network's own array in exact mode). */
  private readonly lat: Float64Array;
  private drv: Float64Array | null = null;
  private drvFlags: Uint8Array | null = null;

  private log: NodeLog | null;
  private readonly rec: Recorder;
  private now = 0;

  // scratch for slot processing
  private readonly chainHead: Int32Array;
  /** Per node: [2j] stamp of the slot that last touched it, [2j+1] its event count or flags. */
  private readonly tmp: Int32Array;
  private readonly acc: Float64Array;
  private stamp = 0;
  private touched: Int32Array = new Int32Array(256);
  private scratch: Int32Array = new Int32Array(64);
  private scratchLen = 0;
  private sorted: { spikes: SpikeList; causes: CauseList | null; count: number } | null = null;

  constructor(net: Network, opts: SimulationOptions = {}) {
    this.net = net;
    this.seed = opts.seed ?? 1;
    if (!Number.isInteger(this.seed) || this.seed < 0 || this.seed > 0xffffffff)
      throw new RangeError(`seed must be an unsigned 32-bit integer, got ${this.seed}`);
    // Everything the queue and the arithmetic rely on (finite R, P, latencies ≥ 0, known
    // targets, θ > 0 for window/leaky nodes): no network reaches the queue unchecked.
    assertValidNetwork(net);
    const dt = opts.dt ?? null;
    if (dt !== null && !(dt > 0 && Number.isFinite(dt))) throw new RangeError(`dt must be a finite number > 0, got ${dt}`);
    this.dt = dt;
    this.scale = dt ?? 1;
    this.tolerance = dt === null ? TIME_TOLERANCE : 0;
    const n = net.n;
    const units = (x: number): number => (dt === null ? x : Math.floor(x / dt + 0.5));
    this.lat = dt === null ? net.latency : net.latency.map(units);
    this.W = dt === null ? net.window : net.window.map((x) => x / dt);

    const st = (this.st = new Float64Array(n * NS));
    const u0 = (this.u0 = opts.initialPotential ?? 0);
    if (typeof u0 !== 'number' && u0.length !== n) throw new RangeError(`initialPotential: expected ${n} values, got ${u0.length}`);
    for (let j = 0; j < n; j++) {
      const b = j * NS;
      st[b + U] = typeof u0 === 'number' ? u0 : u0[j];
      st[b + LAST] = -Infinity;
      st[b + RR] = units(net.refractory[j]);
      st[b + THETA] = net.threshold[j];
      st[b + TAU] = net.tauM[j];
      st[b + PP] = units(net.processing[j]);
      st[b + MODE] = net.mode[j];
    }

    // Slot width: half the smallest delay P_i + τ_e, so that nothing lands in its own slot.
    let minDelay = Infinity, minPositive = Infinity, maxDelay = 0;
    for (let i = 0; i < n; i++) {
      const p = st[i * NS + PP];
      for (let e = net.offset[i]; e < net.offset[i + 1]; e++) {
        const d = p + this.lat[e];
        if (dt !== null && !(d < MAX_SLOT)) throw new RangeError(`edges.latency[${e}]: ${net.latency[e]} ms is 2^53 or more steps of dt = ${dt} ms`);
        if (d < minDelay) minDelay = d;
        if (d > 0 && d < minPositive) minPositive = d;
        if (d > maxDelay) maxDelay = d;
      }
    }
    let width = dt !== null ? 1 : Number.isFinite(minPositive) ? minPositive / 2 : 1;
    const tiny = width < MIN_SLOT_WIDTH;
    if (tiny) width = MIN_SLOT_WIDTH;
    // Grid mode: one slot per step (delays are whole steps ≥ 1), so a slot is one instant.
    this.strategy = minDelay === 0 || tiny ? 'instant' : dt !== null ? 'step' : 'slot';
    const ring = Math.min(MAX_RING, Math.max(1024, Math.ceil(maxDelay / width) + 2));
    this.q = new EventQueue(width, ring, 1024);

    this.rec = new Recorder(n, net.m, opts.record ?? {});
    let anyWindow = false;
    for (let i = 0; i < n; i++) if (net.mode[i] === MODE_WINDOW) anyWindow = true;
    this.log = anyWindow || this.rec.keepCauses ? new NodeLog(n) : null;
    this.chainHead = new Int32Array(n).fill(-1);
    this.tmp = new Int32Array(2 * n);
    this.acc = new Float64Array(n);
  }

  /**
   * Back to t = 0 in the initial state: potentials u0, nothing refractory, no pending events
   * or drive, empty recordings. What was derived from the network is kept, so presenting many
   * inputs to one network (learning) costs no set-up per input.
   */
  reset(): this {
    const n = this.net.n, st = this.st, u0 = this.u0;
    for (let j = 0; j < n; j++) {
      const b = j * NS;
      st[b + U] = typeof u0 === 'number' ? u0 : u0[j];
      st[b + TUPD] = 0;
      st[b + LAST] = -Infinity;
    }
    this.q.clear();
    this.rec.clear();
    this.log?.clearAll();
    this.drv = null;
    this.drvFlags = null;
    this.now = 0;
    this.sorted = null;
    return this;
  }

  /** Current model time (ms). */
  get time(): number {
    return this.now * this.scale;
  }

  /** Number of events waiting in the queue. */
  get pendingEvents(): number {
    return this.q.pending;
  }

  /** Potentials u of all nodes, as of their last update (a copy). */
  potentials(): Float64Array {
    return this.column(U);
  }

  private column(k: number): Float64Array {
    const out = new Float64Array(this.net.n);
    for (let j = 0; j < out.length; j++) out[j] = this.st[j * NS + k];
    return out;
  }

  // ------------------------------------------------------------------ stimuli

  private toEngineTime(tMs: number, what: string): number {
    if (!Number.isFinite(tMs)) throw new RangeError(`${what}: time must be finite, got ${tMs}`);
    const t = this.dt === null ? tMs : Math.floor(tMs / this.dt + 0.5);
    if (t < this.now) throw new RangeError(`${what}: time ${tMs} ms is before the current time ${this.time} ms`);
    return t;
  }

  private checkNode(node: number, what: string): void {
    if (!Number.isInteger(node) || node < 0 || node >= this.net.n)
      throw new RangeError(`${what}: unknown node id ${node} (nodes are 0..${this.net.n - 1})`);
  }

  /** Activates `node` at time t (ms) unless it is refractory then. */
  force(node: number, t: number): this {
    this.checkNode(node, 'force');
    this.q.push(this.toEngineTime(t, 'force'), node, 0, CODE_FORCE);
    return this;
  }

  /** An arrival of weight w at `node` at time t (ms). */
  inject(node: number, t: number, w: number): this {
    this.checkNode(node, 'inject');
    if (!Number.isFinite(w)) throw new RangeError(`inject: weight must be finite, got ${w}`);
    this.q.push(this.toEngineTime(t, 'inject'), node, w, CODE_INJECT);
    return this;
  }

  /** A list of stimulus times for one node (forced activations by default). */
  spikeTrain(node: number, times: ArrayLike<number>, o: SpikeTrainOptions = {}): this {
    for (let k = 0; k < times.length; k++) {
      if (o.kind === 'inject') this.inject(node, times[k], o.weight ?? 1);
      else this.force(node, times[k]);
    }
    return this;
  }

  /**
   * Independent Poisson drive per node. Node i's k-th event uses the counter-based uniform
   * U(seed, 3, i, k), so runs are reproducible and independent of processing order (this is
   * docs/workloads/crg.md §2.6). Driving a node again changes its rate and weight from its next event.
   */
  poisson(o: DriveOptions): this {
    const n = this.net.n;
    if (!this.drv) {
      this.drv = new Float64Array(n * DS);
      this.drvFlags = new Uint8Array(n);
    }
    const d = this.drv, f = this.drvFlags!;
    const nodes = o.nodes ?? null;
    const count = nodes ? nodes.length : n;
    if (typeof o.rate !== 'number' && o.rate.length !== count)
      throw new RangeError(`poisson: expected ${count} rates, got ${o.rate.length}`);
    const w = o.weight ?? 1;
    if (!Number.isFinite(w)) throw new RangeError(`poisson: weight must be finite, got ${w}`);
    for (let k = 0; k < count; k++) {
      const j = nodes ? nodes[k] : k;
      this.checkNode(j, 'poisson');
      const rate = typeof o.rate === 'number' ? o.rate : o.rate[k];
      if (!(rate >= 0) || !Number.isFinite(rate)) throw new RangeError(`poisson: rate must be a finite number >= 0, got ${rate}`);
      d[j * DS + D_RATE] = rate / 1000;
      d[j * DS + D_WEIGHT] = w;
      f[j] = (f[j] & D_PENDING) | (o.kind === 'force' ? D_FORCE : 0);
      if (!(f[j] & D_PENDING) && rate > 0) {
        d[j * DS + D_CLOCK] = this.now * this.scale;
        this.q.push(this.nextDrive(j), j, w, CODE_DRIVE);
      }
    }
    return this;
  }

  /**
   * Draws node j's next drive time (engine units), or returns -1 when its drive has been
   * switched off (rate 0).
   */
  private nextDrive(j: number): number {
    const d = this.drv!, b = j * DS;
    const rate = d[b + D_RATE];
    if (rate === 0) {
      this.drvFlags![j] &= ~D_PENDING;
      return -1;
    }
    const k = d[b + D_COUNT];
    d[b + D_COUNT] = k + 1;
    const clock = d[b + D_CLOCK] + driveGap(this.seed, j, k, rate);
    d[b + D_CLOCK] = clock;
    this.drvFlags![j] |= D_PENDING;
    return this.dt === null ? clock : Math.floor(clock / this.dt + 0.5);
  }

  private drivenByForce(j: number): boolean {
    return (this.drvFlags![j] & D_FORCE) !== 0;
  }

  // ------------------------------------------------------------------ running

  /** Advances the model by `duration` ms. run(a); run(b) ≡ run(a + b), exactly. */
  run(duration: number, o: RunOptions = {}): this {
    if (!(duration >= 0) || !Number.isFinite(duration)) throw new RangeError(`run: duration must be a finite number >= 0, got ${duration}`);
    const end = this.dt === null ? this.now + duration : this.now + Math.round(duration / this.dt);
    const q = this.q;
    const lastSlot = q.slotOf(end);
    if (!(lastSlot < MAX_SLOT))
      throw new RangeError(`run: t = ${end * this.scale} ms is beyond the ${MAX_SLOT * q.width * this.scale} ms that this network's event queue can count (2^53 slots of ${q.width * this.scale} ms, half its smallest delay)`);
    const firstSlot = q.cur;
    let tick = 0;
    for (;;) {
      if (q.currentHasEvents()) {
        if (this.strategy === 'step') this.processStep(end);
        else if (this.strategy === 'slot') this.processSlot(end);
        else this.processInstants(end);
      }
      if (q.cur >= lastSlot) break;
      if (q.ringCount === 0) q.moveTo(Math.min(q.overflowSlot(), lastSlot));
      else q.moveTo(q.cur + 1);
      if (o.onProgress && ++tick === 1024) {
        tick = 0;
        o.onProgress((q.cur - firstSlot) / Math.max(1, lastSlot - firstSlot));
      }
    }
    this.now = end;
    this.sorted = null;
    o.onProgress?.(1);
    return this;
  }

  private nextStamp(): number {
    if (++this.stamp === 0x7fffffff) {
      for (let j = 0; j < this.net.n; j++) this.tmp[2 * j] = 0;
      this.stamp = 1;
    }
    return this.stamp;
  }

  /**
   * Exact mode: processes the current slot's events with t < end. A first pass counts the
   * events per node; a node with a single event is processed in place during the second
   * (sequential) pass, the others are chained and processed afterwards in time order.
   */
  private processSlot(end: number): void {
    const q = this.q;
    const chainHead = this.chainHead, tmp = this.tmp;
    const stamp = this.nextStamp();
    const first = q.detachCurrent();
    let keep = -1, nt = 0;
    {
      const time = q.time, target = q.target;
      for (let c = first; c !== -1; c = q.nextChunk(c)) {
        const base = c * CHUNK, lim = base + q.chunkSize(c);
        for (let ev = base; ev < lim; ev++) {
          if (time[ev] >= end) continue;
          const j2 = 2 * target[ev];
          if (tmp[j2] !== stamp) {
            tmp[j2] = stamp;
            tmp[j2 + 1] = 1;
          } else tmp[j2 + 1]++;
        }
      }
    }
    for (let c = first; c !== -1; c = q.nextChunk(c)) {
      const base = c * CHUNK, lim = base + q.chunkSize(c);
      for (let ev = base; ev < lim; ev++) {
        if (q.time[ev] >= end) {
          q.link[ev] = keep;
          keep = ev;
          continue;
        }
        const j = q.target[ev];
        if (tmp[2 * j + 1] === 1) {
          this.scratch[0] = ev;
          this.scratchLen = 1;
          this.runScratch(j, end, true);
          continue;
        }
        const h = chainHead[j];
        if (h === -1) {
          if (nt === this.touched.length) this.touched = ensureLength(this.touched, nt + 1);
          this.touched[nt++] = j;
        }
        q.link[ev] = h;
        chainHead[j] = ev;
      }
    }
    for (let k = 0; k < nt; k++) this.processChain(this.touched[k], end, true);
    // Events at or after `end` stay in this slot for the next run.
    for (let ev = keep; ev !== -1; ev = q.link[ev]) q.push(q.time[ev], q.target[ev], q.weight[ev], q.code[ev]);
    q.releaseList(first);
    q.releaseList(q.detachSide());
  }

  /**
   * Grid mode: every event of the slot is at the same step t. One sequential pass sums the
   * effective weights per node (in slot order, which checkpoints preserve) and counts
   * blocked arrivals; then each touched node applies its group once.
   */
  private processStep(end: number): void {
    const q = this.q;
    const t = q.cur;
    if (t >= end) return;
    const tmp = this.tmp, acc = this.acc, st = this.st;
    const rec = this.rec, counts = rec.nodeCounts, eDel = rec.edgeDelivered, eBlk = rec.edgeBlocked;
    const log = this.log;
    const stamp = this.nextStamp();
    const first = q.detachCurrent();
    let nt = 0;
    for (let c = first; c !== -1; c = q.nextChunk(c)) {
      const base = c * CHUNK, lim = base + q.chunkSize(c);
      for (let ev = base; ev < lim; ev++) {
        const j = q.target[ev];
        if (tmp[2 * j] !== stamp) {
          tmp[2 * j] = stamp;
          tmp[2 * j + 1] = 0;
          acc[j] = 0;
          if (nt === this.touched.length) this.touched = ensureLength(this.touched, nt + 1);
          this.touched[nt++] = j;
        }
        const code = q.code[ev];
        let w = q.weight[ev];
        const b = j * NS;
        for (;;) {
          if (t < st[b + LAST] + st[b + RR]) {
            counts[2 * j + 1]++;
            if (code >= 0) {
              if (eBlk) eBlk[code]++;
            } else rec.stimulusBlocked++;
          } else {
            let f = tmp[2 * j + 1] | GOT_INPUT;
            counts[2 * j]++;
            if (code >= 0) {
              if (eDel) eDel[code]++;
            } else rec.stimulusDelivered++;
            if (code === CODE_FORCE || (code === CODE_DRIVE && this.drivenByForce(j))) {
              f |= FORCED;
              w = 0;
            } else {
              acc[j] += w;
              if (w > 0) f |= EXCITED;
            }
            if (log !== null && (st[b + MODE] === MODE_WINDOW || rec.keepCauses)) {
              if (!(f & LOG_CLEARED) && st[b + MODE] === MODE_FIRST) log.clear(j);
              f |= LOG_CLEARED;
              log.push(j, t, w, code);
            }
            tmp[2 * j + 1] = f;
          }
          if (code !== CODE_DRIVE) break;
          // Poisson drive: the next event of this node may fall in this same step.
          const tn = this.nextDrive(j);
          if (tn < 0) break;
          w = this.drv![j * DS + D_WEIGHT];
          if (tn !== t) {
            q.push(tn, j, w, CODE_DRIVE);
            break;
          }
        }
      }
    }
    for (let k = 0; k < nt; k++) {
      const j = this.touched[k];
      const f = tmp[2 * j + 1];
      if (f & GOT_INPUT) this.decide(j, t, acc[j], (f & FORCED) !== 0, (f & EXCITED) !== 0);
    }
    q.releaseList(first);
  }

  /** Zero-delay networks: one instant (and one delta cycle) at a time. */
  private processInstants(end: number): void {
    const q = this.q;
    let cycles = 0, lastT = NaN;
    while (q.currentHasEvents()) {
      const first = q.detachCurrent();
      let tmin = Infinity;
      for (let c = first; c !== -1; c = q.nextChunk(c))
        for (let ev = c * CHUNK; ev < c * CHUNK + q.chunkSize(c); ev++) if (q.time[ev] < tmin) tmin = q.time[ev];
      let keep = -1, nt = 0;
      for (let c = first; c !== -1; c = q.nextChunk(c))
        for (let ev = c * CHUNK; ev < c * CHUNK + q.chunkSize(c); ev++) {
          if (q.time[ev] !== tmin || !(tmin < end)) {
            q.link[ev] = keep;
            keep = ev;
            continue;
          }
          const j = q.target[ev];
          if (this.chainHead[j] === -1) {
            if (nt === this.touched.length) this.touched = ensureLength(this.touched, nt + 1);
            this.touched[nt++] = j;
          }
          q.link[ev] = this.chainHead[j];
          this.chainHead[j] = ev;
        }
      for (let ev = keep; ev !== -1; ev = q.link[ev]) q.push(q.time[ev], q.target[ev], q.weight[ev], q.code[ev]);
      if (tmin === lastT) {
        if (++cycles > MAX_DELTA_CYCLES) throw new RangeError(`zero-delay activity does not settle at t = ${tmin * this.scale} ms (a zero-latency loop with R = 0?)`);
      } else {
        cycles = 0;
        lastT = tmin;
      }
      for (let k = 0; k < nt; k++) this.processChain(this.touched[k], end, false);
      q.releaseList(first);
      if (!(tmin < end)) return;
    }
  }

  /** Gathers node j's chain of events into scratch, sorts it and processes it. */
  private processChain(j: number, end: number, inlineDrive: boolean): void {
    const q = this.q;
    let len = 0;
    for (let e = this.chainHead[j]; e !== -1; e = q.link[e]) {
      if (len === this.scratch.length) this.scratch = ensureLength(this.scratch, len + 1);
      this.scratch[len++] = e;
    }
    this.chainHead[j] = -1;
    this.scratchLen = len;
    if (len > 1) this.sortScratch(0, len);
    this.runScratch(j, end, inlineDrive);
  }

  /** Processes node j's sorted events scratch[0..scratchLen), one group per instant. */
  private runScratch(j: number, end: number, inlineDrive: boolean): void {
    const q = this.q;
    let i = 0;
    while (i < this.scratchLen) {
      const t = q.time[this.scratch[i]];
      let g = i + 1;
      while (g < this.scratchLen && q.time[this.scratch[g]] === t) g++;
      this.applyGroup(j, t, i, g, end, inlineDrive);
      i = g;
    }
  }

  /** Sorts scratch[a..b) by (time, code, weight): the canonical order of simultaneous arrivals. */
  private sortScratch(a: number, b: number): void {
    const s = this.scratch, time = this.q.time, code = this.q.code, weight = this.q.weight;
    if (b - a <= 24) {
      for (let i = a + 1; i < b; i++) {
        const x = s[i], tx = time[x], cx = code[x], wx = weight[x];
        let k = i - 1;
        while (k >= a) {
          const y = s[k];
          if (!(tx < time[y] || (tx === time[y] && (cx < code[y] || (cx === code[y] && wx < weight[y]))))) break;
          s[k + 1] = y;
          k--;
        }
        s[k + 1] = x;
      }
    } else {
      s.subarray(a, b).sort((x, y) => time[x] - time[y] || code[x] - code[y] || weight[x] - weight[y]);
    }
  }

  /** Schedules node j's next drive event; when it is due within this slot, merges it into scratch. */
  private driveAgain(j: number, from: number, end: number, inline: boolean): void {
    const t = this.nextDrive(j);
    if (t < 0) return;
    const q = this.q, w = this.drv![j * DS + D_WEIGHT];
    if (inline && t < end && q.slotOf(t) === q.cur) {
      const ev = q.pushSide(t, j, w, CODE_DRIVE);
      if (this.scratchLen === this.scratch.length) this.scratch = ensureLength(this.scratch, this.scratchLen + 1);
      this.scratch[this.scratchLen++] = ev;
      this.sortScratch(from, this.scratchLen);
    } else q.push(t, j, w, CODE_DRIVE);
  }

  private applyGroup(j: number, t: number, a: number, b: number, end: number, inline: boolean): void {
    const q = this.q, s = this.scratch, rec = this.rec, st = this.st, base = j * NS;
    const counts = rec.nodeCounts;
    if (t < receptiveFrom(st[base + LAST], st[base + RR], this.tolerance)) {
      const eBlk = rec.edgeBlocked;
      for (let k = a; k < b; k++) {
        const code = q.code[s[k]];
        counts[2 * j + 1]++;
        if (code >= 0) {
          if (eBlk) eBlk[code]++;
        } else {
          rec.stimulusBlocked++;
          if (code === CODE_DRIVE) this.driveAgain(j, b, end, inline);
        }
      }
      return;
    }
    const eDel = rec.edgeDelivered;
    const mode = st[base + MODE];
    const log = this.log;
    const logAll = log !== null && (mode === MODE_WINDOW || rec.keepCauses);
    if (logAll && mode === MODE_FIRST) log.clear(j);
    let sum = 0, forced = false, excit = false;
    for (let k = a; k < b; k++) {
      const ev = s[k], code = q.code[ev];
      let w = q.weight[ev];
      counts[2 * j]++;
      if (code >= 0) {
        if (eDel) eDel[code]++;
      } else rec.stimulusDelivered++;
      if (code === CODE_FORCE || (code === CODE_DRIVE && this.drivenByForce(j))) {
        forced = true;
        w = 0;
      } else {
        sum += w;
        if (w > 0) excit = true;
      }
      if (logAll) log.push(j, t, w, code);
      if (code === CODE_DRIVE) this.driveAgain(j, b, end, inline);
    }
    this.decide(j, t, sum, forced, excit);
  }

  /** Applies a group's summed effective input to node j at t and activates it if due. */
  private decide(j: number, t: number, sum: number, forced: boolean, excit: boolean): void {
    const st = this.st, b = j * NS;
    const mode = st[b + MODE];
    let fire: boolean;
    if (mode === MODE_LEAKY) {
      const uj = st[b + U] * Math.exp((-(t - st[b + TUPD]) * this.scale) / st[b + TAU]) + sum;
      st[b + TUPD] = t;
      st[b + U] = uj;
      fire = forced || uj >= st[b + THETA];
    } else if (mode === MODE_WINDOW) {
      this.log!.dropBefore(j, t - this.W[j]);
      fire = forced || this.log!.sum(j) >= st[b + THETA];
    } else fire = forced || excit;
    if (fire) this.activate(j, t);
  }

  private activate(j: number, t: number): void {
    const rec = this.rec, st = this.st, b = j * NS;
    st[b + LAST] = t;
    st[b + U] = 0;
    st[b + TUPD] = t;
    rec.spike(j, t);
    const log = this.log;
    if (log !== null) {
      if (rec.keepCauses) {
        for (let k = log.headOf[j]; k !== -1; k = log.nextOf(k)) rec.cause(log.code[k], log.time[k]);
        rec.endCauses();
      }
      log.clear(j);
    }
    const net = this.net;
    const start = net.offset[j], stop = net.offset[j + 1];
    if (stop > start) this.q.emit(t + st[b + PP], start, stop, this.lat, net.target, net.weight);
  }

  // ------------------------------------------------------------------ checkpoints

  /** The full state: restoring it continues the run bit-identically. Arrays are copies. */
  checkpoint(): Checkpoint {
    const q = this.q, rec = this.rec;
    const ev = { time: [] as number[], target: [] as number[], weight: [] as number[], code: [] as number[] };
    q.forEachPending((t, target, w, code) => {
      ev.time.push(t);
      ev.target.push(target);
      ev.weight.push(w);
      ev.code.push(code);
    });
    const events = {
      time: Float64Array.from(ev.time),
      target: Int32Array.from(ev.target),
      weight: Float64Array.from(ev.weight),
      code: Int32Array.from(ev.code),
    };
    let log: Checkpoint['log'] = null;
    if (this.log) {
      const L = this.log;
      const node = new Int32Array(L.count), time = new Float64Array(L.count), weight = new Float64Array(L.count), code = new Int32Array(L.count);
      let k = 0;
      for (let j = 0; j < this.net.n; j++)
        for (let e = L.headOf[j]; e !== -1; e = L.nextOf(e), k++) {
          node[k] = j;
          time[k] = L.time[e];
          weight[k] = L.weight[e];
          code[k] = L.code[e];
        }
      log = { node, time, weight, code };
    }
    let drive: Checkpoint['drive'] = null;
    if (this.drv) {
      const n = this.net.n, d = this.drv, f = this.drvFlags!;
      const col = (k: number) => Float64Array.from({ length: n }, (_, j) => d[j * DS + k]);
      drive = {
        rate: col(D_RATE).map((r) => r * 1000),
        weight: col(D_WEIGHT),
        count: col(D_COUNT),
        clock: col(D_CLOCK),
        force: f.map((x) => (x & D_FORCE ? 1 : 0)),
        pending: f.map((x) => (x & D_PENDING ? 1 : 0)),
      };
    }
    return {
      format: 'refract-checkpoint',
      version: 1,
      network: { n: this.net.n, m: this.net.m, fingerprint: fingerprint(this.net) },
      seed: this.seed,
      dt: this.dt,
      record: { spikes: rec.keepSpikes, edgeCounts: rec.edgeDelivered !== null, causes: rec.keepCauses },
      now: this.now,
      u: this.column(U),
      tUpd: this.column(TUPD),
      last: this.column(LAST),
      drive,
      events,
      log,
      recorder: {
        spikeNode: rec.spikeNode.slice(0, rec.keepSpikes ? rec.spikeCount : 0),
        spikeTime: rec.spikeTime.slice(0, rec.keepSpikes ? rec.spikeCount : 0),
        spikeCount: rec.spikeCount,
        nodeSpikes: rec.nodeSpikes.slice(),
        nodeDelivered: rec.nodeCount(0),
        nodeBlocked: rec.nodeCount(1),
        edgeDelivered: rec.edgeDelivered ? rec.edgeDelivered.slice() : null,
        edgeBlocked: rec.edgeBlocked ? rec.edgeBlocked.slice() : null,
        stimulusDelivered: rec.stimulusDelivered,
        stimulusBlocked: rec.stimulusBlocked,
        causeStart: rec.causeStart.slice(0, rec.keepCauses ? rec.spikeCount + 1 : 1),
        causeCode: rec.causeCode.slice(0, rec.causeCount),
        causeTime: rec.causeTime.slice(0, rec.causeCount),
      },
    };
  }

  /** A simulation of `net` in the state of `cp`; throws if cp belongs to another network. */
  static restore(net: Network, cp: Checkpoint): Simulation {
    if (cp.format !== 'refract-checkpoint' || cp.version !== 1) throw new RangeError('checkpoint: not a version 1 Refract checkpoint');
    const problem = checkpointProblem(cp);
    if (problem) throw new RangeError(`checkpoint: ${problem.field}: ${problem.message}`);
    if (cp.network.n !== net.n || cp.network.m !== net.m || cp.network.fingerprint !== fingerprint(net))
      throw new RangeError('checkpoint: it was saved from a different network');
    const n = net.n;
    const sim = new Simulation(net, { seed: cp.seed, dt: cp.dt ?? undefined, record: cp.record });
    sim.now = cp.now;
    for (let j = 0; j < n; j++) {
      sim.st[j * NS + U] = cp.u[j];
      sim.st[j * NS + TUPD] = cp.tUpd[j];
      sim.st[j * NS + LAST] = cp.last[j];
    }
    if (cp.drive) {
      const d = (sim.drv = new Float64Array(n * DS)), f = (sim.drvFlags = new Uint8Array(n));
      for (let j = 0; j < n; j++) {
        d[j * DS + D_RATE] = cp.drive.rate[j] / 1000;
        d[j * DS + D_WEIGHT] = cp.drive.weight[j];
        d[j * DS + D_COUNT] = cp.drive.count[j];
        d[j * DS + D_CLOCK] = cp.drive.clock[j];
        f[j] = (cp.drive.force[j] ? D_FORCE : 0) | (cp.drive.pending[j] ? D_PENDING : 0);
      }
    }
    const q = sim.q;
    const nowSlot = q.slotOf(cp.now);
    if (!(nowSlot < MAX_SLOT)) throw new RangeError(`checkpoint: now: ${cp.now * sim.scale} ms is beyond what this network's event queue can count (2^53 slots of ${q.width * sim.scale} ms)`);
    q.moveTo(nowSlot);
    const ev = cp.events;
    for (let k = 0; k < ev.time.length; k++) q.push(ev.time[k], ev.target[k], ev.weight[k], ev.code[k]);
    if (cp.log && sim.log) for (let k = 0; k < cp.log.node.length; k++) sim.log.push(cp.log.node[k], cp.log.time[k], cp.log.weight[k], cp.log.code[k]);
    sim.rec.restore(cp.recorder);
    return sim;
  }

  // ------------------------------------------------------------------ results

  /** Spikes so far in canonical (time, node) order, times in ms. */
  spikes(): SpikeList {
    return this.sortedRecording().spikes;
  }

  private sortedRecording(): { spikes: SpikeList; causes: CauseList | null; count: number } {
    const rec = this.rec;
    if (!rec.keepSpikes) throw new Error('spikes were not recorded (record.spikes = false)');
    if (this.sorted && this.sorted.count === rec.spikeCount) return this.sorted;
    const ord = rec.order();
    const S = rec.spikeCount;
    const node = new Int32Array(S), time = new Float64Array(S);
    for (let k = 0; k < S; k++) {
      node[k] = rec.spikeNode[ord[k]];
      time[k] = rec.spikeTime[ord[k]] * this.scale;
    }
    let causes: CauseList | null = null;
    if (rec.keepCauses) {
      const start = new Float64Array(S + 1);
      for (let k = 0; k < S; k++) start[k + 1] = start[k] + (rec.causeStart[ord[k] + 1] - rec.causeStart[ord[k]]);
      const code = new Int32Array(rec.causeCount), ctime = new Float64Array(rec.causeCount);
      for (let k = 0; k < S; k++) {
        let o = start[k];
        for (let c = rec.causeStart[ord[k]]; c < rec.causeStart[ord[k] + 1]; c++, o++) {
          code[o] = rec.causeCode[c];
          ctime[o] = rec.causeTime[c] * this.scale;
        }
      }
      causes = { start, code, time: ctime };
    }
    this.sorted = { spikes: { node, time }, causes, count: S };
    return this.sorted;
  }

  /** Everything recorded so far (per-node counts are copies). */
  recording(): Recording {
    const rec = this.rec;
    const sorted = rec.keepSpikes ? this.sortedRecording() : null;
    return {
      duration: this.time,
      spikes: sorted ? sorted.spikes : null,
      spikeCount: rec.spikeCount,
      nodeSpikes: rec.nodeSpikes,
      nodeDelivered: rec.nodeCount(0),
      nodeBlocked: rec.nodeCount(1),
      edgeDelivered: rec.edgeDelivered,
      edgeBlocked: rec.edgeBlocked,
      stimulusDelivered: rec.stimulusDelivered,
      stimulusBlocked: rec.stimulusBlocked,
      causes: sorted ? sorted.causes : null,
    };
  }

  /** Raw access for benchmarks: spikes in recording order, times in engine units. */
  rawSpikes(): { node: Int32Array; time: Float64Array; count: number } {
    return { node: this.rec.spikeNode, time: this.rec.spikeTime, count: this.rec.spikeCount };
  }
}


