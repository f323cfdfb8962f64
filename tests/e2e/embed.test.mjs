// The docs-like demo page: two <docker-sim> widgets, each with its own
// engine. Building in one leaves the other untouched; inline children
// configure files, commands and read-only; no console errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, screenshot } from './harness.mjs';

const env = useBrowser();

const built = () => (sel) => /^(Built|빌드 완료) /.test(document.querySelector(sel).shadowRoot.querySelector('.status').textContent);

for (const [label, viewport] of [['1440x900', { width: 1440, height: 900 }], ['768x1024', { width: 768, height: 1024 }]]) {
  test(`embed demo: two independent widgets (${label})`, async () => {
    const { page, context, errors } = await openPage(env.browser, `${env.server.url}embed-demo.html`, viewport);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.waitForSelector('docker-sim#first[data-ready="true"]', { timeout: 30000 });
    await page.waitForSelector('docker-sim#dark[data-ready="true"]', { timeout: 30000 });

    // Inline children became files; the second widget is read-only and ran its commands.
    assert.deepEqual(await page.$$eval('#dark .tab', (tabs) => tabs.map((b) => b.textContent)), ['Dockerfile 🔒', 'package.json', 'server.js']);
    assert.equal(await page.$eval('#dark textarea.editor', (t) => t.readOnly), true, 'readonly="Dockerfile" locks the Dockerfile');
    await page.click('#dark .tab:text("server.js")');
    assert.equal(await page.$eval('#dark textarea.editor', (t) => t.readOnly), false, '... and only the Dockerfile');
    await page.click('#dark .tab:text("Dockerfile")');
    assert.match(await page.$eval('#dark .term-out', (o) => o.textContent), /REPOSITORY\s+TAG\s+IMAGE ID/);
    assert.match(await page.$eval('#first textarea.editor', (t) => t.value), /^FROM alpine:3.19\nCMD/);
    assert.equal(await page.$('#first .image-panel'), null, 'panels= hides the layers panel');

    // Build in the first widget only.
    await page.click('#first button.primary');
    await page.waitForFunction(built(), '#first', { timeout: 30000 });
    await page.fill('#first .term-in', 'docker run --rm hello');
    await page.press('#first .term-in', 'Enter');
    await page.waitForFunction(() => document.querySelector('#first').shadowRoot.querySelector('.term-out').textContent.includes('Hello from a container'), null, { timeout: 10000 });
    assert.equal(await page.$$eval('#dark .step', (s) => s.length), 0, 'the other widget did not build');
    // A build that fails before building shows that failure, not the build before it.
    await page.fill('#first .term-in', 'docker build --bogus .');
    await page.press('#first .term-in', 'Enter');
    await page.waitForFunction(() => document.querySelector('#first').shadowRoot.querySelector('.status').textContent === 'Build failed', null, { timeout: 10000 });
    assert.equal(await page.$$eval('#first .step', (s) => s.length), 0);
    assert.equal(await page.$eval('#first .error', (e) => e.textContent), 'ERROR: unknown flag: --bogus');
    await page.fill('#dark .term-in', 'docker images -q hello');
    await page.press('#dark .term-in', 'Enter');
    const darkOut = await page.$eval('#dark .term-out', (o) => o.textContent);
    assert.doesNotMatch(darkOut.split('docker images -q hello').pop(), /[0-9a-f]{12}/, 'engines are separate');

    // Build the second: npm install runs, and its layers appear.
    await page.click('#dark button.primary');
    await page.waitForFunction(built(), '#dark', { timeout: 30000 });
    assert.ok(await page.$$eval('#dark .layer', (l) => l.length) >= 3);
    assert.match(await page.$eval('#dark .steps', (s) => s.textContent), /RUN npm install/);

    await screenshot(page, `embed-${label}`);
    await page.$eval('#dark', (e) => e.scrollIntoView());
    await screenshot(page, `embed-dark-${label}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
