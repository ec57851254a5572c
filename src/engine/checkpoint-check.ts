/**
 * A full check of a Checkpoint before a simulation is restored from it. A checkpoint is
 * input like any file: a damaged one must be refused with the field that is wrong, not
 * restored into a state the engine never produces (an event before the current time hangs
 * or trips an internal assertion; an unknown node id writes out of bounds; a spike after
 * the current time ends up in the outputs). Every rule here is an invariant of the state
 * that Simulation.checkpoint() writes; times are in engine units (whole steps on a grid).
 */
import type { Problem } from '../model/validate.js';
import { CODE_DRIVE } from './event-queue.js';
import type { Checkpoint } from './simulation.js';

type Values = ArrayLike<number>;

/** The first problem of `cp`, or null when it is a state the engine can continue from. */
export function checkpointProblem(cp: Checkpoint): Problem | null {
  try {
    checkAll(cp);
    return null;
  } catch (e) {
    if (e instanceof Bad) return { field: e.field, message: e.message };
    throw e;
  }
}

class Bad extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function fail(field: string, message: string): never {
  throw new Bad(field, message);
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function arrayOf(v: unknown, field: string, length?: number): Values {
  if (!ArrayBuffer.isView(v) || !('length' in v)) fail(field, 'missing (expected an array)');
  const a = v as unknown as Values;
  if (length !== undefined && a.length !== length) fail(field, `expected ${length} values, got ${a.length}`);
  return a;
}

/** The first element failing `ok`, reported as `field[k]: rule, got value`. */
function each(a: Values, field: string, ok: (v: number, k: number) => boolean, rule: string): void {
  for (let k = 0; k < a.length; k++) if (!ok(a[k], k)) fail(`${field}[${k}]`, `${rule}, got ${a[k]}`);
}

function checkAll(cp: Checkpoint): void {
  const net = cp.network;
  if (typeof net !== 'object' || net === null) fail('network', 'missing');
  const { n, m } = net;
  if (!isCount(n) || n < 1) fail('network.n', `must be an integer >= 1, got ${String(n)}`);
  if (!isCount(m)) fail('network.m', `must be an integer >= 0, got ${String(m)}`);
  if (!isCount(cp.seed) || cp.seed > 0xffffffff) fail('seed', `must be an integer in 0..4294967295, got ${String(cp.seed)}`);
  const grid = cp.dt !== null;
  if (grid && !(typeof cp.dt === 'number' && cp.dt > 0 && Number.isFinite(cp.dt))) fail('dt', `must be null or a finite number > 0, got ${String(cp.dt)}`);
  const scale = cp.dt ?? 1;
  const rec = cp.record ?? {};
  if (rec.causes && rec.spikes === false) fail('record.causes', 'recording causes needs record.spikes');

  // The current time: every pending event is at or after it, every recorded time before it.
  const now = cp.now;
  if (typeof now !== 'number' || !(now >= 0) || !Number.isFinite(now * scale) || (grid && !Number.isSafeInteger(now)))
    fail('now', `must be a finite ${grid ? 'whole number of steps' : 'time'} >= 0, got ${String(now)}`);
  const time = (t: number) => Number.isFinite(t) && (!grid || Number.isInteger(t));
  const unit = grid ? 'steps' : 'ms';
  const isNode = (v: number) => Number.isInteger(v) && v >= 0 && v < n;
  const isCode = (v: number) => Number.isInteger(v) && v >= CODE_DRIVE && v < m;
  const codeRule = `must be an edge id 0..${m - 1} or a stimulus code -1..-3`;
  const nodeRule = `must be a node id 0..${n - 1}`;

  each(arrayOf(cp.u, 'u', n), 'u', Number.isFinite, 'must be finite');
  each(arrayOf(cp.tUpd, 'tUpd', n), 'tUpd', (t) => time(t) && t >= 0 && t <= now, `must be a time in [0, now = ${now}] ${unit}`);
  each(arrayOf(cp.last, 'last', n), 'last', (t) => t === -Infinity || (time(t) && t >= 0 && t < now), `must be -Infinity or a time in [0, now = ${now}) ${unit}`);

  if (cp.drive) {
    const d = cp.drive;
    each(arrayOf(d.rate, 'drive.rate', n), 'drive.rate', (v) => v >= 0 && Number.isFinite(v), 'must be a finite rate >= 0');
    each(arrayOf(d.weight, 'drive.weight', n), 'drive.weight', Number.isFinite, 'must be finite');
    each(arrayOf(d.count, 'drive.count', n), 'drive.count', (v) => Number.isSafeInteger(v) && v >= 0, 'must be a whole number >= 0');
    each(arrayOf(d.clock, 'drive.clock', n), 'drive.clock', (v) => v >= 0 && Number.isFinite(v), 'must be a finite time >= 0 (ms)');
    each(arrayOf(d.force, 'drive.force', n), 'drive.force', (v) => v === 0 || v === 1, 'must be 0 or 1');
    each(arrayOf(d.pending, 'drive.pending', n), 'drive.pending', (v) => v === 0 || v === 1, 'must be 0 or 1');
    // a node with a pending drive event has its clock at that event, which lies ahead; the
    // next draw follows it (an earlier clock would schedule into the past)
    const ahead = (clock: number) => (grid ? Math.floor(clock / scale + 0.5) >= now : clock >= now);
    each(d.clock, 'drive.clock', (c, j) => d.pending[j] === 0 || ahead(c), `must not lie before now = ${now * scale} ms while the node's drive is pending`);
  }

  const ev = cp.events;
  if (typeof ev !== 'object' || ev === null) fail('events', 'missing');
  const evTime = arrayOf(ev.time, 'events.time');
  const E = evTime.length;
  each(evTime, 'events.time', (t) => time(t) && t >= now, `must be a time >= now = ${now} ${unit} (pending events lie ahead)`);
  each(arrayOf(ev.target, 'events.target', E), 'events.target', isNode, nodeRule);
  each(arrayOf(ev.weight, 'events.weight', E), 'events.weight', Number.isFinite, 'must be finite');
  each(arrayOf(ev.code, 'events.code', E), 'events.code', isCode, codeRule);

  if (cp.log) {
    const L = arrayOf(cp.log.node, 'log.node');
    each(L, 'log.node', isNode, nodeRule);
    each(arrayOf(cp.log.time, 'log.time', L.length), 'log.time', (t) => time(t) && t >= 0 && t < now, `must be a time in [0, now = ${now}) ${unit}`);
    each(arrayOf(cp.log.weight, 'log.weight', L.length), 'log.weight', Number.isFinite, 'must be finite');
    each(arrayOf(cp.log.code, 'log.code', L.length), 'log.code', isCode, codeRule);
  }

  const r = cp.recorder;
  if (typeof r !== 'object' || r === null) fail('recorder', 'missing');
  const S = r.spikeCount;
  if (!isCount(S)) fail('recorder.spikeCount', `must be an integer >= 0, got ${String(S)}`);
  const kept = rec.spikes !== false ? S : 0;
  each(arrayOf(r.spikeNode, 'recorder.spikeNode', kept), 'recorder.spikeNode', isNode, nodeRule);
  each(arrayOf(r.spikeTime, 'recorder.spikeTime', kept), 'recorder.spikeTime', (t) => time(t) && t >= 0 && t < now, `must be a time in [0, now = ${now}) ${unit}`);
  // (the per-node counts may exceed the list: a caller may drop the list and keep counting, as the visualiser does)
  arrayOf(r.nodeSpikes, 'recorder.nodeSpikes', n);
  arrayOf(r.nodeDelivered, 'recorder.nodeDelivered', n);
  arrayOf(r.nodeBlocked, 'recorder.nodeBlocked', n);
  for (const k of ['edgeDelivered', 'edgeBlocked'] as const) {
    const a = r[k];
    if (rec.edgeCounts && !a) fail(`recorder.${k}`, 'missing (record.edgeCounts is set)');
    if (a) arrayOf(a, `recorder.${k}`, m);
  }
  for (const k of ['stimulusDelivered', 'stimulusBlocked'] as const) if (!isCount(r[k])) fail(`recorder.${k}`, `must be an integer >= 0, got ${String(r[k])}`);

  const causeCode = arrayOf(r.causeCode, 'recorder.causeCode');
  const C = causeCode.length;
  each(causeCode, 'recorder.causeCode', isCode, codeRule);
  each(arrayOf(r.causeTime, 'recorder.causeTime', C), 'recorder.causeTime', (t) => time(t) && t >= 0 && t < now, `must be a time in [0, now = ${now}) ${unit}`);
  const starts = arrayOf(r.causeStart, 'recorder.causeStart');
  if (rec.causes) {
    if (starts.length !== S + 1) fail('recorder.causeStart', `expected ${S + 1} values (recorder.spikeCount + 1), got ${starts.length}`);
    each(starts, 'recorder.causeStart', (v, k) => Number.isInteger(v) && v >= (k === 0 ? 0 : starts[k - 1]) && v <= C && (k > 0 || v === 0), `must rise from 0 to ${C} (recorder.causeCode's length)`);
    if (starts[S] !== C) fail(`recorder.causeStart[${S}]`, `must be ${C} (recorder.causeCode's length), got ${starts[S]}`);
  } else {
    if (starts.length > 1 || (starts.length === 1 && starts[0] !== 0)) fail('recorder.causeStart', 'must be [0]: causes were not recorded');
    if (C > 0) fail('recorder.causeCode', 'must be empty: causes were not recorded');
  }
}
