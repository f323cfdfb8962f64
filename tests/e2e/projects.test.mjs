// Issue 18, "In the page": the containers of one Compose project are drawn
// together with their network and volumes; each container's read/write
// layer is still on its image in the images view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openPage, screenshot, settled, typeLine } from './harness.mjs';

const env = useBrowser();

test('a Compose project is drawn with its network, services and volumes', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.waitForSelector('body[data-ready="true"]', { timeout: 40000 });
  assert.ok(await page.isHidden('#projects'), 'no project, no panel');
  for (const line of [
    'mkdir todo && cd todo',
    'cat > compose.yaml <<EOF',
    'services:',
    '  web:',
    '    image: nginx:1.27',
    '    ports: ["8080:80"]',
    '  db:',
    '    image: redis:7',
    '    volumes: [todo-data:/data]',
    'volumes:',
    '  todo-data:',
    'EOF',
    'docker compose up -d',
  ]) {
    await typeLine(page, line);
  }
  await settled(page);
  await page.waitForSelector('#projects .project-card', { timeout: 20000 });
  const card = page.locator('#projects .project-card');
  assert.equal(await card.count(), 1);
  assert.equal(await card.locator('.project-name').textContent(), 'todo');
  assert.deepEqual(await card.locator('.network-chip').allTextContents(), ['todo_default']);
  assert.deepEqual(await card.locator('.service-name').allTextContents(), ['db', 'web']);
  assert.deepEqual(await card.locator('.service-container').allTextContents(), ['todo-db-1', 'todo-web-1']);
  assert.match(await card.locator('.project-volume').first().textContent(), /todo_todo-data→ db:\/data/);
  // The containers' read/write layers are still drawn on their images.
  assert.equal(await page.locator('#images .rw-layer').count(), 2);
  await screenshot(page, 'compose-project');

  // A stopped service shows as exited; `down` takes the project away.
  await typeLine(page, 'docker compose stop db');
  await settled(page);
  await page.waitForSelector('#projects .project-service.exited');
  await typeLine(page, 'docker compose down');
  await settled(page);
  await page.waitForFunction(() => document.querySelector('#projects').hidden);
  assert.deepEqual(errors, []);
  await context.close();
});
