/**
 * Runs the built `refract` CLI (dist/, which `npm test` rebuilds first) in a child process,
 * exactly as users run it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The signal that ended the process (a native abort, or the timeout), if one did. */
  signal?: NodeJS.Signals | null;
}

const MAIN = join(import.meta.dirname, '../../dist/cli/main.js');

/** `timeoutMs`: kill the process after this long (code -1, signal SIGKILL): a hang fails the test instead of stalling it. */
export function cli(args: string[], opts: { cwd?: string; timeoutMs?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd: opts.cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' }, timeout: opts.timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 2 ** 20 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

export function tempDir(prefix = 'refract-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
