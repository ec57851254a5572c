/**
 * Browser benchmark (not a test): frames per second of the visualiser's network view on
 * 10,000 nodes / 100,000 edges, in Debian's headless Chromium (WebGL through SwiftShader, no
 * GPU), while the engine runs in its worker. Prints one JSON line; without Chromium, a JSON
 * line saying why it was skipped.
 *   npx tsx scripts/web/bench-fps.ts [--seconds 10] [--speed-log 1.3]
 */
import { chromiumMissing, launchChromium, startServe } from './chromium.js';

const args = process.argv.slice(2);
const opt = (name: string, d: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : d);
const seconds = opt('--seconds', 10);
const speedLog = opt('--speed-log', 1.3); // 10^1.3 ≈ 20 ms of model time per second, the default

interface NetStats {
  now: number;
  frames: number;
  spikes: number;
  n: number;
  m: number;
}

async function main(): Promise<void> {
  const missing = chromiumMissing();
  if (missing) {
    process.stdout.write(JSON.stringify({ bench: 'web-fps', skipped: missing }) + '\n');
    return;
  }
  const served = await startServe();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${served.url}?preset=geometric-10k&speedLog=${speedLog}`);
    await page.waitForFunction('window.__refractNetwork?.n === 10000 && window.__refractNetwork.spikes > 0', null, { timeout: 120000 });
    await page.waitForTimeout(3000); // warm-up
    const stats = () => page.evaluate<NetStats>('window.__refractNetwork');
    const a = await stats();
    const t0 = performance.now();
    await page.waitForTimeout(seconds * 1000);
    const b = await stats();
    const wall = (performance.now() - t0) / 1000;
    const gl = await page.evaluate<string>(`(() => {
      const gl = document.createElement('canvas').getContext('webgl');
      const ext = gl && gl.getExtension('WEBGL_debug_renderer_info');
      return gl ? String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)) : 'none';
    })()`);
    process.stdout.write(
      JSON.stringify({
        bench: 'web-fps',
        view: 'network',
        nodes: b.n,
        edges: b.m,
        fps: Number(((b.frames - a.frames) / wall).toFixed(1)),
        model_ms_per_s: Number(((b.now - a.now) / wall).toFixed(2)),
        spikes_per_s: Math.round((b.spikes - a.spikes) / wall),
        measured_s: Number(wall.toFixed(2)),
        viewport: '1280x800',
        browser: `chromium ${browser.version()} headless`,
        webgl_renderer: gl,
      }) + '\n',
    );
  } finally {
    await browser.close();
    await served.stop();
  }
}

await main();
