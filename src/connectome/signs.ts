/**
 * Signs of chemical synapses from the sender's transmitters and the receiver's receptors
 * (owmeta's per-neuron lists), as far as those data go.
 *
 * A transmitter excites or inhibits depending on the receptor that opens: C. elegans has
 * glutamate-gated chloride channels (GluCl: GLC-1..4, AVR-14, AVR-15; Cully et al. 1994,
 * Dent et al. 1997/2000, Chalasani et al. 2007), acetylcholine-gated chloride channels (ACC-1..4,
 * LGC-46..49; Putrenko et al. 2005, Takayanagi-Kiya et al. 2016), an excitatory GABA receptor
 * (EXP-1; Beg & Jorgensen 2003) beside the inhibitory GABA-A UNC-49 (Bamber et al. 1999), and
 * amine-gated chloride channels (MOD-1 serotonin, Ranganathan et al. 2000; LGC-53 dopamine and
 * LGC-55 tyramine, Ringstad et al. 2009; Pirri et al. 2009). Cation channels (nicotinic ACR-*,
 * UNC-29/38/63, LEV-1/8, DEG-3, DES-2; glutamate GLR-*, NMR-1/2) excite.
 *
 * Rule, per chemical edge pre → post: for each transmitter the sender releases, the receiver's
 * ionotropic receptors gated by it decide — only excitatory ones: +, only inhibitory ones: −.
 * When the transmitters that have such receptors agree, that is the sign (`receptor`). Otherwise
 * (no receptor listed for any of them, or a conflict) the transmitter's usual action decides:
 * GABA inhibits, acetylcholine and glutamate excite (`transmitter`); a sender with no listed
 * transmitter excites (`unknown`). owmeta's receptor lists are incomplete — the A- and B-type
 * motor neurons list no ionotropic receptor at all — so most motor-circuit edges fall back to the
 * transmitter rule; the counts of each basis are reported with the network.
 */
import type { Owmeta } from './positions.js';

type Sign = 1 | -1;

/** Ionotropic receptor subunits: the transmitter that gates them and the sign of their current. */
const RECEPTORS: Record<string, { transmitter: string; sign: Sign }> = {};
const add = (transmitter: string, sign: Sign, genes: string[]) => {
  for (const g of genes) RECEPTORS[g] = { transmitter, sign };
};
add('Acetylcholine', 1, ['ACR-2', 'ACR-3', 'ACR-4', 'ACR-5', 'ACR-6', 'ACR-7', 'ACR-8', 'ACR-9', 'ACR-10', 'ACR-11', 'ACR-12', 'ACR-13', 'ACR-14', 'ACR-15', 'ACR-16', 'ACR-17', 'ACR-18', 'ACR-19', 'ACR-20', 'ACR-21', 'ACR-23', 'ACR-24', 'ACR-25', 'DEG-3', 'DES-2', 'UNC-29', 'UNC-38', 'UNC-63', 'LEV-1', 'LEV-8', 'EAT-2']);
add('Acetylcholine', -1, ['ACC-1', 'ACC-2', 'ACC-3', 'ACC-4', 'LGC-46', 'LGC-47', 'LGC-48', 'LGC-49']);
add('Glutamate', 1, ['GLR-1', 'GLR-2', 'GLR-3', 'GLR-4', 'GLR-5', 'GLR-6', 'GLR-7', 'GLR-8', 'NMR-1', 'NMR-2']);
add('Glutamate', -1, ['GLC-1', 'GLC-2', 'GLC-3', 'GLC-4', 'AVR-14', 'AVR-15']);
add('GABA', -1, ['UNC-49', 'GAB-1', 'GGR-1', 'GGR-2', 'GGR-3', 'LGC-37', 'LGC-38']);
add('GABA', 1, ['EXP-1']);
add('Serotonin', -1, ['MOD-1']);
add('Dopamine', -1, ['LGC-53']);
add('Tyramine', -1, ['LGC-55']);

/** The usual action of a fast transmitter when the receptor is not known. */
const DEFAULT_SIGN: Record<string, Sign> = { Acetylcholine: 1, Glutamate: 1, GABA: -1 };

export type SignBasis = 'receptor' | 'transmitter' | 'unknown';

export interface SynapseSign {
  sign: Sign;
  basis: SignBasis;
}

/** The sign of a chemical synapse pre → post by the rule above. */
export function synapseSign(pre: string, post: string, ow: Owmeta): SynapseSign {
  const sent = ow.neurons.get(pre)?.transmitters ?? [];
  const receptors = ow.neurons.get(post)?.receptors ?? [];
  const decided = new Set<Sign>();
  for (const t of sent) {
    let exc = false, inh = false;
    for (const r of receptors) {
      const k = RECEPTORS[r];
      if (k?.transmitter !== t) continue;
      if (k.sign > 0) exc = true;
      else inh = true;
    }
    if (exc !== inh) decided.add(exc ? 1 : -1);
  }
  if (decided.size === 1) return { sign: [...decided][0], basis: 'receptor' };
  const defaults = sent.map((t) => DEFAULT_SIGN[t]).filter((s): s is Sign => s !== undefined);
  if (defaults.length > 0) return { sign: defaults.includes(-1) && !defaults.includes(1) ? -1 : 1, basis: 'transmitter' };
  return { sign: 1, basis: 'unknown' };
}
