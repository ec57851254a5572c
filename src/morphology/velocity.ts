/**
 * Conduction-velocity models for axonal segments. Velocities are in µm/ms (= mm/s; 1 m/s =
 * 1000 µm/ms); diameters in µm.
 *
 * Defaults and sources:
 *  - constant: 0.5 m/s, typical of thin unmyelinated cortical axons (0.3–0.8 m/s; e.g.
 *    Swadlow 1985 and the CRG workload's 0.5 mm/ms);
 *  - unmyelinated: v = k·√d with k = 1 m/s per √µm — cable theory gives v ∝ √d (Rushton 1951;
 *    Hodgkin 1954), and mammalian C fibres of 0.3–1.3 µm conduct at about 0.5–2 m/s;
 *  - myelinated: v = k·d with k = 6 m/s per µm of fibre diameter (Hursh 1939; Rushton 1951).
 */

export type VelocityModelName = 'constant' | 'unmyelinated' | 'myelinated';

export interface VelocityModel {
  name: VelocityModelName;
  /** constant: the speed (m/s); unmyelinated: k in m/s/√µm; myelinated: k in m/s/µm. */
  k: number;
  /** Diameter used when a segment's diameter is missing or not positive (µm). */
  minDiameter: number;
}

export const VELOCITY_DEFAULTS: Record<VelocityModelName, number> = { constant: 0.5, unmyelinated: 1, myelinated: 6 };

export function velocityModel(name: VelocityModelName, k?: number, minDiameter = 0.1): VelocityModel {
  const kk = k ?? VELOCITY_DEFAULTS[name];
  if (!(kk > 0)) throw new RangeError(`velocity constant must be > 0, got ${kk}`);
  return { name, k: kk, minDiameter };
}

/** Speed in µm/ms of a segment of the given diameter (µm). */
export function speed(model: VelocityModel, diameter: number): number {
  const d = diameter > 0 ? Math.max(diameter, model.minDiameter) : model.minDiameter;
  const mPerS = model.name === 'constant' ? model.k : model.name === 'unmyelinated' ? model.k * Math.sqrt(d) : model.k * d;
  return mPerS * 1000;
}

/** One-line description with units, printed beside results. */
export function describeVelocity(m: VelocityModel): string {
  if (m.name === 'constant') return `constant ${m.k} m/s`;
  if (m.name === 'unmyelinated') return `unmyelinated v = ${m.k}·√d m/s (d in µm)`;
  return `myelinated v = ${m.k}·d m/s (d in µm)`;
}
