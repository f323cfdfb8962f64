// Measures the built page (dist/) in headless Chromium and prints numbers:
//   cold load → first possible build (Build button enabled), on localhost;
//   bytes transferred for the whole app, raw and gzipped;
//   the longest main-thread task while a build animates (the engine runs in a
//   worker, so the click's own task is short too), and how long after the
//   click the first step shows (the worker's answer, end to end).
// Run: make page && node scripts/measure-page.mjs
import { gzipSync } from 'node:zlib';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer, launchBrowser } from '../tests/e2e/harness.mjs';

const DIST = new URL('../dist/', import.meta.url).pathname;

async function distBytes() {
  let raw = 0;
  let gz = 0;
  const walk = async (dir) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (!entry.name.startsWith('embed')) {
        const body = await readFile(path);
        raw += body.length;
        gz += gzipSync(body, { level: 9 }).length;
      }
    }
  };
  await walk(DIST);
  return { raw, gz };
}

const server = await startServer();
const browser = await launchBrowser();
const runs = [];
let longest = 0;
const firstStep = [];
let served = [];
for (let i = 0; i < 3; i += 1) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  served = [];
  page.on('response', (r) => served.push(new URL(r.url()).pathname));
  await page.addInitScript(() => {
    window.__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: false });
  });
  const t0 = Date.now();
  await page.goto(server.url);
  await page.waitForSelector('#build:not([disabled])', { timeout: 30000 });
  runs.push(Date.now() - t0);
  await page.evaluate(() => {
    window.__tasks = [];
    document.querySelector('#build').addEventListener('click', () => { window.__clickAt = performance.now(); }, { capture: true, once: true });
    new MutationObserver((_, observer) => {
      if (document.querySelector('#steps li')) {
        window.__firstStepAt = performance.now();
        observer.disconnect();
      }
    }).observe(document.querySelector('#steps'), { childList: true, subtree: true });
  });
  await page.click('#build');
  await page.waitForFunction(() => /^(Built|빌드 완료) /.test(document.querySelector('#status').textContent), null, { timeout: 30000 });
  await page.waitForTimeout(200);
  const [tasks, clickAt, stepAt] = await page.evaluate(() => [window.__tasks, window.__clickAt, window.__firstStepAt]);
  if (process.env.VERBOSE) console.log(tasks.map(([s, d]) => `+${(s - clickAt).toFixed(0)}ms:${d.toFixed(0)}ms`).join(' '));
  for (const [, duration] of tasks) longest = Math.max(longest, duration);
  firstStep.push(stepAt - clickAt);
  await context.close();
}
await browser.close();
await server.close();

let raw = 0;
let gz = 0;
for (const path of new Set(served)) {
  try {
    const body = await readFile(join(DIST, path.endsWith('/') ? `${path}index.html` : path));
    raw += body.length;
    gz += gzipSync(body, { level: 9 }).length;
  } catch { /* not a dist file */ }
}
const all = await distBytes();
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log(`cold load to first possible build: ${Math.min(...runs)} ms best, ${runs.join(' / ')} ms (aim < 1000 ms)`);
console.log(`transferred for the app: ${kb(raw)} raw, ${kb(gz)} gzipped (aim < 700 KB); dist/ without embed: ${kb(all.gz)} gzipped`);
console.log(`longest main-thread task while a build animates: ${longest.toFixed(0)} ms (aim < 50 ms; 0 = no task over 50 ms)`);
console.log(`click to first build step shown (engine in its worker, cold then warm pages): ${firstStep.map((ms) => ms.toFixed(0)).join(' / ')} ms`);
