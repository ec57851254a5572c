/**
 * An independent, deliberately plain implementation of the semantics of docs/design.md §2, used
 * as an oracle for the engine: one global list of pending events, the earliest instant
 * processed at a time (arrivals created at that instant form a later delta cycle), groups
 * per node summed in (code, weight) order. Slow and obviously correct, for small networks.
 */
import type { Network } from '../../src/model/types.js';
import { u01, STREAM_DRIVE } from '../../src/model/hash.js';

interface Ev {
  t: number;
  node: number;
  w: number;
  code: number;
}

export interface RefStimuli {
  force?: [node: number, t: number][];
  inject?: [node: number, t: number, w: number][];
  drive?: { rate: number; weight: number; seed: number };
}

export function referenceRun(net: Network, T: number, stim: RefStimuli, u0 = 0): { node: number[]; time: number[]; blocked: number; delivered: number } {
  const n = net.n;
  const u = new Array<number>(n).fill(u0);
  const tUpd = new Array<number>(n).fill(0);
  const last = new Array<number>(n).fill(-Infinity);
  const win: { t: number; w: number }[][] = Array.from({ length: n }, () => []);
  const driveK = new Array<number>(n).fill(0);
  const driveClock = new Array<number>(n).fill(0);
  let pending: Ev[] = [];
  for (const [node, t] of stim.force ?? []) pending.push({ t, node, w: 0, code: -1 });
  for (const [node, t, w] of stim.inject ?? []) pending.push({ t, node, w, code: -2 });
  const nextDrive = (j: number): number => {
    const d = stim.drive!;
    const k = driveK[j]++;
    driveClock[j] = driveClock[j] + -Math.log1p(-u01(d.seed, STREAM_DRIVE, j, k)) / (d.rate / 1000);
    return driveClock[j];
  };
  if (stim.drive) for (let j = 0; j < n; j++) pending.push({ t: nextDrive(j), node: j, w: stim.drive.weight, code: -3 });
  const out = { node: [] as number[], time: [] as number[], blocked: 0, delivered: 0 };
  for (;;) {
    let tmin = Infinity;
    for (const e of pending) if (e.t < tmin) tmin = e.t;
    if (!(tmin < T)) break;
    const now = pending.filter((e) => e.t === tmin);
    pending = pending.filter((e) => e.t !== tmin);
    const byNode = new Map<number, Ev[]>();
    for (const e of now) {
      if (!byNode.has(e.node)) byNode.set(e.node, []);
      byNode.get(e.node)!.push(e);
    }
    const fired: number[] = [];
    for (const [j, grp] of byNode) {
      grp.sort((a, b) => a.code - b.code || a.w - b.w);
      for (const e of grp) if (e.code === -3) pending.push({ t: nextDrive(j), node: j, w: stim.drive!.weight, code: -3 });
      if (tmin < last[j] + net.refractory[j]) {
        out.blocked += grp.length;
        continue;
      }
      out.delivered += grp.length;
      let sum = 0, forced = false, excit = false;
      for (const e of grp) {
        if (e.code === -1) forced = true;
        else {
          sum += e.w;
          if (e.w > 0) excit = true;
        }
      }
      let fire: boolean;
      if (net.mode[j] === 2) {
        u[j] = u[j] * Math.exp(-(tmin - tUpd[j]) / net.tauM[j]) + sum;
        tUpd[j] = tmin;
        fire = forced || u[j] >= net.threshold[j];
      } else if (net.mode[j] === 1) {
        for (const e of grp) win[j].push({ t: tmin, w: e.code === -1 ? 0 : e.w });
        win[j] = win[j].filter((x) => !(x.t < tmin - net.window[j]));
        let s = 0;
        for (const x of win[j]) s += x.w;
        fire = forced || s >= net.threshold[j];
      } else fire = forced || excit;
      if (fire) {
        last[j] = tmin;
        u[j] = 0;
        tUpd[j] = tmin;
        win[j] = [];
        fired.push(j);
      }
    }
    fired.sort((a, b) => a - b);
    for (const j of fired) {
      out.node.push(j);
      out.time.push(tmin);
      for (let e = net.offset[j]; e < net.offset[j + 1]; e++) {
        const w = typeof net.weight === 'number' ? net.weight : net.weight[e];
        pending.push({ t: tmin + net.processing[j] + net.latency[e], node: net.target[e], w, code: e });
      }
    }
  }
  // canonical (time, node) order, as the engine reports spikes
  const ord = out.node.map((_, k) => k).sort((a, b) => out.time[a] - out.time[b] || out.node[a] - out.node[b]);
  return { ...out, node: ord.map((k) => out.node[k]), time: ord.map((k) => out.time[k]) };
}
