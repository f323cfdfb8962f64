// Accessibility (issue 19, finding 8): an axe-core audit of the page in
// English and Korean (WCAG 2.x A/AA rules; no serious or critical
// violations), and the keyboard paths: Esc then Tab leaves the editor (with
// a visible hint), Import and "Open lesson file…" are reachable, focus
// returns to Build after a build, Space on a layer does not scroll.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { useBrowser, openPage, screenshot, settled } from './harness.mjs';

const env = useBrowser();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

async function ready(page) {
  await page.waitForSelector('body[data-ready="true"]', { timeout: 40000 });
}

async function audit(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

for (const lang of ['en', 'ko']) {
  test(`axe-core: no serious or critical violations (${lang}), after a build, with a lesson open`, async () => {
    const { page, context, errors } = await openPage(env.browser, env.server.url);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await ready(page);
    if (lang === 'ko') await page.click('#lang');
    assert.deepEqual(await audit(page), []);
    await page.click('#build');
    await page.waitForFunction(() => /^(Built|빌드 완료) /.test(document.querySelector('#status').textContent), null, { timeout: 30000 });
    await page.selectOption('#lesson-pick', { index: 5 });
    await page.waitForSelector('.lesson-title');
    assert.deepEqual(await audit(page), []);
    if (lang === 'ko') {
      assert.match(await page.title(), /[가-힣]/, 'the document title is translated');
      assert.match(await page.getAttribute('#term-in', 'aria-label'), /[가-힣]/, 'aria-labels are translated');
    }
    await screenshot(page, `a11y-${lang}-1440x900`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('keyboard: Esc then Tab leaves the editor (hint shown); Import and Open lesson file are reachable; focus returns to Build; Space on a layer does not scroll', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await ready(page);
  assert.equal(await page.$$eval('h1', (h) => h.length), 1);
  await page.focus('#editor');
  assert.ok(await page.isVisible('#editor-hint'), 'the Esc-then-Tab hint shows while the editor has focus');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  assert.notEqual(await page.evaluate(() => document.activeElement?.id), 'editor');
  assert.equal(await page.evaluate(() => !!document.activeElement?.closest('.cm-editor')), false, 'focus left the editor');
  // Import and Open lesson file… are buttons in the tab order.
  for (const id of ['import-button', 'open-lesson']) {
    const tabbable = await page.$eval(`#${id}`, (b) => b.tagName === 'BUTTON' && b.tabIndex >= 0 && !b.disabled);
    assert.ok(tabbable, id);
  }
  await page.focus('#build');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /^Built /.test(document.querySelector('#status').textContent), null, { timeout: 30000 });
  await settled(page);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'build', 'focus stays on Build');
  // A redraw of the images (a state refresh) gives focus back to the same layer.
  await page.locator('.image-card.fresh .layer').first().focus();
  await page.evaluate(() => window.dockersim.refresh());
  assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('layer')), 'a redraw keeps focus on the layer');
  await page.evaluate(() => window.addEventListener('keydown', (e) => { if (e.key === ' ') window.__spaceDefault = e.defaultPrevented; }));
  await page.keyboard.press('Space');
  await page.waitForSelector('#layer-detail:not([hidden])');
  // The page's own scroll for Space is cancelled (the detail box is brought into view instead).
  assert.equal(await page.evaluate(() => window.__spaceDefault), true, 'Space opened the layer without scrolling the page');
  assert.deepEqual(errors, []);
  await context.close();
});

test('reduced motion: no animations run', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await ready(page);
  await page.click('#build');
  await page.waitForFunction(() => /^Built /.test(document.querySelector('#status').textContent), null, { timeout: 30000 });
  const animated = await page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length);
  assert.equal(animated, 0);
  assert.deepEqual(errors, []);
  await context.close();
});
