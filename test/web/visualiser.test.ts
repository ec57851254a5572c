// End-to-end: `refract serve` + the built visualiser in Debian's headless Chromium (SwiftShader
// WebGL, no GPU). Skips with a message when /usr/bin/chromium is missing. Screenshots go to
// refract-out/test/e2e/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, launchChromium, pixelStats, startServe, type Served } from '../../scripts/web/chromium.js';
import { ring } from '../../src/model/builders/fixtures.js';
import { networkToJson } from '../../src/formats/network-json.js';
import { DRIFT_NETWORK, DRIFT_SPIKES } from './drift-files.js';

const ROOT = join(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'refract-out', 'test', 'e2e');
const SWC = join(ROOT, 'test', 'fixtures', 'swc');
const missing = chromiumMissing();
if (missing) console.log(`# skipping the browser end-to-end tests: ${missing}`);

interface NetStats {
  now: number;
  spikes: number;
  blockedPercent: number;
  gen: number;
  n: number;
  m: number;
}

/** Drops files on an element the way a user's drag-and-drop does. */
async function dropFiles(page: Page, selector: string, files: { name: string; text: string }[]): Promise<void> {
  await page.evaluate(`(() => {
    const dt = new DataTransfer();
    for (const f of ${JSON.stringify(files)}) dt.items.add(new File([f.text], f.name));
    const el = document.querySelector(${JSON.stringify(selector)});
    el.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  })()`);
}

const netStats = (page: Page) => page.evaluate<NetStats | null>('window.__refractNetwork ?? null');

async function waitForSpikesAbove(page: Page, count: number, timeout = 30000): Promise<NetStats> {
  await page.waitForFunction(`(window.__refractNetwork?.spikes ?? 0) > ${count}`, null, { timeout });
  return (await netStats(page))!;
}

async function assertNotBlank(page: Page, selector: string, name: string): Promise<void> {
  const png = await page.locator(selector).screenshot({ path: join(OUT, name) });
  const { sd } = await pixelStats(page, png);
  assert.ok(sd > 3, `${selector} looks blank (luminance sd ${sd.toFixed(2)})`);
}

describe('visualiser in headless Chromium', { skip: missing ?? false }, () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  before(async () => {
    mkdirSync(OUT, { recursive: true });
    served = await startServe();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  after(async () => {
    await browser?.close();
    if (served) assert.equal(await served.stop(), 0, 'refract serve exits with 0 on SIGINT');
  });

  test('the page is cross-origin isolated (COOP/COEP from refract serve)', async () => {
    await page.goto(`${served.url}?preset=ring`);
    assert.equal(await page.evaluate('crossOriginIsolated'), true);
    assert.equal(await page.evaluate('typeof SharedArrayBuffer'), 'function');
  });

  test('the page has its own icon (no request for a missing /favicon.ico)', async () => {
    const status = await page.evaluate<number | null>(`(async () => {
      const link = document.querySelector('link[rel~="icon"]');
      return link ? (await fetch(link.href)).status : null;
    })()`);
    assert.equal(status, 200, 'a <link rel="icon"> that the server has');
  });

  test('network view, ring of 16: the raster starts at 0 ms, and nothing blocked is not drawn as 5 % blocked', async () => {
    await page.waitForFunction('window.__refractNetwork?.n === 16', null, { timeout: 30000 });
    // right after the start the raster's window would reach before t = 0
    await page.waitForSelector('#raster[data-t0]', { timeout: 5000 });
    const t0 = Number(await page.getAttribute('#raster', 'data-t0'));
    assert.ok(t0 >= 0, `raster starts at ${t0} ms`);
    await waitForSpikesAbove(page, 40);
    const s = (await netStats(page))!;
    assert.equal(s.blockedPercent, 0, 'a ring with R ≤ N·τ blocks nothing');
    await page.waitForFunction(`document.querySelector('#lambda-histogram')?.dataset.blockedCaption === 'no arrival blocked so far'`, null, { timeout: 5000 });
  });

  test('network view: a preset runs, the raster gains spikes, the canvas is not blank', async () => {
    await page.selectOption('#preset', 'geometric');
    await page.waitForFunction('window.__refractNetwork?.n === 2000', null, { timeout: 30000 });
    assert.equal(await page.getAttribute('#play', 'aria-pressed'), 'true', 'it plays from the start');
    const a = await waitForSpikesAbove(page, 0);
    const b = await waitForSpikesAbove(page, a.spikes + 100);
    assert.ok(b.now > a.now, 'model time advances');
    const rasterCount = Number(await page.getAttribute('#raster', 'data-spikes'));
    assert.ok(rasterCount > 0, 'the raster shows spikes');
    await assertNotBlank(page, '#network-canvas', 'network-canvas.png');
    await assertNotBlank(page, '#raster', 'raster.png');
    await assertNotBlank(page, '#lambda-histogram', 'lambda-histogram.png');
    await page.screenshot({ path: join(OUT, 'network-view.png') });
    // the README's picture (docs/img/visualiser-network.png is a copy of this file)
    await page.setViewportSize({ width: 1100, height: 680 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(OUT, 'readme-network.png') });
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  test('network view: pause and step move model time by exactly 1 ms', async () => {
    await page.click('#play'); // pause
    await page.waitForTimeout(300);
    const t0 = (await netStats(page))!.now;
    await page.waitForTimeout(300);
    assert.equal((await netStats(page))!.now, t0, 'paused: time stands still');
    await page.click('#step');
    await page.waitForFunction(`window.__refractNetwork.now >= ${t0 + 1}`, null, { timeout: 10000 });
    await page.waitForTimeout(200);
    assert.ok(Math.abs((await netStats(page))!.now - (t0 + 1)) < 1e-6);
    // a click near the middle of 2,000 nodes picks one and shows its numbers
    await page.click('#network-canvas');
    await page.locator('#node-info').waitFor({ timeout: 5000 });
    const picked = Number(await page.getAttribute('#node-info', 'data-node'));
    assert.ok(Number.isInteger(picked) && picked >= 0 && picked < 2000);
    assert.match((await page.textContent('#node-info')) ?? '', /out-edges\s*10/);
  });

  test('network view: the R slider rebuilds the network (keyboard)', async () => {
    const before = (await netStats(page))!;
    const shown = await page.textContent('label[for="refractory"] output');
    await page.focus('#refractory');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(`window.__refractNetwork.gen > ${before.gen}`, null, { timeout: 30000 });
    assert.notEqual(await page.textContent('label[for="refractory"] output'), shown);
    await page.click('#play');
    await waitForSpikesAbove(page, 10);
  });

  test('network view: a malformed dropped file shows a readable error and the app keeps working', async () => {
    await dropFiles(page, '.network-view', [{ name: 'broken.json', text: '{"format": "refract-network", "version": 1, "nodes": ' }]);
    const alert = page.locator('.network-view [role="alert"]');
    await alert.waitFor({ timeout: 10000 });
    const message = (await alert.textContent()) ?? '';
    assert.match(message, /broken\.json/);
    await page.screenshot({ path: join(OUT, 'network-error.png') });
    const s = (await netStats(page))!;
    assert.equal(s.n, 2000, 'the previous network is still loaded');
    await waitForSpikesAbove(page, s.spikes + 10);
    await dropFiles(page, '.network-view', [{ name: 'wrong.json', text: JSON.stringify({ format: 'refract-network', version: 1, units: { time: 'ms', length: 'um', speed: 'um/ms' }, nodes: { count: 2 }, edges: { count: 1, source: [0], target: [5], latency: [1] } }) }]);
    await page.waitForFunction(`document.querySelector('.network-view [role="alert"]')?.textContent.includes('edges.target')`, null, { timeout: 10000 });
    await page.click('.network-view [role="alert"] button');
    assert.equal(await alert.count(), 0, 'the error can be dismissed');
  });

  test('network view: the two files the old browser readers got wrong are refused as the CLI refuses them (test/web/same-readers.test.ts)', async () => {
    const alert = page.locator('.network-view [role="alert"]');
    const refusal = async (name: string, text: string): Promise<string> => {
      await dropFiles(page, '.network-view', [{ name, text }]);
      await alert.waitFor({ timeout: 10000 });
      const message = (await alert.textContent()) ?? '';
      await page.click('.network-view [role="alert"] button');
      return message;
    };
    // the first edge in file order is 2 → 0 (edges out of source order): edges.latency[0], not [2]
    assert.match(await refusal('drift.json', DRIFT_NETWORK), /drift\.json:4: edges\.latency\[0\]: latency must be a finite number >= 0, got -1/);
    assert.match(await refusal('spikes.csv', DRIFT_SPIKES), /spikes\.csv:3: time_ms: must be a time >= 0 ms \(runs start at 0\), got -5/);
  });

  test('network view: a dropped network JSON loads and runs; its spikes CSV replays', async () => {
    const net = ring({ n: 7, latency: 1, refractory: 2 });
    const doc = JSON.stringify(networkToJson(net));
    await page.setInputFiles('#network-file', { name: 'ring7.json', mimeType: 'application/json', buffer: Buffer.from(doc) });
    await page.waitForFunction('window.__refractNetwork?.n === 7', null, { timeout: 10000 });
    await waitForSpikesAbove(page, 0);
    // the menu says what is shown: the file, not the preset before it
    await page.waitForFunction(`document.querySelector('#preset').value === 'file'`, null, { timeout: 5000 });
    assert.match((await page.locator('#preset option:checked').textContent()) ?? '', /ring7\.json/);
    assert.match((await page.textContent('.status')) ?? '', /^ring7\.json 7 nodes, 7 edges/);
    const csv = 'node,time_ms\n0,0\n1,1\n2,2\n3,3\n';
    await dropFiles(page, '.network-view', [{ name: 'spikes.csv', text: csv }]);
    await page.waitForFunction(`document.querySelector('.status')?.textContent.includes('replaying')`, null, { timeout: 10000 });
    await page.waitForFunction('window.__refractNetwork?.spikes === 4', null, { timeout: 20000 });
    assert.equal(await page.inputValue('#preset'), 'file', 'a replay on the file is still the file');
  });

  test('network view: C. elegans, CRG and 10,000-node presets run', async () => {
    // after a file, every preset can be chosen again, and the file leaves the menu
    await page.selectOption('#preset', 'celegans');
    await page.waitForFunction('window.__refractNetwork?.n === 300', null, { timeout: 30000 });
    assert.equal(await page.inputValue('#preset'), 'celegans');
    assert.equal(await page.locator('#preset option[value="file"]').count(), 0);
    await waitForSpikesAbove(page, 20);
    // ASEL's activity floods the connectome: most arrivals meet refractory neurons
    await page.waitForFunction('window.__refractNetwork.blockedPercent > 10', null, { timeout: 30000 });
    await page.screenshot({ path: join(OUT, 'network-celegans.png') });
    await page.selectOption('#preset', 'crg');
    await page.waitForFunction('window.__refractNetwork?.n === 1000 && window.__refractNetwork?.m === 100000', null, { timeout: 30000 });
    await waitForSpikesAbove(page, 50);
    await page.selectOption('#preset', 'geometric-10k');
    await page.waitForFunction('window.__refractNetwork?.n === 10000 && window.__refractNetwork?.m === 100000', null, { timeout: 60000 });
    await waitForSpikesAbove(page, 100);
    await assertNotBlank(page, '#network-canvas', 'network-10k-canvas.png');
    await page.screenshot({ path: join(OUT, 'network-10k.png') });
  });

  test('morphology view: loads an SWC, draws it, a click on a terminal shows its path length, latency and Λ', async () => {
    await page.click('#tab-morphology');
    await page.setInputFiles('#swc-file', join(SWC, 'zigzag-axon.swc'));
    await page.waitForFunction(`window.__refractMorph?.file === 'zigzag-axon.swc'`, null, { timeout: 10000 });
    await assertNotBlank(page, '#morph-canvas', 'morphology-canvas.png');
    const info = await page.evaluate<{ terminals: number; onScreen: [number, number][] }>('window.__refractMorph');
    assert.equal(info.terminals, 2);
    const box = (await page.locator('#morph-canvas').boundingBox())!;
    await page.mouse.click(box.x + info.onScreen[1][0], box.y + info.onScreen[1][1]);
    await page.locator('#terminal-info').waitFor({ timeout: 5000 });
    // the test hook is refreshed by the redraw that follows the render
    await page.waitForFunction('window.__refractMorph.selected !== null', null, { timeout: 5000 });
    const picked = await page.evaluate<{ pathLength: number; latency: number; lambda: number }>('window.__refractMorph.selected');
    const text = (await page.textContent('#terminal-info')) ?? '';
    assert.match(text, /path length/);
    assert.ok(text.includes(picked.pathLength.toFixed(1)) && text.includes(picked.lambda.toPrecision(4)), text);
    assert.ok(Math.abs(picked.lambda - 1 / picked.latency) < 1e-9, 'Λ = R / latency with R = 1 ms');
    await page.screenshot({ path: join(OUT, 'morphology-view.png') });
    // a broken SWC: a readable error, the last good cell stays
    await dropFiles(page, '.morph-view', [{ name: 'broken-line.swc', text: readFileSync(join(SWC, 'broken-line.swc'), 'utf8') }]);
    const alert = page.locator('.morph-view [role="alert"]');
    await alert.waitFor({ timeout: 5000 });
    assert.match((await alert.textContent()) ?? '', /broken-line\.swc/);
    assert.equal((await page.evaluate<{ file: string }>('window.__refractMorph')).file, 'zigzag-axon.swc');
  });

  test('learning view: draw a digit, teach its label, see the prediction; stream accuracy', async () => {
    await page.click('#tab-learning');
    await page.waitForSelector('#mnist-example:not([disabled])', { timeout: 60000 });
    const pad = (await page.locator('#draw-pad').boundingBox())!;
    // a "7": a bar and a diagonal
    await page.mouse.move(pad.x + 70, pad.y + 60);
    await page.mouse.down();
    await page.mouse.move(pad.x + 210, pad.y + 60, { steps: 10 });
    await page.mouse.move(pad.x + 120, pad.y + 230, { steps: 10 });
    await page.mouse.up();
    await page.waitForFunction(`document.querySelector('#prediction')?.textContent === '?'`, null, { timeout: 30000 });
    await assertNotBlank(page, '#response-map', 'learning-response.png');
    await page.click('#teach-7');
    await page.waitForFunction(`document.querySelector('#prediction')?.getAttribute('data-prediction') === '7'`, null, { timeout: 30000 });
    assert.equal(await page.textContent('#taught-count'), '1 example learned (0 / 0 / 0 / 0 / 0 / 0 / 0 / 1 / 0 / 0 per class 0–9)');
    await page.click('#stream');
    await page.waitForFunction(`document.querySelector('#stream-stats')?.getAttribute('data-seen') === '100'`, null, { timeout: 120000 });
    const correct = Number(await page.getAttribute('#stream-stats', 'data-correct'));
    assert.ok(correct > 30, `running accuracy over 100 MNIST examples: ${correct} %`);
    // the counts and the prediction on show are those of the learner after the stream
    await page.waitForFunction(`document.querySelector('#taught-count')?.getAttribute('data-taught') === '101'`, null, { timeout: 30000 });
    assert.match((await page.textContent('#taught-count')) ?? '', /^101 examples learned \(/);
    await page.waitForFunction(`document.querySelector('#prediction')?.getAttribute('data-learned') === '101'`, null, { timeout: 30000 });
    await page.screenshot({ path: join(OUT, 'learning-view.png') });
    // a test digit is not one the stream learned: rows [train, n) never reach it
    const train = Number(await page.getAttribute('#test-digits-note', 'data-train'));
    const testCount = Number(await page.getAttribute('#test-digits-note', 'data-test'));
    assert.match((await page.textContent('#test-digits-note')) ?? '', /never learns/);
    assert.ok(train >= 100 && testCount > 0, `${train} streamed, ${testCount} test digits`);
    const rows: number[] = [];
    for (let k = 0; k < 3; k++) {
      const before = await page.getAttribute('#prediction', 'data-row');
      await page.click('#mnist-example');
      await page.waitForFunction(`document.querySelector('#prediction')?.getAttribute('data-row') !== ${JSON.stringify(before)}`, null, { timeout: 30000 });
      rows.push(Number(await page.getAttribute('#prediction', 'data-row')));
    }
    for (const r of rows) assert.ok(r >= train && r < train + testCount, `test digit row ${r} is outside the streamed rows [0, ${train})`);
    assert.match((await page.textContent('[aria-label="Network response"]')) ?? '', /MNIST test digit \d+ of \d+, label \d/);
  });

  test('no uncaught errors in the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
