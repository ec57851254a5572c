/**
 * What a simulation records: spikes (node, time), delivered and blocked arrival counts per
 * node and (optionally) per edge, and (optionally) the arrivals that caused each spike.
 * Spikes are appended slot by slot; `sortedSpikes` gives the canonical (time, node) order.
 */

export interface RecordOptions {
  /** Keep every spike (node, time). Default true. */
  spikes?: boolean;
  /** Count delivered and blocked arrivals per edge (two Uint32 per edge). Default false. */
  edgeCounts?: boolean;
  /** Record which arrivals caused each activation. Default false. */
  causes?: boolean;
}

import { ensureLength as grow } from '../model/typed.js';

/**
 * Most spikes (and, separately, most causes) a recording keeps: 10^8 spikes take 1.2 GB
 * (node int32 + time float64; up to a third more while the arrays grow by doubling). Activity that would record
 * more — a self-sustaining network run for a very long time — is refused with this limit
 * rather than growing until the process runs out of memory.
 */
export const MAX_RECORDED = 100_000_000;

function tooMany(what: string): never {
  throw new RangeError(`the run records more than 10^8 ${what}, the limit of one recording (1.2 GB or more): simulate a shorter duration`);
}

export interface RecorderState {
  spikeNode: Int32Array;
  spikeTime: Float64Array;
  spikeCount: number;
  nodeSpikes: Uint32Array;
  nodeDelivered: Uint32Array;
  nodeBlocked: Uint32Array;
  edgeDelivered: Uint32Array | null;
  edgeBlocked: Uint32Array | null;
  stimulusDelivered: number;
  stimulusBlocked: number;
  causeStart: Float64Array;
  causeCode: Int32Array;
  causeTime: Float64Array;
}

export class Recorder {
  readonly keepSpikes: boolean;
  readonly keepCauses: boolean;
  spikeNode = new Int32Array(0);
  spikeTime = new Float64Array(0);
  spikeCount = 0;
  /** Spikes per node (always kept). */
  readonly nodeSpikes: Uint32Array;
  /** Delivered (2j) and blocked (2j+1) arrivals of node j, interleaved: one cache line per event. */
  readonly nodeCounts: Uint32Array;
  readonly edgeDelivered: Uint32Array | null;
  readonly edgeBlocked: Uint32Array | null;
  stimulusDelivered = 0;
  stimulusBlocked = 0;
  /** causeStart[s] .. causeStart[s+1] index the causes of spike s (in recording order). */
  causeStart = new Float64Array(1);
  causeCode = new Int32Array(0);
  causeTime = new Float64Array(0);
  causeCount = 0;

  constructor(n: number, m: number, o: RecordOptions) {
    this.keepSpikes = o.spikes ?? true;
    this.keepCauses = o.causes ?? false;
    if (this.keepCauses && !this.keepSpikes) throw new RangeError('record.causes needs record.spikes');
    this.nodeSpikes = new Uint32Array(n);
    this.nodeCounts = new Uint32Array(2 * n);
    this.edgeDelivered = o.edgeCounts ? new Uint32Array(m) : null;
    this.edgeBlocked = o.edgeCounts ? new Uint32Array(m) : null;
  }

  spike(node: number, t: number): void {
    this.nodeSpikes[node]++;
    if (!this.keepSpikes) {
      this.spikeCount++;
      return;
    }
    const k = this.spikeCount++;
    if (k >= this.spikeNode.length) {
      if (k >= MAX_RECORDED) tooMany('spikes');
      this.spikeNode = grow(this.spikeNode, k + 1);
      this.spikeTime = grow(this.spikeTime, k + 1);
    }
    this.spikeNode[k] = node;
    this.spikeTime[k] = t;
  }

  cause(code: number, t: number): void {
    const k = this.causeCount++;
    if (k >= this.causeCode.length) {
      if (k >= MAX_RECORDED) tooMany('causes of spikes');
      this.causeCode = grow(this.causeCode, k + 1);
      this.causeTime = grow(this.causeTime, k + 1);
    }
    this.causeCode[k] = code;
    this.causeTime[k] = t;
  }

  /** Closes the cause list of the spike just recorded. */
  endCauses(): void {
    this.causeStart = grow(this.causeStart, this.spikeCount + 1);
    this.causeStart[this.spikeCount] = this.causeCount;
  }

  /** Empties every recording, keeping the arrays' memory. */
  clear(): void {
    this.spikeCount = 0;
    this.nodeSpikes.fill(0);
    this.nodeCounts.fill(0);
    this.edgeDelivered?.fill(0);
    this.edgeBlocked?.fill(0);
    this.stimulusDelivered = 0;
    this.stimulusBlocked = 0;
    this.causeStart[0] = 0;
    this.causeCount = 0;
  }

  restore(st: RecorderState): void {
    this.spikeNode = st.spikeNode.slice();
    this.spikeTime = st.spikeTime.slice();
    this.spikeCount = st.spikeCount;
    this.nodeSpikes.set(st.nodeSpikes);
    for (let j = 0; j < this.nodeSpikes.length; j++) {
      this.nodeCounts[2 * j] = st.nodeDelivered[j];
      this.nodeCounts[2 * j + 1] = st.nodeBlocked[j];
    }
    if (this.edgeDelivered && st.edgeDelivered) this.edgeDelivered.set(st.edgeDelivered);
    if (this.edgeBlocked && st.edgeBlocked) this.edgeBlocked.set(st.edgeBlocked);
    this.stimulusDelivered = st.stimulusDelivered;
    this.stimulusBlocked = st.stimulusBlocked;
    this.causeStart = st.causeStart.length > 0 ? st.causeStart.slice() : new Float64Array(1);
    this.causeCode = st.causeCode.slice();
    this.causeTime = st.causeTime.slice();
    this.causeCount = st.causeCode.length;
  }

  /** Delivered (which = 0) or blocked (which = 1) arrivals per node. */
  nodeCount(which: 0 | 1): Uint32Array {
    const n = this.nodeSpikes.length;
    const out = new Uint32Array(n);
    for (let j = 0; j < n; j++) out[j] = this.nodeCounts[2 * j + which];
    return out;
  }

  /** Permutation putting the recorded spikes in (time, node) order. */
  order(): Uint32Array {
    const s = this.spikeCount;
    const idx = new Uint32Array(s);
    for (let k = 0; k < s; k++) idx[k] = k;
    const t = this.spikeTime, nd = this.spikeNode;
    let sorted = true;
    for (let k = 1; k < s && sorted; k++) if (t[k] < t[k - 1] || (t[k] === t[k - 1] && nd[k] < nd[k - 1])) sorted = false;
    if (!sorted) idx.sort((a, b) => t[a] - t[b] || nd[a] - nd[b]);
    return idx;
  }
}
