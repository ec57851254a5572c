/**
 * A simulation that continues from `sim`'s exact state but without its recorded spike list,
 * so a visualiser session that plays for hours does not grow without bound (the page has
 * already received those spikes). Arrival counters are kept.
 */
import { Simulation } from '../../engine/simulation.js';
import type { Network } from '../../model/types.js';

export function withoutRecordedSpikes(sim: Simulation, net: Network): Simulation {
  const cp = sim.checkpoint();
  cp.recorder = { ...cp.recorder, spikeNode: new Int32Array(0), spikeTime: new Float64Array(0), spikeCount: 0 };
  return Simulation.restore(net, cp);
}
