// Loads the page, clicks Build, waits for the digests, and screenshots it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, screenshot } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

for (const [label, viewport] of [
  ['1440x900', { width: 1440, height: 900 }],
  ['768x1024', { width: 768, height: 1024 }],
]) {
  test(`Build plays every step with layer digests (${label})`, async () => {
    const { page, context, errors } = await openPage(browser, server.url, viewport);
    await page.waitForSelector('body[data-ready="true"]');
    await page.click('#build');
    await page.waitForSelector('#status:text-matches("^Built ")', { timeout: 20000 });
    const badges = await page.$$eval('.step .badge', (els) => els.map((e) => e.textContent));
    assert.ok(badges.some((b) => b.startsWith('DONE')), `steps: ${badges}`);
    const digests = await page.$$eval('.layer .digest', (els) => els.map((e) => e.textContent));
    assert.ok(digests.length >= 3, `layers: ${digests}`);
    for (const d of digests) assert.match(d, /^sha256:[0-9a-f]{12}$/);
    await screenshot(page, `build-${label}`);

    // A second build of the same workspace comes from the cache.
    await page.click('#build');
    await page.waitForFunction(() => document.querySelectorAll('.step.cached').length >= 3, null, { timeout: 20000 });
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('a failing RUN shows BuildKit’s error with the line', async () => {
  const { page, context, errors } = await openPage(browser, server.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.fill('#editor', 'FROM busybox\nRUN exit 3\n');
  await page.click('#build');
  await page.waitForSelector('#status:text("Build failed")', { timeout: 20000 });
  const text = await page.textContent('#error');
  assert.match(text, /Dockerfile:2/);
  assert.match(text, /process "\/bin\/sh -c exit 3" did not complete successfully: exit code: 3/);
  assert.deepEqual(errors, []);
  await context.close();
});
