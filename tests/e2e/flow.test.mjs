// Lesson flow and the build view while it plays (issue 19, findings 3 and 4,
// the page-side parts): the build tag follows the lesson, deep links, layers
// appear as their steps complete, the play button shows its state, a failed
// build is never "Ready", dangling images collapse under the new one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, screenshot, settled } from './harness.mjs';

const env = useBrowser();

async function ready(page) {
  await page.waitForSelector('body[data-ready="true"]', { timeout: 40000 });
}

async function typeLine(page, line) {
  await page.fill('#term-in', line);
  await page.press('#term-in', 'Enter');
}

test('a deep link opens a bundled lesson and the Build button uses its tag', async () => {
  const { page, context, errors } = await openPage(env.browser, `${env.server.url}?lesson=13-multi-stage`);
  await ready(page);
  await page.waitForSelector('.lesson-title');
  assert.equal(await page.inputValue('#tag'), 'site');
  await page.selectOption('#lesson-pick', { label: 'Fix the cache-busting order' });
  await page.waitForSelector('body[data-workspace="lesson:05-cache-friendly-order"]');
  assert.equal(await page.inputValue('#tag'), 'app');
  // "Solution" shows the real change as a diff (the lesson moves RUN npm
  // install above COPY . /app), then the commands.
  await page.click('button:text("Solution")');
  const solution = await page.textContent('.lesson-solution');
  assert.match(solution, /^--- Dockerfile\n\+\+\+ Dockerfile$/m);
  const diff = solution.split('\n').slice(2, solution.split('\n').indexOf(''));
  assert.equal(diff.filter((l) => /^[+-]/.test(l)).length, 2, `one line moved: ${diff.join('|')}`);
  const side = (keep) => `${diff.filter((l) => l[0] === ' ' || l[0] === keep).map((l) => l.slice(1)).join('\n')}\n`;
  const lesson = await page.evaluate(() => fetch('lessons/05-cache-friendly-order.json').then((r) => r.json()));
  assert.equal(side('-'), lesson.setup.files.Dockerfile, 'the diff\'s old side is the lesson\'s starting Dockerfile');
  assert.equal(side('+'), lesson.solution.files.Dockerfile, 'its new side is the solution');
  assert.match(solution, /^\$ docker build/m);
  assert.doesNotMatch(solution, /# edit/);
  const options = await page.$$eval('#lesson-pick option', (os) => os.map((o) => o.textContent));
  assert.equal(options.filter((o) => /multi-stage|Multi-stage/i.test(o)).length, 1, 'a lesson is listed once');
  assert.deepEqual(errors, []);
  await context.close();
});

test('layers appear as their steps complete; play/pause shows its state; dangling images collapse', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await ready(page);
  await page.selectOption('#speed', '0.5');
  await page.click('#build');
  await page.waitForSelector('#steps .step.done, #steps .step.cached');
  assert.equal(await page.textContent('#play'), 'Pause');
  assert.equal(await page.getAttribute('#play', 'aria-pressed'), 'true');
  await page.click('#play');
  assert.equal(await page.textContent('#play'), 'Play');
  assert.equal(await page.getAttribute('#play', 'aria-pressed'), 'false');
  const partial = await page.$$eval('.image-card.fresh .layer', (l) => l.length);
  const stepsDone = await page.$$eval('#steps .step.done .digest, #steps .step.cached .digest', (l) => l.length);
  await screenshot(page, 'flow-build-paused-1440x900');
  await page.click('#play');
  await page.waitForFunction(() => /^Built /.test(document.querySelector('#status').textContent), null, { timeout: 60000 });
  const full = await page.$$eval('.image-card.fresh .layer', (l) => l.length);
  assert.ok(partial < full, `layers while paused: ${partial}, after: ${full} (steps with layers shown: ${stepsDone})`);
  // A second build of changed source leaves the first image dangling, collapsed.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await typeLine(page, "echo '// v2' >> server.js");
  await page.click('#build');
  await page.waitForFunction(() => /^Built /.test(document.querySelector('#status').textContent) && document.querySelector('.dangling'), null, { timeout: 60000 });
  assert.match(await page.textContent('.dangling-summary'), /^1 dangling images/);
  assert.equal(await page.$$eval('#images > .image-card', (c) => c.filter((x) => x.querySelector('.image-name').textContent === '<none>:<none>').length), 0);
  await screenshot(page, 'flow-dangling-1440x900');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a failed build says so, never "Ready"', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await ready(page);
  await page.click('.tab:text("Dockerfile")');
  await page.fill('#editor', 'FROM alpine:3.19\nCOPY missing.txt /\n');
  await page.click('#build');
  await page.waitForFunction(() => document.querySelector('#status').textContent === 'Build failed', null, { timeout: 30000 });
  await settled(page);
  assert.equal(await page.textContent('#status'), 'Build failed');
  assert.ok(await page.isVisible('#error'));
  // Failing before building (no Dockerfile there) is a failure too, after a
  // build that worked as well as after one that failed.
  await page.fill('#editor', 'FROM alpine:3.19\n');
  await page.click('#build');
  await page.waitForFunction(() => /^Built /.test(document.querySelector('#status').textContent), null, { timeout: 30000 });
  await typeLine(page, 'rm Dockerfile');
  await page.click('#build');
  await page.waitForFunction(() => document.querySelector('#status').textContent === 'Build failed', null, { timeout: 30000 });
  await settled(page);
  assert.equal(await page.textContent('#status'), 'Build failed');
  assert.match(await page.textContent('#error'), /failed to read dockerfile/);
  assert.deepEqual(errors, []);
  await context.close();
});
