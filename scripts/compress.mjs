// Writes precompressed copies next to every compressible file in dist/:
// NAME.gz (gzip -9) and NAME.br (brotli, quality 11), for scripts/serve.mjs
// and for static hosts that serve precompressed files. A copy is kept only
// when it is smaller than the file. Run after `vite build` (make page does).
import { readdir, readFile, writeFile, stat } from 'node:fs/promises';
import { join, extname } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const DIST = new URL('../dist/', import.meta.url).pathname;
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.txt', '.map']);

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

let raw = 0;
let gz = 0;
let br = 0;
for await (const path of files(DIST)) {
  if (!COMPRESSIBLE.has(extname(path))) continue;
  const body = await readFile(path);
  if (body.length < 512) continue;
  const g = gzipSync(body, { level: 9 });
  const b = brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      [constants.BROTLI_PARAM_MODE]: extname(path) === '.wasm' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
    },
  });
  raw += body.length;
  if (g.length < body.length) { await writeFile(`${path}.gz`, g); gz += g.length; } else gz += body.length;
  if (b.length < body.length) { await writeFile(`${path}.br`, b); br += b.length; } else br += body.length;
}
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log(`dist/ precompressed: ${kb(raw)} raw, ${kb(gz)} gzip, ${kb(br)} brotli`);
void stat;
