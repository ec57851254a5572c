/** The most recent spikes (node, time) in a fixed-size ring, for the raster. */
export class SpikeWindow {
  readonly node: Int32Array;
  readonly time: Float64Array;
  private head = 0;
  size = 0;

  constructor(readonly capacity: number) {
    this.node = new Int32Array(capacity);
    this.time = new Float64Array(capacity);
  }

  push(node: number, time: number): void {
    this.node[this.head] = node;
    this.time[this.head] = time;
    this.head = (this.head + 1) % this.capacity;
    if (this.size < this.capacity) this.size++;
  }

  /** Calls f for the stored spikes with time ≥ t0, newest first. */
  since(t0: number, f: (node: number, time: number) => void): void {
    for (let k = 1; k <= this.size; k++) {
      const j = (this.head - k + this.capacity) % this.capacity;
      if (this.time[j] < t0) return;
      f(this.node[j], this.time[j]);
    }
  }
}

/**
 * The raster's time axis: the last `span` ms up to `now`, but never before t = 0 — at the start
 * of a run it fills from the left instead of showing negative times.
 */
export function rasterWindow(now: number, span: number): { t0: number; t1: number } {
  const t0 = Math.max(0, now - span);
  return { t0, t1: t0 + span };
}
