import { race, geometric, Simulation, refractionRatios, summarizeRatios } from 'refract-networks';

// The race: a → b takes 1 ms, c → b takes 1.5 ms, b is refractory for 2 ms after firing.
const net = race({ tauAB: 1, tauCB: 1.5, refractory: 2 });
const sim = new Simulation(net, { record: { edgeCounts: true } });
sim.force(0, 0).force(2, 0).run(10); // force a (0) and c (2) at t = 0, run 10 ms
const { node, time } = sim.spikes();
console.log('spikes', Array.from(node), Array.from(time)); // b (1) fires at 1 ms
console.log('blocked per edge', Array.from(sim.recording().edgeBlocked!)); // c → b lost the race

// A driven geometric network: 500 leaky nodes in a 1 mm cube, 0.5 m/s conduction.
const geo = geometric({ n: 500, connect: { rule: 'k', k: 20 }, speed: 500, synDelay: 0.5, mode: 'leaky', tauM: 10, weight: 0.1, seed: 1 });
const lambda = summarizeRatios(refractionRatios(geo));
console.log('median Λ', lambda.median.toFixed(3), 'fraction Λ > 1', lambda.fractionAboveOne.toFixed(3));

const a = new Simulation(geo, { seed: 7 }).poisson({ rate: 500, weight: 0.11 });
a.run(100);
const saved = a.checkpoint(); // the full state at t = 100 ms
a.run(100);
const b = Simulation.restore(geo, saved).run(100); // continues bit-identically
console.log('spikes', a.spikes().node.length, 'identical after restore', JSON.stringify(a.spikes()) === JSON.stringify(b.spikes()));
