/**
 * A reproduction: one published claim, checked by a protocol fixed in code before any result
 * is looked at — the parameters with their literature sources and plausible ranges, the
 * statistic, a control that could explain the effect away, the sensitivity over the plausible
 * range, and a verdict computed from the numbers by a rule stated in advance.
 *
 * Reproductions are browser-pure: the data they need (the connectome tables, the basket-cell
 * morphologies) are read at the Node edge (`refract reproduce`) and handed in.
 */
import type { Connectome } from '../connectome/datasets.js';
import type { Owmeta, Position } from '../connectome/positions.js';
import type { Morphology } from '../morphology/types.js';

export type Verdict = 'reproduced' | 'partly' | 'not reproduced';

export interface Parameter {
  name: string;
  /** The value used, or the values swept. */
  value: number | string | (number | string)[];
  unit?: string;
  /** Plausible range, in words or numbers. */
  range?: string;
  /** Where the value or range comes from (a citation, or "modelling choice" with the reason). */
  source: string;
}

export interface Protocol {
  /** The published claim, in the paper's terms. */
  claim: string;
  /** The paper (short citation). */
  paper: string;
  parameters: Parameter[];
  statistic: string;
  control: string;
  sensitivity: string;
  /** The verdict rule, stated before the run. */
  verdictRule: string;
}

export interface Table {
  title: string;
  columns: string[];
  rows: (number | string | boolean | null)[][];
}

export interface ReproductionResult {
  name: string;
  title: string;
  verdict: Verdict;
  /** One sentence: the numbers that decided the verdict. */
  because: string;
  /** Headline numbers (machine-readable). */
  numbers: Record<string, number | string | boolean | null>;
  tables: Table[];
  /** Reduced sweep (`--fast`), for checks; the reported figures come from the full protocol. */
  fast: boolean;
  protocol: Protocol;
  /** What was noticed and not pursued, in words. */
  notes: string[];
}

/** Data a reproduction may need, loaded at the Node edge. */
export interface CelegansData {
  connectome: Connectome;
  positions: Map<string, Position>;
  owmeta: Owmeta;
}

export interface CellData {
  file: string;
  morphology: Morphology;
  /** Cell type from the file or from the bundled list (e.g. "basket (Pvalb+)"). */
  cellType: string;
  /** Source and licence, for the table. */
  source: string;
}

export interface ReproductionInput {
  celegans?: CelegansData;
  cells?: CellData[];
  fast: boolean;
  seed: number;
  /** Called now and then with the fraction done. */
  onProgress?: (fraction: number) => void;
}

export interface Reproduction {
  name: string;
  title: string;
  needs: ('celegans' | 'basket-cells')[];
  protocol: Protocol;
  run(input: ReproductionInput): ReproductionResult;
}
