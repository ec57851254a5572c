/**
 * Neuron morphologies (reconstructed dendrites and axons), as read from SWC files.
 *
 * Points are stored column-wise in typed arrays, in the order of the source file. `parent`
 * holds the INDEX of the parent point (not its SWC id), so trees can be walked without a
 * lookup table; −1 marks a root. A well-formed neuron has exactly one root (the soma).
 */

export interface Morphology {
  /** The file it came from, for messages. */
  file?: string;
  /** Full-line comments, in file order, without the '#' and surrounding blanks. */
  header: string[];
  /** Number of points. */
  n: number;
  /** SWC id of each point. */
  id: Int32Array;
  /** SWC type code of each point (1 soma, 2 axon, 3 basal, 4 apical, 5–7 other standard codes, higher custom). */
  type: Int32Array;
  /** Position in µm. */
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  /** Radius in µm. */
  radius: Float64Array;
  /** INDEX of the parent point (not its id), −1 for a root. */
  parent: Int32Array;
  /** 1-based source line of each point (0 for points that did not come from a file). */
  line: Int32Array;
  soma: SomaInfo;
}

/**
 * How the soma is drawn in the file.
 * - `none`: no type-1 point; `center` is the centroid of all points, `radius` 0.
 * - `single-point`: one sphere.
 * - `three-point`: NeuroMorpho.Org's convention: a soma point with two soma children on
 *   opposite sides at ±radius (usually along y), all with the same radius; a sphere.
 * - `contour`: an outline, a closed chain of soma points; center = centroid, radius = mean
 *   distance of the outline points from it (as NeuroM's simple contour).
 * - `cylinders`: any other chain/tree of soma points, read as a stack of frustums;
 *   center = first soma point, radius = that of the sphere with the same lateral area.
 */
export interface SomaInfo {
  kind: 'none' | 'single-point' | 'three-point' | 'contour' | 'cylinders';
  center: [number, number, number];
  radius: number;
  /** Indices of the points of the (main) soma: the largest connected group of type-1 points. */
  points: number[];
}

export type ProblemKind =
  | 'missing-parent'
  | 'cycle'
  | 'duplicate-id'
  | 'self-parent'
  | 'zero-length'
  | 'non-positive-radius'
  | 'fragment'
  | 'unknown-type'
  | 'no-soma'
  | 'multiple-somata';

export interface MorphologyProblem {
  kind: ProblemKind;
  /** 1-based source line of the offending point (0 when there is none, e.g. an empty file). */
  line: number;
  message: string;
  /** Whether `repairMorphology` can fix it (or parsing already worked around it and repair finishes the job). */
  fixable: boolean;
  /** Index of the offending point in the morphology, when it is in it. */
  point?: number;
}
