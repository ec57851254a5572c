/**
 * Dynamic signatures: a vector per input from the activity it evokes. Each map node
 * contributes exp(−t/τs) of its first spike time t (0 if it stayed silent), so earlier (better
 * matched) activity weighs more; the vector is L2-normalised.
 */
import { Simulation } from '../engine/simulation.js';
import { latencyCode } from './encoder.js';
import type { DynamicNetwork } from './dynamic-network.js';
import { checkNumber, finitePositive } from './option-check.js';

export interface SignatureOptions {
  /** Decay constant τs of the time code, ms. Default 3. */
  tauS?: number;
  /** Nodes removed from the network (1 = removed, one entry per network node): they never fire. */
  lesion?: Uint8Array | null;
}

export class SignatureExtractor {
  readonly dim: number;
  private readonly sim: Simulation;
  private readonly values: Float32Array;
  private readonly tauS: number;
  /** Recurrent events processed by the last presentation (arrivals delivered + blocked). */
  lastEvents = 0;
  /** First spike time (ms) of every map node in the last presentation; Infinity if silent. */
  readonly times: Float64Array;

  constructor(
    readonly dn: DynamicNetwork,
    o: SignatureOptions = {},
  ) {
    this.dim = dn.mapCount;
    this.sim = new Simulation(dn.net, { record: { spikes: true } });
    this.values = new Float32Array(dn.encoder.channels * dn.encoder.size);
    this.tauS = checkNumber('tauS', o.tauS ?? 3, finitePositive, 'a finite number > 0 (ms)');
    this.times = new Float64Array(dn.mapCount);
    this.lesion = o.lesion ?? null;
  }

  lesion: Uint8Array | null;

  /** Signature of input x into out (length dim). */
  extract(x: ArrayLike<number>, out: Float32Array = new Float32Array(this.dim)): Float32Array {
    const { dn, sim, values } = this;
    const enc = dn.encoder;
    enc.channelValues(x, values);
    sim.reset();
    const lesion = this.lesion;
    for (let i = 0; i < values.length; i++) {
      const t = latencyCode(values[i], enc.window, enc.cutoff);
      if (t >= 0 && !(lesion && lesion[i])) sim.force(i, t);
    }
    sim.run(dn.horizon + 1e-9);
    out.fill(0);
    this.times.fill(Infinity);
    const raw = sim.rawSpikes();
    const base = dn.inputCount;
    for (let k = 0; k < raw.count; k++) {
      const m = raw.node[k] - base;
      if (m < 0 || (lesion && lesion[raw.node[k]])) continue;
      this.times[m] = raw.time[k];
      out[m] = Math.exp(-raw.time[k] / this.tauS);
    }
    let ss = 0;
    for (let m = 0; m < out.length; m++) ss += out[m] * out[m];
    const inv = ss > 0 ? 1 / Math.sqrt(ss) : 0;
    for (let m = 0; m < out.length; m++) out[m] *= inv;
    const rec = sim.recording();
    let ev = 0;
    for (let j = 0; j < rec.nodeDelivered.length; j++) ev += rec.nodeDelivered[j] + rec.nodeBlocked[j];
    this.lastEvents = ev - rec.stimulusDelivered - rec.stimulusBlocked;
    return out;
  }
}
