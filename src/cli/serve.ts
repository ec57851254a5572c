/**
 * `refract serve`: the visualiser, served from the built files (dist/web) on a local port.
 * Without --port (or when that port is taken) the system picks a free one; the URL is printed
 * on stdout. Ctrl-C stops the server and exits with code 0.
 */
import { Command, Option } from 'commander';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { InputError } from '../formats/errors.js';
import { staticServer, webRoot } from './static-server.js';

interface ServeOptions {
  port?: number;
  host: string;
  open?: boolean;
}

function portNumber(value: string): number {
  const v = Number(value);
  if (!Number.isInteger(v) || v < 0 || v > 65535) throw new InputError(`not a port number (an integer 0..65535): ${value}`, { field: '--port' });
  return v;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((ok, fail) => {
    const onError = (e: Error) => {
      server.off('listening', onListening);
      fail(e);
    };
    const onListening = () => {
      server.off('error', onError);
      ok((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Opens the URL in the desktop's browser; a failure is only reported. */
function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', (e) => process.stderr.write(`refract serve: could not open a browser (${e.message}); open ${url} yourself\n`));
  child.unref();
}

/** Whether a listen address only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export async function serve(o: ServeOptions): Promise<void> {
  const root = webRoot();
  if (!existsSync(join(root, 'index.html'))) throw new InputError(`the visualiser is not built (${root}/index.html is missing): run npm run build`);
  const server = staticServer(root);
  let port: number;
  try {
    port = await listen(server, o.port ?? 0, o.host);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (o.port === undefined || (code !== 'EADDRINUSE' && code !== 'EACCES')) throw e;
    process.stderr.write(`refract serve: port ${o.port} is not available (${code}); using a free port instead\n`);
    port = await listen(server, 0, o.host);
  }
  const url = `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}/`;
  if (!isLoopback(o.host))
    process.stderr.write(`refract serve: WARNING: listening on ${o.host}, not only on this machine: anyone who can reach port ${port} can load the app (it serves only its own built files, read-only)\n`);
  process.stdout.write(`Refract visualiser: ${url}\n(Ctrl-C to stop)\n`);
  if (o.open) openBrowser(url);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.close(() => done());
      server.closeAllConnections();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.stderr.write('refract serve: stopped\n');
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the interactive visualiser (network, morphology and learning views) from the built files')
    .addOption(new Option('--port <port>', 'port to listen on (default: a free port; a busy port falls back to a free one)').argParser(portNumber))
    .addOption(new Option('--host <host>', 'interface to listen on').default('127.0.0.1'))
    .addOption(new Option('--open', 'open the page in the default browser'))
    .addHelpText('after', '\nExamples:\n  refract serve                 # prints http://127.0.0.1:<port>/\n  refract serve --port 8080 --open')
    .action(async (o: ServeOptions) => serve(o));
}
