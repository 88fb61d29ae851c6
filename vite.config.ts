import { defineConfig } from 'vite';

/**
 * Builds the browser bundle served to county sites: `nazar.js` (the loader) and one lazily loaded
 * chunk per element, plus the shared chunks (lit, the client). Fully minified: vite's lib mode
 * keeps whitespace unless rolldown's output minify is on (toolchain.md §6).
 */
export default defineConfig({
  root: 'packages/elements',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    modulePreload: false,
    reportCompressedSize: false,
    lib: { entry: { nazar: 'src/loader.ts' }, formats: ['es'] },
    rolldownOptions: {
      output: {
        minify: true,
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
