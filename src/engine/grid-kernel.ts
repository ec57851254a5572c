/**
 * The fast grid kernel (docs/design.md §4): clock-driven time (integer steps of dt, like Brian2 and
 * docs/workloads/crg.md §5), event-driven work. A spike of node i at step s puts one entry
 * (first edge, count) per distinct delay d into the queue slot of step s + d; processing a
 * slot walks those edge runs and applies each arrival to its target:
 *
 *   - refractory (s < last spike + R): discarded, nothing changes;
 *   - else u ← u · exp(−(s − t_upd)·dt/τm) + w; u ≥ θ: spike, u ← 0.
 *
 * Each node is one double (8 bytes, the whole state): while resting it holds u scaled by
 * e^{(s − s0)·dt/τm}, where s0 is a reference step shared by all nodes and moved forward every
 * few τm (rescaling every node once). Leak then costs nothing per arrival: an arrival adds
 * w·e^{(s − s0)·dt/τm} and compares with θ·e^{(s − s0)·dt/τm}, both the same for every arrival
 * of a step. While refractory the double holds −(first receptive step): u ≥ 0 otherwise, as
 * weights are non-negative, and u = 0 after the refractory period anyway.
 *
 * Arrivals of one step are applied one at a time. With non-negative weights that equals
 * summing them first (partial sums only grow; the spike's u = 0 and refractoriness absorb
 * the rest), which is the engine's and Brian2's grid semantics.
 *
 * One kernel owns one partition of the nodes. Within a step it applies, per node, first the
 * injected stimuli, then the Poisson drive, then recurrent arrivals ordered by (emission step,
 * source id); spikes are emitted in node order after each step. Every order is therefore
 * independent of how the nodes are partitioned, and a run on P worker threads is identical
 * to the run on one, bit for bit.
 *
 * The drive is a Poisson process per node drawn per (step, block of 1024 nodes) from the
 * counter hash, so it too is independent of the partitioning.
 */
import { h32, STREAM_DRIVE } from '../model/hash.js';
import { PoissonCells } from './poisson-cells.js';
import { ensureLength } from '../model/typed.js';
import type { GridNetwork } from './grid-network.js';

export const DRIVE_BLOCK = 1024;
/** The reference step moves at most this many τm behind (scale factors stay ≤ e^2). */
const RESCALE_TAU = 2;

export interface GridDrive {
  /** Poisson rate per node (Hz). */
  rate: number;
  /** Weight of each drive event. */
  weight: number;
}

export interface GridKernelOptions {
  /** Partition owned by this kernel. Default 0. */
  part?: number;
  /** Seed of the drive. Default 1. */
  seed?: number;
  drive?: GridDrive | null;
  /** u(0) per node (global ids): a value, an array over all nodes, or a function. Default 0. */
  initialPotential?: number | ArrayLike<number> | ((j: number) => number);
  /** Stimuli (weight θ fires a resting node), applied before the drive at their step. */
  inject?: readonly { node: number; step: number; weight: number }[];
  /** Keep every spike (node, step) of the owned nodes. Default false (counts only). */
  recordSpikes?: boolean;
  /** Steps that will be simulated (sizes the per-step counts). */
  totalSteps: number;
}

/** What one kernel counted over its own nodes. */
export interface GridTally {
  spikes: number;
  delivered: number;
  blocked: number;
  driveDelivered: number;
  driveBlocked: number;
  /** Spikes per step. */
  perStep: Int32Array;
  /** CRG-det fields over the owned nodes (docs/workloads/crg.md §5). */
  checksum: number;
  sumSteps: number;
  nodesFired: number;
}

export class GridKernel {
  readonly g: GridNetwork;
  readonly part: number;
  readonly lo: number;
  readonly hi: number;
  private readonly P: number;
  /** Per owned node: u·e^{(s − s0)·dt/τm} when ≥ 0, −(first receptive step) while refractory. */
  private readonly su: Float64Array;
  /** Reference step s0 of the scaling, and how often it moves (steps). */
  private s0 = 0;
  private readonly rescaleEvery: number;
  /** e^{d·dt/τm} for d = 0..rescaleEvery (uniform τm), else null. */
  private readonly growth: Float64Array | null;
  /** τm per owned node when it differs between nodes. */
  private readonly tauArr: Float64Array | null;
  private readonly theta: Float64Array | null;
  private readonly thetaUni: number;
  private readonly Rarr: Int32Array | null;
  private readonly Runi: number;
  /** θ, R and τm shared by all nodes: the specialised loops do the work. */
  private readonly uniform: boolean;
  private nSp = 0;
  private delivered = 0;
  private blocked = 0;
  private readonly fired: Uint8Array;
  private readonly ring: number;
  private readonly slot: Uint32Array[];
  private readonly slotLen: Int32Array;
  private readonly runsPerSlot: number;
  private readonly one = new Int32Array(1);
  private gather = new Int32Array(1024);
  private emitBuf = new Uint32Array(3072);
  /** Sink of the loads that pull run lists into the cache (kept so they are not optimised away). */
  touched = 0;
  private readonly cells: PoissonCells | null;
  private readonly seed: number;
  private readonly drive: GridDrive | null;
  private readonly inject: { node: number; step: number; weight: number }[];
  private injectPos = 0;
  private readonly recordSpikes: boolean;
  /** Spikes of the current epoch: nodes, and per step of the epoch the end index. */
  epochNodes: Int32Array = new Int32Array(1024);
  epochEnd: Int32Array = new Int32Array(64);
  epochLen = 0;
  epochFirst = 0;
  epochSteps = 0;
  private spikeNode: Int32Array = new Int32Array(0);
  private spikeStep: Int32Array = new Int32Array(0);
  private recCount = 0;
  readonly tally: GridTally;

  constructor(g: GridNetwork, o: GridKernelOptions) {
    this.g = g;
    this.P = g.bounds.length - 1;
    this.part = o.part ?? 0;
    if (this.part < 0 || this.part >= this.P) throw new RangeError(`part must be in 0..${this.P - 1}`);
    this.lo = g.bounds[this.part];
    this.hi = g.bounds[this.part + 1];
    this.seed = o.seed ?? 1;
    this.drive = o.drive && o.drive.rate > 0 ? o.drive : null;
    this.cells = this.drive ? new PoissonCells((this.drive.rate / 1000) * g.dt) : null;
    this.inject = (o.inject ?? []).filter((x) => x.node >= this.lo && x.node < this.hi).sort((a, b) => a.step - b.step || a.node - b.node);
    this.recordSpikes = o.recordSpikes ?? false;
    if (this.recordSpikes) {
      this.spikeNode = new Int32Array(1024);
      this.spikeStep = new Int32Array(1024);
    }
    const nOwn = this.hi - this.lo;
    const su = (this.su = new Float64Array(nOwn));
    const u0 = o.initialPotential ?? 0;
    for (let k = 0; k < nOwn; k++) {
      const j = this.lo + k;
      const u = typeof u0 === 'number' ? u0 : typeof u0 === 'function' ? u0(j) : u0[j];
      if (!(u >= 0)) throw new RangeError(`the fast grid kernel needs u(0) ≥ 0, node ${j} has ${u}`);
      su[k] = u;
    }
    this.theta = typeof g.theta === 'number' ? null : g.theta.slice(this.lo, this.hi);
    this.thetaUni = typeof g.theta === 'number' ? g.theta : 0;
    this.Rarr = typeof g.refractory === 'number' ? null : g.refractory;
    this.Runi = typeof g.refractory === 'number' ? g.refractory : 0;
    const tau = g.tauM;
    this.tauArr = typeof tau === 'number' ? null : tau.slice(this.lo, this.hi);
    const tauMin = typeof tau === 'number' ? tau : this.tauArr!.reduce((a, b) => Math.min(a, b), Infinity);
    // without leak the reference step still moves (every 4096 steps), so the table stays small
    this.rescaleEvery = Number.isFinite(tauMin) ? Math.max(1, Math.floor((RESCALE_TAU * tauMin) / g.dt)) : 4096;
    if (typeof tau === 'number') {
      this.growth = new Float64Array(this.rescaleEvery + 1);
      for (let d = 0; d <= this.rescaleEvery; d++) this.growth[d] = Math.exp((d * g.dt) / tau);
    } else this.growth = null;
    this.uniform = this.growth !== null && this.Rarr === null && this.theta === null;
    this.fired = new Uint8Array(nOwn);
    this.ring = g.maxSteps + 1;
    this.slot = Array.from({ length: this.ring }, () => new Uint32Array(256));
    this.slotLen = new Int32Array(this.ring);
    let maxGroup = 0;
    for (let x = 0; x + 2 < g.group.length; x += 2) maxGroup = Math.max(maxGroup, g.group[x + 2] - g.group[x]);
    this.runsPerSlot = Math.max(1, Math.ceil(maxGroup / 255));
    this.tally = { spikes: 0, delivered: 0, blocked: 0, driveDelivered: 0, driveBlocked: 0, perStep: new Int32Array(o.totalSteps), checksum: 0, sumSteps: 0, nodesFired: 0 };
  }

  /** Moves the reference step to s when it is rescaleEvery behind (the same steps on every partition). */
  private rescale(s: number): void {
    const d = s - this.s0;
    if (d < this.rescaleEvery) return;
    const su = this.su, tauArr = this.tauArr;
    if (tauArr === null) {
      const f = Math.exp((-d * this.g.dt) / (this.g.tauM as number));
      if (f !== 1) for (let k = 0; k < su.length; k++) if (su[k] > 0) su[k] *= f;
    } else for (let k = 0; k < su.length; k++) if (su[k] > 0) su[k] *= Math.exp((-d * this.g.dt) / tauArr[k]);
    this.s0 = s;
  }

  /** e^{(s − s0)·dt/τm} of owned node k. */
  private scaleOf(k: number, s: number): number {
    return this.growth !== null ? this.growth[s - this.s0] : Math.exp(((s - this.s0) * this.g.dt) / (this.tauArr as Float64Array)[k]);
  }

  /** Applies arrivals of weight w (or weights[e]) at step s to the targets tg[a..b): any network. */
  private applyRun(tg: Int32Array, a: number, b: number, w: number, weights: Float32Array | null, s: number): void {
    const su = this.su, lo = this.lo, theta = this.theta;
    let delivered = 0, blocked = 0;
    for (let e = a; e < b; e++) {
      const k = tg[e] - lo;
      let x = su[k];
      if (x < 0) {
        if (s < -x) {
          blocked++;
          continue;
        }
        x = 0;
      }
      delivered++;
      const E = this.scaleOf(k, s);
      x += (weights === null ? w : weights[e]) * E;
      if (x >= (theta === null ? this.thetaUni : theta[k]) * E) {
        su[k] = -(s + (this.Rarr === null ? this.Runi : this.Rarr[k + lo]));
        if (this.nSp === this.epochNodes.length) this.grow();
        this.epochNodes[this.nSp++] = k + lo;
      } else su[k] = x;
    }
    this.delivered += delivered;
    this.blocked += blocked;
  }

  /**
   * Arrivals of weight w at step s to the nodes ids[0..n) (global ids) when θ, R and τm are
   * uniform: the hot loop. The whole per-arrival semantics of the specialised path lives here.
   */
  private applyUniform(ids: Int32Array, n: number, w: number, s: number): void {
    const su = this.su, lo = this.lo;
    const E = (this.growth as Float64Array)[s - this.s0];
    const wE = w * E, thetaE = this.thetaUni * E, marker = -(s + this.Runi);
    let blocked = 0, nSp = this.nSp, out = this.epochNodes;
    for (let i = 0; i < n; i++) {
      const k = ids[i] - lo;
      let x = su[k];
      if (x < 0) {
        if (s < -x) {
          blocked++;
          continue;
        }
        x = 0;
      }
      x += wE;
      if (x >= thetaE) {
        su[k] = marker;
        if (nSp === out.length) {
          this.nSp = nSp;
          this.grow();
          out = this.epochNodes;
        }
        out[nSp++] = k + lo;
      } else su[k] = x;
    }
    this.nSp = nSp;
    this.delivered += n - blocked;
    this.blocked += blocked;
  }

  /**
   * A whole slot of runs, uniform case. The slot's targets are gathered first: branch-free
   * loads from scattered edge rows overlap in the memory system, instead of waiting one by one
   * inside the branchy update loop.
   */
  private applySlotUniform(tg: Int32Array, sb: Uint32Array, len: number, w: number, s: number): void {
    let total = 0;
    for (let q = 0; q < len; q += 2) total += sb[q + 1];
    this.gather = ensureLength(this.gather, total);
    const gather = this.gather;
    let n = 0;
    for (let q = 0; q < len; q += 2) {
      const a = sb[q], b = a + sb[q + 1];
      for (let e = a; e < b; e++) gather[n++] = tg[e];
    }
    this.applyUniform(gather, n, w, s);
  }

  /**
   * Processes steps [from, to) for the owned nodes. Their spikes are left in epochNodes (node
   * order within each step; epochEnd[k] ends step from + k) for `emit`.
   */
  advance(from: number, to: number): void {
    const g = this.g, lo = this.lo, tally = this.tally;
    const target = g.target;
    const weights = typeof g.weight === 'number' ? null : g.weight;
    const w = typeof g.weight === 'number' ? g.weight : 0;
    this.epochEnd = ensureLength(this.epochEnd, to - from);
    this.epochFirst = from;
    this.epochSteps = to - from;
    this.nSp = 0;
    const one = this.one;
    for (let s = from; s < to; s++) {
      this.rescale(s);
      const stepStart = this.nSp;
      // 1. injected stimuli
      const inj = this.inject;
      while (this.injectPos < inj.length && inj[this.injectPos].step < s) this.injectPos++;
      while (this.injectPos < inj.length && inj[this.injectPos].step === s) {
        const x = inj[this.injectPos++];
        one[0] = x.node;
        this.applyRun(one, 0, 1, x.weight, null, s);
      }
      // 2. Poisson drive: per block of nodes a Poisson process over the block's cells
      if (this.drive !== null) {
        const d0 = this.delivered, b0 = this.blocked;
        const cells = this.cells as PoissonCells, w = this.drive.weight;
        for (let blockStart = lo; blockStart < this.hi; blockStart += DRIVE_BLOCK) {
          const nb = cells.draw(h32(this.seed, STREAM_DRIVE, s, blockStart / DRIVE_BLOCK), Math.min(DRIVE_BLOCK, this.hi - blockStart));
          const buf = cells.out;
          for (let q = 0; q < nb; q++) buf[q] += blockStart;
          if (this.uniform) this.applyUniform(buf, nb, w, s);
          else this.applyRun(buf, 0, nb, w, null, s);
        }
        tally.driveDelivered += this.delivered - d0;
        tally.driveBlocked += this.blocked - b0;
        this.delivered = d0;
        this.blocked = b0;
      }
      // 3. recurrent arrivals: runs of edges (first edge, count)
      const r = s % this.ring;
      const sb = this.slot[r], len = this.slotLen[r];
      if (this.uniform && weights === null) this.applySlotUniform(target, sb, len, w, s);
      else for (let q = 0; q < len; q += 2) this.applyRun(target, sb[q], sb[q] + sb[q + 1], w, weights, s);
      this.slotLen[r] = 0;
      // this step's spikes, in node order
      const nSp = this.nSp;
      if (nSp - stepStart > 1) this.epochNodes.subarray(stepStart, nSp).sort();
      this.epochEnd[s - from] = nSp;
      const count = nSp - stepStart;
      tally.perStep[s] += count;
      tally.spikes += count;
      for (let k = stepStart; k < nSp; k++) {
        const j = this.epochNodes[k];
        tally.checksum = (tally.checksum + Math.imul(j + 1, s + 1)) >>> 0;
        tally.sumSteps += s;
        if (this.fired[j - lo] === 0) {
          this.fired[j - lo] = 1;
          tally.nodesFired++;
        }
        if (this.recordSpikes) this.keepSpike(j, s);
      }
    }
    this.epochLen = this.nSp;
    tally.delivered += this.delivered;
    tally.blocked += this.blocked;
    this.delivered = this.blocked = 0;
  }

  /**
   * Schedules the arrivals, on the owned nodes, of spikes of steps [first, first + nSteps):
   * nodes[ends[k-1] .. ends[k]) spiked at step first + k (ends[-1] = 0), in node order.
   */
  emit(first: number, nSteps: number, nodes: Int32Array, ends: ArrayLike<number>, start = 0): void {
    const group = this.g.group, runs = this.g.runs, P = this.P, p = this.part, ring = this.ring;
    const slot = this.slot, slotLen = this.slotLen;
    // a spike adds at most runsPerSlot runs to one slot (runs of one delay split at 255 edges): grow once
    const need = 2 * this.runsPerSlot * ((nSteps > 0 ? ends[nSteps - 1] : start) - start);
    for (let r = 0; r < ring; r++)
      slot[r] = ensureLength(slot[r], slotLen[r] + need);
    // pass 1: each spike's group (first edge, first run, end): independent loads from
    // scattered places, which the memory system overlaps; touching the run list pulls it in
    const total = (nSteps > 0 ? ends[nSteps - 1] : start) - start;
    this.emitBuf = ensureLength(this.emitBuf, 3 * total);
    const eb = this.emitBuf;
    let touch = 0;
    for (let k = 0; k < total; k++) {
      const x = 2 * (nodes[start + k] * P + p);
      const q = group[x + 1];
      eb[3 * k] = group[x];
      eb[3 * k + 1] = q;
      eb[3 * k + 2] = group[x + 2];
      touch += runs[2 * q];
    }
    this.touched = touch;
    // pass 2: one queue entry per run
    let k = 0;
    for (let t = 0; t < nSteps; t++) {
      const end = ends[t] - start, sr = (first + t) % ring;
      for (; k < end; k++) {
        let e = eb[3 * k], q = 2 * eb[3 * k + 1];
        const b = eb[3 * k + 2];
        while (e < b) {
          let r = sr + runs[q];
          const c = runs[q + 1];
          q += 2;
          if (r >= ring) r -= ring;
          const buf = slot[r];
          const len = slotLen[r];
          buf[len] = e;
          buf[len + 1] = c;
          slotLen[r] = len + 2;
          e += c;
        }
      }
    }
  }

  /** Emits this kernel's own spikes of the last `advance` (the single-thread case). */
  emitOwn(): void {
    this.emit(this.epochFirst, this.epochSteps, this.epochNodes, this.epochEnd);
  }

  /** The recorded spikes (node, step) of the owned nodes, in (step, node) order. */
  spikes(): { node: Int32Array; step: Int32Array } {
    const n = this.recCount;
    return { node: this.spikeNode.slice(0, n), step: this.spikeStep.slice(0, n) };
  }

  private grow(): void {
    this.epochNodes = ensureLength(this.epochNodes, this.epochNodes.length + 1);
  }

  private keepSpike(j: number, s: number): void {
    const n = this.recCount;
    this.spikeNode = ensureLength(this.spikeNode, n + 1);
    this.spikeStep = ensureLength(this.spikeStep, n + 1);
    this.spikeNode[n] = j;
    this.spikeStep[n] = s;
    this.recCount = n + 1;
  }
}

/** Options of a single-thread grid run. */
export interface GridRunOptions extends Omit<GridKernelOptions, 'part' | 'totalSteps'> {
  /** Steps to simulate: [0, steps). */
  steps: number;
  onProgress?: (fraction: number) => void;
}

/** Runs a one-partition grid network on this thread. */
export function runGrid(g: GridNetwork, o: GridRunOptions): GridKernel {
  if (g.bounds.length !== 2) throw new RangeError('runGrid runs a network built with one partition; use the worker-thread runner for more');
  const k = new GridKernel(g, { ...o, part: 0, totalSteps: o.steps });
  const E = Math.max(1, g.minSteps);
  let tick = 0;
  for (let t = 0; t < o.steps; t += E) {
    const to = Math.min(o.steps, t + E);
    k.advance(t, to);
    k.emitOwn();
    if (o.onProgress && ++tick % 64 === 0) o.onProgress(to / o.steps);
  }
  o.onProgress?.(1);
  return k;
}
