// State that survives everything (issue 19, findings 1, 2 and 10): one
// workspace per lesson plus free play, autosaved in IndexedDB; reloads,
// share links, ?lesson=, two tabs, a failed save, a history that crashes the
// engine, a failed start-up and a dead engine worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, editorValue, openPage, screenshot, settled } from './harness.mjs';

const env = useBrowser();

async function ready(page) {
  await page.waitForSelector('body[data-ready="true"]', { timeout: 40000 });
}

async function typeLine(page, line) {
  await page.fill('#term-in', line);
  await page.press('#term-in', 'Enter');
}

async function waitOut(page, text, timeout = 20000) {
  await page.waitForFunction((t) => document.querySelector('#term-out').textContent.includes(t), text, { timeout });
}

/** Waits until the autosave has written what the page shows. */
async function saved(page) {
  await page.evaluate(() => window.dockersim.flush());
}

async function pick(page, label) {
  await page.selectOption('#lesson-pick', { label });
}

const FREE_PLAY = 'Free play (no lesson)';

test('finding 1: a lesson with no starting files survives a reload (at three sizes)', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await ready(page);
  await pick(page, 'Images and containers');
  await page.waitForSelector('.lesson-title:text("Images and containers")');
  await typeLine(page, 'docker pull nginx:alpine');
  await waitOut(page, 'Status: Downloaded newer image for nginx:alpine');
  await saved(page);
  for (const [label, viewport] of [['1440x900', { width: 1440, height: 900 }], ['768x1024', { width: 768, height: 1024 }], ['390x844', { width: 390, height: 844 }]]) {
    await page.setViewportSize(viewport);
    await page.reload();
    await ready(page);
    assert.equal(await page.textContent('.lesson-title'), 'Images and containers', 'the active lesson is restored');
    assert.match(await page.textContent('#term-out'), /Downloaded newer image for nginx:alpine/, 'the transcript is restored');
    assert.ok(await page.$('.goal.met'), 'the pulled image (history replayed) meets the first goal');
    assert.ok(await page.isHidden('.editor-panel'), 'a terminal-only lesson hides the editor');
    await screenshot(page, `state-lesson-no-files-reloaded-${label}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('finding 2: lessons and free play are separate workspaces; free play is free play; reload keeps the lesson', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await ready(page);
  assert.equal(await page.getAttribute('body', 'data-workspace'), 'free');
  await page.click('.tab:text("Dockerfile")');
  await page.fill('#editor', 'FROM alpine:3.19\n# my free-play work\n');
  await typeLine(page, 'echo free-play-marker');
  await waitOut(page, 'free-play-marker\n');
  await pick(page, 'Fix the cache-busting order');
  await page.waitForSelector('.lesson-title:text("Fix the cache-busting order")');
  assert.match(await editorValue(page), /COPY \. \/app\nRUN npm install/, 'the lesson starts from its own files');
  assert.doesNotMatch(await page.textContent('#term-out'), /free-play-marker/);
  await typeLine(page, 'echo lesson-marker');
  await waitOut(page, 'lesson-marker\n');
  await saved(page);
  // Reloading mid-lesson stays in the lesson, with its files and transcript.
  await page.reload();
  await ready(page);
  assert.equal(await page.textContent('.lesson-title'), 'Fix the cache-busting order');
  assert.match(await page.textContent('#term-out'), /lesson-marker/);
  // "Free play" returns to the free-play workspace, not to lesson 1.
  await pick(page, FREE_PLAY);
  await page.waitForSelector('body[data-workspace="free"]');
  assert.equal(await page.$('.lesson-title'), null, 'no lesson is active');
  assert.equal(await editorValue(page), 'FROM alpine:3.19\n# my free-play work\n');
  assert.match(await page.textContent('#term-out'), /free-play-marker/);
  // And back to the lesson: its work was kept too.
  await pick(page, 'Fix the cache-busting order');
  await page.waitForSelector('body[data-workspace="lesson:05-cache-friendly-order"]');
  assert.match(await page.textContent('#term-out'), /lesson-marker/);
  await screenshot(page, 'state-lesson-kept-1440x900');
  assert.deepEqual(errors, []);
  await context.close();
});

test('finding 2: resetting a lesson asks first; declining keeps the work', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await ready(page);
  await pick(page, 'Fix the cache-busting order');
  await page.waitForSelector('.lesson-title');
  await typeLine(page, 'echo keep-me');
  await waitOut(page, 'keep-me\n');
  // The line's bookkeeping (the lesson bar re-renders after each command)
  // ends before the click, so the click cannot land on a moving button.
  await settled(page);
  const asked = [];
  page.once('dialog', (d) => { asked.push(d.message()); d.dismiss(); });
  await page.click('button:text("Reset")');
  // The dialog event reaches the test after the click returns.
  for (let i = 0; i < 50 && asked.length === 0; i += 1) await page.waitForTimeout(100);
  await settled(page);
  assert.equal(asked.length, 1);
  assert.match(await page.textContent('#term-out'), /keep-me/);
  page.once('dialog', (d) => d.accept());
  await page.click('button:text("Reset")');
  await page.waitForFunction(() => !document.querySelector('#term-out').textContent.includes('keep-me'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('finding 2: a share link opens as its own workspace, never over the recipient\'s', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await ready(page);
  await page.click('.tab:text("Dockerfile")');
  await page.fill('#editor', 'FROM alpine:3.19\n# shared version\n');
  await page.click('#share');
  await page.waitForSelector('#share[data-link]');
  const link = await page.getAttribute('#share', 'data-link');
  // The recipient's own work (same browser storage), then the link.
  await page.fill('#editor', 'FROM alpine:3.19\n# my own version\n');
  await saved(page);
  await page.goto('about:blank');
  await page.goto(link);
  await ready(page);
  assert.equal(await editorValue(page), 'FROM alpine:3.19\n# shared version\n');
  assert.match(await page.getAttribute('body', 'data-workspace'), /^shared:[0-9a-f]{12}$/);
  assert.match(await page.textContent('#notice'), /own workspace/);
  await screenshot(page, 'state-share-link-1440x900');
  await pick(page, FREE_PLAY);
  await page.waitForSelector('body[data-workspace="free"]');
  assert.equal(await editorValue(page), 'FROM alpine:3.19\n# my own version\n');
  assert.deepEqual(errors, []);
  await context.close();
});

test('finding 10: a ?lesson= that fails leaves the saved workspace alone and claims nothing', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await ready(page);
  await page.click('.tab:text("Dockerfile")');
  await page.fill('#editor', 'FROM alpine:3.19\n# still mine\n');
  await saved(page);
  await page.goto(`${env.server.url}?lesson=missing-lesson.json`);
  await ready(page);
  assert.match(await page.textContent('#notice'), /Could not open the lesson/);
  assert.equal(await editorValue(page), 'FROM alpine:3.19\n# still mine\n');
  // A bundled lesson by id opens its own workspace; free play is untouched.
  await page.goto(`${env.server.url}?lesson=05-cache-friendly-order`);
  await ready(page);
  assert.equal(await page.textContent('.lesson-title'), 'Fix the cache-busting order');
  assert.doesNotMatch(await page.textContent('#notice'), /Restored/);
  await pick(page, FREE_PLAY);
  await page.waitForSelector('body[data-workspace="free"]');
  assert.equal(await editorValue(page), 'FROM alpine:3.19\n# still mine\n');
  // The lesson files themselves are served as static files.
  const res = await page.request.get(`${env.server.url}lessons/05-cache-friendly-order.json`);
  assert.equal(res.status(), 200);
  assert.equal((await res.json()).id, '05-cache-friendly-order');
  assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
  await context.close();
});

test('finding 10: a workspace bigger than localStorage saves; a failed save is shown', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await ready(page);
  await typeLine(page, 'seq 1 90000 > a.txt && for i in 1 2 3 4 5 6 7 8 9 10 11 12; do cat a.txt >> big.txt; done && rm a.txt');
  await typeLine(page, 'wc -c big.txt');
  await waitOut(page, '6346728 big.txt', 60000);
  await page.waitForSelector('.tree-file:text("big.txt"), .tab:text("big.txt")');
  await saved(page);
  await page.reload();
  await ready(page);
  const size = await page.evaluate(() => window.dockersim.state.files['big.txt']?.length);
  assert.equal(size, 6346728, 'the 6.3 MB file was saved and restored');
  // Saving that fails (quota) is said, not swallowed.
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = function put() { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  await typeLine(page, 'echo after-quota');
  await waitOut(page, 'after-quota\n');
  await page.evaluate(() => window.dockersim.flush());
  await page.waitForSelector('#save-error:not([hidden])');
  assert.match(await page.textContent('#save-error'), /Autosave failed.*quota/i);
  await screenshot(page, 'state-save-failed-1440x900');
  assert.deepEqual(errors, []);
  await context.close();
});

test('finding 10: two tabs on one workspace do not overwrite each other', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await ready(page);
  const second = await context.newPage();
  const errors2 = [];
  second.on('console', (m) => { if (m.type() === 'error') errors2.push(m.text()); });
  await second.goto(env.server.url);
  await ready(second);
  await second.waitForSelector('#readonly:not([hidden])');
  assert.match(await second.textContent('#readonly'), /(open in|changed in) another tab.*read-only/);
  assert.ok(await second.isDisabled('#term-in'));
  await screenshot(second, 'state-second-tab-readonly-1440x900');
  // The first tab keeps working and saving.
  await typeLine(page, 'echo first-tab');
  await waitOut(page, 'first-tab\n');
  await saved(page);
  assert.ok(await page.isHidden('#readonly'));
  assert.ok(await page.isHidden('#save-error'));
  assert.deepEqual([...errors, ...errors2], []);
  await context.close();
});

test('finding 10: a saved history with a command that crashes the engine stops there and keeps the rest', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
  // Fault injection: the worker answers the line `crash-now` as a wasm trap.
  await context.route('**/assets/worker-*.js', async (route) => {
    const res = await route.fetch();
    const body = `${await res.text()}
const dsOrig = self.onmessage;
self.onmessage = (e) => {
  if (e.data.method === 'run' && e.data.args[0] === 'crash-now') self.postMessage({ id: e.data.id, ok: false, error: 'RuntimeError: unreachable' });
  else dsOrig(e);
};`;
    await route.fulfill({ response: res, body });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(env.server.url);
  await ready(page);
  await typeLine(page, 'echo one > one.txt');
  await typeLine(page, 'crash-now');
  await waitOut(page, 'the engine crashed on this line');
  await page.waitForSelector('body[data-engine="restarted"]');
  // Build a workspace whose history holds the crashing line (as an import would).
  await page.evaluate(() => {
    window.dockersim.state.history.push('crash-now', 'echo never');
    return window.dockersim.flush();
  });
  await page.reload();
  await ready(page);
  assert.match(await page.textContent('#term-out'), /replaying the saved commands stopped .*crash-now/);
  const files = await page.evaluate(() => Object.keys(window.dockersim.state.files));
  assert.ok(files.includes('one.txt') && files.includes('Dockerfile'), `files: ${files}`);
  const history = await page.evaluate(() => window.dockersim.state.history);
  assert.deepEqual(history, ['echo one > one.txt']);
  await typeLine(page, 'cat one.txt');
  await waitOut(page, 'one\n');
  await screenshot(page, 'state-crash-replay-1440x900');
  assert.deepEqual(errors, []);
  await context.close();
});

test('finding 10: a start-up failure shows the recovery screen (export, reset)', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.route('**/*.wasm', (route) => route.abort());
  const page = await context.newPage();
  await page.goto(env.server.url);
  await page.waitForSelector('#recovery', { timeout: 40000 });
  assert.match(await page.textContent('#recovery'), /could not start/);
  const download = page.waitForEvent('download');
  await page.click('#recovery-export');
  const file = await download;
  assert.equal(file.suggestedFilename(), 'dockersim-saved-state.json');
  assert.ok(await page.isVisible('#recovery-reset'));
  await screenshot(page, 'state-recovery-1440x900');
  await context.close();
});

test('the engine worker dies: the page says so, keeps the files, replays the workspace', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await ready(page);
  await page.click('.tab:text("server.js")');
  await page.fill('#editor', "require('express')().listen(3000); // kept\n");
  await typeLine(page, 'docker build -q -t mine .');
  await page.waitForSelector('.image-card:has-text("mine")', { timeout: 20000 });
  await page.evaluate(() => window.dockersim.killEngine('killed by the test'));
  await page.waitForSelector('#engine-state:not([hidden])');
  assert.match(await page.textContent('#engine-state'), /engine stopped|restarted/i);
  await page.waitForSelector('body[data-engine="restarted"]', { timeout: 30000 });
  assert.match(await editorValue(page), /\/\/ kept/);
  await page.waitForSelector('.image-card:has-text("mine")', { timeout: 20000 });
  await typeLine(page, 'cat server.js');
  await waitOut(page, '// kept');
  await screenshot(page, 'state-engine-restarted-1440x900');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a saved workspace with file names "", "." and "/" still opens, without them', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await ready(page);
  await typeLine(page, 'echo kept > kept.txt');
  await page.waitForFunction(() => 'kept.txt' in window.dockersim.state.files);
  await page.evaluate(() => {
    Object.assign(window.dockersim.state.files, { '': 'empty', '.': 'dot', '/': 'slash', 'a//b': 'gap' });
    return window.dockersim.flush();
  });
  await page.reload();
  await ready(page);
  const files = await page.evaluate(() => Object.keys(window.dockersim.state.files).sort());
  assert.ok(files.includes('Dockerfile') && files.includes('kept.txt'), `files: ${files}`);
  assert.ok(!files.some((f) => ['', '.', '/', 'a//b'].includes(f)), `files: ${files}`);
  await typeLine(page, 'cat kept.txt');
  await waitOut(page, 'kept\n');
  assert.deepEqual(errors, []);
  await context.close();
});
