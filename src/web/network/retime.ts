/**
 * The sliders' model change: every latency τ = s + (τ0 − s) · tortuosity · v0 / v, where τ0
 * is the base network's latency at tortuosity 1 and speed v0, and s its fixed synaptic
 * delay. For the geometric builders this is exactly their formula τ = s + tortuosity ·
 * distance / v; for a loaded file it scales the conduction part of the given latencies.
 * R replaces every node's refractory period.
 */
import { withChanges } from '../../model/build.js';
import type { Network } from '../../model/types.js';
import type { Params } from './protocol.js';

export interface BaseNetwork {
  net: Network;
  /** Speed (µm/ms) and synaptic delay (ms) the base latencies were made with. */
  speed: number;
  synDelay: number;
}

export function retime(base: BaseNetwork, p: Params): Network {
  const { net, speed, synDelay } = base;
  const factor = (p.tortuosity * speed) / p.speed;
  const latency = new Float64Array(net.m);
  for (let e = 0; e < net.m; e++) latency[e] = synDelay + Math.max(0, net.latency[e] - synDelay) * factor;
  return withChanges(net, { latency, refractory: new Float64Array(net.n).fill(p.R) });
}
