// Builder benchmarks in headless Chromium: the same cases as
// `cargo run --release --example bench_build`, timed inside the page around
// each engine call (the wasm of www/pkg, as `make wasm` leaves it; the time
// includes handing the report to JavaScript).
// Run: make wasm && node scripts/bench-browser.mjs
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../tests/e2e/harness.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const APP = join(ROOT, 'examples', 'node-app');
// Another wasm-bindgen output folder can be compared with PKG_DIR=….
const PKG = process.env.PKG_DIR ?? join(ROOT, 'www', 'pkg');

const PAGE = `<!doctype html><meta charset="utf-8"><script type="module">
import init, { DockerSim } from '/pkg/dockersim.js';
window.bench = async (app, big) => {
  await init({ module_or_path: '/pkg/dockersim_bg.wasm' });
  const out = {};
  const time = (name, f) => {
    let best = Infinity, result;
    for (let i = 0; i < (name.startsWith('cold') ? 1 : 5); i += 1) {
      const t0 = performance.now();
      result = f();
      best = Math.min(best, performance.now() - t0);
    }
    out[name] = { ms: best, ok: result.ok ?? true };
    return result;
  };
  let sim = new DockerSim();
  time('cold build (first engine, catalog pull)', () => sim.build(app.Dockerfile, app, 'app', false));
  const second = new DockerSim();
  time('cold build (second engine)', () => second.build(app.Dockerfile, app, 'app', false));
  time('fully cached rebuild', () => sim.build(app.Dockerfile, app, 'app', false));
  let n = 0;
  time('source edit rebuild', () => sim.build(app.Dockerfile, { ...app, 'server.js': app['server.js'] + '// ' + (n += 1) + '\\n' }, 'app', false));
  for (const [name, text] of Object.entries(app)) sim.write_file('/home/learner/' + name, text);
  sim.run('cd /home/learner');
  time('what would rebuild (predict)', () => sim.predict(app.Dockerfile));
  if (!big) return out;
  const bigSim = new DockerSim();
  time('cold 2,000 files + npm install of 50 packages', () => bigSim.build(big.Dockerfile, big, 'big', false));
  time('cached 2,000 files + 50 packages', () => bigSim.build(big.Dockerfile, big, 'big', false));
  // The same build on another fresh engine: the wasm is warm (V8 has tiered
  // its hot functions up) but nothing is cached, nor is the npm layer's
  // DiffID remembered (its files are written with another engine's clock).
  const again = new DockerSim(1700000000);
  time('cold 2,000 files + 50 packages (second engine)', () => again.build(big.Dockerfile, big, 'big', false));
  return out;
};
window.ready = true;
</script>`;

const server = createServer(async (req, res) => {
  const path = new URL(req.url, 'http://127.0.0.1').pathname;
  if (path === '/') {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(PAGE);
    return;
  }
  try {
    const body = await readFile(join(PKG, path.replace(/^\/pkg\//, '').replace(/\.\./g, '')));
    res.writeHead(200, { 'content-type': extname(path) === '.wasm' ? 'application/wasm' : 'text/javascript' });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

const app = {};
for (const name of ['Dockerfile', 'package.json', 'server.js']) app[name] = await readFile(join(APP, name), 'utf8');
const packages = ['express', 'accepts', 'array-flatten', 'body-parser', 'bytes', 'content-disposition', 'content-type', 'cookie',
  'cookie-signature', 'debug', 'ms', 'depd', 'destroy', 'encodeurl', 'escape-html', 'etag', 'finalhandler', 'fresh',
  'http-errors', 'iconv-lite', 'inherits', 'ipaddr.js', 'forwarded', 'media-typer', 'merge-descriptors', 'methods',
  'mime', 'mime-db', 'mime-types', 'negotiator', 'on-finished', 'ee-first', 'parseurl', 'path-to-regexp', 'proxy-addr',
  'qs', 'lodash', 'axios', 'dotenv', 'cors', 'nodemon', 'semver', 'uuid', 'chalk', 'moment', 'react', 'react-dom',
  'typescript', 'jest', 'mongoose'];
const big = {
  Dockerfile: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json .\nRUN npm install\nCOPY . .\nCMD ["node", "server.js"]\n',
  'package.json': JSON.stringify({ name: 'big', version: '1.0.0', dependencies: Object.fromEntries(packages.map((p) => [p, '*'])) }, null, 2),
  'server.js': app['server.js'],
};
for (let i = 0; i < 1997; i += 1) big[`src/module${Math.floor(i / 100)}/file${i}.js`] = `module.exports = ${i};\n`;

const browser = await launchBrowser();
const page = await browser.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));
await page.goto(`http://127.0.0.1:${server.address().port}/`);
await page.waitForFunction(() => window.ready === true);
// PROFILE=1 prints where the wasm spends its time (Chromium's sampling profiler).
const cdp = process.env.PROFILE ? await page.context().newCDPSession(page) : null;
if (cdp) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
}
// SMALL=1 leaves out the 2,000-file context (to profile the node app alone).
const results = await page.evaluate(([a, b]) => window.bench(a, b), [app, process.env.SMALL ? null : big]);
if (cdp) {
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map();
  const dt = new Map();
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  for (const node of profile.nodes) {
    const name = node.callFrame.functionName || '(anonymous)';
    self.set(name, (self.get(name) ?? 0) + (dt.get(node.id) ?? 0) / 1000);
  }
  const parent = new Map();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const incl = new Map();
  for (const node of profile.nodes) {
    const t = (dt.get(node.id) ?? 0) / 1000;
    if (!t) continue;
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const name = (byId.get(id).callFrame.functionName || '(anonymous)').replace(/::h[0-9a-f]{16}$/, '');
      if (seen.has(name)) continue;
      seen.add(name);
      incl.set(name, (incl.get(name) ?? 0) + t);
    }
  }
  // Inclusive time of the engine's own functions (and serde's), then self time of everything.
  for (const [name, ms] of [...incl.entries()].filter(([n]) => n.includes('dockersim') || n.includes('serde')).sort((x, y) => y[1] - x[1]).slice(0, 60)) console.log(`INCL ${ms.toFixed(1).padStart(8)} ms  ${name.slice(0, 130)}`);
  const top = [...self.entries()].sort((x, y) => y[1] - x[1]).slice(0, Number(process.env.PROFILE) > 1 ? Number(process.env.PROFILE) : 25);
  for (const [name, ms] of top) console.log(`${ms.toFixed(1).padStart(8)} ms  ${name.slice(0, 150)}`);
}
await browser.close();
server.close();
if (errors.length) throw new Error(errors.join('\n'));
console.log('engine time in headless Chromium (best of 5; cold runs once):');
for (const [name, { ms, ok }] of Object.entries(results)) console.log(`  ${name.padEnd(48)} ${ms.toFixed(2).padStart(8)} ms${ok ? '' : '  (FAILED)'}`);
console.log('targets: cold node app < 20 ms, fully cached < 5 ms, 2,000 files + 50 packages < 300 ms');
