import { defineConfig } from 'vite';

// The page lives in www/; the wasm-bindgen output is generated into www/pkg/.
export default defineConfig({
  root: 'www',
  base: './',
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2022' },
  preview: { host: '127.0.0.1', strictPort: true },
});
