// A lesson in progress: picked from the track, goals ticked live as the
// learner works, in English and in Korean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, editorValue, openPage, screenshot } from './harness.mjs';

const env = useBrowser();

// The terminal scrolls the page when it takes focus; shots show the lesson.
async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

async function typeLine(page, line) {
  await page.fill('#term-in', line);
  await page.press('#term-in', 'Enter');
}

test('lesson 05: goals tick live, completion within par is noted, English and Korean', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.waitForSelector('body[data-ready="true"]');
  const options = await page.$$eval('#lesson-pick option', (os) => os.map((o) => o.textContent));
  assert.ok(options.length >= 16, `lessons: ${options.length}`);
  await page.selectOption('#lesson-pick', { label: 'Fix the cache-busting order' });
  await page.waitForSelector('.goals .goal');
  assert.equal(await page.$$eval('.goal.met', (g) => g.length), 0);
  await page.click('.tab:text("Dockerfile")');
  assert.match(await editorValue(page), /COPY \. \/app\nRUN npm install/);
  await page.fill('#editor', 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json /app\nRUN npm install\nCOPY . /app\nEXPOSE 3000\nCMD ["node", "server.js"]\n');
  await typeLine(page, 'docker build -t app .');
  await typeLine(page, "echo '// v2' >> server.js");
  await shot(page, 'lesson-in-progress-en');
  await page.click('#lang');
  assert.equal(await page.textContent('.lesson-title'), '캐시를 깨는 순서 고치기');
  await shot(page, 'lesson-in-progress-ko');
  await page.click('#lang');
  await typeLine(page, 'docker build -t app .');
  await page.waitForFunction(() => document.querySelectorAll('.goal.met').length === 2, null, { timeout: 20000 });
  assert.match(await page.textContent('.lesson-done'), /within par/);
  // The completion dialog offers the next lesson.
  await page.waitForSelector('dialog.lesson-complete[open]');
  assert.match(await page.textContent('#next-lesson'), /^Next lesson: /);
  await shot(page, 'lesson-complete-dialog-en');
  await page.keyboard.press('Escape');
  await page.waitForSelector('dialog.lesson-complete', { state: 'detached' });
  await shot(page, 'lesson-done-en');
  await page.click('#lang');
  assert.equal(await page.textContent('.lesson-title'), '캐시를 깨는 순서 고치기');
  assert.ok(await page.isVisible('.lesson-done'), 'the completion line survives the language switch');
  await shot(page, 'lesson-done-ko');
  assert.deepEqual(errors, []);
  await context.close();
});
