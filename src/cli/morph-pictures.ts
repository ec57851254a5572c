/**
 * Pictures of `refract morph`: the cell coloured by Λ, Λ real vs straight, path vs distance.
 * The population pictures show the pooled cells (basket cells with full axons).
 */
import type { ArborAnalysis, ArborOptions } from '../morphology/arbor.js';
import type { Morphology } from '../morphology/types.js';
import { describeVelocity } from '../morphology/velocity.js';
import { overlayHistogramSpec, scatterSpec, type VegaLiteSpec } from '../report/charts.js';
import { morphologySpec, type Segment } from '../report/morphology-chart.js';

// A path is never shorter than the straight line: y = x is the floor, and the height above it the detour.
const IDENTITY_LABEL = 'path = straight line (y = x)';

export function morphologyPictures(m: Morphology, a: ArborAnalysis, name: string): [string, VegaLiteSpec][] {
  const R = a.params.refractory;
  const segs: Segment[] = [];
  for (let i = 0; i < m.n; i++) {
    const p = m.parent[i];
    if (p < 0) continue;
    // an axonal point is coloured by the Λ a terminal there would have: R / latency from the root
    const value = a.inArbor[i] && a.inArbor[p] && a.latency[i] > 0 ? R / a.latency[i] : null;
    segs.push({ x1: m.x[p], y1: m.y[p], x2: m.x[i], y2: m.y[i], value });
  }
  const params = `R = ${R} ms, ${a.params.velocity}`;
  return [
    [`${name}-morphology`, morphologySpec(segs, { title: `${name}: axon coloured by Λ = R / latency`, subtitle: params, valueTitle: 'Λ', domain: [0.25, 4], mid: 1, log: true })],
    [
      `${name}-lambda`,
      overlayHistogramSpec(
        [
          { name: 'real path', values: a.terminals.map((t) => t.lambda) },
          { name: 'straight path', values: a.terminals.map((t) => t.lambdaStraight) },
        ],
        { title: `${name}: Λ at the ${a.terminals.length} axon terminals (${params})`, xTitle: 'Λ = R / latency (log scale; dashed: Λ = 1)', log: true, bins: 30, markLines: [{ value: 1, label: 'Λ = 1' }] },
      ),
    ],
    [
      `${name}-path-vs-distance`,
      scatterSpec({ x: a.terminals.map((t) => t.straight), y: a.terminals.map((t) => t.pathLength) }, { title: `${name}: path length vs straight distance of terminals`, xTitle: 'straight-line distance from the root (µm)', yTitle: 'path length (µm)', identityLine: IDENTITY_LABEL }),
    ],
  ];
}

export function populationPictures(cells: ArborAnalysis[], o: ArborOptions): [string, VegaLiteSpec][] {
  if (cells.length === 0) return [];
  const params = `R = ${o.refractory} ms, ${describeVelocity(o.velocity)}`;
  const lam = cells.flatMap((a) => a.terminals.map((t) => t.lambda));
  const str = cells.flatMap((a) => a.terminals.map((t) => t.lambdaStraight));
  return [
    [
      'population-lambda',
      overlayHistogramSpec(
        [
          { name: 'real path', values: lam },
          { name: 'straight path', values: str },
        ],
        { title: `Λ at ${lam.length} terminals of ${cells.length} basket cells (${params})`, xTitle: 'Λ = R / latency (log scale; dashed: Λ = 1)', log: true, bins: 40, markLines: [{ value: 1, label: 'Λ = 1' }] },
      ),
    ],
    [
      'population-path-vs-distance',
      scatterSpec(
        { x: cells.flatMap((a) => a.terminals.map((t) => t.straight)), y: cells.flatMap((a) => a.terminals.map((t) => t.pathLength)) },
        { title: `Path length vs straight distance of the terminals of ${cells.length} basket cells`, xTitle: 'straight-line distance (µm)', yTitle: 'path length (µm)', identityLine: IDENTITY_LABEL },
      ),
    ],
  ];
}
