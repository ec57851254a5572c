/**
 * An axonal arbor as a signal-delivery network the engine can run: one node per point on
 * the analysed paths, an edge from each point to each child with the segment's conduction
 * latency. Forcing the root at t = 0 makes every node fire when the action potential reaches
 * it, so simulated arrival times equal the analysis' latencies.
 */
import { EdgeList, makeNetwork } from '../model/build.js';
import type { Network } from '../model/types.js';
import type { Morphology } from './types.js';
import { childrenOf, segmentLatency, SWC_AXON, type ArborAnalysis, type ArborOptions } from './arbor.js';

export interface ArborNetwork {
  net: Network;
  /** Morphology point of each node, and node of each point (−1 when not in the network). */
  pointOf: Int32Array;
  nodeOf: Int32Array;
  /** Node of the root (to be stimulated). */
  rootNode: number;
}

export function arborNetwork(m: Morphology, a: ArborAnalysis, o: ArborOptions): ArborNetwork {
  // the path from the root down to the axon root (soma mode), then the axonal tree
  const chain: number[] = [a.axonRoot];
  for (let p = a.axonRoot; p !== a.root && m.parent[p] >= 0; ) chain.push((p = m.parent[p]));
  chain.reverse(); // root first
  const nodeOf = new Int32Array(m.n).fill(-1);
  const pointOf: number[] = [];
  const addNode = (p: number) => {
    nodeOf[p] = pointOf.length;
    pointOf.push(p);
  };
  for (const p of chain) addNode(p);
  const { start, child } = childrenOf(m);
  const el = new EdgeList();
  for (let k = 1; k < chain.length; k++) el.add(nodeOf[chain[k - 1]], nodeOf[chain[k]], segmentLatency(m, chain[k - 1], chain[k], o.velocity), 1);
  const stack = [a.axonRoot];
  while (stack.length) {
    const p = stack.pop()!;
    for (let k = start[p]; k < start[p + 1]; k++) {
      const c = child[k];
      if (m.type[c] !== SWC_AXON || !a.inArbor[c]) continue;
      addNode(c);
      el.add(nodeOf[p], nodeOf[c], segmentLatency(m, p, c, o.velocity), 1);
      stack.push(c);
    }
  }
  const position = new Float64Array(3 * pointOf.length);
  pointOf.forEach((p, i) => {
    position[3 * i] = m.x[p];
    position[3 * i + 1] = m.y[p];
    position[3 * i + 2] = m.z[p];
  });
  const net = makeNetwork({
    n: pointOf.length,
    nodes: { refractory: o.refractory, mode: 'first' },
    position,
    edges: el.columns(),
    meta: { name: m.file ? `arbor of ${m.file}` : 'arbor', builder: 'morphology', params: { refractory: o.refractory, velocity: a.params.velocity, from: a.params.from } },
  });
  return { net, pointOf: Int32Array.from(pointOf), nodeOf, rootNode: 0 };
}
