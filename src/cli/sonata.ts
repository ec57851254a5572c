/**
 * `refract export` / `refract import`: Refract networks to and from SONATA (the format of
 * BMTK, NEST, NEURON and PyNN), through src/io/sonata.ts.
 */
import { Command, Option } from 'commander';
import { readNetworkFile, writeNetworkFile } from '../io/network-json.js';
import { printResult } from './output.js';

export function registerSonata(program: Command): void {
  program
    .command('export')
    .description('write a network (network JSON) as a SONATA circuit: nodes.h5, edges.h5, type CSVs, circuit_config.json')
    .argument('<network>', 'network JSON written by refract build')
    .addOption(new Option('--to <dir>', 'output folder').default('refract-out/sonata'))
    .addOption(new Option('--population <name>', 'SONATA population name').default('refract'))
    .addOption(new Option('--json', 'print the summary as JSON'))
    .addHelpText('after', '\nExample:\n  refract build ring --n 10 --out ring.json && refract export ring.json --to ring-sonata')
    .action(async (file: string, o: { to: string; population: string; json?: boolean }) => {
      const net = readNetworkFile(file);
      const { exportSonata } = await import('../io/sonata.js'); // h5wasm loads only when needed
      const files = await exportSonata(net, o.to, { population: o.population });
      printResult({ command: 'export', network: file, nodes: net.n, edges: net.m, population: o.population, folder: o.to }, o.json ?? false, files.map((f) => `${o.to}/${f}`));
    });
  program
    .command('import')
    .description('read a SONATA point-neuron circuit (circuit_config.json or its folder) as a network JSON')
    .argument('<sonata>', 'circuit_config.json or the folder holding it')
    .addOption(new Option('--out <file>', 'network JSON to write').default('refract-out/imported.json'))
    .addOption(new Option('--json', 'print the summary as JSON'))
    .addHelpText('after', '\nExample:\n  refract import ../shared/data/sonata/300_pointneurons --out v1.json')
    .action(async (src: string, o: { out: string; json?: boolean }) => {
      const { importSonata } = await import('../io/sonata.js');
      const net = await importSonata(src);
      const files = writeNetworkFile(o.out, net);
      printResult({ command: 'import', source: src, nodes: net.n, edges: net.m, positions: net.position !== null }, o.json ?? false, files);
    });
}
