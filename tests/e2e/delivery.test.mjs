// Delivery (issue 19, finding 9): what scripts/serve.mjs (make serve) sends —
// brotli/gzip precompressed assets, long-cache headers for hashed files,
// CORS and CORP for the embed, application/wasm, 404 for missing lessons.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { startServer } from './harness.mjs';

test('the wasm is served precompressed (br, gz), cached for a year, as application/wasm', async () => {
  const server = await startServer();
  try {
    const assets = await readdir(new URL('../../dist/assets/', import.meta.url));
    const wasm = assets.find((n) => n.endsWith('.wasm'));
    assert.ok(assets.includes(`${wasm}.br`) && assets.includes(`${wasm}.gz`), 'compress.mjs wrote .br and .gz');
    const url = `${server.url}assets/${wasm}`;
    const br = await fetch(url, { headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.equal(br.headers.get('content-type'), 'application/wasm');
    assert.match(br.headers.get('cache-control'), /max-age=31536000, immutable/);
    assert.equal(br.headers.get('vary'), 'Accept-Encoding');
    const brBytes = Number(br.headers.get('content-length'));
    const gz = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gz.headers.get('content-encoding'), 'gzip');
    const plain = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.headers.get('content-encoding'), null);
    const rawBytes = Number(plain.headers.get('content-length'));
    assert.ok(brBytes < rawBytes / 2, `brotli ${brBytes} B vs raw ${rawBytes} B`);
    // fetch decodes: the body is the same wasm.
    assert.equal((await br.arrayBuffer()).byteLength, rawBytes);
    await gz.arrayBuffer();
    await plain.arrayBuffer();
  } finally {
    await server.close();
  }
});

test('the embed script is stable, un-hashed, revalidated and loadable from any origin', async () => {
  const server = await startServer();
  try {
    const res = await fetch(`${server.url}docker-sim.js`, { headers: { 'accept-encoding': 'br', origin: 'http://example.test' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    assert.match(res.headers.get('content-type'), /^text\/javascript/);
    await res.arrayBuffer();
    const lesson = await fetch(`${server.url}lessons/05-cache-friendly-order.json`);
    assert.equal(lesson.status, 200);
    assert.equal((await lesson.json()).id, '05-cache-friendly-order');
    const missing = await fetch(`${server.url}lessons/nope.json`);
    assert.equal(missing.status, 404);
    await missing.arrayBuffer();
  } finally {
    await server.close();
  }
});
