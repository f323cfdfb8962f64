// Shared set-up for browser end-to-end tests: a static server over dist/,
// Debian's Chromium driven by playwright-core, and console-error capture.
import { mkdir } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';
import { serve } from '../../scripts/serve.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = join(ROOT, 'dist');
export const SCREENSHOTS = join(ROOT, 'tests', 'e2e', 'screenshots');

/** Serves dist/ on an ephemeral loopback port with scripts/serve.mjs (what
 * `make serve` runs: precompressed files, cache headers, CORS). */
export async function startServer() {
  return serve({ root: DIST });
}

/** Launches headless Chromium with the flags this machine needs (Playwright
 * gives every launch a fresh, empty user-data directory). */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A new page that records every console error and page error. */
export async function openPage(browser, url, viewport = { width: 1440, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  await page.goto(url);
  return { page, context, errors };
}

export async function screenshot(page, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** Registers a server and a browser for the test file; fields fill in before the tests run. */
export function useBrowser() {
  const env = {};
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** The text in the workspace's CodeMirror editor. */
export function editorValue(page) {
  return page.$eval('#editor', (e) => e.closest('.cm-editor').dsEditor.value);
}

/** Waits until the autosave has written what the page shows. */
export async function saved(page) {
  await page.evaluate(() => window.dockersim.flush());
}

/** Waits until every line submitted to the terminal has run (and the page has
 * taken in its result: output printed, state and lesson refreshed). */
export async function settled(page) {
  await page.evaluate(() => window.dockersim.terminal.queue);
  await page.evaluate(() => window.dockersim.terminal.flush());
}

/** Types one line into the page's terminal. */
export async function typeLine(page, line) {
  await page.fill('#term-in', line);
  await page.press('#term-in', 'Enter');
}
