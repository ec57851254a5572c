/**
 * One cell's account for the Puppo 2018 questions: how its median Λ scales with R·k, whether
 * its diameters make the velocity model a constant, and the three design tests on its axon
 * with the same tests on its dendrites as a control. Shared by `refract morph` and
 * `refract reproduce puppo2018`, so both print the same numbers.
 */
import type { Morphology } from './types.js';
import type { ArborAnalysis } from './arbor.js';
import type { VelocityModel } from './velocity.js';
import { axonDiameters, lambdaScale, rkForMedianLambda, type DiameterSummary, type LambdaScale } from './lambda-scale.js';
import { axonTerminalPaths, dendriteTerminalPaths, designTests, type Answer, type DesignTests, type TestResult } from './design-tests.js';

/** Median Λ Puppo et al. (2018) report for ~12,000 basket-cell axon terminals (UCSD press release). */
export const PUPPO_MEDIAN_LAMBDA = 0.92;

/**
 * The design-test outcome for the axon with its dendrite control:
 * - 'yes (axon only)': the axon passes its shuffle null and the dendrites do not;
 * - 'yes (dendrites too)': both pass: arbor geometry, not an axonal design;
 * - 'yes (no dendrite control)': the axon passes, the dendrites have too few terminals;
 * - 'no', 'too few terminals': about the axon.
 */
export type ControlledAnswer = 'yes (axon only)' | 'yes (dendrites too)' | 'yes (no dendrite control)' | 'no' | 'too few terminals';

export function controlled(axon: Answer, dendrites: Answer): ControlledAnswer {
  if (axon !== 'yes') return axon;
  return dendrites === 'yes' ? 'yes (dendrites too)' : dendrites === 'no' ? 'yes (axon only)' : 'yes (no dendrite control)';
}

export interface DesignReport {
  scale: LambdaScale;
  /** R·k giving median Λ = 0.92 (ms × the velocity constant's unit). */
  rkForPuppo: number;
  /** The same as R·v (ms × m/s = mm), with v the median terminal mean speed. */
  rvForPuppo: number;
  diameters: DiameterSummary;
  axon: DesignTests;
  dendrites: DesignTests;
  latencyEqualisation: ControlledAnswer;
  nearTerminalDetours: ControlledAnswer;
}

export interface DesignReportOptions {
  velocity: VelocityModel;
  seed: number;
  shuffles?: number;
}

export function designReport(m: Morphology, a: ArborAnalysis, o: DesignReportOptions): DesignReport {
  const scale = lambdaScale(a, o.velocity);
  const rk = rkForMedianLambda(scale, PUPPO_MEDIAN_LAMBDA);
  const R = a.params.refractory;
  const axon = designTests(axonTerminalPaths(a.terminals), { refractory: R, seed: o.seed, ...(o.shuffles ? { shuffles: o.shuffles } : {}) });
  const dendrites = designTests(dendriteTerminalPaths(m, o.velocity), { refractory: R, seed: o.seed, ...(o.shuffles ? { shuffles: o.shuffles } : {}) });
  return {
    scale,
    rkForPuppo: rk,
    rvForPuppo: rk * scale.speedPerK,
    diameters: axonDiameters(m, a, o.velocity),
    axon,
    dendrites,
    latencyEqualisation: controlled(axon.latencySpreadRatio.answer, dendrites.latencySpreadRatio.answer),
    nearTerminalDetours: controlled(axon.tortuosityDistanceRho.answer, dendrites.tortuosityDistanceRho.answer),
  };
}

/** "0.62 (null 0.81, p 0.001)" for tables. */
export function describeTest(t: TestResult, digits = 3): string {
  if (t.value === null) return t.answer;
  const f = (x: number | null) => (x === null ? '–' : String(Number(x.toPrecision(digits))));
  return `${f(t.value)} (null ${f(t.nullMedian)}, p ${f(t.p)})`;
}

/** Statistic 1 for tables: "0.96 (null 1, p 0.96) of 23", or that no terminal has Λ < 1. */
export function describeBelowOne(t: TestResult): string {
  return t.terminals === 0 ? 'no terminal with Λ < 1' : `${describeTest(t)} of ${t.terminals}`;
}

/** Columns of the per-cell design-test table, shared by `refract morph` and `refract reproduce puppo2018`. */
export const DESIGN_TEST_COLUMNS = ['cell', 'terminals', 'dendrite terminals', 'latency spread ratio', 'dendrites', 'equalisation', 'ρ(distance, tortuosity)', 'dendrites', 'near detours', 'Λ<1 closer than straight'];

/** One row of that table. */
export function designTestRow(cell: string, d: DesignReport): (string | number)[] {
  return [
    cell,
    d.axon.latencySpreadRatio.terminals,
    d.dendrites.latencySpreadRatio.terminals,
    describeTest(d.axon.latencySpreadRatio),
    describeTest(d.dendrites.latencySpreadRatio),
    d.latencyEqualisation,
    describeTest(d.axon.tortuosityDistanceRho),
    describeTest(d.dendrites.tortuosityDistanceRho),
    d.nearTerminalDetours,
    describeBelowOne(d.axon.lambdaBelowOneCloser),
  ];
}
