// What a terminal line did, as the page shows it (issue 14, "Judged by: The
// page"): the page reads the engine's typed effects, never the command text.
// A build that fails before building shows that failure (not the previous
// build); `cd app && docker build .` and a build inside a script animate;
// `clear` clears.
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

const status = (page) => page.textContent('#status');

/** Waits for a build to have played to its end ("Built <id>", another id
 * than `before`'s: the status of the build before stays until the next one
 * starts); returns the id shown. */
async function built(page, before = null) {
  const handle = await page.waitForFunction((old) => {
    const m = /^Built ([0-9a-f]{12})$/.exec(document.querySelector('#status').textContent);
    return m && m[1] !== old ? m[1] : null;
  }, before, { timeout: 60000 });
  return handle.jsonValue();
}

/** The ID of image `ref` as `docker images -q` prints it (12 hex digits). */
async function imageId(page, ref) {
  const marker = `id-of-${ref.replace(/\W/g, '-')}`;
  await typeLine(page, `echo ${marker}=$(docker images -q ${ref})`);
  await settled(page);
  const m = new RegExp(`^${marker}=([0-9a-f]{12})$`, 'm').exec(await page.textContent('#term-out'));
  assert.ok(m, `no image ${ref}`);
  return m[1];
}

test('a build that fails before building shows that failure, not the previous build', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await ready(page);
  await page.click('#build');
  await built(page);
  assert.ok((await page.$$('#steps .step')).length > 0);
  assert.ok(await page.isHidden('#error'));

  // No Dockerfile: the Build button's line fails before building.
  await typeLine(page, 'mv Dockerfile Dockerfile.off');
  await settled(page);
  // The editor moved on to another file, and its tab is the one selected.
  const shown = await page.$eval('#file-tabs .tab[aria-current="true"]', (b) => b.title);
  assert.equal(await page.$eval('#editor', (e) => e.closest('.cm-editor').dsEditor.value), await page.evaluate((f) => window.dockersim.state.files[f], shown));
  await page.click('#build');
  await page.waitForFunction(() => document.querySelector('#status').textContent === 'Build failed', null, { timeout: 20000 });
  await settled(page);
  assert.equal(await page.$$eval('#steps .step', (s) => s.length), 0, 'the previous build\'s steps are gone');
  assert.ok(await page.isVisible('#error'));
  assert.equal(await page.textContent('#error'), 'ERROR: failed to build: failed to solve: failed to read dockerfile: open Dockerfile: no such file or directory');
  assert.equal(await status(page), 'Build failed');
  assert.ok(!(await page.isDisabled('#build')), 'Build can be pressed again');
  await screenshot(page, 'effects-failed-before-building-1440x900');

  // Typed in the terminal, with a flag the builder does not know: the same.
  await typeLine(page, 'mv Dockerfile.off Dockerfile');
  await typeLine(page, 'docker build -t app .');
  await built(page);
  await typeLine(page, 'docker build --bogus -t app .');
  await page.waitForFunction(() => document.querySelector('#status').textContent === 'Build failed', null, { timeout: 20000 });
  await settled(page);
  assert.equal(await page.textContent('#error'), 'ERROR: unknown flag: --bogus');
  assert.equal(await page.$$eval('#steps .step', (s) => s.length), 0);

  // A build that fails while building plays its steps up to the failure.
  await typeLine(page, "printf 'FROM alpine:3.19\\nRUN exit 3\\n' > Dockerfile.bad");
  await typeLine(page, 'docker build -f Dockerfile.bad .');
  await page.waitForSelector('#steps .step.failed', { timeout: 20000 });
  await page.waitForFunction(() => document.querySelector('#status').textContent === 'Build failed');
  assert.match(await page.textContent('#error'), /^Dockerfile\.bad:2\nERROR: failed to build: failed to solve: process "\/bin\/sh -c exit 3" did not complete successfully: exit code: 3$/);
  await screenshot(page, 'effects-failed-build-1440x900');
  assert.deepEqual(errors, []);
  await context.close();
});

test('`cd app && docker build .` and a build inside a script animate, each showing its own image', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await ready(page);
  assert.equal(await page.$$eval('#steps .step', (s) => s.length), 0);

  await typeLine(page, 'cd ..');
  await typeLine(page, 'cd app && docker build -t via-cd .');
  const first = await built(page);
  assert.equal(first, await imageId(page, 'via-cd'));
  assert.match(await page.textContent('#steps'), /RUN npm install/);
  assert.equal(await page.textContent('.image-card.fresh .image-name'), 'via-cd:latest');

  // A script that builds (from another directory, with another Dockerfile).
  await typeLine(page, 'cd ~');
  await typeLine(page, "printf 'FROM alpine:3.19\\nRUN echo scripted > /note\\n' > app/Dockerfile.script");
  await typeLine(page, "printf 'cd app\\necho building\\ndocker build -f Dockerfile.script -t from-script .\\n' > build.sh");
  await typeLine(page, 'sh build.sh');
  const second = await built(page, first);
  assert.notEqual(second, first);
  assert.equal(second, await imageId(page, 'from-script'));
  assert.match(await page.textContent('#steps'), /RUN echo scripted > \/note/);
  assert.doesNotMatch(await page.textContent('#steps'), /npm install/);
  assert.equal(await page.textContent('.image-card.fresh .image-name'), 'from-script:latest');

  // A loop of two builds: the view shows the last one.
  await typeLine(page, 'cd app');
  await typeLine(page, 'for t in loop-a loop-b; do docker build -q -t $t . >/dev/null; done');
  const third = await built(page, second);
  assert.equal(third, await imageId(page, 'loop-b'));
  await screenshot(page, 'effects-script-build-1440x900');
  assert.deepEqual(errors, []);
  await context.close();
});

test('`clear` clears the terminal (alone, and ahead of more output on its line)', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await ready(page);
  await typeLine(page, 'seq 1 30');
  await typeLine(page, 'docker images');
  await settled(page);
  assert.match(await page.textContent('#term-out'), /^30$/m);
  await typeLine(page, 'clear');
  await settled(page);
  assert.equal(await page.textContent('#term-out'), '');
  assert.equal(await page.textContent('#prompt'), 'learner@dockersim:~/app$ ');
  await typeLine(page, 'clear && echo fresh');
  await settled(page);
  assert.equal(await page.textContent('#term-out'), 'fresh\n');
  // What was cleared does not come back with a reload.
  await page.evaluate(() => window.dockersim.flush());
  await page.reload();
  await ready(page);
  assert.equal(await page.textContent('#term-out'), 'fresh\n');
  await screenshot(page, 'effects-terminal-after-clear-1440x900');
  assert.deepEqual(errors, []);
  await context.close();
});

test('`nano FILE` at the prompt opens the file in the page editor (new files too); outside ~/app it says so', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await ready(page);
  await typeLine(page, 'nano notes/todo.txt');
  await settled(page);
  await page.waitForFunction(() => document.querySelector('#file-tabs .tab[aria-current="true"]')?.title === 'notes/todo.txt', null, { timeout: 10000 });
  // The editor has the cursor: typing goes into the file, and the terminal sees it.
  assert.ok(await page.evaluate(() => document.activeElement?.closest('.cm-editor') !== null));
  await page.keyboard.type('buy milk');
  await page.waitForFunction(() => window.dockersim.state.files['notes/todo.txt'] === 'buy milk', null, { timeout: 10000 });
  await page.waitForTimeout(500);
  await page.focus('#term-in');
  await typeLine(page, 'cat notes/todo.txt; echo');
  await page.waitForFunction(() => /^buy milk$/m.test(document.querySelector('#term-out').textContent), null, { timeout: 10000 });
  await typeLine(page, 'vim /etc/hostname');
  await settled(page);
  assert.match(await page.textContent('#term-out'), /dockersim: vim: the page's editor shows the files under ~\/app; \/etc\/hostname was not opened/);
  await screenshot(page, 'effects-nano-opens-editor-1440x900');
  assert.deepEqual(errors, []);
  await context.close();
});
