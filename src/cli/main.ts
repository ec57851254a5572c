#!/usr/bin/env node
/**
 * The `refract` command. Sub-commands live in their own files; this one wires them up and
 * turns user errors into one line on stderr and a non-zero exit code (no stack traces).
 */
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { isInputError } from '../formats/errors.js';
import { registerBuild } from './build.js';
import { registerSimulate } from './simulate.js';
import { registerBench } from './bench.js';
import { registerTour } from './tour.js';
import { registerAnalyze } from './analyze.js';
import { registerSweep } from './sweep.js';
import { registerMorph } from './morph.js';
import { registerLearn } from './learn.js';
import { registerConnectome } from './connectome.js';
import { registerSonata } from './sonata.js';
import { registerServe } from './serve.js';
import { registerNeuron, MissingToolError } from './neuron.js';
import { registerReproduce } from './reproduce.js';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

export function makeProgram(): Command {
  const program = new Command();
  program
    .name('refract')
    .description('Geometric dynamic networks: exact event-driven simulation of signals racing along edges to refractory nodes')
    .version(pkg.version)
    // Set before the sub-commands are registered, so that they inherit it: commander throws
    // instead of exiting and prints nothing itself; main() turns the error into one line.
    .exitOverride()
    .configureOutput({ outputError: () => {} });
  registerTour(program);
  registerBuild(program);
  registerSimulate(program);
  registerAnalyze(program);
  registerSweep(program);
  registerMorph(program);
  registerLearn(program);
  registerConnectome(program);
  registerReproduce(program);
  registerSonata(program);
  registerNeuron(program);
  registerBench(program);
  registerServe(program);
  program.addHelpText('after', '\nStart with:  refract tour        (or: npm start)\nEvery command has --help with examples.');
  return program;
}

/**
 * Commander's messages ("error: unknown option '--durration'\n(Did you mean --duration?)") as
 * one line, the hint kept: "unknown option '--durration' (Did you mean --duration?); see --help".
 */
export function commanderLine(message: string): string {
  return message.replace(/^error: /, '').split('\n').map((l) => l.trim()).filter(Boolean).join(' ') + '; see --help';
}

/** Exit codes: 0 ok, 1 internal error, 2 bad input (file, option or value), 3 a required tool is missing. */
export async function main(argv: string[]): Promise<number> {
  const program = makeProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return 0; // --help, --version
      process.stderr.write(`refract: ${commanderLine(e.message)}\n`);
      return 2;
    }
    if (isInputError(e) || e instanceof RangeError) {
      process.stderr.write(`refract: ${e.message}\n`);
      return 2;
    }
    if (e instanceof MissingToolError) {
      process.stderr.write(`refract: ${e.message}\n`);
      return 3;
    }
    const err = e as Error;
    process.stderr.write(`refract: internal error: ${err.message}\n`);
    if (process.env.REFRACT_DEBUG) process.stderr.write(`${err.stack ?? ''}\n`);
    return 1;
  }
}

// Output piped into `head` and the like: stop quietly when the reader goes away.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
process.exitCode = await main(process.argv);
