// The embed on another site (issue 19, finding 7): a host page served from
// one origin includes only <script src="…/docker-sim.js"> from dist/ served
// on another origin; the widget starts its worker and wasm from the script's
// origin, builds, and runs a command. Classic and module script tags both work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launchBrowser, screenshot } from './harness.mjs';
import { serve } from '../../scripts/serve.mjs';

const env = {};
before(async () => {
  env.embed = await startServer();
  env.dir = await mkdtemp(join(tmpdir(), 'dockersim-host-'));
  for (const [name, type] of [['classic.html', ''], ['module.html', ' type="module"']]) {
    await writeFile(join(env.dir, name), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Someone else's docs</title><link rel="icon" href="data:,">
<script${type} src="${env.embed.url}docker-sim.js"></script></head>
<body><main><h1>Another site</h1>
<docker-sim id="w" tag="hello" panels="editor,steps,terminal">
  <script type="text/x-dockerfile">
    FROM alpine:3.19
    CMD ["echo", "Hello from another origin"]
  </script>
</docker-sim></main></body></html>`);
  }
  env.host = await serve({ root: env.dir });
  env.browser = await launchBrowser();
});
after(async () => {
  await env.browser?.close();
  await env.host?.close();
  await env.embed?.close();
  await rm(env.dir, { recursive: true, force: true });
});

for (const kind of ['classic', 'module']) {
  test(`cross-origin embed with a ${kind} script tag builds and runs a command`, async () => {
    assert.notEqual(new URL(env.host.url).origin, new URL(env.embed.url).origin);
    const context = await env.browser.newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`${env.host.url}${kind}.html`);
    await page.waitForSelector('docker-sim#w[data-ready="true"]', { timeout: 40000 });
    await page.click('#w button.primary');
    await page.waitForFunction(() => /^Built /.test(document.querySelector('#w').shadowRoot.querySelector('.status').textContent), null, { timeout: 30000 });
    await page.fill('#w .term-in', 'docker run --rm hello');
    await page.press('#w .term-in', 'Enter');
    await page.waitForFunction(() => document.querySelector('#w').shadowRoot.querySelector('.term-out').textContent.includes('Hello from another origin'), null, { timeout: 15000 });
    // Catalog data comes from the script's origin too (hello-world is not compiled in).
    await page.fill('#w .term-in', 'docker run --rm hello-world');
    await page.press('#w .term-in', 'Enter');
    await page.waitForFunction(() => document.querySelector('#w').shadowRoot.querySelector('.term-out').textContent.includes('Hello from Docker!'), null, { timeout: 15000 });
    await screenshot(page, `embed-cross-origin-${kind}-1024x800`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
