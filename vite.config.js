import { defineConfig } from 'vite';
import { readdirSync, readFileSync } from 'node:fs';

// The page lives in www/; the wasm-bindgen output is generated into www/pkg/.
// Two pages: the full workspace (index.html) and a docs-like page embedding
// <docker-sim> twice (embed-demo.html). The embed's script is also built as
// one stable, un-hashed entry, dist/docker-sim.js, for other sites to include
// with a single script tag (its chunks, worker and wasm load from its origin).
// The bundled lessons are copied to dist/lessons/ as static files.
const lessonFiles = () => ({
  name: 'dockersim-lessons',
  generateBundle() {
    for (const name of readdirSync('lessons').filter((n) => n.endsWith('.json')).sort()) {
      this.emitFile({ type: 'asset', fileName: `lessons/${name}`, source: readFileSync(`lessons/${name}`) });
    }
  },
});

export default defineConfig({
  root: 'www',
  base: './',
  plugins: [lessonFiles()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: { main: 'www/index.html', embed: 'www/embed-demo.html', 'docker-sim': 'www/src/embed.js' },
      // The library entry keeps its entry's exports alive for the element's side effects.
      preserveEntrySignatures: 'allow-extension',
      output: {
        entryFileNames: (chunk) => (chunk.name === 'docker-sim' ? 'docker-sim.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  // The engine runs in a module worker (www/src/engine/worker.js).
  worker: { format: 'es' },
  preview: { host: '127.0.0.1', strictPort: true },
});
