// A seeded synthetic neuron for the morphology view's examples: a soma, a few short dendrites
// and a branching, tortuous axon of about a millimetre of path (so Λ = R / latency runs from well
// above 1 near the root to below 1 at the far terminals). Not a real cell: the file says so.

/** `rand` is uniform in [0, 1), seeded with `seed` (the data plugin passes the library's createRng(seed).float). */
export function syntheticArborSwc(seed, rand) {
  const lines = [
    '# Synthetic neuron made by Refract (scripts/web/synthetic-arbor.mjs, seed ' + seed + '): NOT a real cell.',
    '# A branching, tortuous axon (type 2) to show Λ = R / latency along an arbor.',
  ];
  let id = 0;
  const add = (type, x, y, z, r, parent) => {
    id++;
    lines.push(`${id} ${type} ${x.toFixed(2)} ${y.toFixed(2)} ${z.toFixed(2)} ${r.toFixed(3)} ${parent}`);
    return id;
  };
  const soma = add(1, 0, 0, 0, 8, -1);
  const unit = (v) => {
    const n = Math.hypot(v[0], v[1], v[2]) || 1;
    return [v[0] / n, v[1] / n, v[2] / n];
  };
  // grows a branch of `steps` steps of 5 µm from (p, dir); bifurcates while order < maxOrder
  const grow = (type, parent, p, dir, steps, order, maxOrder, radius) => {
    let pos = p, d = dir, last = parent;
    for (let s = 0; s < steps; s++) {
      d = unit([d[0] + 0.45 * (rand() - 0.5), d[1] + 0.45 * (rand() - 0.5), d[2] + 0.2 * (rand() - 0.5)]);
      pos = [pos[0] + 5 * d[0], pos[1] + 5 * d[1], pos[2] + 5 * d[2]];
      last = add(type, pos[0], pos[1], pos[2], radius, last);
    }
    if (order >= maxOrder || (order > 2 && rand() < 0.15)) return;
    for (const side of [-1, 1]) {
      const turn = 0.5 + 0.4 * rand();
      const nd = unit([d[0] * Math.cos(turn) - side * d[1] * Math.sin(turn), side * d[0] * Math.sin(turn) + d[1] * Math.cos(turn), d[2]]);
      grow(type, last, pos, nd, 12 + Math.floor(rand() * 18), order + 1, maxOrder, Math.max(0.15, radius * 0.82));
    }
  };
  for (let k = 0; k < 4; k++) {
    const a = (2 * Math.PI * k) / 4 + 0.3;
    grow(3, soma, [8 * Math.cos(a), 8 * Math.sin(a), 0], [Math.cos(a), Math.sin(a), 0], 6, 0, 2, 0.8);
  }
  const axonStart = add(2, 0, -8, 0, 0.5, soma);
  grow(2, axonStart, [0, -8, 0], [0, -1, 0], 20, 0, 7, 0.5);
  return lines.join('\n') + '\n';
}
