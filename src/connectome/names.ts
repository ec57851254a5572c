/**
 * C. elegans cell names: the 302 hermaphrodite neurons and their 118 classes, the one
 * spelling every dataset is normalised to, the non-neuronal cells that connectome tables
 * also list, nearest-name suggestions for typos, and cell type / transmitters from owmeta.
 *
 * Normalisation (decided from the five connectome tables that docs/data.md lists):
 *  - trim and upper-case. Cook 2019 writes non-neuronal cells in lower case (`pm1d`,
 *    `dBWML1`, `hyp`) and Witvliet 2020 writes `CEPshDL`; no upper-cased non-neuronal name
 *    collides with a neuron name, so upper-casing loses nothing.
 *  - drop zero padding of a neuron's number: Cook 2019 writes `VB01`, `DD01`, `AS09`,
 *    while c302, owmeta, WormAtlas, Varshney, White, Witvliet and OpenWorm all write `VB1`.
 *    Only when the unpadded name is one of the 302 neurons: muscle names keep their
 *    padding (`MDL01`, `BWM-DL01` are the only spellings of those).
 */
import { nearest } from '../model/nearest.js';
import type { Owmeta } from './positions.js';

/**
 * The 302 neurons by class (WormAtlas / c302 naming): `CLASS` alone is a one-neuron class,
 * `CLASS:LR` the pair CLASSL, CLASSR, `CLASS:DV` the four CLASSDL, CLASSDR, CLASSVL,
 * CLASSVR, `CLASS:DVLR` those four plus CLASSL and CLASSR, `CLASS:1-11` CLASS1 … CLASS11,
 * otherwise the listed suffixes. test/connectome/names.test.ts checks this against
 * c302_soma_positions.csv and owmeta_cache.json.
 */
const CLASS_TABLE = `
ADA:LR ADE:LR ADF:LR ADL:LR AFD:LR AIA:LR AIB:LR AIM:LR AIN:LR AIY:LR AIZ:LR ALA ALM:LR ALN:LR
AQR AS:1-11 ASE:LR ASG:LR ASH:LR ASI:LR ASJ:LR ASK:LR AUA:LR AVA:LR AVB:LR AVD:LR AVE:LR AVF:LR
AVG AVH:LR AVJ:LR AVK:LR AVL AVM AWA:LR AWB:LR AWC:LR BAG:LR BDU:LR CAN:LR CEP:DV DA:1-9 DB:1-7
DD:1-6 DVA DVB DVC FLP:LR HSN:LR I1:LR I2:LR I3 I4 I5 I6 IL1:DVLR IL2:DVLR LUA:LR M1 M2:LR
M3:LR M4 M5 MC:LR MI NSM:LR OLL:LR OLQ:DV PDA PDB PDE:LR PHA:LR PHB:LR PHC:LR PLM:LR PLN:LR PQR
PVC:LR PVD:LR PVM PVN:LR PVP:LR PVQ:LR PVR PVT PVW:LR RIA:LR RIB:LR RIC:LR RID RIF:LR RIG:LR
RIH RIM:LR RIP:LR RIR RIS RIV:LR RMD:DVLR RME:D,L,R,V RMF:LR RMG:LR RMH:LR SAA:DV SAB:D,VL,VR
SDQ:LR SIA:DV SIB:DV SMB:DV SMD:DV URA:DV URB:LR URX:LR URY:DV VA:1-12 VB:1-11 VC:1-6 VD:1-13
`;

function suffixes(code: string | undefined): string[] {
  if (code === undefined) return [''];
  if (code === 'LR') return ['L', 'R'];
  if (code === 'DV') return ['DL', 'DR', 'VL', 'VR'];
  if (code === 'DVLR') return ['DL', 'DR', 'L', 'R', 'VL', 'VR'];
  const range = /^1-(\d+)$/.exec(code);
  if (range) return Array.from({ length: Number(range[1]) }, (_, i) => String(i + 1));
  return code.split(',');
}

const CLASS_OF = new Map<string, string>();
for (const entry of CLASS_TABLE.trim().split(/\s+/)) {
  const [cls, code] = entry.split(':');
  for (const s of suffixes(code)) CLASS_OF.set(cls + s, cls);
}

/** The 302 neurons of the hermaphrodite, sorted (plain string order, as c302 lists them). */
export const KNOWN_NEURONS: readonly string[] = [...CLASS_OF.keys()].sort();

/** The 118 neuron classes, sorted. */
export const NEURON_CLASSES: readonly string[] = [...new Set(CLASS_OF.values())].sort();

/** Whether `name` (already normalised) is one of the 302 neurons. */
export function isNeuron(name: string): boolean {
  return CLASS_OF.has(name);
}

/** The spelling used throughout: trimmed, upper-case, neuron numbers without zero padding. */
export function normaliseName(raw: string): string {
  const name = raw.trim().toUpperCase();
  const padded = /^([A-Z]+)0+([1-9]\d*)$/.exec(name);
  if (padded && CLASS_OF.has(padded[1] + padded[2])) return padded[1] + padded[2];
  return name;
}

/** The class of a neuron (`VB1` → `VB`, `ASEL` → `ASE`, `IL1DL` → `IL1`, `AVL` → `AVL`); undefined for other names. */
export function neuronClass(name: string): string | undefined {
  return CLASS_OF.get(name);
}

/**
 * Non-neuronal cells that connectome tables list as synaptic partners (normalised
 * spellings). Body-wall muscles come in three spellings: Cook `DBWML1`, Witvliet
 * `BWM-DL01`, OpenWorm / owmeta `MDL01`; White 1986 lumps them as `LEGACYBODYWALLMUSCLES`.
 */
const NON_NEURONAL: [RegExp, string][] = [
  [/^(?:[DV]BWM[LR]\d+|BWM-[DV][LR]\d+|M[DV][LR]\d+|LEGACYBODYWALLMUSCLES)$/, 'body-wall muscle'],
  [/^PM[1-8][DV]?[LR]?$/, 'pharyngeal muscle'],
  [/^MC[1-3][DV][LR]?$/, 'pharyngeal marginal cell'],
  [/^(?:GLR[DV]?[LR]|CEPSH[DV][LR]|AMSH[LR]|PHSH[LR])$/, 'glia'],
  [/^HYP$/, 'hypodermis'],
  [/^INTESTINE$/, 'intestine'],
  [/^INT[LR]$/, 'intestinal muscle'],
  [/^ANAL$/, 'anal depressor muscle'],
  [/^SPH$/, 'anal sphincter muscle'],
  [/^UM[12][AP][LR]$/, 'uterine muscle'],
  [/^VM[12][AP][LR]$/, 'vulval muscle'],
];

/** What kind of non-neuronal cell a (normalised) name is, or undefined when it is not one we know. */
export function nonNeuronalKind(name: string): string | undefined {
  if (CLASS_OF.has(name)) return undefined;
  for (const [re, kind] of NON_NEURONAL) if (re.test(name)) return kind;
  return undefined;
}

/** The `k` names of `known` closest to `name` by edit distance (ties in the order of `known`). */
export function nearestNames(name: string, known: readonly string[] = KNOWN_NEURONS, k = 3): string[] {
  return nearest(normaliseName(name), known, k);
}

export type CellType = 'sensory' | 'inter' | 'motor' | 'unknown';

/** owmeta's words for the cell types. */
const OWMETA_TYPE: Record<string, CellType> = { sensory: 'sensory', interneuron: 'inter', motor: 'motor' };

/** All cell types owmeta gives a neuron (71 neurons have two or three); empty when it has none. */
export function cellTypes(name: string, ow: Owmeta): CellType[] {
  const info = ow.neurons.get(name);
  if (!info) return [];
  return info.types.map((t) => OWMETA_TYPE[t]).filter((t): t is CellType => t !== undefined);
}

/**
 * One cell type per neuron. A neuron with several types gets the first of sensory, motor,
 * inter: where a signal enters (sensory) or leaves (motor) the nervous system says more
 * about its role in a simulation than relaying does. Not in owmeta, or typed `unknown`
 * there (CANL, CANR): `unknown`.
 */
export function cellType(name: string, ow: Owmeta): CellType {
  const types = cellTypes(name, ow);
  for (const t of ['sensory', 'motor', 'inter'] as const) if (types.includes(t)) return t;
  return 'unknown';
}

/** The neurotransmitters owmeta lists for a neuron (`['GABA']`, `['Acetylcholine']`, …); empty when none or unknown. */
export function transmitters(name: string, ow: Owmeta): readonly string[] {
  return ow.neurons.get(name)?.transmitters ?? [];
}

/** Whether a neuron releases GABA (the inhibitory transmitter of C. elegans: DD, VD, RME, AVL, DVB, RIS). */
export function isGabaergic(name: string, ow: Owmeta): boolean {
  return transmitters(name, ow).includes('GABA');
}
