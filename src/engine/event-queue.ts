/**
 * The pending-event store of the engine (docs/design.md §4): a calendar queue. A ring of time
 * slots, slot c holding the events with floor(t / width) = c. The slot width is at most half
 * the smallest delay, so an event never schedules another into its own slot and scheduling
 * costs O(1). Each slot stores its events contiguously in fixed-size chunks taken from one
 * pool of flat typed arrays, so processing a slot reads memory in order; a processed slot
 * returns its chunks to the pool at once. Events too far ahead for the ring wait in a small
 * binary heap (stimuli and rare long gaps) and move into the ring as time advances.
 * Nothing is allocated per event: the pool grows by doubling.
 */

import { resized } from '../model/typed.js';

/** Codes ≥ 0 are edge ids; negative codes mark stimuli. */
export const CODE_FORCE = -1;
export const CODE_INJECT = -2;
export const CODE_DRIVE = -3;

const CHUNK_BITS = 9;
/** Events per chunk. */
export const CHUNK = 1 << CHUNK_BITS;
/**
 * Most events the pool holds at once: 2^27 events take 3.8 GB (28 bytes each). Activity
 * that keeps more signals in flight is refused with this limit instead of growing the pool
 * until the process runs out of memory (and event ids must stay int32).
 */
export const MAX_PENDING_EVENTS = 2 ** 27;

export class EventQueue {
  // pool of events; event id = chunk * CHUNK + k
  time: Float64Array;
  target: Int32Array;
  weight: Float64Array;
  code: Int32Array;
  /** Free per-event link, for the engine's own use (per-node chains within a slot). */
  link: Int32Array;
  private chunkNext: Int32Array;
  private chunkFill: Int32Array;
  private freeChunk = -1;

  readonly width: number;
  readonly invWidth: number;
  /** Ring slots; list SIDE (= size) is a scratch list outside the ring. */
  readonly size: number;
  readonly side: number;
  private readonly mask: number;
  private readonly headChunk: Int32Array;
  private readonly tailChunk: Int32Array;
  /** Index of the current slot, and its position in the ring. */
  cur = 0;
  curPos = 0;
  /** Events in the ring (not counting the overflow heap or detached lists). */
  ringCount = 0;

  // overflow: a binary heap of events (copied out of the pool) ordered by time
  private hTime = new Float64Array(64);
  private hTarget = new Int32Array(64);
  private hWeight = new Float64Array(64);
  private hCode = new Int32Array(64);
  heapSize = 0;

  constructor(width: number, ringSize: number, chunks = 16) {
    if (!(width > 0) || !Number.isFinite(width)) throw new RangeError(`slot width must be > 0, got ${width}`);
    this.width = width;
    this.invWidth = 1 / width;
    let b = 1;
    while (b < ringSize) b *= 2;
    this.size = b;
    this.side = b;
    this.mask = b - 1;
    this.headChunk = new Int32Array(b + 1).fill(-1);
    this.tailChunk = new Int32Array(b + 1).fill(-1);
    this.time = new Float64Array(0);
    this.target = new Int32Array(0);
    this.weight = new Float64Array(0);
    this.code = new Int32Array(0);
    this.link = new Int32Array(0);
    this.chunkNext = new Int32Array(0);
    this.chunkFill = new Int32Array(0);
    this.growChunks(chunks);
  }

  slotOf(t: number): number {
    return Math.floor(t * this.invWidth);
  }

  private growChunks(nChunks: number): void {
    if (nChunks * CHUNK > MAX_PENDING_EVENTS)
      throw new RangeError(`more than ${MAX_PENDING_EVENTS} events (2^27) are pending at once, the limit of the event queue (3.8 GB): the network's activity is too large to simulate`);
    const old = this.chunkNext.length;
    const cap = nChunks * CHUNK;
    this.time = resized(this.time, cap);
    this.target = resized(this.target, cap);
    this.weight = resized(this.weight, cap);
    this.code = resized(this.code, cap);
    this.link = resized(this.link, cap);
    this.chunkNext = resized(this.chunkNext, nChunks);
    this.chunkFill = resized(this.chunkFill, nChunks);
    for (let c = nChunks - 1; c >= old; c--) {
      this.chunkNext[c] = this.freeChunk;
      this.freeChunk = c;
    }
  }

  private newChunk(): number {
    if (this.freeChunk === -1) this.growChunks(this.chunkNext.length * 2);
    const c = this.freeChunk;
    this.freeChunk = this.chunkNext[c];
    this.chunkNext[c] = -1;
    this.chunkFill[c] = 0;
    return c;
  }

  /** Starts a new tail chunk for list `pos` (may grow the pool arrays). */
  private startChunk(pos: number): number {
    const c = this.tailChunk[pos];
    const nc = this.newChunk();
    if (c === -1) this.headChunk[pos] = nc;
    else this.chunkNext[c] = nc;
    this.tailChunk[pos] = nc;
    return nc;
  }

  /** Appends an event to list `pos` (a ring position or SIDE); returns its id. */
  private append(pos: number, t: number, target: number, weight: number, code: number): number {
    let c = this.tailChunk[pos];
    if (c === -1 || this.chunkFill[c] === CHUNK) c = this.startChunk(pos);
    const ev = (c << CHUNK_BITS) + this.chunkFill[c]++;
    this.time[ev] = t;
    this.target[ev] = target;
    this.weight[ev] = weight;
    this.code[ev] = code;
    return ev;
  }

  /**
   * Schedules the arrivals of one activation: edge e in [start, stop) delivers to tgt[e] at
   * tEmit + lat[e] with weight w[e] (or the shared weight w). The hot loop of the engine.
   */
  emit(tEmit: number, start: number, stop: number, lat: Float64Array, tgt: Int32Array, w: Float32Array | number): void {
    const inv = this.invWidth, cur = this.cur, curPos = this.curPos, mask = this.mask, size = this.size;
    const tail = this.tailChunk;
    let time = this.time, target = this.target, weight = this.weight, code = this.code, fill = this.chunkFill;
    let ring = 0;
    for (let e = start; e < stop; e++) {
      const t = tEmit + lat[e];
      const wt = typeof w === 'number' ? w : w[e];
      const rel = Math.floor(t * inv) - cur;
      if (rel >= size || rel < 0) {
        this.push(t, tgt[e], wt, e);
        continue;
      }
      const pos = (curPos + rel) & mask;
      let c = tail[pos];
      if (c === -1 || fill[c] === CHUNK) {
        c = this.startChunk(pos);
        time = this.time;
        target = this.target;
        weight = this.weight;
        code = this.code;
        fill = this.chunkFill;
      }
      const ev = (c << CHUNK_BITS) + fill[c]++;
      time[ev] = t;
      target[ev] = tgt[e];
      weight[ev] = wt;
      code[ev] = e;
      ring++;
    }
    this.ringCount += ring;
  }

  /**
   * Schedules an event at time t. Note: may grow the pool, so typed arrays read before
   * the call must be read again after it.
   */
  push(t: number, target: number, weight: number, code: number): void {
    const rel = Math.floor(t * this.invWidth) - this.cur;
    if (rel < this.size) {
      if (rel < 0) throw new Error(`internal: event at t=${t} is before the current slot ${this.cur}`);
      this.append((this.curPos + rel) & this.mask, t, target, weight, code);
      this.ringCount++;
    } else this.heapPush(t, target, weight, code);
  }

  /** An event in the SIDE list, outside the ring (freed with `releaseList`); returns its id. */
  pushSide(t: number, target: number, weight: number, code: number): number {
    return this.append(this.side, t, target, weight, code);
  }

  /** Whether the current slot holds events. */
  currentHasEvents(): boolean {
    return this.headChunk[this.curPos] !== -1;
  }

  /**
   * Detaches the current slot's events: returns the first chunk of the list (walk it with
   * `chunkEvents`/`nextChunk`). The current slot is empty afterwards.
   */
  detachCurrent(): number {
    const p = this.curPos;
    const h = this.headChunk[p];
    for (let c = h; c !== -1; c = this.chunkNext[c]) this.ringCount -= this.chunkFill[c];
    this.headChunk[p] = this.tailChunk[p] = -1;
    return h;
  }

  /** Detaches the SIDE list. */
  detachSide(): number {
    const h = this.headChunk[this.side];
    this.headChunk[this.side] = this.tailChunk[this.side] = -1;
    return h;
  }

  /** Event ids of chunk c are [c * CHUNK, c * CHUNK + chunkSize(c)). */
  chunkSize(c: number): number {
    return this.chunkFill[c];
  }

  nextChunk(c: number): number {
    return this.chunkNext[c];
  }

  /** Returns a detached list of chunks to the pool. */
  releaseList(first: number): void {
    let c = first;
    while (c !== -1) {
      const nx = this.chunkNext[c];
      this.chunkNext[c] = this.freeChunk;
      this.freeChunk = c;
      c = nx;
    }
  }

  /** Drops every pending event and returns to slot 0, keeping the pool's memory. */
  clear(): void {
    this.headChunk.fill(-1);
    this.tailChunk.fill(-1);
    this.freeChunk = -1;
    for (let c = this.chunkNext.length - 1; c >= 0; c--) {
      this.chunkNext[c] = this.freeChunk;
      this.freeChunk = c;
    }
    this.cur = 0;
    this.curPos = 0;
    this.ringCount = 0;
    this.heapSize = 0;
  }

  /** Moves to slot `slot` (≥ cur) and pulls due events out of the overflow heap. */
  moveTo(slot: number): void {
    if (slot === this.cur) return;
    const d = slot - this.cur;
    this.cur = slot;
    this.curPos = (this.curPos + (d % this.size)) & this.mask;
    while (this.heapSize > 0 && Math.floor(this.hTime[0] * this.invWidth) - this.cur < this.size) {
      const t = this.hTime[0], tg = this.hTarget[0], w = this.hWeight[0], c = this.hCode[0];
      this.heapPop();
      this.push(t, tg, w, c);
    }
  }

  /** Slot of the earliest event in the overflow heap, or Infinity. */
  overflowSlot(): number {
    return this.heapSize > 0 ? Math.floor(this.hTime[0] * this.invWidth) : Infinity;
  }

  get pending(): number {
    return this.ringCount + this.heapSize;
  }

  /** Every pending event, slot by slot from the current one, then the overflow heap. */
  forEachPending(fn: (t: number, target: number, weight: number, code: number) => void): void {
    for (let r = 0; r < this.size; r++) {
      const p = (this.curPos + r) & this.mask;
      for (let c = this.headChunk[p]; c !== -1; c = this.chunkNext[c]) {
        const base = c << CHUNK_BITS;
        for (let ev = base; ev < base + this.chunkFill[c]; ev++) fn(this.time[ev], this.target[ev], this.weight[ev], this.code[ev]);
      }
    }
    for (let h = 0; h < this.heapSize; h++) fn(this.hTime[h], this.hTarget[h], this.hWeight[h], this.hCode[h]);
  }

  // ---- overflow binary heap keyed by time ----
  private heapPush(t: number, target: number, weight: number, code: number): void {
    if (this.heapSize === this.hTime.length) {
      const n = this.hTime.length * 2;
      this.hTime = resized(this.hTime, n);
      this.hTarget = resized(this.hTarget, n);
      this.hWeight = resized(this.hWeight, n);
      this.hCode = resized(this.hCode, n);
    }
    let i = this.heapSize++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.hTime[p] <= t) break;
      this.moveHeap(p, i);
      i = p;
    }
    this.hTime[i] = t;
    this.hTarget[i] = target;
    this.hWeight[i] = weight;
    this.hCode[i] = code;
  }

  private moveHeap(from: number, to: number): void {
    this.hTime[to] = this.hTime[from];
    this.hTarget[to] = this.hTarget[from];
    this.hWeight[to] = this.hWeight[from];
    this.hCode[to] = this.hCode[from];
  }

  private heapPop(): void {
    const last = --this.heapSize;
    const t = this.hTime[last];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      if (c + 1 < last && this.hTime[c + 1] < this.hTime[c]) c++;
      if (this.hTime[c] >= t) break;
      this.moveHeap(c, i);
      i = c;
    }
    this.moveHeap(last, i);
  }
}
