/**
 * One FIFO of recent arrivals per node, all in one pooled set of typed arrays. Window-mode
 * nodes keep the effective arrivals of the last W ms in it; when causes are recorded, every
 * node keeps the arrivals that contributed to its accumulated input since it last fired.
 */
import { resized } from '../model/typed.js';

export class NodeLog {
  time: Float64Array;
  weight: Float64Array;
  code: Int32Array;
  private next: Int32Array;
  private free = -1;
  readonly headOf: Int32Array;
  private readonly tailOf: Int32Array;
  /** Entries currently held, over all nodes. */
  count = 0;

  constructor(n: number, capacity = 64) {
    this.headOf = new Int32Array(n).fill(-1);
    this.tailOf = new Int32Array(n).fill(-1);
    this.time = new Float64Array(0);
    this.weight = new Float64Array(0);
    this.code = new Int32Array(0);
    this.next = new Int32Array(0);
    this.grow(capacity);
  }

  private grow(cap: number): void {
    const old = this.time.length;
    this.time = resized(this.time, cap);
    this.weight = resized(this.weight, cap);
    this.code = resized(this.code, cap);
    this.next = resized(this.next, cap);
    for (let k = cap - 1; k >= old; k--) {
      this.next[k] = this.free;
      this.free = k;
    }
  }

  /** Empties every node's list, keeping the pool. */
  clearAll(): void {
    this.headOf.fill(-1);
    this.tailOf.fill(-1);
    this.free = -1;
    for (let k = this.time.length - 1; k >= 0; k--) {
      this.next[k] = this.free;
      this.free = k;
    }
    this.count = 0;
  }

  push(node: number, t: number, w: number, code: number): void {
    if (this.free === -1) this.grow(this.time.length * 2);
    const k = this.free;
    this.free = this.next[k];
    this.time[k] = t;
    this.weight[k] = w;
    this.code[k] = code;
    this.next[k] = -1;
    if (this.tailOf[node] === -1) this.headOf[node] = k;
    else this.next[this.tailOf[node]] = k;
    this.tailOf[node] = k;
    this.count++;
  }

  /** Drops the node's entries older than `tMin` (they are in time order). */
  dropBefore(node: number, tMin: number): void {
    let k = this.headOf[node];
    while (k !== -1 && this.time[k] < tMin) {
      const nx = this.next[k];
      this.next[k] = this.free;
      this.free = k;
      this.count--;
      k = nx;
    }
    this.headOf[node] = k;
    if (k === -1) this.tailOf[node] = -1;
  }

  clear(node: number): void {
    this.dropBefore(node, Infinity);
  }

  /** Sum of the node's weights, oldest first (a fixed order, so the result is reproducible). */
  sum(node: number): number {
    let s = 0;
    for (let k = this.headOf[node]; k !== -1; k = this.next[k]) s += this.weight[k];
    return s;
  }

  nextOf(k: number): number {
    return this.next[k];
  }
}
