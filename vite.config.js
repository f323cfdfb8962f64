import { defineConfig } from 'vite';

// The page lives in www/; the wasm-bindgen output is generated into www/pkg/.
// Two pages: the full workspace (index.html) and a docs-like page embedding
// <docker-sim> twice (embed-demo.html, whose script is the embed build).
export default defineConfig({
  root: 'www',
  base: './',
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: { input: { main: 'www/index.html', embed: 'www/embed-demo.html' } },
  },
  // The engine runs in a module worker (www/src/engine/worker.js).
  worker: { format: 'es' },
  preview: { host: '127.0.0.1', strictPort: true },
});
