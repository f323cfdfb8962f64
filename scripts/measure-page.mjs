// Measures the built page (dist/, served by scripts/serve.mjs as `make serve`
// does) in headless Chromium and prints:
//   cold load → first possible build (Build button enabled), on localhost;
//   bytes over the wire as served (compressed: the response bodies' encoded
//   sizes), for the page and for the embed (a read-only and an editable widget
//   on another origin);
//   the longest main-thread task while a build animates, while typing in the
//   terminal, and while `seq 1 90000` / `RUN seq 1 90000` output renders;
//   the wasm's size (gzip, brotli) and the image catalog's data: what a first
//   `docker pull redis:7` / `docker run hello-world` fetches, and every
//   family file in dist/catalog/.
// Run: make measure (builds first) or node scripts/measure-page.mjs
import { mkdtemp, writeFile, rm, readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../tests/e2e/harness.mjs';
import { serve } from './serve.mjs';

const DIST = new URL('../dist/', import.meta.url).pathname;
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;

/** Counts encoded body bytes of every response from `origin` on `page`. */
function countBytes(page, origin) {
  const seen = [];
  page.on('requestfinished', (req) => {
    if (req.url().startsWith(origin)) seen.push(req.sizes().then((s) => s.responseBodySize).catch(() => 0));
  });
  return async () => (await Promise.all(seen)).reduce((a, b) => a + b, 0);
}

async function watchTasks(page) {
  await page.evaluate(() => {
    window.__tasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__tasks.push(e.duration); }).observe({ type: 'longtask' });
  });
  return {
    reset: () => page.evaluate(() => { window.__tasks = []; }),
    longest: async () => Math.max(0, ...(await page.evaluate(() => window.__tasks))),
  };
}

const server = await serve({ root: DIST });
const browser = await launchBrowser();
const loads = [];
let pageBytes = 0;
let buildTask = 0;
let typingTask = 0;
for (let i = 0; i < 3; i += 1) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const bytes = countBytes(page, server.url);
  const t0 = Date.now();
  await page.goto(server.url);
  await page.waitForSelector('#build:not([disabled])', { timeout: 60000 });
  loads.push(Date.now() - t0);
  pageBytes = await bytes();
  const tasks = await watchTasks(page);
  await page.click('#build');
  await page.waitForFunction(() => /^(Built|빌드 완료) /.test(document.querySelector('#status').textContent), null, { timeout: 60000 });
  await page.waitForTimeout(200);
  buildTask = Math.max(buildTask, await tasks.longest());
  await tasks.reset();
  await page.click('#term-in');
  await page.keyboard.type('docker run --rm -e GREETING=hello app node -e "console.log(1)"', { delay: 25 });
  await page.keyboard.press('Enter');
  await page.keyboard.type('docker images', { delay: 25 });
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
  typingTask = Math.max(typingTask, await tasks.longest());
  await context.close();
}

// 90 000 lines of output, best of three (the machine may be shared).
const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
const page = await context.newPage();
await page.emulateMedia({ reducedMotion: 'reduce' });
await page.goto(server.url);
await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
const tasks = await watchTasks(page);
const seqTerm = [];
const seqBuild = [];
const type = async (line) => { await page.fill('#term-in', line); await page.press('#term-in', 'Enter'); };
await type("printf 'FROM alpine:3.19\\nRUN seq 1 90000\\n' > Dockerfile.seq");
for (let i = 0; i < 3; i += 1) {
  await tasks.reset();
  await type('seq 1 90000');
  await type(`echo done-${i}`);
  await page.waitForFunction((n) => document.querySelector('#term-out').textContent.endsWith(`done-${n}\n`), i, { timeout: 60000 });
  await page.waitForTimeout(200);
  seqTerm.push(await tasks.longest());
  await tasks.reset();
  await type(`docker build --no-cache -q -f Dockerfile.seq -t seq${i} .`);
  await type(`echo built-${i}`);
  await page.waitForFunction((n) => document.querySelector('#term-out').textContent.endsWith(`built-${n}\n`) && !document.querySelector('#build').disabled, i, { timeout: 90000 });
  await page.waitForTimeout(300);
  seqBuild.push(await tasks.longest());
}
await context.close();

// The image catalog: families fetched on first use, one request each.
const catalogContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
const catalogRequests = [];
catalogContext.on('requestfinished', (req) => {
  if (new URL(req.url()).pathname.includes('/catalog/')) {
    catalogRequests.push(req.sizes().then((s) => ({ path: new URL(req.url()).pathname, wire: s.responseBodySize })).catch(() => null));
  }
});
const catalogPage = await catalogContext.newPage();
await catalogPage.goto(server.url);
await catalogPage.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
const catalogFigures = [];
for (const line of ['docker pull redis:7', 'docker run --rm hello-world', 'docker pull mysql:8.0']) {
  const before = catalogRequests.length;
  await catalogPage.fill('#term-in', line);
  await catalogPage.press('#term-in', 'Enter');
  await catalogPage.evaluate(() => window.dockersim.terminal.queue);
  const fetched = (await Promise.all(catalogRequests.slice(before))).filter(Boolean);
  catalogFigures.push(`${line}: ${fetched.map((f) => `${f.path.replace(/^.*\/catalog\//, '')} ${(f.wire / 1024).toFixed(1)} KB`).join(', ')}`);
}
await catalogContext.close();
const catalogDir = join(DIST, 'catalog');
let catalogRaw = 0;
let catalogBr = 0;
let catalogCount = 0;
for (const name of (await readdir(catalogDir)).filter((n) => n.endsWith('.json'))) {
  catalogCount += 1;
  const raw = (await readFile(join(catalogDir, name))).length;
  catalogRaw += raw;
  catalogBr += await readFile(join(catalogDir, `${name}.br`)).then((b) => b.length, () => raw);
}
const wasmName = (await readdir(join(DIST, 'assets'))).find((n) => n.endsWith('.wasm'));
const wasm = await readFile(join(DIST, 'assets', wasmName));
const wasmBr = await readFile(join(DIST, 'assets', `${wasmName}.br`)).then((b) => b.length, () => wasm.length);

// The embed on another origin: a read-only widget and an editable one.
const dir = await mkdtemp(join(tmpdir(), 'dockersim-measure-'));
const widget = (attrs) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title><link rel="icon" href="data:,">
<script src="${server.url}docker-sim.js"></script></head><body><docker-sim ${attrs}><script type="text/x-dockerfile">FROM alpine:3.19
CMD ["echo", "hi"]</script></docker-sim></body></html>`;
await writeFile(join(dir, 'readonly.html'), widget('readonly panels="steps,layers"'));
await writeFile(join(dir, 'editable.html'), widget('panels="editor,steps,layers,terminal"'));
const host = await serve({ root: dir });
const embed = {};
for (const kind of ['readonly', 'editable']) {
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  const bytes = countBytes(p, server.url);
  await p.goto(`${host.url}${kind}.html`);
  await p.waitForSelector('docker-sim[data-ready="true"]', { timeout: 60000 });
  await p.waitForTimeout(300);
  embed[kind] = await bytes();
  await ctx.close();
}
await host.close();
await rm(dir, { recursive: true, force: true });
await browser.close();
await server.close();

const ms = (list) => list.map((n) => n.toFixed(0)).join(' / ');
console.log(`cold load to first possible build: ${Math.min(...loads)} ms best, ${loads.join(' / ')} ms (aim < 1000 ms)`);
console.log(`bytes over the wire for the page, as served (brotli): ${kb(pageBytes)} (aim < 700 KB)`);
console.log(`embed bytes over the wire (brotli): read-only widget ${kb(embed.readonly)}, editable widget ${kb(embed.editable)}`);
console.log(`longest main-thread task while a build animates: ${buildTask.toFixed(0)} ms; while typing in the terminal: ${typingTask.toFixed(0)} ms (aim < 50 ms; 0 = no task over 50 ms)`);
console.log(`longest main-thread task while 90 000 lines render: terminal ${ms(seqTerm)} ms, build ${ms(seqBuild)} ms (three tries; aim < 50 ms)`);
console.log(`wasm: ${kb(wasm.length)} raw, ${kb(gzipSync(wasm, { level: 9 }).length)} gzip (limit 555 KB), ${kb(wasmBr)} brotli`);
console.log(`image catalog fetched on first use (brotli, one request per family): ${catalogFigures.join('; ')}`);
console.log(`image catalog in dist/catalog/: ${catalogCount} families, ${kb(catalogRaw)} raw, ${kb(catalogBr)} brotli (none in the wasm)`);
