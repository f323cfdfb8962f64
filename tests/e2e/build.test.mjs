// The main page: build, edit, rebuild with the cache, terminal, languages,
// sharing, reload, and user text shown literally. Every test fails on any
// console error and saves screenshots at 1440×900 and 768×1024.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useBrowser, editorValue, openPage, screenshot, saved, settled } from './harness.mjs';

const env = useBrowser();

async function ready(page) {
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
}

async function buildAndWait(page) {
  await page.click('#build');
  await page.waitForFunction(() => /^(Built|빌드 완료) /.test(document.querySelector('#status').textContent), null, { timeout: 30000 });
}

async function stepBadge(page, text) {
  return page.$$eval('.step', (items, t) => items.filter((li) => li.textContent.includes(t)).map((li) => li.querySelector('.badge').textContent), text);
}

for (const [label, viewport] of [['1440x900', { width: 1440, height: 900 }], ['768x1024', { width: 768, height: 1024 }]]) {
  test(`build, edit a source file, rebuild with npm install CACHED (${label})`, async () => {
    const { page, context, errors } = await openPage(env.browser, env.server.url, viewport);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await ready(page);
    await buildAndWait(page);
    assert.match((await stepBadge(page, 'RUN npm install'))[0], /^DONE/);
    const digests = await page.$$eval('.image-card .layer .digest', (els) => els.map((e) => e.textContent));
    assert.ok(digests.length >= 5, `layers: ${digests}`);
    assert.ok(digests.every((d) => /^sha256:[0-9a-f]{12}/.test(d)));
    await screenshot(page, `build-${label}`);

    await page.click('.tab:text("server.js")');
    await page.fill('#editor', "const express = require('express');\nconst app = express();\napp.get('/', (req, res) => res.send('v2'));\napp.listen(3000);\n");
    await buildAndWait(page);
    assert.deepEqual(await stepBadge(page, 'RUN npm install'), ['CACHED']);
    assert.match((await stepBadge(page, 'COPY . .'))[0], /^DONE/);

    // The top layer of app:latest (COPY . .) shows what it added.
    await page.click('.image-card.fresh .layer >> nth=0');
    await page.waitForSelector('#layer-detail:not([hidden])');
    const changes = await page.$$eval('#layer-detail .change', (items) => items.map((li) => li.textContent));
    assert.ok(changes.some((c) => /^A\/app\/server\.js\d/.test(c)), `changes: ${changes}`);
    // ... and the merged filesystem at that layer, one folder at a time.
    await page.waitForSelector('#layer-detail .fs-tree .fs-entry');
    const top = await page.$$eval('#layer-detail .fs-tree > .fs-list > .fs-entry .fs-name', (els) => els.map((e) => e.textContent));
    assert.ok(top.includes('app/') && top.includes('etc/'), `root: ${top}`);
    await page.click('#layer-detail .fs-tree summary:has-text("app/")');
    await page.waitForSelector('#layer-detail .fs-tree .fs-name:text("server.js")');
    await screenshot(page, `rebuild-cached-${label}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('run a container with -p and curl it in the terminal', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await ready(page);
  await buildAndWait(page);
  for (const line of ['docker run -d --name web -p 8080:3000 app', 'curl localhost:8080', 'docker ps']) {
    await page.fill('#term-in', line);
    await page.press('#term-in', 'Enter');
  }
  // The engine answers from its worker: wait for the last command's output.
  await page.waitForFunction(() => document.querySelector('#term-out').textContent.includes('->3000/tcp'), null, { timeout: 10000 });
  const out = await page.textContent('#term-out');
  assert.match(out, /Hello from a container!/);
  assert.match(out, /0\.0\.0\.0:8080->3000\/tcp/);
  await page.waitForSelector('.rw-layer', { timeout: 5000 });
  // The container's read/write layer: what it changed, and its whole filesystem.
  await page.fill('#term-in', 'docker exec web sh -c "echo hi > /tmp/note"');
  await page.press('#term-in', 'Enter');
  await settled(page);
  await page.click('.rw-layer');
  await page.waitForSelector('#layer-detail .change');
  const changes = await page.$$eval('#layer-detail .change', (items) => items.map((li) => li.textContent));
  assert.ok(changes.some((c) => c.startsWith('A/tmp/note')), `changes: ${changes}`);
  await page.click('#layer-detail .fs-tree summary:has-text("tmp/")');
  await page.waitForSelector('#layer-detail .fs-tree .fs-name:text("note")');
  await screenshot(page, 'container-layer-1440x900');
  // docker system df as a picture: the base image shares its layers with app.
  await page.fill('#term-in', 'docker pull node:20-alpine');
  await page.press('#term-in', 'Enter');
  await page.waitForFunction(() => /^2 images: /.test(document.querySelector('#disk-usage .df-summary')?.textContent ?? ''), null, { timeout: 10000 });
  const summary = await page.textContent('#disk-usage .df-summary');
  assert.match(summary, /actually stored — shared layers save \d/);
  assert.ok(await page.$('#disk-usage .df-seg.shared'), 'shared layers are drawn');
  await page.$eval('#disk-usage', (el) => el.scrollIntoView());
  await screenshot(page, 'disk-usage-1440x900');
  await screenshot(page, 'terminal-1440x900');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a file deleted in a later layer is shown as still stored (wasted space)', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await ready(page);
  const lines = [
    'mkdir waste && cd waste',
    'seq 1 3000 > nums.txt',
    "printf 'FROM alpine\\nCOPY nums.txt /data/nums.txt\\nRUN rm /data/nums.txt\\n' > Dockerfile",
    'docker build -q -t wasteful .',
  ];
  for (const line of lines) {
    await page.fill('#term-in', line);
    await page.press('#term-in', 'Enter');
  }
  await page.waitForSelector('.image-card:has-text("wasteful")', { timeout: 15000 });
  // While the build plays, the image grows layer by layer: wait until it is built.
  await page.waitForFunction(() => /^Built /.test(document.querySelector('#status').textContent), null, { timeout: 30000 });
  // Layers are listed top first: RUN rm (deletes), then COPY (stores the bytes).
  await page.click('.image-card:has-text("wasteful") .layer >> nth=1');
  await page.waitForSelector('#layer-detail .hidden-files');
  const title = await page.textContent('#layer-detail .hidden-title');
  assert.match(title, /hidden by a later layer · 13\.\dkB/);
  const item = await page.textContent('#layer-detail .hidden-file');
  assert.match(item, /^\/data\/nums\.txt13\.\dkB · deleted in layer 3$/);
  await page.$eval('#layer-detail', (el) => el.scrollIntoView());
  await screenshot(page, 'hidden-files-1440x900');
  assert.deepEqual(errors, []);
  await context.close();
});

test('Korean UI, remembered', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await ready(page);
  await page.click('#lang');
  assert.equal(await page.textContent('#editor-title'), '빌드 컨텍스트');
  await page.reload();
  await ready(page);
  assert.equal(await page.textContent('#steps-title'), '빌드 단계');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await buildAndWait(page);
  // Cache decisions are explained in Korean too.
  await page.click('.tab:text("server.js")');
  await page.fill('#editor', "require('express')().listen(3000); // 한국어\n");
  await buildAndWait(page);
  const reasons = await page.$$eval('.step .reason', (els) => els.map((e) => e.textContent));
  assert.ok(reasons.includes('COPY . .: server.js 변경'), `reasons: ${reasons}`);
  assert.ok(reasons.some((r) => r.startsWith('지난 빌드 이후 그대로입니다')), `reasons: ${reasons}`);
  await screenshot(page, 'korean-1440x900');
  await page.setViewportSize({ width: 768, height: 1024 });
  await screenshot(page, 'korean-768x1024');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a share link opens the same workspace in a fresh context; reload keeps work', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await ready(page);
  await page.click('.tab:text("server.js")');
  await page.fill('#editor', 'console.log("shared work");\n');
  await saved(page);
  await page.reload();
  await ready(page);
  await page.click('.tab:text("server.js")');
  assert.equal(await editorValue(page), 'console.log("shared work");\n');
  await page.click('#share');
  await page.waitForSelector('#share[data-link]');
  const link = await page.getAttribute('#share', 'data-link');
  const other = await openPage(env.browser, link);
  await ready(other.page);
  await other.page.click('.tab:text("server.js")');
  assert.equal(await editorValue(other.page), 'console.log("shared work");\n');
  assert.deepEqual([...errors, ...other.errors], []);
  await other.context.close();
  await context.close();
});

test('file names and Dockerfiles full of HTML show literally and run nothing', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await ready(page);
  const xss = '<img src=x onerror=alert(1)>';
  const dialogs = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.type());
    if (d.type() === 'prompt') await d.accept(xss);
    else await d.dismiss();
  });
  await page.click('#add-file');
  await page.waitForSelector(`.tab:text("${xss}")`);
  await page.click('.tab:text("Dockerfile")');
  await page.fill('#editor', `FROM busybox\nRUN echo "<script>alert(2)</script>" > /x\nLABEL a="<b onmouseover=alert(3)>"\n`);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await buildAndWait(page);
  await page.fill('#term-in', `echo '${xss}'`);
  await page.press('#term-in', 'Enter');
  await page.waitForFunction((x) => document.querySelector('#term-out').textContent.includes(x), xss);
  assert.equal(await page.$$eval('img, script:not([type="module"])', (els) => els.length), 0);
  assert.deepEqual(dialogs, ['prompt'], 'no alert ran');
  await screenshot(page, 'xss-1440x900');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the Dockerfile editor underlines the core diagnostics, with the message on hover', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await page.click('.tab:text("Dockerfile")');
  await page.fill('#editor', 'FROM alpine:3.19\nRUNN echo hi\n');
  const mark = await page.waitForSelector('.cm-lintRange-error', { timeout: 5000 });
  assert.equal(await mark.textContent(), 'RUNN echo hi'.slice(0, (await mark.textContent()).length));
  await mark.hover();
  const tip = await page.waitForSelector('.cm-tooltip-lint', { timeout: 5000 });
  assert.match(await tip.textContent(), /unknown instruction: RUNN/i);
  assert.match(await page.textContent('#diagnostics'), /Dockerfile:2/);
  await screenshot(page, 'diagnostics-1440x900');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the build context is a tree: add a file in new folders, rename the folder, delete it', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await ready(page);
  const answers = ['src/lib/util.js', 'code'];
  page.on('dialog', async (d) => {
    if (d.type() === 'prompt') await d.accept(answers.shift());
    else await d.accept();
  });
  await page.click('#add-file');
  await page.waitForSelector('#file-tabs .tab:text("util.js")');
  const folders = await page.$$eval('#file-tabs summary', (els) => els.map((e) => e.textContent));
  assert.deepEqual(folders, ['src/', 'lib/']);
  await page.fill('#editor', 'module.exports = 1;\n');
  // The terminal sees the same tree.
  await page.fill('#term-in', 'cat src/lib/util.js');
  await page.press('#term-in', 'Enter');
  await page.waitForFunction(() => document.querySelector('#term-out').textContent.includes('module.exports = 1;'));
  // Rename the folder from the keyboard: focus it, then the Rename button.
  await page.focus('#file-tabs summary:text("src/")');
  await page.keyboard.press('Enter');
  await page.click('#file-tabs summary:text("src/")');
  await page.click('#rename-file');
  await page.waitForSelector('#file-tabs summary:text("code/")');
  await page.fill('#term-in', 'ls code/lib; ls src');
  await page.press('#term-in', 'Enter');
  await page.waitForFunction(() => /util\.js\n.*ls: cannot access 'src'/s.test(document.querySelector('#term-out').textContent));
  await screenshot(page, 'file-tree-1440x900');
  await page.click('#file-tabs summary:text("code/")');
  await page.click('#delete-file');
  await page.waitForFunction(() => !document.querySelector('#file-tabs').textContent.includes('code/'));
  assert.deepEqual(await page.$$eval('#file-tabs .tab', (els) => els.map((e) => e.textContent)), ['Dockerfile', 'package.json', 'server.js']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the first build of the example gives the same image ID as dockersim shell', async () => {
  // tests/shell_cli.rs checks the native binary gives the recorded ID for the
  // same lines the page runs (mkdir -p and cd into ~/app, then the build).
  const recorded = readFileSync(new URL('./page-build-id.txt', import.meta.url), 'utf8').trim();
  const { page, context, errors } = await openPage(env.browser, env.server.url, { width: 1440, height: 900 });
  await ready(page);
  await buildAndWait(page);
  assert.equal(await page.textContent('#status'), `Built ${recorded.slice(7, 19)}`);
  assert.deepEqual(errors, []);
  await context.close();
});
