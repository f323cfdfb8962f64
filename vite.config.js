import { defineConfig } from 'vite';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

// The page lives in www/; the wasm-bindgen output is generated into www/pkg/.
// Two pages: the full workspace (index.html) and a docs-like page embedding
// <docker-sim> twice (embed-demo.html). For other sites the embed has one
// stable, un-hashed URL, dist/docker-sim.js: a few-line loader (classic or
// module script, any origin) that imports the hashed element entry from its
// own origin; the element's chunks, worker and wasm follow from there.
// The bundled lessons are copied to dist/lessons/ as static files.
const lessonFiles = () => ({
  name: 'dockersim-lessons',
  generateBundle() {
    for (const name of readdirSync('lessons').filter((n) => n.endsWith('.json')).sort()) {
      this.emitFile({ type: 'asset', fileName: `lessons/${name}`, source: readFileSync(`lessons/${name}`) });
    }
  },
});

// The image catalog is data (docs/images.md): catalog/<family>.json, fetched
// by the engine worker the first time a line needs that family. Served at
// /catalog/ by the dev server, copied to dist/catalog/ by the build.
const catalogFiles = () => ({
  name: 'dockersim-catalog',
  configureServer(server) {
    server.middlewares.use('/catalog/', (req, res) => {
      const name = decodeURIComponent(new URL(req.url, 'http://x').pathname.slice(1));
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]*\.json$/.test(name) || !existsSync(`catalog/${name}`)) {
        res.statusCode = 404;
        res.end('not found');
        return;
      }
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(readFileSync(`catalog/${name}`));
    });
  },
  generateBundle() {
    for (const name of readdirSync('catalog').filter((n) => n.endsWith('.json') && n !== 'index.json').sort()) {
      this.emitFile({ type: 'asset', fileName: `catalog/${name}`, source: readFileSync(`catalog/${name}`) });
    }
  },
});

const embedLoader = () => ({
  name: 'dockersim-embed-loader',
  generateBundle(_, bundle) {
    const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'docker-sim');
    const source = `// <docker-sim> loader: include with <script src=".../docker-sim.js"></script> (classic or type="module").
(() => {
  const self = document.currentScript?.src || [...document.scripts].map((s) => s.src).find((s) => /\\/docker-sim\\.js(\\?|#|$)/.test(s)) || location.href;
  import(new URL(${JSON.stringify(entry.fileName)}, self).href).catch((err) => console.error('docker-sim: could not load', err));
})();
`;
    this.emitFile({ type: 'asset', fileName: 'docker-sim.js', source });
  },
});

export default defineConfig({
  root: 'www',
  base: './',
  plugins: [lessonFiles(), catalogFiles(), embedLoader()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: { main: 'www/index.html', embed: 'www/embed-demo.html', 'docker-sim': 'www/src/embed.js' },
      // The library entry keeps its entry's exports alive for the element's side effects.
      preserveEntrySignatures: 'allow-extension',
    },
  },
  // The engine runs in a module worker (www/src/engine/worker.js).
  worker: { format: 'es' },
  preview: { host: '127.0.0.1', strictPort: true },
});
