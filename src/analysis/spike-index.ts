/**
 * Spikes grouped by node (CSR: node j's times are times[start[j] .. start[j+1]), ascending),
 * with each entry's index in the canonical spike list, for per-node lookups by time.
 */
export interface SpikeIndex {
  start: Uint32Array;
  times: Float64Array;
  /** Position of each grouped entry in the original (time, node)-ordered list. */
  order: Uint32Array;
}

export function indexSpikes(n: number, spikes: { node: ArrayLike<number>; time: ArrayLike<number> }): SpikeIndex {
  const S = spikes.node.length;
  const start = new Uint32Array(n + 1);
  for (let k = 0; k < S; k++) {
    const j = spikes.node[k];
    if (!(j >= 0 && j < n)) throw new RangeError(`spike ${k}: node ${j} is not in the network (nodes are 0..${n - 1})`);
    start[j + 1]++;
  }
  for (let j = 0; j < n; j++) start[j + 1] += start[j];
  const fill = start.slice(0, n);
  const times = new Float64Array(S);
  const order = new Uint32Array(S);
  for (let k = 0; k < S; k++) {
    const p = fill[spikes.node[k]]++;
    times[p] = spikes.time[k];
    order[p] = k;
  }
  for (let j = 0; j < n; j++)
    for (let p = start[j] + 1; p < start[j + 1]; p++)
      if (times[p] < times[p - 1]) throw new RangeError(`spikes of node ${j} are not in time order`);
  return { start, times, order };
}

/** Position (in idx.times) of node j's last spike strictly before t, or -1. */
export function lastBefore(idx: SpikeIndex, j: number, t: number): number {
  let lo = idx.start[j], hi = idx.start[j + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (idx.times[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1 >= idx.start[j] ? lo - 1 : -1;
}
