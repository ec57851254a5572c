/** `refract build <kind>`: make a network and save it as versioned network JSON. */
import { Command, Option } from 'commander';
import { writeNetworkFile } from '../node/network-file.js';
import { addNetworkOptions, buildNetwork, KINDS, type Kind, type NetworkOptions } from './networks.js';
import { choice, seed } from './args.js';
import { printResult } from './output.js';
import { bytesPerEdge } from '../model/types.js';
import { fingerprint } from '../model/fingerprint.js';
import { refractionRatios, summarizeRatios } from '../analysis/refraction.js';

export function registerBuild(program: Command): void {
  const cmd = program
    .command('build')
    .description('build a network and write it as network JSON')
    .argument('<kind>', `one of ${KINDS.join(', ')}`, choice(KINDS))
    .addOption(new Option('--out <file>', 'output network JSON').default('network.json'))
    .addOption(new Option('--seed <n>', 'seed of every random choice').argParser(seed))
    .addOption(new Option('--sidecar', 'store edge arrays in a binary sidecar file (automatic above 200,000 edges)'))
    .addOption(new Option('--json', 'print the summary as JSON'));
  addNetworkOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  refract build geometric --n 5000 --k 50 --speed 300 --tortuosity 1.2 --seed 3 --out geo.json
  refract build ring --ring-size 8 --latency 0.5 -R 3 --out ring.json
  refract build crg --N 10000 --K 100 --seed 1 --out crg.json
  refract build from-edges --edges edges.csv --positions pos.csv --speed 500 --out net.json`,
  );
  cmd.action((kind: Kind, o: NetworkOptions & { out: string; sidecar?: boolean; json?: boolean }) => {
    const net = buildNetwork(kind, o);
    const files = writeNetworkFile(o.out, net, { sidecar: o.sidecar ? true : 'auto' });
    const lam = summarizeRatios(refractionRatios(net));
    printResult(
      {
        command: 'build',
        kind,
        n: net.n,
        m: net.m,
        fingerprint: fingerprint(net),
        bytes_per_edge: bytesPerEdge(net),
        latency_min_ms: net.m ? minOf(net.latency) : null,
        latency_max_ms: net.m ? maxOf(net.latency) : null,
        lambda_median: lam.median,
        lambda_fraction_above_1: lam.fractionAboveOne,
      },
      o.json ?? false,
      files,
    );
  });
}

function minOf(a: Float64Array): number {
  let m = Infinity;
  for (let i = 0; i < a.length; i++) if (a[i] < m) m = a[i];
  return m;
}

function maxOf(a: Float64Array): number {
  let m = -Infinity;
  for (let i = 0; i < a.length; i++) if (a[i] > m) m = a[i];
  return m;
}
