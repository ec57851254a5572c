/**
 * The sliders' model change: the conduction part of every latency scales with
 * tortuosity · v0 / v, where v0 is the base network's speed (at tortuosity 1). With edge
 * lengths ℓ that is τ = (τ0 − ℓ/v0) + tortuosity · ℓ / v, each edge keeping its own fixed
 * delay (chemical synapses and gap junctions of the connectome differ); without lengths,
 * τ = s + (τ0 − s) · tortuosity · v0 / v with the base's one synaptic delay s. For the
 * geometric builders both are exactly their formula τ = s + tortuosity · distance / v.
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
  const len = net.length;
  if (len) for (let e = 0; e < net.m; e++) latency[e] = Math.max(0, net.latency[e] - len[e] / speed) + (len[e] * p.tortuosity) / p.speed;
  else for (let e = 0; e < net.m; e++) latency[e] = synDelay + Math.max(0, net.latency[e] - synDelay) * factor;
  return withChanges(net, { latency, refractory: new Float64Array(net.n).fill(p.R) });
}
