/**
 * Headless Debian Chromium (never a downloaded browser) and a `refract serve` child process,
 * shared by the visualiser's end-to-end test and its FPS benchmark.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Why the browser tests cannot run here, or null when they can. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM) ? null : `${CHROMIUM} not found (install Debian's chromium: apt-get install -y chromium)`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

export interface Served {
  url: string;
  child: ChildProcess;
  /** Sends SIGINT and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts the built CLI's `refract serve` and waits for the URL it prints. */
export function startServe(args: string[] = []): Promise<Served> {
  const main = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js');
  const child = spawn(process.execPath, [main, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return new Promise((ok, fail) => {
    let out = '', err = '';
    const timer = setTimeout(() => fail(new Error(`refract serve printed no URL in 15 s: ${out} ${err}`)), 15000);
    child.stderr.on('data', (d: Buffer) => (err += String(d)));
    child.stdout.on('data', (d: Buffer) => {
      out += String(d);
      const m = /http:\/\/\S+/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      ok({
        url: m[0],
        child,
        stop: () => {
          child.kill('SIGINT');
          return exited;
        },
      });
    });
    void exited.then((code) => fail(new Error(`refract serve exited (${code}) before printing a URL: ${err}`)));
  });
}

// Runs in the page (the Node side has no PNG decoder and no DOM types).
const PIXEL_STATS = `async (b64) => {
  const img = new Image();
  img.src = 'data:image/png;base64,' + b64;
  await img.decode();
  const c = document.createElement('canvas');
  c.width = img.width;
  c.height = img.height;
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const d = ctx.getImageData(0, 0, c.width, c.height).data;
  let s = 0, ss = 0;
  const n = d.length / 4;
  for (let k = 0; k < d.length; k += 4) {
    const y = 0.2126 * d[k] + 0.7152 * d[k + 1] + 0.0722 * d[k + 2];
    s += y;
    ss += y * y;
  }
  const mean = s / n;
  return { mean, sd: Math.sqrt(Math.max(0, ss / n - mean * mean)) };
}`;

/** Mean and standard deviation of the luminance (0..255) of a PNG screenshot, decoded by the page itself. */
export async function pixelStats(page: Page, png: Buffer): Promise<{ mean: number; sd: number }> {
  return page.evaluate<{ mean: number; sd: number }>(`(${PIXEL_STATS})(${JSON.stringify(png.toString('base64'))})`);
}
