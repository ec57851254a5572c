/**
 * The page's model clock. The worker runs ahead in chunks; spikes are applied here when the
 * displayed time passes them, so a node lights up, and its signals leave, at the moment the
 * engine says. `lastSpike`, `lastBlocked` and `signalsInFlight` are what the renderer draws.
 */
import type { EngineEvents, NetworkInfo } from './protocol.js';
import { SpikeWindow } from './spike-window.js';

export class Playback {
  readonly info: NetworkInfo;
  readonly lastSpike: Float32Array;
  readonly lastBlocked: Float32Array;
  /** Spikes of each node shown so far. */
  readonly spikeCount: Uint32Array;
  /** Signals in flight, 6 floats each (see signalsInFlight). */
  signals = new Float32Array(6 * 4096);
  private readonly xy: Float32Array;
  /** Longest emission delay plus latency: older spikes have no signal in flight. */
  private readonly maxDelay: number;
  readonly spikes = new SpikeWindow(400_000);
  private readonly offset: Uint32Array;
  private readonly chunks: EngineEvents[] = [];
  private cursor = 0;
  now = 0;
  /** The worker has sent events up to here. */
  bufferedUntil = 0;
  requested = 0;
  spikesShown = 0;
  dirtyNodes = true;
  dirtyBlocked = true;
  latest: EngineEvents | null = null;

  constructor(info: NetworkInfo, xy: Float32Array) {
    this.info = info;
    this.xy = xy;
    this.lastSpike = new Float32Array(info.n).fill(-1e9);
    this.lastBlocked = new Float32Array(info.n).fill(-1e9);
    this.spikeCount = new Uint32Array(info.n);
    let maxLat = 0, maxP = 0;
    for (let e = 0; e < info.m; e++) maxLat = Math.max(maxLat, info.latency[e]);
    for (let i = 0; i < info.n; i++) maxP = Math.max(maxP, info.processing[i]);
    this.maxDelay = maxLat + maxP;
    // edges arrive in CSR order by source: node i's out-edges are offset[i]..offset[i+1]
    this.offset = new Uint32Array(info.n + 1);
    for (let e = 0; e < info.m; e++) this.offset[info.source[e] + 1]++;
    for (let i = 0; i < info.n; i++) this.offset[i + 1] += this.offset[i];
  }

  /** Out-degree of node i. */
  outDegree(i: number): number {
    return this.offset[i + 1] - this.offset[i];
  }

  receive(ev: EngineEvents): void {
    this.chunks.push(ev);
    this.bufferedUntil = ev.until;
    this.latest = ev;
  }

  /** Moves the displayed time to `t` (never past what the worker has computed). */
  advanceTo(t: number): void {
    this.now = Math.min(t, this.bufferedUntil);
    while (this.chunks.length > 0) {
      const c = this.chunks[0];
      while (this.cursor < c.spikeTime.length && c.spikeTime[this.cursor] <= this.now) {
        const i = c.spikeNode[this.cursor], ts = c.spikeTime[this.cursor];
        this.lastSpike[i] = ts;
        this.spikes.push(i, ts);
        this.spikesShown++;
        this.spikeCount[i]++;
        this.cursor++;
        this.dirtyNodes = true;
      }
      if (this.cursor < c.spikeTime.length || this.now < c.until) {
        // blocked arrivals are known per chunk: flash them once the clock is inside it
        if (this.now >= c.from && c.blockedNode.length > 0) this.flashBlocked(c);
        break;
      }
      this.flashBlocked(c);
      this.chunks.shift();
      this.cursor = 0;
    }
  }

  /**
   * Fills `signals` with every signal in flight at the displayed time: for each recent spike
   * of node i at t, each out-edge e with t + P_i ≤ now ≤ t + P_i + τ_e. Returns the count
   * (at most `cap`, to bound a frame's work).
   */
  signalsInFlight(cap = 200_000): number {
    const { xy, offset, now } = this;
    const { processing: P, latency: lat, target } = this.info;
    let k = 0;
    this.spikes.since(now - this.maxDelay, (i, t) => {
      const emit = t + P[i];
      if (emit > now) return;
      for (let e = offset[i]; e < offset[i + 1] && k < cap; e++) {
        if (now - emit > lat[e]) continue;
        if (6 * (k + 1) > this.signals.length) {
          const bigger = new Float32Array(2 * this.signals.length);
          bigger.set(this.signals);
          this.signals = bigger;
        }
        const o = 6 * k++, j = target[e];
        this.signals[o] = xy[2 * i];
        this.signals[o + 1] = xy[2 * i + 1];
        this.signals[o + 2] = xy[2 * j];
        this.signals[o + 3] = xy[2 * j + 1];
        this.signals[o + 4] = emit;
        this.signals[o + 5] = lat[e];
      }
    });
    return k;
  }

  private flashBlocked(c: EngineEvents): void {
    for (let k = 0; k < c.blockedNode.length; k++) this.lastBlocked[c.blockedNode[k]] = Math.max(c.from, Math.min(this.now, c.until));
    if (c.blockedNode.length > 0) this.dirtyBlocked = true;
    c.blockedNode = new Int32Array(0);
  }
}
