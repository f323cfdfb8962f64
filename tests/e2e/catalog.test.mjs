// The image catalog is data (issue 16, "Judged by: The page"): the wasm holds
// only its index; the first line that needs a family (a pull, a run, a FROM)
// makes the engine worker fetch catalog/<family>.json once, load it and run
// the line again. Nothing is fetched before that, nothing twice.
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

test('families not compiled in load on first use: docker pull redis:7, docker run hello-world, FROM mysql:8.0', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  // Every catalog request, the worker's included, with its size on the wire.
  const fetched = [];
  context.on('requestfinished', async (request) => {
    const url = new URL(request.url());
    if (!url.pathname.includes('/catalog/')) return;
    const sizes = await request.sizes().catch(() => null);
    fetched.push({ path: url.pathname, wire: sizes ? sizes.responseBodySize + sizes.responseHeadersSize : null });
  });
  await ready(page);
  assert.deepEqual(await page.evaluate(() => window.dockersim.catalogFetched()), [], 'nothing fetched at start');

  await typeLine(page, 'docker pull redis:7');
  await typeLine(page, 'docker pull redis:7');
  await typeLine(page, 'docker run --rm hello-world');
  await settled(page);
  const out = await page.textContent('#term-out');
  assert.match(out, /^Status: Downloaded newer image for redis:7$/m);
  assert.match(out, /^Status: Image is up to date for redis:7$/m);
  assert.match(out, /^Hello from Docker!$/m);
  assert.doesNotMatch(out, /dockersim: could not load/);
  await page.waitForSelector('.image-card:has-text("redis:7")');

  // A FROM in a build: mysql's family, and the base image's family it comes from.
  await typeLine(page, "printf 'FROM mysql:8.0\\nENV MYSQL_ALLOW_EMPTY_PASSWORD=1\\n' > Dockerfile.db");
  await typeLine(page, 'docker build -f Dockerfile.db -t db .');
  await page.waitForFunction(() => /^Built /.test(document.querySelector('#status').textContent), null, { timeout: 60000 });
  await typeLine(page, 'docker images --format "{{.Repository}}:{{.Tag}} {{.Size}}"');
  await settled(page);
  const images = await page.textContent('#term-out');
  assert.match(images, /^redis:7 117MB$/m);
  assert.match(images, /^hello-world:latest 13\.3kB$/m);
  assert.match(images, /^db:latest 600MB$/m);

  const loads = await page.evaluate(() => window.dockersim.catalogFetched());
  const names = loads.map((l) => l.name);
  assert.deepEqual([...names].sort(), ['hello-world', 'mysql', 'oraclelinux', 'redis'], `loaded: ${names}`);
  const paths = fetched.map((f) => f.path).sort();
  assert.deepEqual(paths, ['/catalog/hello-world.json', '/catalog/mysql.json', '/catalog/oraclelinux.json', '/catalog/redis.json'], 'one fetch per family');
  const text = loads.reduce((a, l) => a + l.bytes, 0);
  const wire = fetched.reduce((a, f) => a + (f.wire ?? 0), 0);
  console.log(`catalog fetched: ${loads.map((l) => `${l.name} ${l.bytes} B`).join(', ')}; ${text} B of JSON, ${wire} B on the wire`);
  await screenshot(page, 'catalog-families-1440x900');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a reload replays the history with the families fetched again by the new worker', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await ready(page);
  await typeLine(page, 'docker pull redis:7');
  await settled(page);
  await page.evaluate(() => window.dockersim.flush());
  await page.reload();
  await ready(page);
  assert.deepEqual(await page.evaluate(() => window.dockersim.catalogFetched().map((l) => l.name)), ['redis']);
  await page.waitForSelector('.image-card:has-text("redis:7")');
  assert.deepEqual(errors, []);
  await context.close();
});

test('git clone of a repository the simulation has as data fetches it once (catalog/repo-….json)', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await ready(page);
  await typeLine(page, 'cd ~');
  await typeLine(page, 'git clone https://github.com/docker/getting-started-app.git');
  await typeLine(page, 'cd getting-started-app && ls');
  await settled(page);
  const out = await page.textContent('#term-out');
  assert.match(out, /^Cloning into 'getting-started-app'\.\.\.$/m);
  assert.match(out, /^README\.md  package\.json  spec  src  yarn\.lock$/m);
  assert.deepEqual(await page.evaluate(() => window.dockersim.catalogFetched().map((l) => l.name)), ['repo-docker-getting-started-app']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('npm create vite fetches its template (catalog/repo-npm-….json) on first use, and the project builds', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await ready(page);
  await typeLine(page, 'cd ~ && sudo apt-get install -y nodejs npm > /dev/null');
  await typeLine(page, 'npm create vite@latest web -- --template react');
  await typeLine(page, 'cd web && npm install > /dev/null && npm run build');
  await settled(page);
  const out = await page.textContent('#term-out');
  assert.match(out, /^Done\. Now run:$/m);
  assert.match(out, /^dist\/index\.html +0\.46 kB │ gzip: +0\.\d\d kB$/m);
  assert.match(out, /^✓ built in /m);
  const names = await page.evaluate(() => window.dockersim.catalogFetched().map((l) => l.name));
  assert.equal(names.filter((n) => n === 'repo-npm-create-vite-template-react').length, 1, names.join(' '));
  assert.deepEqual(errors, []);
  await context.close();
});

test('docker search reads its index (catalog/search.json) on first use, once', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await ready(page);
  await typeLine(page, 'docker search nginx --limit 3');
  await typeLine(page, 'docker search redis --limit 1');
  await settled(page);
  const out = await page.textContent('#term-out');
  assert.match(out, /^NAME {12}DESCRIPTION {37}STARS {5}OFFICIAL$/m);
  assert.match(out, /^nginx {11}Official build of Nginx\. +\d+ +\[OK\]$/m);
  assert.match(out, /^redis +\S.*\[OK\]$/m);
  assert.deepEqual(await page.evaluate(() => window.dockersim.catalogFetched().map((l) => l.name)), ['search']);
  assert.deepEqual(errors, []);
  await context.close();
});
